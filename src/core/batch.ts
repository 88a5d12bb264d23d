/**
 * Checking a batch of records and locating the findings by line and column: the one path from
 * bytes (or decoded text) to located findings and scores, for the CLI, the reward server and
 * the language server's lint from disk.
 */
import { createChecker, INTERNAL_ERROR, type Checker } from './engine';
import { datasetConvention, withDatasetConvention } from './trace/datasetConvention';
import { READER_RULES } from './documents/findings';
import { decodeLines, readJsonlBytes, readDocument, type ReleaseOption } from './documents';
import type { DocumentKind } from './documents';
import { LineIndex } from './text/lineIndex';
import type { Finding, RecordInput, RecordResult, ResolvedConfig, Rewards, Severity, TraceResult } from './types';
import type { Localized } from './messages';

/** A finding located by line and column (1-based). */
export interface LocatedFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  ruleId: string;
  message: string;
  /** The message as an id of the catalogue and its arguments (src/core/messages), to render it in another locale. */
  l10n?: Localized;
  record: number;
  trace?: number;
  /** Columnar inputs (Parquet, Arrow): the column (field path) the finding is about, e.g. `messages[2].content`. */
  field?: string;
  /** Columnar inputs: the row group (record batch) holding the record. */
  rowGroup?: number;
}

/** One scored trace. */
export interface ScoredTrace {
  record: number;
  /** 1-based line of the record. */
  line: number;
  id?: string;
  trace?: number;
  rewards: Rewards;
  total: number;
  /** The answer check (shown by `score --explain`). */
  answer?: Omit<TraceResult['answer'], 'span'>;
}

export type Mode = 'lint' | 'score';

/** Results of a batch of records; record numbers are relative to the batch when streaming. */
export interface BatchResult {
  records: number;
  /** Lines of input the batch held (JSON Lines batches). */
  lines: number;
  errors: number;
  findings: LocatedFinding[];
  scores: ScoredTrace[];
  /** Fields traces were read from by their content (no known key held one), with their record counts. */
  inferred?: Record<string, number>;
}

export function emptyBatch(): BatchResult {
  return { records: 0, lines: 0, errors: 0, findings: [], scores: [] };
}

type Locate = (offset: number) => { line: number; character: number };

/** `lint` needs findings only, so it runs the engine's lint-only mode (no rewards). */
export function checkFor(config: ResolvedConfig, mode: Mode): Checker['check'] {
  const checker = createChecker(config);
  return mode === 'score' ? checker.check : checker.lint;
}

export function collect(result: RecordResult, record: RecordInput, mode: Mode, locate: Locate, out: BatchResult): void {
  out.records++;
  if (record.inferredTrace !== undefined) {
    out.inferred ??= {};
    out.inferred[record.inferredTrace] = (out.inferred[record.inferredTrace] ?? 0) + 1;
  }
  if (mode === 'score') {
    for (const trace of result.traces) {
      const { span: _span, ...answer } = trace.answer;
      const scored: ScoredTrace = { record: record.index, line: record.line + 1, rewards: trace.rewards, total: trace.total, answer };
      if (record.id !== undefined) scored.id = record.id;
      if (record.traces.length > 1 && trace.traceIndex !== undefined) scored.trace = trace.traceIndex;
      out.scores.push(scored);
    }
  }
  for (const finding of result.findings) {
    if (finding.severity === 'error') out.errors++;
    // Scores go to stdout; in that mode only reading problems are kept (for stderr).
    if (mode !== 'lint' && !(finding.ruleId in READER_RULES) && finding.ruleId !== INTERNAL_ERROR) continue;
    const start = locate(finding.span.start);
    const end = locate(Math.max(finding.span.start, finding.span.end));
    const located: LocatedFinding = {
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: finding.severity,
      ruleId: finding.ruleId,
      message: finding.message,
      record: finding.recordIndex ?? record.index,
    };
    if (finding.l10n) located.l10n = finding.l10n;
    if (finding.traceIndex !== undefined) located.trace = finding.traceIndex;
    out.findings.push(located);
  }
}

/**
 * Decodes, reads and checks a batch of whole JSON Lines lines. Offsets inside a line give
 * columns directly: a JSONL record never spans lines. `memory` says when the bytes are no
 * longer read and when a very long line is garbage (see `ReleaseOption`).
 */
export function checkJsonlBatch(
  bytes: Uint8Array,
  firstLine: number,
  mode: Mode,
  config: ResolvedConfig,
  memory: ReleaseOption = {},
): BatchResult {
  const out = emptyBatch();
  const fields = config.fields;
  const check = checkFor(config, mode);
  const read = readJsonlBytes(bytes, { firstLine, fields, ...memory }, (record) => {
    const lineStart = record.span.start;
    const lineEnd = record.span.end;
    const locate: Locate = (offset) => ({ line: record.line, character: Math.max(0, Math.min(offset, lineEnd) - lineStart) });
    collect(check(record), record, mode, locate, out);
  });
  out.lines = read.lines;
  return out;
}

/** Reads and checks a whole document held in memory (JSON, .cot, or a small JSONL). */
export function checkDocument(text: string, fileName: string, kind: DocumentKind, mode: Mode, config: ResolvedConfig, extra: Finding[] = []): BatchResult {
  const out = emptyBatch();
  const lines = new LineIndex(text);
  const locate: Locate = (offset) => lines.position(offset);
  const records = readDocument(text, fileName, { kind, fields: config.fields });
  config = withDatasetConvention(config, datasetConvention(records, config));
  if (extra.length && records.length) records[0].problems.unshift(...extra);
  const check = checkFor(config, mode);
  for (const record of records) collect(check(record), record, mode, locate, out);
  return out;
}

/** Decodes and checks a whole document read as bytes (a byte order mark is skipped, bytes that are not UTF-8 are findings). */
export function checkDocumentBytes(bytes: Uint8Array, fileName: string, kind: DocumentKind, mode: Mode, config: ResolvedConfig): BatchResult {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const decoded = decodeLines(bom ? bytes.subarray(3) : bytes);
  return checkDocument(decoded.text, fileName, kind, mode, config, decoded.problems.map((p) => p.finding));
}
