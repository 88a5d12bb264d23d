/**
 * Dataset review page: one record at a time (prompt, collapsible thought with self-correction
 * words marked, answer as Markdown with math, ground truth beside the extracted answer,
 * findings and reward breakdown), decisions by keyboard, filters over compact rows, export.
 * Dataset text only ever enters the DOM as text nodes or through the sanitising renderers.
 */
import '../common/base.css';
import 'katex/dist/katex.min.css';
import './review.css';
import { onMessage, post, saveState, startState } from '../common/api';
import { h, replaceChildren } from '../common/dom';
import { renderTrace } from '../common/traceView';
import { renderRich } from './math';
import { filterRows, reviewProgress, type ReviewRow, type RowFilter, type SortKey } from '../../src/core/review/rows';
import type { RecordView, ReviewFromPage, ReviewPageState, ReviewToPage, TraceView } from '../../src/core/review/protocol';
import type { Decision } from '../../src/core/review/sidecar';
import { REWARD_NAMES } from '../../src/core/types';

const send = (message: ReviewFromPage) => post(message);

interface Model {
  file: string;
  total: number;
  labels: string[];
  rules: string[];
  sidecar: string;
  rows: ReviewRow[];
  list: number[];
  current: number;
  view?: RecordView;
  searchHits?: Set<number>;
  searchQuery: string;
  scoring: { done: number; total: number; phase: string };
}

const saved = startState<ReviewPageState>({});
let datasetPath = saved.path;
const model: Model = { file: '', total: 0, labels: [], rules: [], sidecar: '', rows: [], list: [], current: saved.position ?? 0, searchQuery: '', scoring: { done: 0, total: 0, phase: 'index' } };

// ---------------------------------------------------------------------------------------
// Static layout

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
const title = h('h1', { id: 'title' }, 'Dataset review');
const progressBar = h('progress', { id: 'progress-bar', max: 1, value: 0 });
const progressText = h('span', { id: 'progress-text', className: 'muted' }, 'Waiting for a dataset…');
const counts = h('div', { id: 'counts', role: 'status' });
const notices = h('div', { id: 'notices', 'aria-live': 'polite' });

const control = (id: string, label: string, input: HTMLElement) => h('div', { className: 'field' }, h('label', { for: id }, label), input);
const numberInput = (id: string, placeholder: string) => h('input', { id, type: 'number', step: 'any', placeholder, className: 'small' });
const ruleSelect = h('select', { id: 'f-rule' });
const decisionSelect = h('select', { id: 'f-decision' });
for (const [value, text] of [['any', 'any'], ['undecided', 'undecided'], ['accept', 'accepted'], ['reject', 'rejected'], ['skip', 'skipped'], ['stale', 'stale']]) decisionSelect.append(h('option', { value }, text));
const labelSelect = h('select', { id: 'f-label' });
const sortSelect = h('select', { id: 'f-sort' });
for (const [value, text] of [['index', 'file order'], ['reward-asc', 'reward ↑'], ['reward-desc', 'reward ↓'], ['length-desc', 'length ↓'], ['length-asc', 'length ↑'], ['failing-desc', 'most problems']]) sortSelect.append(h('option', { value }, text));
const minReward = numberInput('f-min-reward', 'min');
const maxReward = numberInput('f-max-reward', 'max');
const minLength = numberInput('f-min-length', 'min');
const maxLength = numberInput('f-max-length', 'max');
const searchInput = h('input', { id: 'f-search', type: 'search', placeholder: 'Search text (Enter)', 'aria-label': 'Search the records' });
const matchCount = h('span', { id: 'match-count', className: 'muted' });

const filters = h(
  'section',
  { id: 'filters', 'aria-label': 'Filters' },
  control('f-rule', 'Rule failing', ruleSelect),
  control('f-min-reward', 'Reward ≥', minReward),
  control('f-max-reward', 'Reward ≤', maxReward),
  control('f-decision', 'Decision', decisionSelect),
  control('f-min-length', 'Length ≥', minLength),
  control('f-max-length', 'Length ≤', maxLength),
  control('f-label', 'Label', labelSelect),
  control('f-sort', 'Sort', sortSelect),
  control('f-search', 'Search', searchInput),
  matchCount,
);

const button = (id: string, text: string, title: string, onclick: () => void) => h('button', { id, type: 'button', title, onclick: () => onclick() }, text);
const prevButton = button('prev', '◀ Previous', 'Previous record (k or ←)', () => move(-1));
const nextButton = button('next', 'Next ▶', 'Next record (j or →)', () => move(1));
const position = h('span', { id: 'position' });
const editorButton = button('open-editor', 'Open in editor', 'Show this record in the editor (e)', () => send({ type: 'reveal', index: model.current }));
const acceptButton = button('accept', 'Accept (a)', 'Accept this record', () => decide('accept'));
const rejectButton = button('reject', 'Reject (r)', 'Reject this record', () => decide('reject'));
const skipButton = button('skip', 'Skip (s)', 'Skip for now', () => decide('skip'));
const clearButton = button('clear', 'Clear (u)', 'Remove the decision', () => decide(null));
const labelBar = h('div', { id: 'labels', role: 'group', 'aria-label': 'Labels (keys 1–9)' });
const comment = h('textarea', { id: 'comment', rows: 2, placeholder: 'Comment (saved with the decision; Ctrl+Enter saves)', 'aria-label': 'Comment' });
const exportAccepted = button('export-accepted', 'Export accepted…', 'Write the accepted records to a new JSON Lines file, byte for byte', () =>
  send({ type: 'export', what: 'accepted', indices: model.rows.filter((r) => r.decision === 'accept').map((r) => r.index) }),
);
const exportFiltered = button('export-filtered', 'Export filtered…', 'Write the records passing the filters to a new JSON Lines file', () => send({ type: 'export', what: 'filtered', indices: [...model.list] }));
const compactButton = button('compact', 'Compact decisions', 'Rewrite the sidecar with one line per decided record', () => send({ type: 'compact' }));

const recordPane = h('article', { id: 'record', 'aria-live': 'polite' });

replaceChildren(
  app,
  h('header', { id: 'top' }, title, h('div', { className: 'row' }, progressBar, progressText), counts, notices),
  filters,
  h('nav', { id: 'nav', className: 'row' }, prevButton, position, nextButton, editorButton, h('span', { className: 'spacer' }), exportAccepted, exportFiltered, compactButton),
  h('section', { id: 'decide', className: 'row' }, acceptButton, rejectButton, skipButton, clearButton, labelBar),
  comment,
  recordPane,
  h('p', { className: 'muted keys' }, 'Keys: a accept · r reject · s skip · u clear · 1–9 labels · j/→ next · k/← previous · e open in editor · / search · c comment · Esc leave a field'),
);

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
  if (model.searchHits) f.only = model.searchHits;
  return f;
}

function recompute(): void {
  model.list = filterRows(model.rows, currentFilter(), sortSelect.value as SortKey);
  renderStatus();
}

function persist(): void {
  saveState<ReviewPageState>({ position: model.current, ...(datasetPath ? { path: datasetPath } : {}) });
}

function show(index: number): void {
  if (index < 0 || index >= model.total) return;
  model.current = index;
  persist();
  send({ type: 'get', index });
  renderStatus();
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
  recompute();
  if (next !== undefined) show(next);
  else renderDecision();
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

for (const input of [ruleSelect, decisionSelect, labelSelect, sortSelect, minReward, maxReward, minLength, maxLength]) input.addEventListener('change', recompute);
for (const input of [minReward, maxReward, minLength, maxLength]) input.addEventListener('input', recompute);
searchInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    model.searchQuery = searchInput.value;
    if (!searchInput.value.trim()) {
      model.searchHits = undefined;
      recompute();
    } else {
      matchCount.textContent = 'searching…';
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
    '/': () => searchInput.focus(),
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

function renderStatus(): void {
  const p = reviewProgress(model.rows);
  replaceChildren(
    counts,
    h('span', { id: 'done' }, `${p.done} / ${p.total} reviewed`),
    ' · ',
    h('span', { className: 'positive', id: 'count-accept' }, `${p.accept} accepted`),
    ' · ',
    h('span', { className: 'negative', id: 'count-reject' }, `${p.reject} rejected`),
    ' · ',
    h('span', { id: 'count-skip' }, `${p.skip} skipped`),
    p.stale ? h('span', { className: 'warning' }, ` · ${p.stale} stale`) : null,
    h('span', { className: 'muted' }, ` · decisions in ${model.sidecar}`),
  );
  const at = model.list.indexOf(model.current);
  position.textContent = model.total ? `Record ${model.current + 1} of ${model.total}${at >= 0 ? ` · ${at + 1} of ${model.list.length} shown` : ' · not in the filtered list'}` : 'No records';
  matchCount.textContent = `${model.list.length} match${model.searchHits ? ` · search “${model.searchQuery}”: ${model.searchHits.size} hits` : ''}`;
  prevButton.disabled = at <= 0 && at !== -1;
  nextButton.disabled = at >= 0 && at >= model.list.length - 1;
}

function renderDecision(): void {
  const row = model.rows[model.current];
  for (const [b, d] of [[acceptButton, 'accept'], [rejectButton, 'reject'], [skipButton, 'skip']] as const) b.setAttribute('aria-pressed', String(row?.decision === d));
  recordPane.dataset.decision = row?.decision ?? 'none';
}

function section(titleText: string, ...children: Array<Node | string | null>): HTMLElement {
  return h('section', { className: 'part' }, h('h2', {}, titleText), ...children);
}

function rich(text: string, className: string): HTMLElement {
  const div = h('div', { className: `rich ${className}` });
  div.appendChild(renderRich(text));
  return div;
}

function traceBlock(t: TraceView, k: number, many: boolean): HTMLElement {
  const parts: Node[] = [];
  if (many) parts.push(h('h2', {}, `Trace ${k + 1} · ${t.path}`));
  if (t.preamble) parts.push(section('Before the thought', h('pre', { className: 'preamble' }, t.preamble)));
  if (t.thought !== undefined) {
    const text = `${t.thoughtOpen ?? ''}${t.thought}${t.thoughtClose ?? ''}`;
    const details = h('details', { className: 'thought', open: true }, h('summary', {}, `Thought · ${t.stats.thoughtChars.toLocaleString()} chars · ${t.stats.reflections} self-correction${t.stats.reflections === 1 ? '' : 's'}`));
    details.appendChild(renderTrace(text, 'Chain of thought'));
    parts.push(details);
  }
  if (t.answer !== undefined) parts.push(section('Answer', rich(t.answer, 'answer')));
  if (t.raw !== undefined) parts.push(section('Output (no thought markers found)', renderTrace(t.raw, 'Model output')));
  const verdict = t.correct === null ? 'not judged' : t.correct ? 'correct ✓' : 'wrong ✗';
  parts.push(
    h(
      'table',
      { className: 'answers' },
      h('tr', {}, h('th', {}, 'Extracted answer'), h('th', {}, 'Ground truth'), h('th', {}, 'Verdict')),
      h(
        'tr',
        {},
        h('td', { className: 'extracted' }, t.extracted === null ? h('span', { className: 'muted' }, 'none') : rich(`$${t.extracted.replace(/\$/g, '\\$')}$`, 'math-cell')),
        h('td', { className: 'expected' }, t.expected === undefined ? h('span', { className: 'muted' }, 'none') : rich(`$${t.expected.replace(/\$/g, '\\$')}$`, 'math-cell')),
        h('td', { className: t.correct === null ? 'muted' : t.correct ? 'positive' : 'negative' }, verdict),
      ),
    ),
  );
  const rewards = h('table', { className: 'rewards' }, h('tr', {}, h('th', {}, 'reward'), h('th', { className: 'num' }, 'value'), h('th', { className: 'num' }, 'weight'), h('th', { className: 'num' }, 'contribution')));
  for (const name of REWARD_NAMES) {
    const v = t.rewards[name];
    const w = t.weights[name] ?? 0;
    rewards.append(h('tr', {}, h('td', {}, name), h('td', { className: 'num' }, v === null ? 'n/a' : fmt(v)), h('td', { className: 'num' }, fmt(w)), h('td', { className: 'num' }, v === null ? '–' : fmt(v * w))));
  }
  rewards.append(h('tr', { className: 'total' }, h('td', {}, 'total'), h('td', {}), h('td', {}), h('td', { className: 'num', id: k === 0 ? 'total' : null }, fmt(t.total))));
  const mix = Object.entries(t.language.mix).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([l, v]) => `${l} ${Math.round(v * 100)}%`).join(', ');
  parts.push(section('Reward breakdown', rewards, h('p', { className: 'muted' }, `Convention ${t.convention} · language target ${t.language.target}, consistency ${fmt(t.language.ratio, 2)}${mix ? ` (${mix})` : ''} · ${t.stats.words.toLocaleString()} words`)));
  return h('div', { className: 'trace-block' }, ...parts);
}

function renderRecord(view: RecordView): void {
  model.view = view;
  const row = model.rows[view.index];
  // Labels and comment follow the record's saved decision.
  for (const b of Array.from(labelBar.querySelectorAll<HTMLButtonElement>('button'))) b.setAttribute('aria-pressed', String(view.labels.includes(b.dataset.label ?? '')));
  comment.value = view.comment;
  const findings = view.findings.length
    ? h('ul', { className: 'findings' }, ...view.findings.map((f) => h('li', { className: `finding ${f.severity}` }, h('code', {}, f.ruleId), ` ${f.severity}: ${f.message}`)))
    : h('p', { className: 'positive' }, 'No problems found.');
  replaceChildren(
    recordPane,
    h('h2', { className: 'record-title' }, `Record ${view.index + 1}${view.id ? ` · ${view.id}` : ''} · line ${view.line + 1}`, view.stale ? h('span', { className: 'warning stale' }, ' · decision taken on an earlier version of this record') : null),
    view.prompt !== undefined ? section('Prompt', rich(view.prompt, 'prompt')) : null,
    view.groundTruth !== undefined ? section('Ground truth', rich(view.groundTruth, 'ground-truth')) : null,
    ...view.traces.map((t, k) => traceBlock(t, k, view.traces.length > 1)),
    view.traces.length ? null : h('p', { className: 'warning' }, 'No model output could be read from this record.'),
    section('Findings', findings),
  );
  if (row) {
    row.decision = view.decision ?? row.decision;
  }
  renderDecision();
  renderStatus();
}

function notice(level: string, text: string): void {
  const p = h('p', { className: `notice ${level}` }, text);
  notices.append(p);
  while (notices.childElementCount > 4) notices.firstElementChild?.remove();
}

function init(message: Extract<ReviewToPage, { type: 'init' }>): void {
  model.file = message.file;
  datasetPath = message.path;
  model.total = message.total;
  model.labels = message.labels;
  model.rules = message.rules;
  model.sidecar = message.sidecar;
  model.rows = Array.from({ length: message.total }, (_, index) => ({ index, line: index, total: null, failing: [], length: 0, correct: null, decision: null, labels: [], scored: false }));
  model.list = [];
  model.searchHits = undefined;
  if (message.position !== undefined) model.current = message.position;
  if (model.current >= message.total) model.current = 0;
  title.textContent = `Review · ${message.file}`;
  progressText.textContent = `${message.total.toLocaleString()} records`;
  replaceChildren(ruleSelect, h('option', { value: '' }, 'any'), h('option', { value: 'none' }, 'none (clean records)'), ...message.rules.map((id) => h('option', { value: id }, id)));
  replaceChildren(labelSelect, h('option', { value: '' }, 'any'), ...message.labels.map((l) => h('option', { value: l }, l)));
  replaceChildren(
    labelBar,
    ...message.labels.map((label, k) => h('button', { type: 'button', className: 'label', 'data-label': label, 'aria-pressed': 'false', title: `Toggle label (${k + 1})`, onclick: () => toggleLabel(k) }, `${k + 1} ${label}`)),
  );
  notices.replaceChildren();
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
        message.phase === 'index' ? `Indexing… ${Math.round(frac * 100)}%` : message.phase === 'score' ? `Scoring ${message.done.toLocaleString()} / ${message.total.toLocaleString()} records…` : `${message.total.toLocaleString()} records scored`;
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
      if (message.view.index === model.current || !model.view) renderRecord(message.view);
      break;
    case 'search':
      if (message.query !== model.searchQuery) break;
      model.searchHits = message.query.trim() ? new Set(message.hits) : undefined;
      recompute();
      break;
    case 'notice':
      notice(message.level, message.text);
      break;
  }
});

renderStatus();
send({ type: 'ready' });
