/**
 * Dataset review page: one record at a time (prompt, thought with self-correction words
 * marked, answer as Markdown with math, ground truth beside the extracted answer, the
 * dataset's own columns beside our verdict, findings and reward breakdown), a sticky
 * decision bar, decisions by keyboard, folding filters and bulk actions, a list of the
 * filtered records to click through, guidelines in a side drawer, export.
 * Dataset text only ever enters the DOM as text nodes or through the sanitising renderers,
 * which show HTML tags as literal text.
 */
import '../common/base.css';
import 'katex/dist/katex.min.css';
import './review.css';
import { onMessage, post, saveState, startState } from '../common/api';
import { formatNodes, h, replaceChildren } from '../common/dom';
import { renderMarkdown } from '../common/markdown';
import { renderTrace } from '../common/traceView';
import { renderRich } from './math';
import { answerSource } from './mathText';
import { MESSAGES } from '../../src/core/messages';
import { messageNodes, shortenNodes } from '../common/messageNodes';
import { emptyRow, filterRows, reviewProgress, type ReviewRow, type RowFilter, type SortKey } from '../../src/core/review/rows';
import type { FindingView, InferredFieldNote, RecordView, ReviewFilterRequest, ReviewFromPage, ReviewPageState, ReviewToPage, TraceView } from '../../src/core/review/protocol';
import type { Decision } from '../../src/core/review/sidecar';
import { VERDICTS, type Verdict } from '../../src/core/answer/verdict';
import { REWARD_NAMES, type Severity } from '../../src/core/types';
import { format, pageLocale } from '../common/locale';
import { REVIEW_STRINGS } from './strings';
import { rewardName } from '../common/strings';

/** The labels in the page's language (`<html lang>`, from VS Code's display language). */
const LOCALE = pageLocale();
/** Between a label (a severity, a rule id) and the text it precedes: the full-width colon in Chinese. */
const COLON = LOCALE === 'zh-cn' ? '：' : ': ';
const S = REVIEW_STRINGS[LOCALE];
/** Data shown as it is (ids, labels, field names, values): marked so that translation tools, and the pseudo-locale test, leave it alone. */
const data = (text: string, className?: string) => h('span', { translate: 'no', ...(className ? { className } : {}) }, text);
const VERDICT_TEXT: Record<Verdict, string> = {
  correct: S.verdictCorrect,
  'unboxed-correct': S.verdictUnboxedCorrect,
  'unboxed-incorrect': S.verdictUnboxedIncorrect,
  incorrect: S.verdictIncorrect,
  'no-answer': S.verdictNoAnswer,
  unjudged: S.verdictUnjudged,
};
const DECIDED: Record<Decision, string> = { accept: S.decidedAccept, reject: S.decidedReject, skip: S.decidedSkip };
const SEVERITY: Record<Severity, string> = { error: S.severityError, warning: S.severityWarning, info: S.severityInfo };

const send = (message: ReviewFromPage) => post(message);

interface Model {
  file: string;
  total: number;
  labels: string[];
  rules: string[];
  sidecar: string;
  reviewer: string;
  rows: ReviewRow[];
  list: number[];
  current: number;
  view?: RecordView;
  searchHits?: Set<number>;
  searchQuery: string;
  /**
   * After a filter change: go to the first match as soon as there is one, when the record
   * shown is not one (`true`), or in any case (`start`: a filter sent from the summary).
   */
  seekFirst: boolean | 'start';
  undoCount: number;
  /** The page has asked for a record since init. */
  asked: boolean;
}

const saved = startState<ReviewPageState>({});
let datasetPath = saved.path;
const openParts: Record<string, boolean> = { controls: true, list: false, ...(saved.open ?? {}) };
const model: Model = { file: '', total: 0, labels: [], rules: [], sidecar: '', reviewer: '', rows: [], list: [], current: saved.position ?? 0, searchQuery: '', seekFirst: false, undoCount: 0, asked: false };

// ---------------------------------------------------------------------------------------
// Static layout

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
const title = h('h1', { id: 'title' }, S.heading);
const progressBar = h('progress', { id: 'progress-bar', max: 1, value: 0, 'aria-label': S.readingLabel });
const progressText = h('span', { id: 'progress-text', className: 'muted' }, S.waiting);
const reviewBar = h('progress', { id: 'review-progress', max: 1, value: 0, 'aria-label': S.reviewedLabel });
const counts = h('div', { id: 'counts', role: 'status' });
const notices = h('div', { id: 'notices', 'aria-live': 'polite' });
/** Which field the traces were read from, when no known key held them, and how to pin it. */
const inferredNote = h('p', { id: 'inferred-field', className: 'muted', hidden: true });

const control = (id: string, label: string, input: HTMLElement) => h('div', { className: 'field' }, h('label', { for: id }, label), input);
const numberInput = (id: string, placeholder: string) => h('input', { id, type: 'number', step: 'any', placeholder, className: 'small' });
const ruleSelect = h('select', { id: 'f-rule' });
const decisionSelect = h('select', { id: 'f-decision' });
for (const [value, text] of [['any', S.any], ['undecided', S.undecided], ['accept', S.accepted], ['reject', S.rejected], ['skip', S.skipped], ['stale', S.stale]]) decisionSelect.append(h('option', { value }, text));
const verdictSelect = h('select', { id: 'f-verdict' });
verdictSelect.append(h('option', { value: '' }, S.any), h('option', { value: 'unboxed' }, S.notBoxedEither), ...VERDICTS.map((v) => h('option', { value: v }, VERDICT_TEXT[v])));
const disagreeBox = h('input', { id: 'f-disagree', type: 'checkbox' });
const labelSelect = h('select', { id: 'f-label' });
const sortSelect = h('select', { id: 'f-sort' });
for (const [value, text] of [['index', S.sortFile], ['reward-asc', S.sortRewardUp], ['reward-desc', S.sortRewardDown], ['length-desc', S.sortLengthDown], ['length-asc', S.sortLengthUp], ['failing-desc', S.sortFailing]]) sortSelect.append(h('option', { value }, text));
const minReward = numberInput('f-min-reward', S.min);
const maxReward = numberInput('f-max-reward', S.max);
const minLength = numberInput('f-min-length', S.min);
const maxLength = numberInput('f-max-length', S.max);
const searchInput = h('input', { id: 'f-search', type: 'search', placeholder: S.searchPlaceholder, 'aria-label': S.searchLabel });
const matchCount = h('span', { id: 'match-count', className: 'muted' });
const filterNote = h('p', { id: 'filter-note', className: 'muted', hidden: true });

const button = (id: string, text: string, titleText: string, onclick: () => void) => h('button', { id, type: 'button', title: titleText, onclick: () => onclick() }, text);

const filters = h(
  'div',
  { id: 'filters', role: 'group', 'aria-label': S.filters },
  control('f-rule', S.ruleFailing, ruleSelect),
  control('f-verdict', S.verdict, verdictSelect),
  h('div', { className: 'field check' }, h('label', { for: 'f-disagree' }, S.labelDisagrees), disagreeBox),
  control('f-min-reward', S.rewardAtLeast, minReward),
  control('f-max-reward', S.rewardAtMost, maxReward),
  control('f-decision', S.decision, decisionSelect),
  control('f-min-length', S.lengthAtLeast, minLength),
  control('f-max-length', S.lengthAtMost, maxLength),
  control('f-label', S.label, labelSelect),
  control('f-sort', S.sort, sortSelect),
  control('f-search', S.search, searchInput),
  matchCount,
);

// Bulk actions on the records the filters keep; undone by the host, which keeps the decisions before.
const bulkLabel = h('select', { id: 'bulk-label', 'aria-label': S.labelToAdd });
const bulkAccept = button('bulk-accept', S.bulkAccept, S.bulkAcceptTitle, () => {
  const items = model.list.map((i) => model.rows[i]).filter((r) => r.scored && !r.failing.length && r.decision === null).map((r) => ({ index: r.index, decision: 'accept' as const, labels: [] }));
  if (items.length) send({ type: 'bulk', items, what: S.bulkAccepted });
  else notice('info', S.bulkAcceptNone);
});
const bulkReject = button('bulk-reject', S.bulkReject, S.bulkRejectTitle, () => {
  const label = bulkLabel.value;
  const items = model.list.map((i) => ({ index: i, decision: 'reject' as const, labels: label ? [label] : [] }));
  if (items.length) send({ type: 'bulk', items, what: label ? format(S.bulkRejectedLabelled, label) : S.bulkRejected });
});
const bulkLabelButton = button('bulk-add-label', S.bulkLabel, S.bulkLabelTitle, () => {
  const label = bulkLabel.value;
  if (!label) return notice('info', S.chooseLabel);
  const items = model.list.map((i) => model.rows[i]).filter((r) => r.decision !== null).map((r) => ({ index: r.index, decision: r.decision, labels: [label] }));
  if (items.length) send({ type: 'bulk', items, what: format(S.bulkLabelled, label) });
  else notice('info', S.bulkLabelNone);
});
const undoButton = button('undo', S.undo, S.undoTitle, () => send({ type: 'undo' }));
undoButton.disabled = true;

const exportAccepted = button('export-accepted', S.exportAccepted, S.exportAcceptedTitle, () =>
  send({ type: 'export', what: 'accepted', indices: model.rows.filter((r) => r.decision === 'accept').map((r) => r.index) }),
);
const exportFiltered = button('export-filtered', S.exportFiltered, S.exportFilteredTitle, () => send({ type: 'export', what: 'filtered', indices: [...model.list] }));
const compactButton = button('compact', S.compact, S.compactTitle, () => send({ type: 'compact' }));

const controls = h(
  'details',
  { id: 'controls', open: openParts.controls },
  h('summary', {}, S.controls),
  filterNote,
  filters,
  h('div', { id: 'bulk', className: 'row', role: 'group', 'aria-label': S.bulkGroup }, h('span', { className: 'muted' }, S.onShown), bulkAccept, bulkReject, bulkLabel, bulkLabelButton, undoButton),
  h('div', { className: 'row' }, exportAccepted, exportFiltered, compactButton),
);

const listBody = h('tbody', {});
const listMore = h('p', { id: 'list-more', className: 'muted' });
const listSummary = h('summary', {}, S.records);
const listView = h(
  'details',
  { id: 'list', open: openParts.list },
  listSummary,
  h(
    'div',
    { className: 'list-box' },
    h('table', { id: 'record-list' }, h('thead', {}, h('tr', {}, h('th', { className: 'num' }, '#'), h('th', {}, S.listId), h('th', { className: 'num' }, S.listReward), h('th', {}, S.listVerdict), h('th', {}, S.listDataset), h('th', {}, S.listDecision), h('th', {}, S.listFirst))), listBody),
  ),
  listMore,
);

const prevButton = button('prev', '◀', S.previousTitle, () => move(-1));
const nextButton = button('next', '▶', S.nextTitle, () => move(1));
prevButton.setAttribute('aria-label', S.previousLabel);
nextButton.setAttribute('aria-label', S.nextLabel);
const position = h('span', { id: 'position' });
const editorButton = button('open-editor', S.editor, S.editorTitle, () => send({ type: 'reveal', index: model.current }));
const acceptButton = button('accept', S.accept, S.acceptTitle, () => decide('accept'));
const rejectButton = button('reject', S.reject, S.rejectTitle, () => decide('reject'));
const skipButton = button('skip', S.skip, S.skipTitle, () => decide('skip'));
const clearButton = button('clear', S.clear, S.clearTitle, () => decide(null));
const guideButton = button('guidelines-toggle', S.guidelinesButton, S.guidelinesButtonTitle, () => toggleGuidelines());
guideButton.hidden = true;
const labelBar = h('div', { id: 'labels', role: 'group', 'aria-label': S.labelsGroup });
const comment = h('textarea', { id: 'comment', rows: 1, placeholder: S.commentPlaceholder, 'aria-label': S.comment });

const decisionBar = h(
  'section',
  { id: 'decide', 'aria-label': S.decisionBar },
  h('div', { className: 'row' }, prevButton, position, nextButton, acceptButton, rejectButton, skipButton, clearButton, h('span', { className: 'spacer' }), editorButton, guideButton),
  h('div', { className: 'row' }, labelBar),
  comment,
);

const guidelinesBody = h('div', { className: 'rich' });
const guidelinesTitle = h('h2', {}, S.guidelines);
const guidelines = h('aside', { id: 'guidelines', hidden: true, 'aria-label': S.guidelinesLabel }, h('div', { className: 'row' }, guidelinesTitle, h('span', { className: 'spacer' }), button('guidelines-close', '✕', S.closeTitle, () => toggleGuidelines(false))), guidelinesBody);

const recordPane = h('article', { id: 'record', 'aria-live': 'polite' });

replaceChildren(
  app,
  h('header', { id: 'top' }, title, h('div', { className: 'row' }, progressBar, progressText), h('div', { className: 'row' }, reviewBar, counts), inferredNote, notices),
  controls,
  listView,
  decisionBar,
  recordPane,
  guidelines,
  h('p', { className: 'muted keys' }, S.keys),
);

for (const [part, el] of [['controls', controls], ['list', listView]] as const) {
  el.addEventListener('toggle', () => {
    openParts[part] = el.open;
    persist();
    if (part === 'list' && el.open) renderList();
  });
}

// ---------------------------------------------------------------------------------------
// Filtering and navigation

function numberOf(input: HTMLInputElement): number | undefined {
  if (input.value.trim() === '') return undefined;
  const n = Number(input.value);
  return Number.isFinite(n) ? n : undefined;
}

function currentFilter(): RowFilter {
  const f: RowFilter = {};
  if (ruleSelect.value) f.ruleFailing = ruleSelect.value;
  const min = numberOf(minReward);
  const max = numberOf(maxReward);
  if (min !== undefined) f.minReward = min;
  if (max !== undefined) f.maxReward = max;
  if (decisionSelect.value !== 'any') f.decision = decisionSelect.value as RowFilter['decision'];
  const minL = numberOf(minLength);
  const maxL = numberOf(maxLength);
  if (minL !== undefined) f.minLength = minL;
  if (maxL !== undefined) f.maxLength = maxL;
  if (labelSelect.value) f.label = labelSelect.value;
  if (verdictSelect.value) f.verdict = verdictSelect.value as Verdict | 'unboxed';
  if (disagreeBox.checked) f.disagree = true;
  if (model.searchHits) f.only = model.searchHits;
  return f;
}

function recompute(): void {
  model.list = filterRows(model.rows, currentFilter(), sortSelect.value as SortKey);
  if (model.seekFirst && model.list.length) {
    const fromStart = model.seekFirst === 'start';
    model.seekFirst = false;
    if (fromStart || !model.list.includes(model.current) || model.view?.index !== model.current) {
      show(fromStart || !model.list.includes(model.current) ? model.list[0] : model.current);
      return;
    }
  }
  renderStatus();
  renderList();
}

/** A filter changed: the list, and the record shown when it is no longer in it. */
function filterChanged(): void {
  model.seekFirst = true;
  filterNote.hidden = true;
  recompute();
}

function persist(): void {
  saveState<ReviewPageState>({ position: model.current, ...(datasetPath ? { path: datasetPath } : {}), open: { ...openParts } });
}

function show(index: number): void {
  if (index < 0 || index >= model.total) return;
  model.current = index;
  model.asked = true;
  persist();
  send({ type: 'get', index });
  renderStatus();
  renderList();
}

function move(step: number): void {
  const list = model.list;
  if (!list.length) return;
  const at = list.indexOf(model.current);
  let next: number;
  if (at >= 0) next = at + step;
  else {
    // The current record left the list (its decision changed): go to the neighbour in file order.
    const after = list.findIndex((i) => i > model.current);
    next = step > 0 ? (after < 0 ? list.length : after) : (after < 0 ? list.length : after) - 1;
  }
  if (next < 0 || next >= list.length) return;
  show(list[next]);
}

function selectedLabels(): string[] {
  return Array.from(labelBar.querySelectorAll<HTMLButtonElement>('button[aria-pressed="true"]')).map((b) => b.dataset.label ?? '');
}

function decide(decision: Decision | null): void {
  if (!model.total) return;
  const index = model.current;
  send({ type: 'decide', index, decision, labels: selectedLabels(), comment: comment.value });
  const row = model.rows[index];
  if (row) {
    row.decision = decision;
    row.labels = selectedLabels();
    row.stale = undefined;
  }
  // Move on, as annotation tools do, before the list is recomputed.
  const list = model.list;
  const at = list.indexOf(index);
  const next = decision !== null && at >= 0 && at + 1 < list.length ? list[at + 1] : undefined;
  model.list = filterRows(model.rows, currentFilter(), sortSelect.value as SortKey);
  if (next !== undefined) show(next);
  else {
    renderStatus();
    renderList();
    renderDecision();
  }
}

function toggleLabel(k: number): void {
  const b = labelBar.querySelectorAll<HTMLButtonElement>('button')[k];
  if (!b) return;
  b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
  // A label change on a decided record is saved right away.
  const row = model.rows[model.current];
  if (row?.decision) send({ type: 'decide', index: model.current, decision: row.decision, labels: selectedLabels(), comment: comment.value });
  if (row) row.labels = selectedLabels();
}

function toggleGuidelines(open = guidelines.hidden): void {
  if (guideButton.hidden) return;
  guidelines.hidden = !open;
  guideButton.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('drawer-open', open);
}

for (const input of [ruleSelect, decisionSelect, labelSelect, sortSelect, verdictSelect, disagreeBox, minReward, maxReward, minLength, maxLength]) input.addEventListener('change', filterChanged);
for (const input of [minReward, maxReward, minLength, maxLength]) input.addEventListener('input', filterChanged);
searchInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    model.searchQuery = searchInput.value;
    if (!searchInput.value.trim()) {
      model.searchHits = undefined;
      filterChanged();
    } else {
      matchCount.textContent = S.searching;
      send({ type: 'search', query: searchInput.value });
    }
  }
});
comment.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    const row = model.rows[model.current];
    send({ type: 'decide', index: model.current, decision: row?.decision ?? 'skip', labels: selectedLabels(), comment: comment.value });
    comment.blur();
  }
});

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key === 'Escape' && !guidelines.hidden && (target === document.body || guidelines.contains(target))) {
    toggleGuidelines(false);
    return;
  }
  if (event.key === 'Escape' && target !== document.body) {
    target.blur();
    return;
  }
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key;
  const actions: Record<string, () => void> = {
    a: () => decide('accept'),
    r: () => decide('reject'),
    s: () => decide('skip'),
    u: () => decide(null),
    j: () => move(1),
    ArrowRight: () => move(1),
    k: () => move(-1),
    ArrowLeft: () => move(-1),
    e: () => send({ type: 'reveal', index: model.current }),
    g: () => toggleGuidelines(),
    '/': () => {
      controls.open = true;
      searchInput.focus();
    },
    c: () => comment.focus(),
  };
  const action = actions[key] ?? (/^[1-9]$/.test(key) ? () => toggleLabel(Number(key) - 1) : undefined);
  if (action) {
    event.preventDefault();
    action();
  }
});

// ---------------------------------------------------------------------------------------
// Rendering

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : String(Number(v.toFixed(digits))));

/** Class of a verdict: colour and the name tests look for. */
const verdictClass = (v: Verdict | undefined) => `verdict verdict-${v ?? 'pending'}`;
const VERDICT_MARK: Record<Verdict, string> = { correct: '✓', 'unboxed-correct': '✓', 'unboxed-incorrect': '✗', incorrect: '✗', 'no-answer': '∅', unjudged: '–' };

function renderStatus(): void {
  const p = reviewProgress(model.rows);
  reviewBar.value = p.total ? p.done / p.total : 0;
  const disagree = model.rows.filter((r) => r.disagree).length;
  replaceChildren(
    counts,
    h('span', { id: 'done' }, format(S.reviewed, p.done, p.total)),
    ' · ',
    h('span', { className: 'positive', id: 'count-accept' }, format(S.countAccepted, p.accept)),
    ' · ',
    h('span', { className: 'negative', id: 'count-reject' }, format(S.countRejected, p.reject)),
    ' · ',
    h('span', { id: 'count-skip' }, format(S.countSkipped, p.skip)),
    p.stale ? h('span', { className: 'warning' }, ` · ${format(S.countStale, p.stale)}`) : null,
    disagree ? h('span', { className: 'warning', id: 'count-disagree' }, ` · ${format(S.countDisagree, disagree)}`) : null,
    h('span', { className: 'muted' }, ` · ${model.reviewer ? format(S.decisionsInBy, model.sidecar, model.reviewer) : format(S.decisionsIn, model.sidecar)}`),
  );
  const at = model.list.indexOf(model.current);
  position.textContent = model.total ? `${format(S.position, model.current + 1, model.total)} · ${at >= 0 ? format(S.positionShown, at + 1, model.list.length) : S.notInList}` : S.noRecords;
  matchCount.textContent = `${format(S.matches, model.list.length)}${model.searchHits ? ` · ${format(S.searchHits, model.searchQuery, model.searchHits.size)}` : ''}`;
  listSummary.textContent = format(S.recordsShown, model.list.length.toLocaleString(), model.total.toLocaleString());
  prevButton.disabled = at <= 0 && at !== -1;
  nextButton.disabled = at >= 0 && at >= model.list.length - 1;
}

/** Rows listed at once; past that the filters narrow the list. */
const LIST_LIMIT = 300;

function renderList(): void {
  if (!listView.open) return;
  const at = Math.max(0, model.list.indexOf(model.current));
  // A window around the current record, so it is always listed.
  const from = Math.max(0, Math.min(at - Math.floor(LIST_LIMIT / 3), model.list.length - LIST_LIMIT));
  const shown = model.list.slice(from, from + LIST_LIMIT);
  const theirs = (r: ReviewRow) => (r.theirs === undefined ? '' : r.theirs === null ? '?' : r.theirs ? '✓' : '✗');
  listBody.replaceChildren(
    ...shown.map((i) => {
      const r = model.rows[i];
      const tr = h(
        'tr',
        { 'data-index': String(i), tabIndex: 0, className: r.disagree ? 'disagree' : '', onclick: () => show(i), onkeydown: (e: Event) => void ((e as KeyboardEvent).key === 'Enter' && show(i)) },
        h('td', { className: 'num' }, String(i + 1)),
        h('td', { className: 'id', translate: 'no' }, r.id ?? ''),
        h('td', { className: 'num' }, fmt(r.total)),
        h('td', { className: verdictClass(r.verdict) }, r.verdict ? `${VERDICT_MARK[r.verdict]} ${VERDICT_TEXT[r.verdict]}` : '…'),
        h('td', { className: r.disagree ? 'warning' : '' }, r.disagree ? format(S.notOurs, theirs(r)) : theirs(r)),
        h('td', { className: r.decision === 'accept' ? 'positive' : r.decision === 'reject' ? 'negative' : '' }, r.decision ? DECIDED[r.decision] : ''),
        h('td', { className: 'first' }, ...firstFinding(r)),
      );
      if (i === model.current) tr.setAttribute('aria-current', 'true');
      return tr;
    }),
  );
  listMore.textContent = model.list.length > LIST_LIMIT ? format(S.listing, from + 1, from + shown.length, model.list.length) : '';
}

/** The list's first-finding cell: the rule id as code, the message in the page's locale, shortened. */
function firstFinding(r: ReviewRow): Array<Node | string> {
  if (!r.first) return [];
  if (!r.firstRule) return [r.first];
  const english = r.first.slice(r.firstRule.length + 2);
  return [h('code', {}, r.firstRule), COLON, ...(r.firstL10n && r.firstL10n.id in MESSAGES ? shortenNodes(messageNodes(r.firstL10n, LOCALE)) : [english])];
}

/** A finding's message in the page's locale, its arguments marked as data (the English text for a finding without a catalogue id). */
const findingMessage = (f: FindingView): Array<Node | string> => (f.l10n && f.l10n.id in MESSAGES ? messageNodes(f.l10n, LOCALE) : [f.message]);

function renderDecision(): void {
  const row = model.rows[model.current];
  for (const [b, d] of [[acceptButton, 'accept'], [rejectButton, 'reject'], [skipButton, 'skip']] as const) b.setAttribute('aria-pressed', String(row?.decision === d));
  recordPane.dataset.decision = row?.decision ?? 'none';
  decisionBar.dataset.decision = row?.decision ?? 'none';
}

function section(titleText: string, ...children: Array<Node | string | null>): HTMLElement {
  return h('section', { className: 'part' }, h('h2', {}, titleText), ...children);
}

function rich(text: string, className: string): HTMLElement {
  const div = h('div', { className: `rich ${className}`, translate: 'no' });
  div.appendChild(renderRich(text));
  return div;
}

const HOW: Record<string, string> = { boxed: S.howBoxed, 'answer-tag': S.howAnswerTag, phrase: S.howPhrase, hashes: S.howHashes, bold: S.howBold, math: S.howMath, sentence: S.howSentence };

/** Both normalised forms and why they match or not: "compared evelyn with evelyn: the same text". */
function whyLine(t: TraceView): HTMLElement | null {
  if (!t.reason) return null;
  const compared = t.normalized && t.extracted !== null ? formatNodes(S.comparedWith, h('code', {}, t.normalized.answer), h('code', {}, t.normalized.reference)) : '';
  // The reason in the page's locale; one without a catalogue id (an older engine) is English, marked as such.
  const reason = t.why && t.why.id in MESSAGES ? h('span', { className: 'reason' }, ...messageNodes(t.why, LOCALE)) : h('span', { className: 'reason', lang: 'en' }, t.reason);
  return h('div', { className: 'muted why' }, compared, reason);
}
const TITLES = { boxed: S.titleBoxed, reflection: S.titleReflection };

function traceBlock(t: TraceView, k: number, many: boolean): HTMLElement {
  const parts: Node[] = [];
  if (many) parts.push(h('h2', {}, format(S.trace, k + 1, t.path)));
  if (t.preamble) parts.push(section(S.beforeThought, h('pre', { className: 'preamble' }, t.preamble)));
  if (t.thought !== undefined) {
    const text = `${t.thoughtOpen ?? ''}${t.thought}${t.thoughtClose ?? ''}`;
    const details = h('details', { className: 'thought', open: true }, h('summary', {}, format(t.stats.reflections === 1 ? S.thoughtOne : S.thoughtMany, t.stats.thoughtChars.toLocaleString(), t.stats.reflections)));
    details.appendChild(renderTrace(text, S.chainOfThought, TITLES)).setAttribute('translate', 'no');
    parts.push(details);
  }
  if (t.answer !== undefined) parts.push(section(S.answer, rich(t.answer, 'answer')));
  if (t.raw !== undefined) {
    const raw = renderTrace(t.raw, S.modelOutput, TITLES);
    raw.setAttribute('translate', 'no');
    parts.push(section(S.rawOutput, raw));
  }
  parts.push(
    h(
      'table',
      { className: 'answers' },
      h('tr', {}, h('th', {}, S.extracted), h('th', {}, S.groundTruth), h('th', {}, S.verdict)),
      h(
        'tr',
        {},
        h('td', { className: 'extracted' }, t.extracted === null ? h('span', { className: 'muted' }, S.none) : rich(answerSource(t.extracted), 'math-cell')),
        h('td', { className: 'expected' }, t.expected === undefined ? h('span', { className: 'muted' }, S.none) : rich(answerSource(t.expected), 'math-cell')),
        h('td', { className: verdictClass(t.verdict) }, `${VERDICT_MARK[t.verdict]} ${VERDICT_TEXT[t.verdict]}`, t.method && t.extracted !== null ? h('div', { className: 'muted how' }, format(S.readHow, HOW[t.method] ?? t.method)) : null, whyLine(t)),
      ),
    ),
  );
  const rewards = h('table', { className: 'rewards' }, h('tr', {}, h('th', {}, S.rewardColumn), h('th', { className: 'num' }, S.valueColumn), h('th', { className: 'num' }, S.weightColumn), h('th', { className: 'num' }, S.contributionColumn)));
  for (const name of REWARD_NAMES) {
    const v = t.rewards[name];
    const w = t.weights[name] ?? 0;
    rewards.append(h('tr', {}, h('td', {}, rewardName(name, LOCALE), ' ', h('code', {}, name)), h('td', { className: 'num' }, v === null ? S.notApplicable : fmt(v)), h('td', { className: 'num' }, fmt(w)), h('td', { className: 'num' }, v === null ? '–' : fmt(v * w))));
  }
  rewards.append(h('tr', { className: 'total' }, h('td', {}, S.total), h('td', {}), h('td', {}), h('td', { className: 'num', id: k === 0 ? 'total' : null }, fmt(t.total))));
  const mix = Object.entries(t.language.mix).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([l, v]) => `${l} ${Math.round(v * 100)}%`).join(', ');
  const code = (text: string) => h('code', {}, text);
  const note = mix
    ? formatNodes(S.breakdownNoteMix, code(t.convention), code(t.language.target), fmt(t.language.ratio, 2), code(mix), t.stats.words.toLocaleString())
    : formatNodes(S.breakdownNote, code(t.convention), code(t.language.target), fmt(t.language.ratio, 2), t.stats.words.toLocaleString());
  parts.push(section(S.breakdown, rewards, h('p', { className: 'muted' }, note)));
  return h('div', { className: 'trace-block' }, ...parts);
}

/** The dataset's own columns beside ours, with a flag when its label and our verdict disagree. */
function columnsBlock(view: RecordView): HTMLElement | null {
  const c = view.columns;
  if (!c) return null;
  const row = model.rows[view.index];
  const ours = view.traces[0];
  const tr = (name: string, ...cells: Array<Node | string | null>) => h('tr', {}, h('th', {}, name), ...cells.map((x) => h('td', {}, x)));
  const body: HTMLElement[] = [];
  if (c.label) {
    const says = c.label.correct === null ? S.saysUnclear : c.label.correct ? S.saysCorrect : S.saysIncorrect;
    body.push(
      tr(
        S.isCorrect,
        h('span', { id: 'theirs-label', className: c.label.correct === null ? '' : c.label.correct ? 'positive' : 'negative' }, formatNodes(S.theirLabel, says, h('code', {}, c.label.field), data(String(c.label.value)))),
        ours ? h('span', { className: verdictClass(ours.verdict) }, VERDICT_TEXT[ours.verdict]) : '–',
      ),
    );
  }
  if (c.extracted || ours) body.push(tr(S.extracted, c.extracted ? h('code', { id: 'theirs-extracted' }, c.extracted.value) : h('span', { className: 'muted' }, S.none), ours?.extracted != null ? h('code', {}, ours.extracted) : h('span', { className: 'muted' }, S.none)));
  const facts: Node[] = [];
  if (c.level !== undefined) facts.push(formatNodes(S.level, data(String(c.level))));
  if (c.subject !== undefined) facts.push(data(c.subject));
  if (c.model !== undefined) facts.push(formatNodes(S.model, data(c.model)));
  if (c.tokens) facts.push(data(Object.entries(c.tokens).map(([k, v]) => `${k} ${v.toLocaleString()}`).join(' · ')));
  const disagree = row?.disagree ?? (c.label?.correct != null && ours && (ours.verdict === 'correct' || ours.verdict === 'unboxed-correct') !== c.label.correct && ours.correct !== null);
  return section(
    S.datasetColumns,
    disagree ? h('p', { id: 'disagree-flag', className: 'flag warning', role: 'note' }, S.disagreeFlag) : null,
    body.length ? h('table', { id: 'dataset-columns', className: 'columns' }, h('tr', {}, h('th', {}), h('th', {}, S.columnDataset), h('th', {}, S.columnOurs)), ...body) : null,
    facts.length ? h('p', { id: 'dataset-facts', className: 'muted' }, ...facts.flatMap((f, i) => (i ? [' · ', f] : [f]))) : null,
  );
}

function renderRecord(view: RecordView): void {
  model.view = view;
  const row = model.rows[view.index];
  // Labels and comment follow the record's saved decision.
  for (const b of Array.from(labelBar.querySelectorAll<HTMLButtonElement>('button'))) b.setAttribute('aria-pressed', String(view.labels.includes(b.dataset.label ?? '')));
  comment.value = view.comment;
  const findings = view.findings.length
    ? h('ul', { className: 'findings' }, ...view.findings.map((f) => h('li', { className: `finding ${f.severity}` }, h('code', {}, f.ruleId), ` ${SEVERITY[f.severity] ?? f.severity}${COLON}`, h('span', { className: 'message' }, ...findingMessage(f)))))
    : h('p', { className: 'positive' }, S.noProblems);
  replaceChildren(
    recordPane,
    h('h2', { className: 'record-title' }, view.id ? formatNodes(S.recordTitleId, view.index + 1, data(view.id), view.line + 1) : format(S.recordTitle, view.index + 1, view.line + 1), view.stale ? h('span', { className: 'warning stale' }, ` · ${S.staleRecord}`) : null),
    view.prompt !== undefined ? section(S.prompt, rich(view.prompt, 'prompt')) : null,
    view.groundTruth !== undefined ? section(S.groundTruth, rich(answerSource(view.groundTruth), 'ground-truth')) : null,
    columnsBlock(view),
    ...view.traces.map((t, k) => traceBlock(t, k, view.traces.length > 1)),
    view.traces.length ? null : h('p', { className: 'warning' }, S.noOutput),
    section(S.findings, findings),
  );
  if (row) row.decision = view.decision ?? row.decision;
  renderDecision();
  renderStatus();
}

function notice(level: string, text: string): void {
  const p = h('p', { className: `notice ${level}` }, text);
  notices.append(p);
  while (notices.childElementCount > 4) notices.firstElementChild?.remove();
}

function applyFilter(f: ReviewFilterRequest): void {
  for (const input of [minReward, maxReward, minLength, maxLength, searchInput]) input.value = '';
  model.searchHits = undefined;
  decisionSelect.value = 'any';
  labelSelect.value = '';
  ruleSelect.value = typeof f.rule === 'string' && [...ruleSelect.options].some((o) => o.value === f.rule) ? f.rule : '';
  verdictSelect.value = typeof f.verdict === 'string' && [...verdictSelect.options].some((o) => o.value === f.verdict) ? f.verdict : '';
  disagreeBox.checked = f.disagree === true;
  if (typeof f.minReward === 'number') minReward.value = String(f.minReward);
  if (typeof f.maxReward === 'number') maxReward.value = String(f.maxReward);
  controls.open = true;
  listView.open = true;
  model.seekFirst = 'start';
  recompute();
  filterNote.hidden = !f.note;
  filterNote.textContent = f.note ? format(S.filteredFrom, f.note) : '';
}

function showInferred(inferred: InferredFieldNote | undefined): void {
  inferredNote.hidden = !inferred;
  if (!inferred) return inferredNote.replaceChildren();
  inferredNote.replaceChildren(
    formatNodes(S.inferredField, h('code', {}, inferred.field), inferred.records.toLocaleString(), inferred.of.toLocaleString()),
    ' ',
    formatNodes(S.inferredPin, h('code', {}, inferred.setting), h('code', {}, inferred.config)),
  );
}

function init(message: Extract<ReviewToPage, { type: 'init' }>): void {
  model.file = message.file;
  datasetPath = message.path;
  model.total = message.total;
  model.labels = message.labels;
  model.rules = message.rules;
  model.sidecar = message.sidecar;
  model.reviewer = message.reviewer ?? '';
  model.rows = Array.from({ length: message.total }, (_, index) => emptyRow(index, index));
  model.list = [];
  model.searchHits = undefined;
  model.view = undefined;
  model.asked = false;
  if (message.position !== undefined) model.current = message.position;
  if (model.current >= message.total) model.current = 0;
  title.textContent = format(S.headingFile, message.file);
  progressText.textContent = format(S.recordCount, message.total.toLocaleString());
  replaceChildren(ruleSelect, h('option', { value: '' }, S.any), h('option', { value: 'none' }, S.cleanRecords), ...message.rules.map((id) => h('option', { value: id, translate: 'no' }, id)));
  replaceChildren(labelSelect, h('option', { value: '' }, S.any), ...message.labels.map((l) => h('option', { value: l, translate: 'no' }, l)));
  replaceChildren(bulkLabel, h('option', { value: '' }, S.noLabel), ...message.labels.map((l) => h('option', { value: l, translate: 'no' }, l)));
  replaceChildren(
    labelBar,
    ...message.labels.map((label, k) => h('button', { type: 'button', className: 'label', 'data-label': label, 'aria-pressed': 'false', title: format(S.toggleLabel, k + 1), onclick: () => toggleLabel(k) }, `${k + 1} `, data(label))),
  );
  notices.replaceChildren();
  showInferred(message.inferred);
  persist();
}

onMessage<ReviewToPage>((message) => {
  switch (message.type) {
    case 'init':
      init(message);
      break;
    case 'progress': {
      const frac = message.total ? message.done / message.total : 1;
      progressBar.value = frac;
      progressText.textContent =
        message.phase === 'index' ? format(S.indexing, Math.round(frac * 100)) : message.phase === 'score' ? format(S.scoring, message.done.toLocaleString(), message.total.toLocaleString()) : format(S.scored, message.total.toLocaleString());
      break;
    }
    case 'rows': {
      // A newer row for the current record replaces the optimistic one.
      for (const row of message.rows) model.rows[row.index] = row;
      recompute();
      renderDecision();
      break;
    }
    case 'record':
      // The record asked for; or, before the page asked for any, the one the host starts at.
      if (message.view.index === model.current || (!model.view && !model.asked)) {
        if (!model.view) model.current = message.view.index;
        renderRecord(message.view);
        renderList();
      }
      break;
    case 'search':
      if (message.query !== model.searchQuery) break;
      model.searchHits = message.query.trim() ? new Set(message.hits) : undefined;
      filterChanged();
      break;
    case 'notice':
      notice(message.level, message.text);
      break;
    case 'inferred':
      showInferred(message.inferred);
      break;
    case 'filter':
      applyFilter(message.filter);
      break;
    case 'guidelines':
      guidelinesTitle.textContent = format(S.guidelinesOf, message.name);
      guidelinesBody.replaceChildren(renderMarkdown(message.markdown, { literalHtml: true }));
      guideButton.hidden = false;
      break;
    case 'undoable':
      model.undoCount = message.count;
      undoButton.disabled = message.count === 0;
      undoButton.title = message.count ? format(S.undoWhat, message.what ?? S.undoLast) : S.nothingToUndo;
      break;
  }
});

renderStatus();
send({ type: 'ready' });
