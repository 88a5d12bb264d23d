/**
 * The review panel's view of one record: decoded prompt, thought and answer, the engine's
 * findings and rewards — plain data the page renders as text (never as HTML).
 */
import { traceText } from '../engine';
import { parseTrace } from '../trace/parse';
import type { ResolvedConfig } from '../types';
import type { RecordInput, RecordResult } from '../types';
import type { RecordView, TraceView } from './protocol';
import type { RecordDecision } from './sidecar';
import { datasetColumns } from './columns';
import { traceVerdict } from '../answer/verdict';

/** Longest text sent for one field (a degenerate 10 MB output would stall the page). */
export const MAX_FIELD_CHARS = 400_000;

const clip = (text: string) => (text.length > MAX_FIELD_CHARS ? `${text.slice(0, MAX_FIELD_CHARS)}\n… [${text.length - MAX_FIELD_CHARS} more characters not shown]` : text);

/** `source` is the record's own text (or parsed JSON), read for the dataset's own columns. */
export function recordView(record: RecordInput, result: RecordResult, config: ResolvedConfig, decision?: RecordDecision, source?: unknown): RecordView {
  const traces: TraceView[] = result.traces.map((t, k) => {
    const input = record.traces[k];
    const { mapped, splitAt } = traceText(input);
    const text = mapped.text;
    const parsed = parseTrace(text, { convention: config.convention, dataset: config.datasetConvention, splitAt, promptSuffix: input.promptSuffix });
    const view: TraceView = {
      path: t.path,
      convention: t.convention,
      rewards: t.rewards,
      weights: t.weights,
      total: t.total,
      extracted: t.answer.extracted,
      correct: t.answer.correct,
      verdict: traceVerdict(t.answer),
      language: t.language,
      stats: t.stats,
    };
    if (t.answer.expected !== undefined) view.expected = t.answer.expected;
    if (t.answer.method !== undefined) view.method = t.answer.method;
    if (t.answer.normalized !== undefined) view.normalized = t.answer.normalized;
    if (t.answer.reason !== undefined) view.reason = t.answer.reason;
    if (t.answer.why !== undefined) view.why = t.answer.why;
    if (parsed.thought) {
      view.thought = clip(text.slice(parsed.thought.start, parsed.thought.end));
      if (parsed.thought.open) view.thoughtOpen = text.slice(parsed.thought.open.start, parsed.thought.open.end);
      if (parsed.thought.close) view.thoughtClose = text.slice(parsed.thought.close.start, parsed.thought.close.end);
      if (parsed.preamble) view.preamble = clip(text.slice(parsed.preamble.start, parsed.preamble.end));
      if (parsed.answer) view.answer = clip(text.slice(parsed.answer.start, parsed.answer.end));
      else if (parsed.thought.close) view.answer = clip(text.slice(parsed.thought.close.end).trim());
    } else {
      view.raw = clip(text);
    }
    return view;
  });
  const out: RecordView = {
    index: record.index,
    line: record.line,
    traces,
    findings: result.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, ...(f.l10n ? { l10n: f.l10n } : {}), ...(f.traceIndex !== undefined ? { trace: f.traceIndex } : {}) })),
    decision: decision?.decision ?? null,
    labels: decision?.labels ?? [],
    comment: decision?.comment ?? '',
    stale: decision?.match === 'stale',
  };
  if (record.id !== undefined) out.id = record.id;
  if (record.prompt) out.prompt = clip(record.prompt.text);
  if (record.groundTruth) out.groundTruth = clip(record.groundTruth.text);
  if (source !== undefined) {
    const columns = datasetColumns(source);
    if (Object.keys(columns).length) out.columns = columns;
  }
  return out;
}
