import { isUnboxed, traceVerdict } from './answer/verdict';
import { localizeFinding, MESSAGES, render, translator, type Locale, type MessageId } from './messages';
import { REWARD_NAMES, type RecordResult, type TraceResult } from './types';

/**
 * Text views of check results shared by the editor features: the one-line summary shown
 * above a record, and the Markdown reward breakdown of hovers and previews, in English or
 * another locale of the message catalogue.
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
export function traceSummary(trace: TraceResult, locale: Locale = 'en'): string {
  const t = translator(locale);
  const parts = [t('summary.reward', { value: num(trace.total) }), t('summary.format', { mark: mark(trace.rewards.format) })];
  if (trace.language.ratio !== null) parts.push(t('summary.lang', { value: num(trace.language.ratio) }));
  // "Not boxed" is about the answer's form, not its value; "no answer" is not "wrong".
  const verdict = traceVerdict(trace.answer);
  if (verdict === 'no-answer') parts.push(t('summary.no-answer'));
  else if (trace.answer.correct !== null) parts.push(t('summary.acc', { mark: trace.answer.correct ? '✓' : '✗', unboxed: isUnboxed(verdict) ? t('summary.unboxed') : '' }));
  return parts.join(' · ');
}

/** Mean of the totals of a record's traces, or null when it has none. */
export function meanTotal(result: RecordResult): number | null {
  if (!result.traces.length) return null;
  return result.traces.reduce((sum, t) => sum + t.total, 0) / result.traces.length;
}

/** One line for a record: its trace's summary, or a group summary for several traces. */
export function recordSummary(result: RecordResult, locale: Locale = 'en'): string {
  const t = translator(locale);
  const traces = result.traces;
  if (!traces.length) {
    const problem = result.findings[0];
    return problem ? t('summary.not-scored-rule', { rule: problem.ruleId }) : t('summary.not-scored');
  }
  if (traces.length === 1) return traceSummary(traces[0], locale);
  const formatOk = traces.filter((trace) => (trace.rewards.format ?? 0) >= 1).length;
  const judged = traces.filter((trace) => trace.answer.correct !== null);
  const parts = [
    t('summary.traces', { count: traces.length }),
    t('summary.mean-reward', { value: num(meanTotal(result) ?? 0) }),
    t('summary.format-count', { ok: formatOk, total: traces.length }),
  ];
  if (judged.length) parts.push(t('summary.acc-count', { ok: judged.filter((trace) => trace.answer.correct).length, total: judged.length }));
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

/** A count in a locale: `count.word` (`{n} words`) or, for one, `count.word.one`. */
function counted(t: ReturnType<typeof translator>, n: number, id: 'count.char' | 'count.word' | 'count.reflection'): string {
  return t(n === 1 ? (`${id}.one` as MessageId) : id, { n });
}

function shorten(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const METHODS: Record<string, MessageId> = {
  boxed: 'method.boxed',
  'answer-tag': 'method.answer-tag',
  phrase: 'method.phrase',
  hashes: 'method.hashes',
  bold: 'method.bold',
  math: 'method.math',
  sentence: 'method.sentence',
};

/**
 * How the answer was checked, in one line: the extracted answer and how it was found, the
 * reference, both normalised forms, the verdict and why. Markdown when `markdown`, else plain.
 */
export function answerExplanation(answer: TraceResult['answer'], markdown = false, locale: Locale = 'en'): string {
  const t = translator(locale);
  const code = (s: string) => (markdown ? codeSpan(shorten(s)) : shorten(s));
  const { extracted, expected, correct, method, normalized } = answer;
  // The reason in the locale (the English `reason` for one without a catalogue id).
  const reason = answer.why && locale !== 'en' && answer.why.id in MESSAGES ? render(answer.why, locale) : answer.reason;
  const kind = traceVerdict(answer);
  const verdict =
    kind === 'no-answer'
      ? t('verdict.no-answer')
      : correct === null
        ? t(expected === undefined ? 'verdict.not-judged' : 'verdict.not-checkable')
        : t(correct ? 'verdict.correct' : 'verdict.wrong', { unboxed: isUnboxed(kind) ? t('verdict.unboxed') : '' });
  const none = t('explain.none');
  const how = method ? t('explain.method', { method: METHODS[method] ? t(METHODS[method]) : method }) : '';
  const parts = [t('explain.answer', { answer: extracted === null ? (markdown ? `_${none}_` : none) : code(extracted), method: how })];
  if (expected !== undefined) parts.push(t('explain.expected', { expected: code(expected) }));
  if (normalized && extracted !== null) parts.push(t('explain.compared', { answer: code(normalized.answer), reference: code(normalized.reference) }));
  parts.push(reason ? t('explain.because', { verdict, reason: markdown ? escapeMarkdown(reason) : reason }) : verdict);
  return parts.join(' · ');
}

/** Markdown breakdown of one trace: rewards × weights, convention, language mix, answer. */
export function traceBreakdown(trace: TraceResult, heading?: string, locale: Locale = 'en'): string {
  const t = translator(locale);
  const lines: string[] = [];
  if (heading) lines.push(`**${escapeMarkdown(heading)}**`, '');
  lines.push(t('breakdown.header'), '|---|---:|---:|---:|');
  for (const name of REWARD_NAMES) {
    const value = trace.rewards[name];
    const weight = trace.weights[name] ?? 0;
    if (value === null) {
      lines.push(`| ${name} | ${t('breakdown.na')} | ${num(weight)} | – |`);
    } else {
      lines.push(`| ${name} | ${num(value, 3)} | ${num(weight)} | ${num(value * weight, 3)} |`);
    }
  }
  lines.push(`| ${t('breakdown.total')} | | | **${num(trace.total, 3)}** |`, '');
  lines.push(t('breakdown.convention', { convention: codeSpan(trace.convention), path: codeSpan(trace.path) }), '');
  const mix = Object.entries(trace.language.mix)
    .filter(([, share]) => share > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([lang, share]) => `${escapeMarkdown(lang)} ${Math.round(share * 100)}%`);
  const ratio = trace.language.ratio === null ? t('breakdown.na') : num(trace.language.ratio);
  lines.push(t('breakdown.language', { target: codeSpan(trace.language.target), ratio, mix: mix.length ? t('breakdown.mix', { mix: mix.join(', ') }) : '' }), '');
  lines.push(answerExplanation(trace.answer, true, locale), '');
  const s = trace.stats;
  lines.push(
    t('breakdown.stats', {
      thought: counted(t, s.thoughtChars, 'count.char'),
      answer: counted(t, s.answerChars, 'count.char'),
      words: counted(t, s.words, 'count.word'),
      reflections: counted(t, s.reflections, 'count.reflection'),
    }),
  );
  return lines.join('\n');
}

/** Markdown breakdown of a record (every trace of a group). `label` names the record. */
export function recordBreakdown(result: RecordResult, label?: string, locale: Locale = 'en'): string {
  const t = translator(locale);
  const title = `${label ?? recordLabel(result.index, locale)}${result.id !== undefined ? ` · ${result.id}` : ''}`;
  const out = [`### ${escapeMarkdown(title)}`, ''];
  if (!result.traces.length) {
    out.push(t('breakdown.not-scored'));
    for (const f of result.findings.slice(0, 5)) out.push(`- ${codeSpan(f.ruleId)}: ${escapeMarkdown(localizeFinding(f, locale))}`);
    return out.join('\n');
  }
  if (result.traces.length > 1) out.push(recordSummary(result, locale), '');
  result.traces.forEach((trace, i) => {
    const heading = result.traces.length > 1 ? traceLabel(trace.traceIndex ?? i, trace.path, locale) : undefined;
    out.push(traceBreakdown(trace, heading, locale), '');
  });
  return out.join('\n').trimEnd();
}

/** `Record 4` (1-based) in a locale. */
export function recordLabel(index: number, locale: Locale = 'en'): string {
  return translator(locale)('breakdown.record', { number: index + 1 });
}

/** `Trace 2 · generations[2]` in a locale. */
export function traceLabel(index: number, path: string, locale: Locale = 'en'): string {
  return translator(locale)('breakdown.trace', { index, path });
}
