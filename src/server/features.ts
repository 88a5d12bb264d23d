import {
  CodeActionKind,
  DiagnosticSeverity,
  FoldingRangeKind,
  SymbolKind,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import { meanTotal, recordBreakdown, recordLabel, recordSummary, traceBreakdown, traceLabel } from '../core/breakdown';
import { formatMessage, localizeFinding, type Locale } from '../core/messages';
import type { Finding, RecordResult, Severity, TraceResult } from '../core/types';
import { countInferred, mainInferred } from '../core/documents/inferred';
import { SHARD_BLOCK_LINES, type OpenDocument, type PlacedRecord, type Shard } from './documents';
import { SERVER_COMMANDS, SHOW_BREAKDOWN_COMMAND, type DocumentSummary } from './protocol';
import type { EditorSettings } from '../core/node/config';
import { piece } from './prebuilt';
import type { JsonlLines } from './incremental';

export const SOURCE = 'cot-trace';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cotTrace`;

/** Severity after the user's global downgrade. */
export function effectiveSeverity(severity: Severity, override: EditorSettings['severityOverride']): Severity {
  if (override === 'info') return 'info';
  if (override === 'warning' && severity === 'error') return 'warning';
  return severity;
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Data kept on a diagnostic so code actions can find its finding again. */
export interface DiagnosticData {
  record: number;
  finding: number;
}

/** The findings of a record worth showing (a record's `findings` already holds every trace finding). */
function findingsOf(result: RecordResult): Finding[] {
  return result.findings;
}

/**
 * Where a rule's page is, for a diagnostic's `codeDescription`; undefined leaves it out (for a
 * client that does not say it shows one).
 */
export type DocsUrl = (ruleId: string) => string | undefined;

/** One finding as an LSP diagnostic. */
export function findingDiagnostic(finding: Pick<Finding, 'ruleId' | 'message' | 'severity'>, range: Range, settings: EditorSettings, docsUrl: DocsUrl, data?: DiagnosticData): Diagnostic {
  const href = docsUrl(finding.ruleId);
  const diagnostic: Diagnostic = {
    range,
    severity: LSP_SEVERITY[effectiveSeverity(finding.severity, settings.severityOverride)],
    code: finding.ruleId,
    ...(href !== undefined ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: finding.message,
  };
  if (data) diagnostic.data = data;
  return diagnostic;
}

/**
 * Diagnostics built for a result object (results are replaced, never changed), reused while
 * its line and the settings stay the same. A symbol key, so it never reaches JSON.
 */
const BUILT = Symbol('cotTrace.diagnostics');
type Built = {
  line: number;
  /** The record's index, which its messages name (see namedByRecord). */
  index: number;
  override: string;
  locale: Locale;
  docsUrl: DocsUrl;
  items: Diagnostic[];
  json?: Buffer;
  /** The items by LSP severity (1–4), with their JSON: for a report that leaves some out. */
  bySeverity?: { items: Diagnostic[]; json?: Buffer }[];
};
type Tagged = RecordResult & { [BUILT]?: Built };

/** Per document and shard: the results (and their lines) the last fingerprint was taken of. */
const seen = new WeakMap<OpenDocument, Map<number, { id: number; results: RecordResult[]; lines: number[] }>>();
let nextFingerprint = 1;

/**
 * A fingerprint of a document's diagnostics (or of one shard's) that changes whenever they
 * may have: whenever a record has another result object, or sits on another line. Cheap (a
 * walk comparing object identities, no diagnostic built), so a pull whose part did not
 * change is answered at once.
 */
export function diagnosticsFingerprint(doc: OpenDocument, settings: EditorSettings, shard?: Shard): string {
  const lines = doc.jsonlLines;
  if (lines) return `${jsonlFingerprint(lines, shard)}.${settings.severityOverride}`;
  let byShard = seen.get(doc);
  if (!byShard) seen.set(doc, (byShard = new Map()));
  const key = shard ? shard.index : -1;
  const last = byShard.get(key);
  // One walk: while the records match the last walk's nothing is kept; from the first
  // difference on, the new list is collected (starting with the matching prefix).
  let fresh: { results: RecordResult[]; lines: number[] } | undefined = last ? undefined : { results: [], lines: [] };
  let k = 0;
  doc.forEachResult(shard, (result, line) => {
    if (!fresh) {
      if (last!.results[k] === result && last!.lines[k] === line) {
        k++;
        return;
      }
      fresh = { results: last!.results.slice(0, k), lines: last!.lines.slice(0, k) };
    }
    fresh.results.push(result);
    fresh.lines.push(line);
  });
  if (!fresh && k !== last!.results.length) fresh = { results: last!.results.slice(0, k), lines: last!.lines.slice(0, k) };
  if (fresh) byShard.set(key, { id: nextFingerprint++, ...fresh });
  return `${byShard.get(key)!.id}.${settings.severityOverride}`;
}

/**
 * Per JSON Lines document and number of shards (0: the whole document): the fingerprint of
 * each part, taken at `revision`; a part without one gets a new one when asked.
 */
const jsonlFingerprints = new WeakMap<JsonlLines, Map<number, { revision: number; ids: Map<number, number> }>>();

/**
 * The fingerprint of a JSON Lines document's diagnostics (or of one shard's), from the lines'
 * changes since it was last taken (JsonlLines.changesSince): a part changes when a line in it
 * changed, or when lines moved (then every part does). No walk over the records.
 */
function jsonlFingerprint(lines: JsonlLines, shard: Shard | undefined): number {
  let byCount = jsonlFingerprints.get(lines);
  if (!byCount) jsonlFingerprints.set(lines, (byCount = new Map()));
  const count = shard ? shard.count : 0;
  let kept = byCount.get(count);
  const changes = kept ? lines.changesSince(kept.revision) : undefined;
  if (!kept || !changes) byCount.set(count, (kept = { revision: 0, ids: new Map() }));
  else {
    for (const { start, removed, added, renumbers } of changes) {
      // Lines moved, or records below were renumbered (their messages name them): all parts change.
      if (!count || removed !== added || renumbers) {
        kept.ids.clear();
        break;
      }
      const first = Math.floor(start / SHARD_BLOCK_LINES);
      const last = Math.floor((start + added - 1) / SHARD_BLOCK_LINES);
      if (last - first + 1 >= count) {
        kept.ids.clear();
        break;
      }
      for (let b = first; b <= last; b++) kept.ids.delete(b % count);
    }
  }
  kept.revision = lines.revision;
  const key = shard ? shard.index : -1;
  let id = kept.ids.get(key);
  if (id === undefined) kept.ids.set(key, (id = nextFingerprint++));
  return id;
}

/** The diagnostics of a document (or of one shard of it). */
/**
 * A finding's message as the Problems list shows it: in a dataset, led by the record it is
 * on (`#4 math500_0003 · …`), so a long list of a file's problems reads record by record.
 */
export function namedByRecord(message: string, index: number, id?: string | number): string {
  return `#${index + 1}${id !== undefined ? ` ${id}` : ''} · ${message}`;
}

/**
 * The diagnostics of a document (or of one shard of it), their messages in `locale`. With
 * `pieces`, each record's diagnostics are also given as their UTF-8 JSON (kept with the
 * record's result, like the diagnostics themselves), in order: see prebuilt.ts.
 */
export function toDiagnostics(doc: OpenDocument, settings: EditorSettings, docsUrl: DocsUrl, shard?: Shard, pieces?: Buffer[], locale: Locale = 'en'): Diagnostic[] {
  const out: Diagnostic[] = [];
  doc.forEach((record) => {
    const built = builtOf(doc, record, settings, docsUrl, locale);
    for (const d of built.items) out.push(d);
    if (pieces && built.items.length) pieces.push((built.json ??= piece(built.items)));
  }, shard);
  return out;
}

/** A record's diagnostics: the ones kept with its result while they still hold, else built now. */
function builtOf(doc: OpenDocument, record: PlacedRecord, settings: EditorSettings, docsUrl: DocsUrl, locale: Locale): Built {
  const result = record.result as Tagged;
  const known = result[BUILT];
  if (known && known.line === record.line && known.index === record.index && known.override === settings.severityOverride && known.locale === locale && known.docsUrl === docsUrl) return known;
  const dataset = doc.kind !== 'cot';
  const items = findingsOf(result).map((finding) => {
    const message = localizeFinding(finding, locale);
    return findingDiagnostic({ ...finding, message: dataset ? namedByRecord(message, record.index, result.id) : message }, doc.range(record, finding.span), settings, docsUrl);
  });
  const built: Built = { line: record.line, index: record.index, override: settings.severityOverride, locale, docsUrl, items };
  result[BUILT] = built;
  return built;
}

/** A record's items split by LSP severity (1–4), each group with its JSON once asked for. */
function bySeverity(built: Built): { items: Diagnostic[]; json?: Buffer }[] {
  return (built.bySeverity ??= [1, 2, 3, 4].map((s): { items: Diagnostic[]; json?: Buffer } => ({ items: built.items.filter((d) => (d.severity ?? 1) === s) })));
}

/**
 * What a JSON Lines document's whole report is made of, kept per line and brought up to date
 * from the lines' changes (JsonlLines.changesSince): an edit inside one record costs that
 * record, not a walk over every record of the document. The counts by severity are kept with
 * it, so the limit's cut is known without looking at the records.
 */
interface KeptReport {
  revision: number;
  override: string;
  locale: Locale;
  docsUrl: DocsUrl;
  /** Per line: the record's diagnostics, or null (a blank or unchecked line). */
  built: Array<Built | null>;
  /** Diagnostics by LSP severity (index 1–4), and in all. */
  counts: number[];
  total: number;
}

const keptReports = new WeakMap<JsonlLines, KeptReport>();

function addCounts(kept: KeptReport, built: Built | null, sign: 1 | -1): void {
  if (!built) return;
  kept.total += sign * built.items.length;
  for (const d of built.items) kept.counts[d.severity ?? DiagnosticSeverity.Error] += sign;
}

/** The kept report of a JSON Lines document, brought up to date. */
function keptReport(doc: OpenDocument, lines: JsonlLines, settings: EditorSettings, docsUrl: DocsUrl, locale: Locale): KeptReport {
  let kept = keptReports.get(lines);
  const changes = kept && kept.override === settings.severityOverride && kept.locale === locale && kept.docsUrl === docsUrl ? lines.changesSince(kept.revision) : undefined;
  const n = lines.lineCount;
  /** Line ranges to rebuild, in order, and the line from which everything is rebuilt. */
  const dirty: Array<[number, number]> = [];
  let dirtyFrom = n;
  if (!kept || !changes) {
    kept = { revision: 0, override: settings.severityOverride, locale, docsUrl, built: new Array<Built | null>(n).fill(null), counts: [0, 0, 0, 0, 0], total: 0 };
    keptReports.set(lines, kept);
    dirtyFrom = 0;
  } else {
    for (const { start, removed, added } of changes) {
      for (let i = start; i < start + removed; i++) addCounts(kept, kept.built[i], -1);
      if (removed === added) {
        kept.built.fill(null, start, start + added);
        if (start < dirtyFrom) dirty.push([start, Math.min(start + added, dirtyFrom)]);
      } else {
        // The lines below moved: their diagnostics name other lines (and maybe other records).
        kept.built.splice(start, removed, ...new Array<Built | null>(added).fill(null));
        for (let i = start + added; i < kept.built.length; i++) addCounts(kept, kept.built[i], -1);
        kept.built.fill(null, start + added);
        dirtyFrom = Math.min(dirtyFrom, start);
      }
    }
  }
  kept.revision = lines.revision;
  if (kept.built.length !== n) {
    // Never expected (the changes give the lines' count); if so, all is built again.
    kept.built = new Array<Built | null>(n).fill(null);
    kept.counts = [0, 0, 0, 0, 0];
    kept.total = 0;
    dirty.length = 0;
    dirtyFrom = 0;
  }
  const rebuild = (i: number) => {
    const result = lines.result(i);
    const built = result ? builtOf(doc, { index: lines.recordIndexOfLine(i), line: i, result }, settings, docsUrl, locale) : null;
    kept!.built[i] = built;
    addCounts(kept!, built, 1);
  };
  dirty.sort((a, b) => a[0] - b[0]);
  for (const [from, to] of dirty) {
    if (from >= dirtyFrom) break;
    for (let i = from; i < to && i < dirtyFrom; i++) if (kept.built[i] === null) rebuild(i);
    // A line that became blank (or a record) renumbers the records below it.
    let next = to;
    while (next < dirtyFrom && kept.built[next] === null) next++;
    if (next < dirtyFrom && kept.built[next]!.index !== lines.recordIndexOfLine(next)) {
      for (let i = to; i < dirtyFrom; i++) addCounts(kept, kept.built[i], -1);
      kept.built.fill(null, to, dirtyFrom);
      dirtyFrom = to;
    }
  }
  for (let i = dirtyFrom; i < n; i++) rebuild(i);
  return kept;
}

/**
 * A JSON Lines document's whole report as `toDiagnostics` (with pieces) and `limitDiagnostics`
 * give it, from the kept report: `limit` > 0 cuts it to that many problems. `pieces` receives
 * the report's JSON in order.
 */
export function jsonlReport(doc: OpenDocument, lines: JsonlLines, settings: EditorSettings, docsUrl: DocsUrl, limit: number, pieces: Buffer[], locale: Locale = 'en'): Diagnostic[] {
  const kept = keptReport(doc, lines, settings, docsUrl, locale);
  const out: Diagnostic[] = [];
  const built = kept.built;
  if (!(limit > 0) || kept.total <= limit) {
    for (const b of built) {
      if (!b?.items.length) continue;
      for (const d of b.items) out.push(d);
      pieces.push((b.json ??= piece(b.items)));
    }
    return out;
  }
  const counts = kept.counts;
  let cut = 1;
  let budget = limit;
  while (cut < 4 && budget >= counts[cut]) budget -= counts[cut++];
  // Problems more severe than the cut still to come: once none are left and the budget is
  // spent, the rest of the document adds nothing.
  let above = 0;
  for (let s = 1; s < cut; s++) above += counts[s];
  for (let i = 0; i < built.length && (above > 0 || budget > 0); i++) {
    const b = built[i];
    if (!b?.items.length) continue;
    for (let s = 1; s < cut; s++) above -= bySeverity(b)[s - 1].items.length;
    budget = takeBySeverity(b, cut, budget, out, pieces);
  }
  out.push(cappedNote(out.length, kept.total, limit, pieces, locale));
  return out;
}

/**
 * One record's share of a cut report: every problem more severe than `cut`, and of those at
 * `cut` as many as `budget` still allows (their JSON to `pieces`). Returns what is left of the budget.
 */
function takeBySeverity(built: Built, cut: number, budget: number, out: Diagnostic[], pieces: Buffer[]): number {
  const groups = bySeverity(built);
  for (let s = 1; s <= cut && s <= 4; s++) {
    const group = groups[s - 1];
    if (!group.items.length) continue;
    if (s < cut || budget >= group.items.length) {
      if (s === cut) budget -= group.items.length;
      for (const d of group.items) out.push(d);
      pieces.push((group.json ??= piece(group.items)));
    } else if (budget > 0) {
      const some = group.items.slice(0, budget);
      budget = 0;
      for (const d of some) out.push(d);
      pieces.push(piece(some));
    }
  }
  return budget;
}

/** The diagnostic that ends a cut report, saying how many problems there are (its JSON to `pieces`). */
function cappedNote(shown: number, total: number, limit: number, pieces: Buffer[], locale: Locale): Diagnostic {
  const note: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: formatMessage('server.report-capped', { shown, total, limit }, locale),
  };
  pieces.push(piece([note]));
  return note;
}

/**
 * A document's whole report cut to `limit` problems, for a client that takes one report per
 * document: the most severe kept (every error, then warnings, then information, as many as fit),
 * listed in document order, and one more diagnostic (at the top of the document, last in the
 * list) saying how many there are. `all` is what `toDiagnostics` just
 * gave for the document (so every record's diagnostics are built). Each record's items are
 * kept by severity with their JSON, so an edit serialises only the record it changed and the
 * one record the limit cuts through; `pieces` receives the report's JSON in order.
 */
export function limitDiagnostics(doc: OpenDocument, all: readonly Diagnostic[], limit: number, pieces: Buffer[], locale: Locale = 'en'): Diagnostic[] {
  const counts = [0, 0, 0, 0, 0];
  for (const d of all) counts[d.severity ?? DiagnosticSeverity.Error]++;
  // Every severity below `cut` is listed whole, `budget` of those at `cut`, none above.
  let cut = 1;
  let budget = limit;
  while (cut < 4 && budget >= counts[cut]) budget -= counts[cut++];
  const out: Diagnostic[] = [];
  doc.forEach((record) => {
    const built = (record.result as Tagged)[BUILT];
    if (!built?.items.length) return;
    budget = takeBySeverity(built, cut, budget, out, pieces);
  });
  out.push(cappedNote(out.length, all.length, limit, pieces, locale));
  return out;
}

/** The trace a source offset falls in (or the record's only trace). */
function traceAt(result: RecordResult, offset: number): TraceResult | undefined {
  const inside = result.traces.find((t) => offset >= t.span.start && offset <= t.span.end);
  return inside ?? (result.traces.length === 1 ? result.traces[0] : undefined);
}

export function hover(doc: OpenDocument, position: Position, locale: Locale = 'en'): Hover | null {
  const at = doc.recordAt(position);
  if (!at) return null;
  const { record, offset } = at;
  const trace = traceAt(record.result, offset);
  const label = `${recordLabel(record.index, locale)}${record.result.id !== undefined ? ` · ${record.result.id}` : ''}`;
  const value = trace && record.result.traces.length > 1
    ? `### ${label}\n\n${traceBreakdown(trace, traceLabel(trace.traceIndex ?? record.result.traces.indexOf(trace), trace.path, locale), locale)}`
    : recordBreakdown(record.result, recordLabel(record.index, locale), locale);
  const span = trace?.span ?? record.result.span;
  return { contents: { kind: 'markdown', value }, range: doc.range(record, span) };
}

export function breakdown(doc: OpenDocument, index: number, locale: Locale = 'en'): string | null {
  const record = doc.record(index);
  return record ? recordBreakdown(record.result, recordLabel(index, locale), locale) : null;
}

export function codeLenses(doc: OpenDocument, locale: Locale = 'en'): CodeLens[] {
  const out: CodeLens[] = [];
  doc.forEach((record) => {
    const start = doc.position(record, record.result.span.start);
    out.push({
      range: { start, end: start },
      command: { title: recordSummary(record.result, locale), command: SHOW_BREAKDOWN_COMMAND, arguments: [doc.uri, record.index] },
    });
  });
  return out;
}

/** Outline names of a trace's sections: the marker's name, or where the text is. */
const SECTION_NAMES: Record<string, string> = { thought: 'think', answer: 'answer', summary: 'summary' };
const SECTION_PLACES = { preamble: 'server.section.preamble', trailing: 'server.section.trailing' } as const;

function sectionName(kind: string, locale: Locale): string {
  return kind in SECTION_PLACES ? formatMessage(SECTION_PLACES[kind as keyof typeof SECTION_PLACES], undefined, locale) : (SECTION_NAMES[kind] ?? kind);
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function documentSymbols(doc: OpenDocument, locale: Locale = 'en'): DocumentSymbol[] {
  const reward = (value: number) => formatMessage('summary.reward', { value: fmt(value) }, locale);
  const out: DocumentSymbol[] = [];
  doc.forEach((record) => {
    const r = record.result;
    const range = doc.range(record, r.span);
    const mean = meanTotal(r);
    const traceSymbols = r.traces.map((trace, i): DocumentSymbol => {
      const traceRange = doc.range(record, trace.span);
      const children = trace.sections
        .filter((s) => s.span.end >= s.span.start)
        .map((s): DocumentSymbol => {
          const sectionRange = doc.range(record, s.span);
          return { name: sectionName(s.kind, locale), kind: s.kind === 'thought' ? SymbolKind.Namespace : SymbolKind.String, range: sectionRange, selectionRange: sectionRange };
        });
      return {
        name: r.traces.length > 1 ? `trace ${trace.traceIndex ?? i}` : trace.path,
        detail: `${trace.convention} · ${reward(trace.total)}`,
        kind: SymbolKind.Field,
        range: traceRange,
        selectionRange: { start: traceRange.start, end: traceRange.start },
        children,
      };
    });
    out.push({
      name: `#${record.index + 1}${r.id !== undefined ? ` ${r.id}` : ''}`,
      detail: mean === null ? formatMessage('summary.not-scored', undefined, locale) : reward(mean),
      kind: SymbolKind.Object,
      range,
      selectionRange: { start: range.start, end: range.start },
      children: r.traces.length === 1 ? traceSymbols[0].children : traceSymbols,
    });
  });
  return out;
}

/**
 * Records of the open documents whose name (`#index id`, as in the outline) contains the
 * query, case-insensitively; at most `limit`. Once the record is scored, the container
 * gives its reward (editors show the file from the location).
 */
export function workspaceSymbols(docs: Iterable<OpenDocument>, query: string, limit = 1000): WorkspaceSymbol[] {
  const q = query.trim().toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const doc of docs) {
    if (!doc.active) continue;
    doc.forEach((record) => {
      if (out.length >= limit) return;
      const r = record.result;
      const name = `#${record.index + 1}${r.id !== undefined ? ` ${r.id}` : ''}`;
      if (q && !name.toLowerCase().includes(q)) return;
      const mean = meanTotal(r);
      out.push({
        name,
        kind: SymbolKind.Object,
        ...(mean === null ? {} : { containerName: `reward ${fmt(mean)}` }),
        location: { uri: doc.uri, range: doc.range(record, r.span) },
      });
    });
  }
  return out;
}

export function foldingRanges(doc: OpenDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (range: Range, kind?: FoldingRangeKind) => {
    if (range.end.line > range.start.line) out.push({ startLine: range.start.line, endLine: range.end.line, ...(kind ? { kind } : {}) });
  };
  doc.forEach((record) => {
    add(doc.range(record, record.result.span), FoldingRangeKind.Region);
    for (const trace of record.result.traces) {
      for (const section of trace.sections) add(doc.range(record, section.span));
    }
  });
  return out;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Findings whose range touches `range`. */
export function findingsIn(doc: OpenDocument, range: Range): Array<{ record: PlacedRecord; finding: Finding; range: Range }> {
  const out: Array<{ record: PlacedRecord; finding: Finding; range: Range }> = [];
  const first = doc.recordAt(range.start);
  const scan = (record: PlacedRecord) => {
    for (const finding of findingsOf(record.result)) {
      const r = doc.range(record, finding.span);
      if (overlaps(r, range)) out.push({ record, finding, range: r });
    }
  };
  if (first && range.start.line === range.end.line) scan(first.record);
  else doc.forEach(scan);
  return out;
}

/** Text edits of one fix, in editor coordinates. */
export function fixEdits(doc: OpenDocument, record: PlacedRecord, finding: Finding, fixIndex: number): TextEdit[] {
  const fix = finding.fixes?.[fixIndex];
  if (!fix) return [];
  return fix.edits.map((e) => ({ range: doc.range(record, e.span), newText: e.newText }));
}

/** Every safe fix of the document, without overlapping edits (first wins). */
export function safeFixEdits(doc: OpenDocument): TextEdit[] {
  const edits: Array<{ start: number; end: number; record: PlacedRecord; edit: TextEdit }> = [];
  doc.forEach((record) => {
    for (const finding of findingsOf(record.result)) {
      const fix = finding.fixes?.find((f) => f.safe);
      if (!fix) continue;
      // Offsets are line-relative in JSON Lines: order by line first.
      for (const e of fix.edits) edits.push({ start: e.span.start, end: e.span.end, record, edit: { range: doc.range(record, e.span), newText: e.newText } });
    }
  });
  edits.sort((a, b) => a.edit.range.start.line - b.edit.range.start.line || a.edit.range.start.character - b.edit.range.start.character || a.end - b.end);
  const out: TextEdit[] = [];
  let last: Position | undefined;
  for (const e of edits) {
    const s = e.edit.range.start;
    if (last && (s.line < last.line || (s.line === last.line && s.character < last.character))) continue;
    out.push(e.edit);
    last = e.edit.range.end;
  }
  return out;
}

export function showDocsAction(ruleId: string, diagnostics: Diagnostic[], locale: Locale = 'en'): CodeAction {
  const title = formatMessage('server.show-docs', { rule: ruleId }, locale);
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    command: { title, command: SERVER_COMMANDS.showRuleDocumentation, arguments: [ruleId] },
  };
}

/** What a stretch of records adds to a document's summary. */
interface SummaryPart {
  checked: number;
  traces: number;
  total: number;
  conventions: Map<string, number>;
  findings: { error: number; warning: number; info: number };
  inferred: Map<string, number>;
}

function emptyPart(): SummaryPart {
  return { checked: 0, traces: 0, total: 0, conventions: new Map(), findings: { error: 0, warning: 0, info: 0 }, inferred: new Map() };
}

/** Adds a record's result to `part` (summing in document order). */
function addToPart(part: SummaryPart, result: RecordResult): void {
  part.checked++;
  countInferred([result], part.inferred);
  for (const t of result.traces) {
    part.traces++;
    part.total += t.total;
    part.conventions.set(t.convention, (part.conventions.get(t.convention) ?? 0) + 1);
  }
  for (const f of result.findings) part.findings[f.severity]++;
}

/** Adds `part` to `into` (parts taken in document order keep each name's first place). */
function mergePart(into: SummaryPart, part: SummaryPart): void {
  into.checked += part.checked;
  into.traces += part.traces;
  into.total += part.total;
  for (const [name, count] of part.conventions) into.conventions.set(name, (into.conventions.get(name) ?? 0) + count);
  for (const [name, count] of part.inferred) into.inferred.set(name, (into.inferred.get(name) ?? 0) + count);
  into.findings.error += part.findings.error;
  into.findings.warning += part.findings.warning;
  into.findings.info += part.findings.info;
}

/**
 * Lines per part of a JSON Lines document's summary. Each part is summed on its own and kept
 * until a line in it changes; the summary adds the parts up. An edit then costs one part and
 * the adding up (lines / SUMMARY_BLOCK_LINES parts), not every record; a document read from
 * scratch is summed the same way (the same order of additions: the same mean, to the bit).
 */
const SUMMARY_BLOCK_LINES = 64;

/** The kept parts of a JSON Lines document's summary (undefined: to sum again). */
const summaryParts = new WeakMap<JsonlLines, { revision: number; parts: Array<SummaryPart | undefined> }>();

function jsonlSummaryPart(lines: JsonlLines): SummaryPart {
  let kept = summaryParts.get(lines);
  const changes = kept ? lines.changesSince(kept.revision) : undefined;
  const blocks = Math.ceil(lines.lineCount / SUMMARY_BLOCK_LINES);
  if (!kept || !changes) {
    kept = { revision: 0, parts: [] };
    summaryParts.set(lines, kept);
  } else {
    for (const { start, removed, added } of changes) {
      const first = Math.floor(start / SUMMARY_BLOCK_LINES);
      // Lines moved: every part from the first changed line on holds other lines now.
      const last = removed === added ? Math.floor((start + Math.max(added, 1) - 1) / SUMMARY_BLOCK_LINES) : kept.parts.length;
      for (let b = first; b <= last && b < kept.parts.length; b++) kept.parts[b] = undefined;
    }
  }
  kept.revision = lines.revision;
  kept.parts.length = blocks;
  const whole = emptyPart();
  for (let b = 0; b < blocks; b++) {
    let part = kept.parts[b];
    if (!part) {
      part = emptyPart();
      const end = Math.min(lines.lineCount, (b + 1) * SUMMARY_BLOCK_LINES);
      for (let i = b * SUMMARY_BLOCK_LINES; i < end; i++) {
        const result = lines.result(i);
        if (result) addToPart(part, result);
      }
      kept.parts[b] = part;
    }
    mergePart(whole, part);
  }
  return whole;
}

/** What the language status shows for a document. */
export function summarize(doc: OpenDocument): DocumentSummary {
  const lines = doc.jsonlLines;
  let sum: SummaryPart;
  if (lines) sum = jsonlSummaryPart(lines);
  else {
    sum = emptyPart();
    const whole = sum;
    doc.forEach(({ result }) => addToPart(whole, result));
  }
  const { traces, total, checked, findings } = sum;
  let convention: string | null = null;
  let best = 0;
  for (const [name, count] of sum.conventions) {
    if (count > best) {
      best = count;
      convention = name;
    }
  }
  const inferred = mainInferred(sum.inferred);
  return {
    ...(inferred ? { inferred } : {}),
    uri: doc.uri,
    active: doc.active,
    kind: doc.kind,
    records: doc.recordCount,
    checked,
    convention,
    conventionShare: traces ? best / traces : 0,
    meanReward: traces ? total / traces : null,
    findings: { ...findings },
  };
}
