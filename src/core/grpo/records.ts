/**
 * From dataset records to GRPO groups: score every trace with the engine, put the outputs of
 * the same prompt together (or of the same value of a chosen field; a record holding
 * `generations: [...]` is always a group of its own), then compute the advantages.
 */
import type { ResolvedConfig } from '../types';
import { readDocument, type DocumentKind } from '../documents';
import { createChecker, INTERNAL_ERROR } from '../engine';
import type { RecordInput, Rewards, SourceSpan } from '../types';
import { computeAdvantages, type AdvantageOptions, type BatchResult } from './advantages';

/** How outputs are put into groups: by prompt text (default), one group per record, or by a field's value. */
export type GroupBy = { by: 'prompt' } | { by: 'record' } | { by: 'field'; field: string };

/** One scored output of a record. */
export interface ScoredOutput {
  recordIndex: number;
  /** 0-based line of the record. */
  line: number;
  id?: string;
  /** Position in the record's `generations`, when it holds several. */
  traceIndex?: number;
  /** Source span to reveal for this output (the trace, else the record). */
  span: SourceSpan;
  /** Span of the whole record (where an inline hint goes). */
  recordSpan: SourceSpan;
  /** Short description: the extracted answer when there is one. */
  label: string;
  rewards: Rewards;
  /** The engine's weighted total: the reward GRPO sees. */
  total: number;
}

export interface RecordGroup {
  /** What the outputs share (a prompt, a field value, a record number). */
  key: string;
  /** Short text for display. */
  title: string;
  outputs: ScoredOutput[];
}

export interface RecordAdvantages {
  groups: RecordGroup[];
  result: BatchResult;
  /** Records that could not be scored (invalid JSON, no trace), with the reason. */
  skipped: Array<{ recordIndex: number; line: number; message: string }>;
}

function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** Reads a dotted field path (`meta.uid`, `answers[0]`) of a parsed record. */
export function fieldValue(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Choices for "group by field": top-level fields holding text in the first records (numbers
 * such as `generation_time_seconds` and flags can never name a prompt), without the fields
 * the traces are read from; the field holding the detected prompt comes first.
 */
export function candidateFields(text: string, records: ReadonlyArray<RecordInput>, limit = 20): string[] {
  const seen = new Set<string>();
  const traceFields = new Set<string>();
  let promptField: string | undefined;
  for (const record of records.slice(0, limit)) {
    let value: unknown;
    try {
      value = JSON.parse(text.slice(record.span.start, record.span.end));
    } catch {
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const trace of record.traces) traceFields.add(topField(trace.path));
    for (const [key, v] of Object.entries(value)) {
      if (typeof v !== 'string') continue;
      seen.add(key);
      if (promptField === undefined && record.prompt && v.trim() && v.trim() === record.prompt.text.trim()) promptField = key;
    }
  }
  const fields = [...seen].filter((f) => !traceFields.has(f) || f === promptField);
  return promptField ? [promptField, ...fields.filter((f) => f !== promptField)] : fields;
}

/** The top-level key of a field path (`messages[2].content` → `messages`). */
function topField(path: string): string {
  return /^[^.[\]]+/.exec(path)?.[0] ?? path;
}

/** Scores every trace of the records with the engine. */
export function scoreRecords(records: ReadonlyArray<RecordInput>, config: ResolvedConfig): { outputs: ScoredOutput[][]; skipped: RecordAdvantages['skipped'] } {
  const outputs: ScoredOutput[][] = [];
  const skipped: RecordAdvantages['skipped'] = [];
  const checker = createChecker(config);
  for (const record of records) {
    if (!record.traces.length) {
      skipped.push({ recordIndex: record.index, line: record.line, message: record.problems[0]?.message ?? 'No trace found in this record.' });
      outputs.push([]);
      continue;
    }
    const result = checker.check(record);
    const failure = result.traces.length ? undefined : result.findings.find((f) => f.ruleId === INTERNAL_ERROR);
    if (failure) {
      skipped.push({ recordIndex: record.index, line: record.line, message: failure.message });
      outputs.push([]);
      continue;
    }
    const several = record.traces.length > 1;
    outputs.push(
      result.traces.map((trace, i) => {
        const out: ScoredOutput = {
          recordIndex: record.index,
          line: record.line,
          span: several ? trace.span : record.span,
          recordSpan: record.span,
          label: trace.answer.extracted ? shorten(trace.answer.extracted, 40) : record.id !== undefined ? `id ${record.id}` : `record ${record.index + 1}`,
          rewards: trace.rewards,
          total: Number.isFinite(trace.total) ? trace.total : 0,
        };
        if (record.id !== undefined) out.id = record.id;
        if (several) out.traceIndex = trace.traceIndex ?? i;
        return out;
      }),
    );
  }
  return { outputs, skipped };
}

/** Puts scored outputs into groups, in order of first appearance. */
export function groupOutputs(records: ReadonlyArray<RecordInput>, outputs: ReadonlyArray<ReadonlyArray<ScoredOutput>>, groupBy: GroupBy, text?: string): RecordGroup[] {
  const groups = new Map<string, RecordGroup>();
  records.forEach((record, i) => {
    const outs = outputs[i] ?? [];
    if (!outs.length) return;
    let key: string;
    let title: string;
    if (outs.length > 1 || groupBy.by === 'record') {
      key = `record:${record.index}`;
      title = record.prompt ? shorten(record.prompt.text) : `record ${record.index + 1}`;
    } else if (groupBy.by === 'field') {
      let value: unknown;
      if (text !== undefined) {
        try {
          value = fieldValue(JSON.parse(text.slice(record.span.start, record.span.end)), groupBy.field);
        } catch {
          value = undefined;
        }
      }
      key = value === undefined ? `record:${record.index}` : `field:${JSON.stringify(value)}`;
      title = value === undefined ? `record ${record.index + 1} (no ${groupBy.field})` : `${groupBy.field} = ${shorten(typeof value === 'string' ? value : JSON.stringify(value))}`;
    } else if (record.prompt) {
      key = `prompt:${record.prompt.text.trim()}`;
      title = shorten(record.prompt.text);
    } else {
      key = `record:${record.index}`;
      title = `record ${record.index + 1} (no prompt found)`;
    }
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, title, outputs: [] }));
    group.outputs.push(...outs);
  });
  return [...groups.values()];
}

/**
 * Reads records from `text` (a JSON Lines selection, a JSON document…), scores and groups
 * them, and computes their advantages. `offset`/`firstLine` place the text in its document so
 * spans point at the right place.
 */
export function recordAdvantages(
  text: string,
  fileName: string,
  config: ResolvedConfig,
  options: AdvantageOptions,
  groupBy: GroupBy = { by: 'prompt' },
  place: { offset?: number; firstLine?: number; kind?: DocumentKind } = {},
): RecordAdvantages {
  const records = readDocument(text, fileName, { kind: place.kind });
  const offset = place.offset ?? 0;
  const firstLine = place.firstLine ?? 0;
  const placed = records.map((r) => shift(r, offset, firstLine));
  const { outputs, skipped } = scoreRecords(placed, config);
  // Fields are read from the text itself: give groupOutputs spans relative to it.
  const groups = groupOutputs(records, outputs, groupBy, text);
  const result = computeAdvantages(
    groups.map((g) => g.outputs.map((o) => o.total)),
    options,
  );
  return { groups, result, skipped };
}

function shift(record: RecordInput, offset: number, firstLine: number): RecordInput {
  if (!offset && !firstLine) return record;
  const move = (s: SourceSpan): SourceSpan => ({ start: s.start + offset, end: s.end + offset });
  return {
    ...record,
    span: move(record.span),
    line: record.line + firstLine,
    traces: record.traces.map((t) => ({
      ...t,
      output: { text: t.output.text, toSource: (o: number) => t.output.toSource(o) + offset, encode: (v: string) => t.output.encode(v) },
      reasoning: t.reasoning ? { text: t.reasoning.text, toSource: (o: number) => t.reasoning!.toSource(o) + offset, encode: (v: string) => t.reasoning!.encode(v) } : undefined,
    })),
    problems: record.problems.map((p) => ({ ...p, span: move(p.span) })),
  };
}
