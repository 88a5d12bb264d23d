import { isUnboxed, traceVerdict } from './answer/verdict';
import { REWARD_NAMES, type RecordResult, type TraceResult } from './types';

/**
 * Text views of check results shared by the editor features: the one-line summary shown
 * above a record, and the Markdown reward breakdown of hovers and previews.
 */

function num(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') || '0' : fixed;
}

function mark(value: number | null): string {
  if (value === null) return '–';
  if (value >= 1) return '✓';
  if (value <= 0) return '✗';
  return num(value);
}

/** `reward 2.75 · format ✓ · lang 0.97 · acc ✗` for one trace. */
export function traceSummary(trace: TraceResult): string {
  const parts = [`reward ${num(trace.total)}`, `format ${mark(trace.rewards.format)}`];
  if (trace.language.ratio !== null) parts.push(`lang ${num(trace.language.ratio)}`);
  // "Not boxed" is about the answer's form, not its value; "no answer" is not "wrong".
  const verdict = traceVerdict(trace.answer);
  if (verdict === 'no-answer') parts.push('acc: no answer');
  else if (trace.answer.correct !== null) parts.push(`acc ${trace.answer.correct ? '✓' : '✗'}${isUnboxed(verdict) ? ' (not boxed)' : ''}`);
  return parts.join(' · ');
}

/** Mean of the totals of a record's traces, or null when it has none. */
export function meanTotal(result: RecordResult): number | null {
  if (!result.traces.length) return null;
  return result.traces.reduce((sum, t) => sum + t.total, 0) / result.traces.length;
}

/** One line for a record: its trace's summary, or a group summary for several traces. */
export function recordSummary(result: RecordResult): string {
  const traces = result.traces;
  if (!traces.length) {
    const problem = result.findings[0];
    return problem ? `not scored: ${problem.ruleId}` : 'not scored';
  }
  if (traces.length === 1) return traceSummary(traces[0]);
  const formatOk = traces.filter((t) => (t.rewards.format ?? 0) >= 1).length;
  const judged = traces.filter((t) => t.answer.correct !== null);
  const parts = [`${traces.length} traces`, `mean reward ${num(meanTotal(result) ?? 0)}`, `format ${formatOk}/${traces.length}`];
  if (judged.length) parts.push(`acc ${judged.filter((t) => t.answer.correct).length}/${judged.length}`);
  return parts.join(' · ');
}

/** Escapes text for a Markdown table cell or inline use. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * Text as a Markdown code span, shown exactly as written: nothing inside a code span is an escape,
 * so the text is not escaped; the fence is one backtick longer than any run of backticks in it.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** "1 reflection", "2 reflections". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function shorten(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const METHODS: Record<string, string> = {
  boxed: 'from \\boxed{}',
  'answer-tag': 'from the answer tags',
  phrase: 'from "the answer is …" (no box)',
  hashes: 'from a #### line (no box)',
  bold: 'from a bold final value (no box)',
  math: 'from the last math of the answer (no box)',
  sentence: 'from the word the final sentence states (no box)',
};

/**
 * How the answer was checked, in one line: the extracted answer and how it was found, the
 * reference, both normalised forms, the verdict and why. Markdown when `markdown`, else plain.
 */
export function answerExplanation(answer: TraceResult['answer'], markdown = false): string {
  const code = (s: string) => (markdown ? codeSpan(shorten(s)) : shorten(s));
  const { extracted, expected, correct, method, normalized, reason } = answer;
  const kind = traceVerdict(answer);
  const verdict =
    kind === 'no-answer' ? 'no final answer found' : correct === null ? (expected === undefined ? 'not judged' : 'not checkable') : `${correct ? 'correct ✓' : 'wrong ✗'}${isUnboxed(kind) ? ', not boxed' : ''}`;
  const parts = [`Answer: ${extracted === null ? (markdown ? '_none extracted_' : 'none extracted') : code(extracted)}${method ? ` (${METHODS[method] ?? method})` : ''}`];
  if (expected !== undefined) parts.push(`expected ${code(expected)}`);
  if (normalized && extracted !== null) parts.push(`compared ${code(normalized.answer)} with ${code(normalized.reference)}`);
  parts.push(reason ? `${verdict}: ${markdown ? escapeMarkdown(reason) : reason}` : verdict);
  return parts.join(' · ');
}

/** Markdown breakdown of one trace: rewards × weights, convention, language mix, answer. */
export function traceBreakdown(trace: TraceResult, heading?: string): string {
  const lines: string[] = [];
  if (heading) lines.push(`**${escapeMarkdown(heading)}**`, '');
  lines.push('| reward | value | weight | contribution |', '|---|---:|---:|---:|');
  for (const name of REWARD_NAMES) {
    const value = trace.rewards[name];
    const weight = trace.weights[name] ?? 0;
    if (value === null) {
      lines.push(`| ${name} | n/a | ${num(weight)} | – |`);
    } else {
      lines.push(`| ${name} | ${num(value, 3)} | ${num(weight)} | ${num(value * weight, 3)} |`);
    }
  }
  lines.push(`| **total** | | | **${num(trace.total, 3)}** |`, '');
  lines.push(`Convention: ${codeSpan(trace.convention)} · field ${codeSpan(trace.path)}`, '');
  const mix = Object.entries(trace.language.mix)
    .filter(([, share]) => share > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([lang, share]) => `${escapeMarkdown(lang)} ${Math.round(share * 100)}%`);
  const ratio = trace.language.ratio === null ? 'n/a' : num(trace.language.ratio);
  lines.push(`Language: target ${codeSpan(trace.language.target)}, consistency ${ratio}${mix.length ? ` (mix: ${mix.join(', ')})` : ''}`, '');
  lines.push(answerExplanation(trace.answer, true), '');
  const s = trace.stats;
  lines.push(
    `Thought ${countOf(s.thoughtChars, 'char')} · answer ${countOf(s.answerChars, 'char')} · ${countOf(s.words, 'word')} · ${countOf(s.reflections, 'reflection')}`,
  );
  return lines.join('\n');
}

/** Markdown breakdown of a record (every trace of a group). `label` names the record. */
export function recordBreakdown(result: RecordResult, label = `Record ${result.index + 1}`): string {
  const title = `${label}${result.id !== undefined ? ` · ${result.id}` : ''}`;
  const out = [`### ${escapeMarkdown(title)}`, ''];
  if (!result.traces.length) {
    out.push('Not scored: no model output could be read from this record.');
    for (const f of result.findings.slice(0, 5)) out.push(`- ${codeSpan(f.ruleId)}: ${escapeMarkdown(f.message)}`);
    return out.join('\n');
  }
  if (result.traces.length > 1) out.push(recordSummary(result), '');
  result.traces.forEach((trace, i) => {
    const heading = result.traces.length > 1 ? `Trace ${trace.traceIndex ?? i} · ${trace.path}` : undefined;
    out.push(traceBreakdown(trace, heading), '');
  });
  return out.join('\n').trimEnd();
}
