import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { PanelHost, PanelKind } from '../panelHost/panels';
import type { ResolvedConfig } from '../../core/types';
import type { FieldOverrides } from '../../core/documents';
import { Cancelled, openDataset, type Dataset } from '../../core/node/dataset';
import { createChecker, type Checker } from '../../core/engine';
import { detectFileKind, enabledRules } from '../../core/node/datasetStats';
import { columnarKind } from '../../core/node/columnar';
import { configForUri } from '../config';
import { appendDecisions, compactSidecar, readSidecar } from '../../core/node/sidecar';
import { checkNotAnInput, openOutputFile, type OutputFile } from '../../core/node/outputFile';
import { errorText } from '../errorText';
import { localeOf, render } from '../../core/messages';
import { reviewerName } from '../../core/node/reviewer';
import { countInferred, inferredFieldNote } from '../../core/documents/inferred';
import type { BulkItem, InferredFieldNote, ReviewFilterRequest, ReviewFromPage, ReviewPageState, ReviewToPage } from '../../core/review/protocol';
import { datasetColumns } from '../../core/review/columns';
import { emptyRow, firstUndecided, rowFromResult, withDecision, type ReviewRow } from '../../core/review/rows';
import { DECISIONS, matchDecisions, sidecarPathFor, type Decision, type RecordDecision, type SidecarEntry } from '../../core/review/sidecar';
import { recordView } from '../../core/review/view';
import { CONVENTION_SAMPLE, datasetConvention, withDatasetConvention } from '../../core/trace/datasetConvention';

/**
 * The dataset review panel (`cotTrace.openReview`). This side owns the dataset: it indexes the
 * file by streaming it (byte offsets of every record, never the whole file in memory), scores
 * records in small pages in the background, reads the record being viewed by seeking to it,
 * and appends decisions to the sidecar. The page gets one record at a time plus a compact row
 * per record for filtering.
 */
export const REVIEW_VIEW_TYPE = 'cotTrace.review';
/** Records scored per slice of background work (the host gets the event loop back in between). */
const SCORE_PAGE = 64;
/** Rows sent per message while the placeholder rows go out after indexing. */
const ROW_CHUNK = 5000;

interface Session {
  uri: vscode.Uri;
  dataset: Dataset;
  config: ResolvedConfig;
  /** The engine's checker for `config`, made once per session. */
  checker: Checker;
  sidecar: string;
  rows: ReviewRow[];
  decisions: Map<number, RecordDecision>;
  /** Bumped when the session is replaced: background work of an older one stops. */
  generation: number;
  position: number;
  /** Records scored so far (they are scored in file order). */
  scored: number;
  /** Record ids (for the sidecar's `id`), filled as records are read. */
  ids: Map<number, string>;
  reviewer: string;
  /** Bulk actions that can be undone: each the decisions its records had before. */
  undo: Array<{ what: string; before: Array<{ index: number; previous: RecordDecision | undefined }> }>;
  /** Guidelines found beside the dataset. */
  guidelines?: { name: string; markdown: string };
  /** A filter to apply when the page (re)starts (set by a click in the dataset summary). */
  filter?: ReviewFilterRequest;
  /** No known key held the traces: the field the reader chose (from the first records, then from all scored). */
  inferred?: InferredFieldNote;
  /** Records by the field their traces were inferred from, over the records scored so far. */
  inferredCounts: Map<string, number>;
}

/** Longest guidelines file read (a review guide, not a book). */
const MAX_GUIDELINES = 256 * 1024;

/** A guidelines file beside the dataset: `<dataset>.guidelines.md`, else REVIEW_GUIDELINES.md or GUIDELINES.md in its folder. */
function findGuidelines(path: string): { name: string; markdown: string } | undefined {
  const dir = dirname(path);
  const stem = path.replace(/\.(jsonl|json|ndjson)$/i, '');
  for (const candidate of [`${stem}.guidelines.md`, `${path}.guidelines.md`, join(dir, 'REVIEW_GUIDELINES.md'), join(dir, 'review-guidelines.md'), join(dir, 'GUIDELINES.md')]) {
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) {
        const text = readFileSync(candidate, 'utf8');
        return { name: basename(candidate), markdown: text.length > MAX_GUIDELINES ? `${text.slice(0, MAX_GUIDELINES)}\n\n… (cut)` : text };
      }
    } catch {
      // unreadable: try the next one
    }
  }
  return undefined;
}

let session: Session | undefined;
let generation = 0;
let panelRef: vscode.WebviewPanel | undefined;
let opening: Promise<void> | undefined;

const send = (message: ReviewToPage) => void panelRef?.webview.postMessage(message);

function labels(): string[] {
  const value = vscode.workspace.getConfiguration('cotTrace').get<unknown>('review.labels');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 9) : [];
}

function isMessage(message: unknown): message is ReviewFromPage {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}

function validIndex(s: Session, index: unknown): index is number {
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < s.dataset.count;
}

async function sendRecord(s: Session, index: number): Promise<void> {
  s.position = index;
  const [record] = await s.dataset.records(index, index + 1, s.config.fields as FieldOverrides);
  const [text] = await s.dataset.texts(index, index + 1);
  const result = s.checker.check(record);
  if (record.id !== undefined) s.ids.set(index, record.id);
  const columns = datasetColumns(text);
  if (!s.rows[index].scored) s.rows[index] = withDecision(rowFromResult(result, columns), s.decisions.get(index));
  send({ type: 'record', view: recordView(record, result, s.config, s.decisions.get(index), text) });
}

/** Scores every record, a page at a time, sending their rows as they are ready. */
async function scoreAll(s: Session): Promise<void> {
  const total = s.dataset.count;
  for (let from = 0; from < total; from += SCORE_PAGE) {
    if (s.generation !== generation) return;
    const to = Math.min(total, from + SCORE_PAGE);
    const records = await s.dataset.records(from, to, s.config.fields as FieldOverrides);
    const texts = await s.dataset.texts(from, to);
    const rows: ReviewRow[] = [];
    countInferred(records, s.inferredCounts);
    for (const [k, record] of records.entries()) {
      if (record.id !== undefined) s.ids.set(record.index, record.id);
      const row = withDecision(rowFromResult(s.checker.check(record), datasetColumns(texts[k])), s.decisions.get(record.index));
      s.rows[record.index] = row;
      rows.push(row);
    }
    s.scored = to;
    send({ type: 'rows', rows });
    send({ type: 'progress', phase: to >= total ? 'done' : 'score', done: to, total });
    if (to >= total) {
      // Every record read: the field and its count over the whole dataset.
      s.inferred = inferredFieldNote(s.inferredCounts, total);
      if (s.inferred) send({ type: 'inferred', inferred: s.inferred });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Opens a dataset for review at `startAt`, or (when not given) at the first record without a
 * decision, so a review picks up where it was left.
 */
async function open(uri: vscode.Uri, startAt?: number, filter?: ReviewFilterRequest): Promise<void> {
  const path = uri.fsPath;
  const my = ++generation;
  const old = session;
  session = undefined;
  await old?.dataset.close().catch(() => undefined);
  let dataset: Dataset;
  try {
    const kind = detectFileKind(path);
    if (kind === 'cot' && !columnarKind(path)) throw new Error(vscode.l10n.t('a single .cot trace is not a dataset; open a JSON Lines, JSON, Parquet or Arrow file'));
    dataset = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Indexing {0}', basename(path)), cancellable: true },
      async (progress, token) => {
        let last = 0;
        return openDataset(path, kind, {
          chunkBytes: 1 << 20,
          cancelled: () => token.isCancellationRequested || my !== generation,
          onProgress: (p) => {
            const percent = p.size ? Math.floor((p.bytes / p.size) * 100) : 100;
            if (percent > last) {
              progress.report({ increment: percent - last, message: vscode.l10n.t('{0} records', p.records.toLocaleString()) });
              last = percent;
            }
            send({ type: 'progress', phase: 'index', done: p.bytes, total: p.size });
          },
        });
      },
    );
  } catch (error) {
    if (error instanceof Cancelled) return;
    send({ type: 'notice', level: 'error', text: vscode.l10n.t('Cannot review {0}: {1}', basename(path), (error as Error).message) });
    void vscode.window.showErrorMessage(vscode.l10n.t('CoT Trace: cannot review {0}: {1}', basename(path), errorText(error)));
    return;
  }
  if (my !== generation) {
    await dataset.close();
    return;
  }
  const resolved = configForUri(vscode.Uri.file(path));
  const warnings = resolved.warnings;
  // As everywhere: the dataset's convention, from its first traces, judges the outliers.
  const sample = dataset.count ? await dataset.records(0, Math.min(dataset.count, CONVENTION_SAMPLE), resolved.config.fields) : [];
  const config = withDatasetConvention(resolved.config, datasetConvention(sample, resolved.config));
  const sidecar = sidecarPathFor(path);
  const fresh = !existsSync(sidecar);
  const parsed = readSidecar(sidecar);
  const hashes = Array.from({ length: dataset.count }, (_, i) => dataset.hash(i));
  const decisions = matchDecisions(parsed.entries, hashes);
  const rows: ReviewRow[] = hashes.map((_, index) => withDecision(emptyRow(index, dataset.line(index)), decisions.get(index)));
  const start = startAt ?? firstUndecided(rows) ?? 0;
  const s: Session = {
    uri,
    dataset,
    config,
    checker: createChecker(config),
    sidecar,
    rows,
    decisions,
    generation: my,
    position: Math.min(Math.max(0, start), Math.max(0, dataset.count - 1)),
    scored: 0,
    ids: new Map(),
    reviewer: reviewerName(dirname(path)),
    undo: [],
    inferredCounts: new Map(),
  };
  const inferred = inferredFieldNote(countInferred(sample), sample.length);
  if (inferred) s.inferred = inferred;
  const guidelines = findGuidelines(path);
  if (guidelines) s.guidelines = guidelines;
  if (filter) s.filter = filter;
  session = s;
  sendInit(s);
  for (const w of warnings) send({ type: 'notice', level: 'warning', text: w });
  if (fresh) {
    send({
      type: 'notice',
      level: 'info',
      text: vscode.l10n.t(
        'Decisions will be saved in {0} beside the dataset (with your name, {1}, and the time). Your choice: commit it to share the review, or add *.review.jsonl to .gitignore to keep it to yourself.',
        basename(sidecar),
        s.reviewer || vscode.l10n.t('unknown'),
      ),
    });
  }
  if (parsed.problems.length) {
    send({ type: 'notice', level: 'warning', text: vscode.l10n.t('{0}: {1}', basename(sidecar), parsed.problems.map((p) => vscode.l10n.t('line {0}: {1}', p.line, render(p.l10n, localeOf(vscode.env.language)))).join('; ')) });
  }
  const stale = [...decisions.values()].filter((d) => d.match === 'stale').length;
  if (stale) {
    const text = stale === 1 ? vscode.l10n.t('1 decision was taken on an earlier version of its record (marked stale).') : vscode.l10n.t('{0} decisions were taken on an earlier version of their records (marked stale).', stale);
    send({ type: 'notice', level: 'warning', text });
  }
  if (dataset.count && !filter) await sendRecord(s, s.position);
  void scoreAll(s).catch((error) => send({ type: 'notice', level: 'error', text: vscode.l10n.t('Scoring stopped: {0}', (error as Error).message) }));
}

function sendInit(s: Session): void {
  send({
    type: 'init',
    file: basename(s.uri.fsPath),
    path: s.uri.fsPath,
    total: s.dataset.count,
    labels: labels(),
    rules: enabledRules(s.config),
    sidecar: basename(s.sidecar),
    kind: s.dataset.kind,
    position: s.position,
    reviewer: s.reviewer,
    ...(s.inferred ? { inferred: s.inferred } : {}),
  });
  for (let i = 0; i < s.rows.length; i += ROW_CHUNK) send({ type: 'rows', rows: s.rows.slice(i, i + ROW_CHUNK) });
  if (s.guidelines) send({ type: 'guidelines', ...s.guidelines });
  if (s.filter) send({ type: 'filter', filter: s.filter });
}

const validDecision = (d: unknown): Decision | null => (typeof d === 'string' && (DECISIONS as readonly string[]).includes(d) ? (d as Decision) : null);
const validLabels = (labels: unknown): string[] => (Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string').slice(0, 20) : []);

/** Saves decisions (one sidecar append for all of them) and sends the changed rows. */
function saveDecisions(s: Session, items: Array<{ index: number; decision: Decision | null; labels: string[]; comment: string }>): boolean {
  const t = new Date().toISOString();
  const entries: SidecarEntry[] = items.map((item) => {
    const entry: SidecarEntry = { i: item.index, h: s.dataset.hash(item.index), d: item.decision, labels: item.labels, comment: item.comment, t };
    const id = s.ids.get(item.index);
    if (id !== undefined) entry.id = id;
    if (s.reviewer) entry.by = s.reviewer;
    return entry;
  });
  try {
    appendDecisions(s.sidecar, entries);
  } catch (error) {
    send({ type: 'notice', level: 'error', text: vscode.l10n.t('The decision could not be saved: {0}', (error as Error).message) });
    return false;
  }
  const changed: ReviewRow[] = [];
  for (const item of items) {
    if (item.decision === null) s.decisions.delete(item.index);
    else s.decisions.set(item.index, { decision: item.decision, labels: item.labels, comment: item.comment, match: 'exact', from: item.index });
    s.rows[item.index] = withDecision(s.rows[item.index], s.decisions.get(item.index));
    changed.push(s.rows[item.index]);
  }
  for (let i = 0; i < changed.length; i += ROW_CHUNK) send({ type: 'rows', rows: changed.slice(i, i + ROW_CHUNK) });
  return true;
}

async function decide(s: Session, message: Extract<ReviewFromPage, { type: 'decide' }>): Promise<void> {
  saveDecisions(s, [{ index: message.index, decision: validDecision(message.decision), labels: validLabels(message.labels), comment: typeof message.comment === 'string' ? message.comment.slice(0, 10_000) : '' }]);
}

/** A decision on many records at once (the filtered set); undoable. Labels are added to a record's own. */
function bulk(s: Session, items: BulkItem[], what: string): void {
  const seen = new Set<number>();
  const valid = items.filter((item) => validIndex(s, item?.index) && !seen.has(item.index) && seen.add(item.index)).slice(0, 1_000_000);
  if (!valid.length) return;
  const before = valid.map((item) => ({ index: item.index, previous: s.decisions.get(item.index) }));
  const ok = saveDecisions(
    s,
    valid.map((item) => {
      const previous = s.decisions.get(item.index);
      const labels = [...new Set([...(previous?.labels ?? []), ...validLabels(item.labels)])];
      return { index: item.index, decision: validDecision(item.decision) ?? previous?.decision ?? null, labels, comment: previous?.comment ?? '' };
    }),
  );
  if (!ok) return;
  s.undo.push({ what: String(what).slice(0, 200), before });
  if (s.undo.length > 20) s.undo.shift();
  send({ type: 'undoable', count: s.undo.length, what: s.undo[s.undo.length - 1].what });
  send({ type: 'notice', level: 'info', text: valid.length === 1 ? vscode.l10n.t('{0}: 1 record. Undo puts its decision back.', what) : vscode.l10n.t('{0}: {1} records. Undo puts their decisions back.', what, valid.length) });
}

function undo(s: Session): void {
  const last = s.undo.pop();
  if (!last) return;
  const ok = saveDecisions(s, last.before.map(({ index, previous }) => ({ index, decision: previous?.decision ?? null, labels: previous?.labels ?? [], comment: previous?.comment ?? '' })));
  if (!ok) s.undo.push(last);
  send({ type: 'undoable', count: s.undo.length, ...(s.undo.length ? { what: s.undo[s.undo.length - 1].what } : {}) });
  if (ok) send({ type: 'notice', level: 'info', text: last.before.length === 1 ? vscode.l10n.t('Undone: {0} (1 record).', last.what) : vscode.l10n.t('Undone: {0} ({1} records).', last.what, last.before.length) });
}

async function search(s: Session, query: string): Promise<void> {
  const q = query.trim().toLowerCase();
  if (!q) {
    send({ type: 'search', query, hits: [] });
    return;
  }
  const escaped = JSON.stringify(q).slice(1, -1);
  const hits: number[] = [];
  for (let from = 0; from < s.dataset.count; from += 500) {
    if (s.generation !== generation) return;
    const texts = await s.dataset.texts(from, from + 500);
    texts.forEach((text, k) => {
      const lower = text.toLowerCase();
      if (lower.includes(q) || lower.includes(escaped)) hits.push(from + k);
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  send({ type: 'search', query, hits });
}

async function exportRecords(s: Session, indices: number[], what: string): Promise<void> {
  const valid = [...new Set(indices.filter((i) => validIndex(s, i)))];
  if (!valid.length) {
    send({ type: 'notice', level: 'warning', text: vscode.l10n.t('Nothing to export: no record matches.') });
    return;
  }
  const suggested = vscode.Uri.file(s.uri.fsPath.replace(/(\.jsonl|\.json|\.ndjson)?$/i, `.${what}.jsonl`));
  const target = await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { [vscode.l10n.t('JSON Lines')]: ['jsonl'] }, title: vscode.l10n.t('Export {0} records', valid.length) });
  if (!target) return;
  // Written through a temporary file renamed into place when complete; never onto the
  // dataset or its sidecar (compared by real path and by device and inode).
  let out: OutputFile | undefined;
  try {
    checkNotAnInput(target.fsPath, [
      { path: s.uri.fsPath, what: 'dataset under review' },
      { path: sidecarPathFor(s.uri.fsPath), what: 'review sidecar' },
    ]);
    const file = openOutputFile(target.fsPath);
    out = file;
    await s.dataset.exportBytes(valid, async (bytes) => file.write(bytes));
    file.commit();
  } catch (error) {
    out?.abort();
    send({ type: 'notice', level: 'error', text: vscode.l10n.t('Export failed: {0}', errorText(error)) });
    return;
  }
  send({ type: 'notice', level: 'info', text: vscode.l10n.t('Exported {0} records to {1}.', valid.length, basename(target.fsPath)) });
  void vscode.window.showInformationMessage(vscode.l10n.t('CoT Trace: exported {0} records to {1}', valid.length, target.fsPath));
}

async function reveal(s: Session, index: number): Promise<void> {
  try {
    const document = await vscode.workspace.openTextDocument(s.uri);
    const line = Math.min(s.dataset.line(index), document.lineCount - 1);
    const range = document.lineAt(line).range;
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('CoT Trace: "Back to Review" (cotTrace.backToReview) returns to the review at the record under the cursor'), 6000);
  } catch (error) {
    send({ type: 'notice', level: 'warning', text: vscode.l10n.t('This file cannot be opened in the editor ({0}). It stays reviewable here.', (error as Error).message) });
  }
}

export const reviewKind: PanelKind<ReviewPageState> = {
  viewType: REVIEW_VIEW_TYPE,
  // A getter: the translations are ready when the extension activates, not when this module loads.
  get title() {
    return vscode.l10n.t('Dataset Review');
  },
  bundle: 'review',
  onRestore: (panel, state) => {
    // After a window reload: index the same file again and come back to the same record.
    if (typeof state?.path !== 'string') return;
    adopt(panel);
    panel.title = vscode.l10n.t('Review: {0}', basename(state.path));
    const position = typeof state.position === 'number' ? state.position : undefined;
    opening = open(vscode.Uri.file(state.path), position).finally(() => (opening = undefined));
  },
  onMessage: async (panel, message) => {
    panelRef = panel;
    if (!isMessage(message)) return;
    if (message.type === 'ready') {
      if (opening) await opening;
      const s = session;
      if (!s) return;
      sendInit(s);
      const filtered = s.filter !== undefined;
      s.filter = undefined;
      send({ type: 'progress', phase: s.scored >= s.dataset.count ? 'done' : 'score', done: s.scored, total: s.dataset.count });
      // With a filter, the page asks for its first match itself.
      if (s.dataset.count && !filtered) await sendRecord(s, Math.min(s.position, s.dataset.count - 1));
      return;
    }
    const s = session;
    if (!s) return;
    try {
      switch (message.type) {
        case 'get':
          if (validIndex(s, message.index)) await sendRecord(s, message.index);
          break;
        case 'decide':
          if (validIndex(s, message.index)) await decide(s, message);
          break;
        case 'reveal':
          if (validIndex(s, message.index)) await reveal(s, message.index);
          break;
        case 'search':
          if (typeof message.query === 'string') await search(s, message.query.slice(0, 1000));
          break;
        case 'export':
          if (Array.isArray(message.indices)) await exportRecords(s, message.indices, message.what === 'accepted' ? 'accepted' : 'filtered');
          break;
        case 'bulk':
          if (Array.isArray(message.items)) bulk(s, message.items, typeof message.what === 'string' ? message.what : vscode.l10n.t('Bulk decision'));
          break;
        case 'undo':
          undo(s);
          break;
        case 'compact': {
          const r = compactSidecar(s.sidecar);
          send({ type: 'notice', level: 'info', text: vscode.l10n.t('{0} compacted: {1} entries → {2}.', basename(s.sidecar), r.before, r.after) });
          break;
        }
      }
    } catch (error) {
      send({ type: 'notice', level: 'error', text: errorText(error) });
    }
  },
};

async function pickDataset(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Datasets')]: ['jsonl', 'json', 'ndjson'] }, title: vscode.l10n.t('Review a dataset') });
  return picked?.[0];
}

/** The dataset to act on: the explorer's selection, else the active editor's file, else a picker. */
export async function datasetUri(uri: unknown): Promise<vscode.Uri | undefined> {
  if (uri instanceof vscode.Uri) return uri;
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.scheme === 'file' && /\.(jsonl|json|ndjson)$/i.test(active.uri.fsPath)) return active.uri;
  return pickDataset();
}

/** Makes `panel` the one messages go to, and ends the session when it closes. */
function adopt(panel: vscode.WebviewPanel): void {
  if (panelRef === panel) return;
  panelRef = panel;
  panel.onDidDispose(() => {
    if (panelRef === panel) panelRef = undefined;
    generation++;
    void session?.dataset.close().catch(() => undefined);
    session = undefined;
  });
}

/** Opens the review panel on a dataset, at its first undecided record or with a filter set. */
export async function openReview(panels: PanelHost, uri: vscode.Uri, filter?: ReviewFilterRequest): Promise<void> {
  const panel = panels.show(reviewKind, { path: uri.fsPath }, vscode.ViewColumn.Active);
  panel.title = vscode.l10n.t('Review: {0}', basename(uri.fsPath));
  adopt(panel);
  opening = open(uri, undefined, filter).finally(() => (opening = undefined));
  await opening;
}

export function registerReview(context: vscode.ExtensionContext, panels: PanelHost): void {
  panels.register(reviewKind);
  context.subscriptions.push(
    vscode.commands.registerCommand('cotTrace.openReview', async (uri?: unknown) => {
      const target = await datasetUri(uri);
      if (target) await openReview(panels, target);
    }),
    vscode.commands.registerCommand('cotTrace.backToReview', async () => {
      const s = session;
      const panel = panels.get(REVIEW_VIEW_TYPE);
      if (!s || !panel) {
        void vscode.window.showInformationMessage(vscode.l10n.t('CoT Trace: no dataset review is open.'));
        return;
      }
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document.uri.fsPath === s.uri.fsPath) {
        const line = editor.selection.active.line;
        // The record whose line is the last one at or before the cursor.
        let lo = 0;
        let hi = s.dataset.count - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (s.dataset.line(mid) <= line) lo = mid;
          else hi = mid - 1;
        }
        if (s.dataset.count) await sendRecord(s, lo);
      }
      panel.reveal();
    }),
  );
}
