import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { PanelHost, PanelKind } from '../webview/panels';
import type { ResolvedConfig } from '../../core/config/types';
import type { FieldOverrides } from '../../core/documents';
import { Cancelled, openDataset, type Dataset } from '../../core/node/dataset';
import { detectFileKind, enabledRules, safeCheck } from '../../core/node/datasetStats';
import { columnarKind } from '../../core/node/columnar';
import { configForUri } from '../config';
import { appendDecisions, compactSidecar, readSidecar } from '../../core/node/sidecar';
import type { ReviewFromPage, ReviewPageState, ReviewToPage } from '../../core/review/protocol';
import { rowFromResult, withDecision, type ReviewRow } from '../../core/review/rows';
import { matchDecisions, sidecarPathFor, type RecordDecision } from '../../core/review/sidecar';
import { recordView } from '../../core/review/view';

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
  sidecar: string;
  rows: ReviewRow[];
  decisions: Map<number, RecordDecision>;
  /** Bumped when the session is replaced: background work of an older one stops. */
  generation: number;
  position: number;
  /** Records scored so far (they are scored in file order). */
  scored: number;
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
  const result = safeCheck(record, s.config);
  if (!s.rows[index].scored) s.rows[index] = withDecision(rowFromResult(result), s.decisions.get(index));
  send({ type: 'record', view: recordView(record, result, s.config, s.decisions.get(index)) });
}

/** Scores every record, a page at a time, sending their rows as they are ready. */
async function scoreAll(s: Session): Promise<void> {
  const total = s.dataset.count;
  for (let from = 0; from < total; from += SCORE_PAGE) {
    if (s.generation !== generation) return;
    const to = Math.min(total, from + SCORE_PAGE);
    const records = await s.dataset.records(from, to, s.config.fields as FieldOverrides);
    const rows: ReviewRow[] = [];
    for (const record of records) {
      const row = withDecision(rowFromResult(safeCheck(record, s.config)), s.decisions.get(record.index));
      s.rows[record.index] = row;
      rows.push(row);
    }
    s.scored = to;
    send({ type: 'rows', rows });
    send({ type: 'progress', phase: to >= total ? 'done' : 'score', done: to, total });
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function open(uri: vscode.Uri, startAt = 0): Promise<void> {
  const path = uri.fsPath;
  const my = ++generation;
  const old = session;
  session = undefined;
  await old?.dataset.close().catch(() => undefined);
  let dataset: Dataset;
  try {
    const kind = detectFileKind(path);
    if (kind === 'cot' && !columnarKind(path)) throw new Error('a single .cot trace is not a dataset; open a JSON Lines, JSON, Parquet or Arrow file');
    dataset = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Indexing ${basename(path)}`, cancellable: true },
      async (progress, token) => {
        let last = 0;
        return openDataset(path, kind, {
          chunkBytes: 1 << 20,
          cancelled: () => token.isCancellationRequested || my !== generation,
          onProgress: (p) => {
            const percent = p.size ? Math.floor((p.bytes / p.size) * 100) : 100;
            if (percent > last) {
              progress.report({ increment: percent - last, message: `${p.records.toLocaleString()} records` });
              last = percent;
            }
            send({ type: 'progress', phase: 'index', done: p.bytes, total: p.size });
          },
        });
      },
    );
  } catch (error) {
    if (error instanceof Cancelled) return;
    send({ type: 'notice', level: 'error', text: `Cannot review ${basename(path)}: ${(error as Error).message}` });
    void vscode.window.showErrorMessage(`CoT Trace: cannot review ${basename(path)}: ${(error as Error).message}`);
    return;
  }
  if (my !== generation) {
    await dataset.close();
    return;
  }
  const { config, warnings } = configForUri(vscode.Uri.file(path));
  const sidecar = sidecarPathFor(path);
  const parsed = readSidecar(sidecar);
  const hashes = Array.from({ length: dataset.count }, (_, i) => dataset.hash(i));
  const decisions = matchDecisions(parsed.entries, hashes);
  const rows: ReviewRow[] = hashes.map((_, index) =>
    withDecision({ index, line: dataset.line(index), total: null, failing: [], length: 0, correct: null, decision: null, labels: [], scored: false }, decisions.get(index)),
  );
  const s: Session = { uri, dataset, config, sidecar, rows, decisions, generation: my, position: Math.min(Math.max(0, startAt), Math.max(0, dataset.count - 1)), scored: 0 };
  session = s;
  panelRef?.webview.postMessage({ type: 'init', file: basename(path), path, total: dataset.count, labels: labels(), rules: enabledRules(config), sidecar: basename(sidecar), kind: dataset.kind } satisfies ReviewToPage);
  for (let i = 0; i < rows.length; i += ROW_CHUNK) send({ type: 'rows', rows: rows.slice(i, i + ROW_CHUNK) });
  for (const w of warnings) send({ type: 'notice', level: 'warning', text: w });
  if (parsed.problems.length) {
    send({ type: 'notice', level: 'warning', text: `${basename(sidecar)}: ${parsed.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}` });
  }
  const stale = [...decisions.values()].filter((d) => d.match === 'stale').length;
  if (stale) send({ type: 'notice', level: 'warning', text: `${stale} decision${stale === 1 ? ' was' : 's were'} taken on an earlier version of ${stale === 1 ? 'its record' : 'their records'} (marked stale).` });
  if (dataset.count) await sendRecord(s, s.position);
  void scoreAll(s).catch((error) => send({ type: 'notice', level: 'error', text: `Scoring stopped: ${(error as Error).message}` }));
}

async function decide(s: Session, message: Extract<ReviewFromPage, { type: 'decide' }>): Promise<void> {
  const decision = message.decision === null || ['accept', 'reject', 'skip'].includes(message.decision) ? message.decision : null;
  const entry = {
    i: message.index,
    h: s.dataset.hash(message.index),
    d: decision,
    labels: Array.isArray(message.labels) ? message.labels.filter((l) => typeof l === 'string').slice(0, 20) : [],
    comment: typeof message.comment === 'string' ? message.comment.slice(0, 10_000) : '',
    t: new Date().toISOString(),
  };
  try {
    appendDecisions(s.sidecar, [entry]);
  } catch (error) {
    send({ type: 'notice', level: 'error', text: `The decision could not be saved: ${(error as Error).message}` });
    return;
  }
  if (decision === null) s.decisions.delete(message.index);
  else s.decisions.set(message.index, { decision, labels: entry.labels, comment: entry.comment, match: 'exact', from: message.index });
  s.rows[message.index] = withDecision(s.rows[message.index], s.decisions.get(message.index));
  send({ type: 'rows', rows: [s.rows[message.index]] });
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
    send({ type: 'notice', level: 'warning', text: 'Nothing to export: no record matches.' });
    return;
  }
  const suggested = vscode.Uri.file(s.uri.fsPath.replace(/(\.jsonl|\.json|\.ndjson)?$/i, `.${what}.jsonl`));
  const target = await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { 'JSON Lines': ['jsonl'] }, title: `Export ${valid.length} records` });
  if (!target) return;
  if (target.fsPath === s.uri.fsPath) {
    send({ type: 'notice', level: 'error', text: 'Export must not overwrite the dataset under review.' });
    return;
  }
  const out = createWriteStream(target.fsPath);
  try {
    await s.dataset.exportBytes(valid, async (bytes) => {
      if (!out.write(bytes)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    send({ type: 'notice', level: 'error', text: `Export failed: ${(error as Error).message}` });
    return;
  }
  send({ type: 'notice', level: 'info', text: `Exported ${valid.length} records to ${basename(target.fsPath)}.` });
  void vscode.window.showInformationMessage(`CoT Trace: exported ${valid.length} records to ${target.fsPath}`);
}

async function reveal(s: Session, index: number): Promise<void> {
  try {
    const document = await vscode.workspace.openTextDocument(s.uri);
    const line = Math.min(s.dataset.line(index), document.lineCount - 1);
    const range = document.lineAt(line).range;
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    void vscode.window.setStatusBarMessage('CoT Trace: "Back to Review" (cotTrace.backToReview) returns to the review at the record under the cursor', 6000);
  } catch (error) {
    send({ type: 'notice', level: 'warning', text: `This file cannot be opened in the editor (${(error as Error).message}). It stays reviewable here.` });
  }
}

export const reviewKind: PanelKind<ReviewPageState> = {
  viewType: REVIEW_VIEW_TYPE,
  title: 'Dataset Review',
  bundle: 'review',
  onRestore: (panel, state) => {
    // After a window reload: index the same file again and come back to the same record.
    if (typeof state?.path !== 'string') return;
    adopt(panel);
    panel.title = `Review: ${basename(state.path)}`;
    const position = typeof state.position === 'number' ? state.position : 0;
    opening = open(vscode.Uri.file(state.path), position).finally(() => (opening = undefined));
  },
  onMessage: async (panel, message) => {
    panelRef = panel;
    if (!isMessage(message)) return;
    if (message.type === 'ready') {
      if (opening) await opening;
      const s = session;
      if (!s) return;
      send({ type: 'init', file: basename(s.uri.fsPath), path: s.uri.fsPath, total: s.dataset.count, labels: labels(), rules: enabledRules(s.config), sidecar: basename(s.sidecar), kind: s.dataset.kind, position: s.position });
      for (let i = 0; i < s.rows.length; i += ROW_CHUNK) send({ type: 'rows', rows: s.rows.slice(i, i + ROW_CHUNK) });
      send({ type: 'progress', phase: s.scored >= s.dataset.count ? 'done' : 'score', done: s.scored, total: s.dataset.count });
      if (s.dataset.count) await sendRecord(s, Math.min(s.position, s.dataset.count - 1));
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
        case 'compact': {
          const r = compactSidecar(s.sidecar);
          send({ type: 'notice', level: 'info', text: `${basename(s.sidecar)} compacted: ${r.before} entries → ${r.after}.` });
          break;
        }
      }
    } catch (error) {
      send({ type: 'notice', level: 'error', text: (error as Error).message });
    }
  },
};

async function pickDataset(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Datasets: ['jsonl', 'json', 'ndjson'] }, title: 'Review a dataset' });
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

/** Opens the review panel on a dataset. */
export async function openReview(panels: PanelHost, uri: vscode.Uri): Promise<void> {
  const panel = panels.show(reviewKind, { position: 0, path: uri.fsPath }, vscode.ViewColumn.Active);
  panel.title = `Review: ${basename(uri.fsPath)}`;
  adopt(panel);
  opening = open(uri).finally(() => (opening = undefined));
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
        void vscode.window.showInformationMessage('CoT Trace: no dataset review is open.');
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
