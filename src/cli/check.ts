import { checkRecord } from '../core/engine';
import { READER_RULES } from '../core/documents/findings';
import { readJsonlBytes, readDocument, type FieldOverrides } from '../core/documents';
import type { DocumentKind } from '../core/documents';
import { LineIndex } from '../core/text/lineIndex';
import type { ResolvedConfig } from '../core/config/types';
import type { Finding, RecordInput, RecordResult, Rewards, Severity, TraceResult } from '../core/types';

/** A finding located by line and column (1-based), as the CLI prints it. */
export interface LocatedFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  ruleId: string;
  message: string;
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

/**
 * Checks a record; an exception inside the engine becomes a finding instead of a crash.
 * `lint` needs findings only, so it runs the engine's lint-only mode (no rewards).
 */
export function safeCheck(record: RecordInput, config: ResolvedConfig, mode: Mode): RecordResult {
  if (!record.traces.length) {
    return { index: record.index, line: record.line, span: record.span, traces: [], findings: record.problems, ...(record.id !== undefined ? { id: record.id } : {}) };
  }
  try {
    return checkRecord(record, config, { rewards: mode === 'score' });
  } catch (error) {
    const finding: Finding = {
      ruleId: 'internal-error',
      severity: 'error',
      message: `The checks failed on this record: ${(error as Error)?.message ?? String(error)}`,
      span: record.span,
      recordIndex: record.index,
    };
    return { index: record.index, line: record.line, span: record.span, traces: [], findings: [...record.problems, finding] };
  }
}

type Locate = (offset: number) => { line: number; character: number };

export function collect(result: RecordResult, record: RecordInput, mode: Mode, locate: Locate, out: BatchResult, config: ResolvedConfig): void {
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
  for (let finding of result.findings) {
    // The reader's own findings follow the user's severity for their ids too.
    if (finding.ruleId in READER_RULES) {
      const setting = config.severities[finding.ruleId];
      if (setting === 'off') continue;
      if (setting && setting !== finding.severity) finding = { ...finding, severity: setting };
    }
    if (finding.severity === 'error') out.errors++;
    // Scores go to stdout; in that mode only reading problems are kept (for stderr).
    if (mode !== 'lint' && !(finding.ruleId in READER_RULES) && finding.ruleId !== 'internal-error') continue;
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
    if (finding.traceIndex !== undefined) located.trace = finding.traceIndex;
    out.findings.push(located);
  }
}

/**
 * Decodes, reads and checks a batch of whole JSON Lines lines. Offsets inside a line give
 * columns directly: a JSONL record never spans lines.
 */
export function checkJsonlBatch(
  bytes: Uint8Array,
  firstLine: number,
  mode: Mode,
  config: ResolvedConfig,
): BatchResult {
  const out = emptyBatch();
  const fields = config.fields as FieldOverrides;
  const read = readJsonlBytes(bytes, { firstLine, fields }, (record) => {
    const lineStart = record.span.start;
    const lineEnd = record.span.end;
    const locate: Locate = (offset) => ({ line: record.line, character: Math.max(0, Math.min(offset, lineEnd) - lineStart) });
    collect(safeCheck(record, config, mode), record, mode, locate, out, config);
  });
  out.lines = read.lines;
  return out;
}

/** Reads and checks a whole document held in memory (JSON, .cot, or a small JSONL). */
export function checkDocument(text: string, fileName: string, kind: DocumentKind, mode: Mode, config: ResolvedConfig, extra: Finding[] = []): BatchResult {
  const out = emptyBatch();
  const lines = new LineIndex(text);
  const locate: Locate = (offset) => lines.position(offset);
  const records = readDocument(text, fileName, { kind, fields: config.fields as FieldOverrides });
  if (extra.length && records.length) records[0].problems.unshift(...extra);
  for (const record of records) collect(safeCheck(record, config, mode), record, mode, locate, out, config);
  return out;
}
