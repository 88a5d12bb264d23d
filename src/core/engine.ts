import type { Finding, MappedText, SourceSpan, RecordInput, RecordResult, ResolvedConfig, RewardName, Rewards, TraceInput, TraceResult } from './types';
import { READER_RULES } from './documents/findings';
import { RULES } from './rules';
import type { Report, Rule, RuleContext } from './rules/types';
import { parseTrace, type ParsedTrace } from './trace/parse';
import { TraceAnalysis } from './trace/analysis';
import { countReflections } from './trace/reflection';
import { computeRewards, weightedTotal } from './rewards';
import { msg } from './messages';

export interface CheckOptions {
  /**
   * Compute rewards, language mix and statistics (default true). `false` is the lint-only
   * mode: only the enabled rules run, every reward is null and `stats` holds lengths only.
   */
  rewards?: boolean;
}

interface Plan {
  rules: Array<{ rule: Rule; options: Record<string, unknown>; severity: Finding['severity'] }>;
  repetition: { ngramSize: number; maxPenalty: number };
}

const plans = new WeakMap<ResolvedConfig, Plan>();

/** The enabled rules of a configuration, computed once per configuration object. */
function planFor(config: ResolvedConfig): Plan {
  let plan = plans.get(config);
  if (!plan) {
    const rules: Plan['rules'] = [];
    for (const rule of RULES) {
      const severity = config.severities[rule.meta.id] ?? rule.meta.severity;
      if (severity === 'off') continue;
      rules.push({ rule, severity, options: config.ruleOptions[rule.meta.id] ?? {} });
    }
    const rep = config.ruleOptions['repetition-loop'] ?? {};
    plan = {
      rules,
      repetition: {
        ngramSize: typeof rep.ngramSize === 'number' && rep.ngramSize >= 1 ? Math.floor(rep.ngramSize) : 3,
        maxPenalty: typeof rep.maxPenalty === 'number' && rep.maxPenalty <= 0 ? rep.maxPenalty : -1,
      },
    };
    plans.set(config, plan);
  }
  return plan;
}

/** The text the rules see, and the way back to source offsets (joins `reasoning` + "\n" + `output` for split traces). */
export function traceText(trace: TraceInput): { mapped: MappedText; splitAt?: number } {
  const reasoning = trace.reasoning;
  if (!reasoning) return { mapped: trace.output };
  const output = trace.output;
  const splitAt = reasoning.text.length;
  const text = reasoning.text + '\n' + output.text;
  return {
    splitAt,
    mapped: {
      text,
      toSource: (offset) => (offset <= splitAt ? reasoning.toSource(offset) : output.toSource(offset - splitAt - 1)),
      encode: (value) => output.encode(value),
    },
  };
}

const NULL_REWARDS: Rewards = {
  format: null,
  tag_count: null,
  language: null,
  accuracy: null,
  reasoning_steps: null,
  repetition: null,
  overlong: null,
};

/**
 * Checks one trace of a record: parse, run the enabled rules, compute the rewards.
 * Longer than most on purpose: it runs once per trace on every face's hot path, and the one
 * rule context, the span mapping and the result are built in one frame sharing its locals.
 */
export function checkTrace(record: RecordInput, trace: TraceInput, config: ResolvedConfig, options: CheckOptions = {}): TraceResult {
  const plan = planFor(config);
  const { mapped, splitAt } = traceText(trace);
  const text = mapped.text;
  const parsed: ParsedTrace = parseTrace(text, { convention: config.convention, dataset: config.datasetConvention, splitAt, promptSuffix: trace.promptSuffix });
  const analysis = new TraceAnalysis(text, parsed, record, trace, config, options.rewards !== false);
  const findings: Finding[] = [];
  // A range never ends between the two halves of a surrogate pair: both ends move outward,
  // so the character is inside the range whole (an empty range moves back before it).
  const inPair = (at: number) => {
    const high = text.charCodeAt(at - 1);
    const low = text.charCodeAt(at);
    return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
  };
  const span = (start: number, end: number) => {
    if (inPair(start)) start--;
    if (end !== start && inPair(end)) end++;
    if (end < start) end = start;
    const s = mapped.toSource(start);
    return { start: s, end: end === start ? s : Math.max(s, mapped.toSource(end)) };
  };
  const several = record.traces.length > 1;
  // One context for all the rules of this trace; `current` is the rule being run.
  let current = plan.rules[0];
  const context: RuleContext = {
    text,
    parsed,
    analysis,
    record,
    trace,
    config,
    options: {},
    report: (report: Report) => {
      const { rule, severity } = current;
      const finding: Finding = {
        ruleId: rule.meta.id,
        message: report.message,
        l10n: report.l10n,
        severity,
        span: span(report.start, report.end),
        recordIndex: record.index,
      };
      if (several) finding.traceIndex = trace.index ?? record.traces.indexOf(trace);
      if (report.fix) {
        finding.fixes = [
          {
            title: report.fix.title.message,
            l10n: report.fix.title.l10n,
            safe: report.fix.safe,
            edits: report.fix.edits.map((edit) => ({ span: span(edit.start, edit.end), newText: mapped.encode(edit.newText) })),
          },
        ];
      }
      findings.push(finding);
    },
  };
  for (const planned of plan.rules) {
    const rule = planned.rule;
    if (!rule.meta.conventions.includes(parsed.convention)) continue;
    current = planned;
    context.options = planned.options;
    try {
      rule.check(context);
    } catch (error) {
      // A rule must never take the whole check down: report its failure and carry on.
      findings.push({
        ruleId: rule.meta.id,
        ...msg('engine.rule-failed', { rule: rule.meta.id, error: error instanceof Error ? error.message : String(error) }),
        severity: 'info',
        span: span(0, Math.min(text.length, 1)),
        recordIndex: record.index,
      });
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  const withRewards = options.rewards !== false;
  const rewards = withRewards ? computeRewards(parsed, analysis, config, plan.repetition) : { ...NULL_REWARDS };
  const thought = parsed.thought;
  const answer = parsed.answer;
  const language = withRewards
    ? { target: analysis.language.target, ratio: analysis.language.ratio, mix: analysis.language.mix }
    : { target: config.language, ratio: null, mix: {} };
  const check = withRewards ? analysis.answer : undefined;
  const weights: Partial<Record<RewardName, number>> = {};
  for (const [name, weight] of Object.entries(config.weights) as Array<[RewardName, number]>) if (weight !== 0) weights[name] = weight;
  const result: TraceResult = {
    path: trace.path,
    convention: parsed.convention,
    rewards,
    total: withRewards ? weightedTotal(rewards, config.weights) : 0,
    weights,
    findings,
    span: LAZY_SPAN,
    sections: [],
    language,
    answer: check
      ? {
          extracted: check.extracted,
          ...(check.start !== undefined ? { span: span(check.start, check.end ?? check.start) } : {}),
          ...(check.expected !== undefined ? { expected: check.expected } : {}),
          correct: check.correct,
          ...(check.method !== undefined ? { method: check.method } : {}),
          ...(check.normalized !== undefined ? { normalized: check.normalized } : {}),
          ...(check.reason !== undefined ? { reason: check.reason } : {}),
          ...(check.why !== undefined ? { why: check.why } : {}),
        }
      : { extracted: null, correct: null },
    stats: {
      thoughtChars: thought ? thought.end - thought.start : 0,
      answerChars: answer ? answer.end - answer.start : 0,
      reflections: withRewards && thought ? countReflections(text, thought.start, thought.end) : 0,
      words: 0,
    },
  };
  // The word count of a one-script thought is taken only when read (score does not need it).
  if (withRewards) {
    Object.defineProperty(result.stats, WORDS, { value: analysis.language });
    Object.defineProperty(result.stats, 'words', WORDS_ACCESSOR);
  }
  if (several || trace.index !== undefined) result.traceIndex = trace.index ?? record.traces.indexOf(trace);
  // Locating a span in the source reads the record's JSON again; most callers only need the
  // findings' spans, so the trace's own span and its sections are located on first read.
  Object.defineProperty(result, LAZY, { value: { span, text, parsed } satisfies LazySpans });
  Object.defineProperty(result, 'span', SPAN_ACCESSOR);
  Object.defineProperty(result, 'sections', SECTIONS_ACCESSOR);
  return result;
}

const WORDS = Symbol('language mix');
type WithWords = TraceResult['stats'] & { [WORDS]: { words: number }; [WORDS_SET]?: number };
const WORDS_SET = Symbol('words set');
const WORDS_ACCESSOR: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: WithWords): number {
    return this[WORDS_SET] ?? this[WORDS].words;
  },
  set(this: WithWords, value: number) {
    Object.defineProperty(this, WORDS_SET, { value, writable: true, configurable: true });
  },
};

const LAZY_SPAN = { start: 0, end: 0 };
const LAZY = Symbol('lazy spans');

interface LazySpans {
  span: (start: number, end: number) => SourceSpan;
  text: string;
  parsed: ParsedTrace;
  located?: SourceSpan;
  sections?: TraceResult['sections'];
}

type WithLazy = TraceResult & { [LAZY]: LazySpans };

// Shared accessors (the same functions for every result, so every result keeps one shape).
// They stay own enumerable properties: spreading, JSON and structured cloning see the values.
const SPAN_ACCESSOR: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: WithLazy): SourceSpan {
    const lazy = this[LAZY];
    return (lazy.located ??= lazy.span(0, lazy.text.length));
  },
  set(this: WithLazy, value: SourceSpan) {
    this[LAZY].located = value;
  },
};
const SECTIONS_ACCESSOR: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: WithLazy): TraceResult['sections'] {
    const lazy = this[LAZY];
    return (lazy.sections ??= lazy.parsed.sections.map((section) => ({ kind: section.kind, span: lazy.span(section.start, section.end) })));
  },
  set(this: WithLazy, value: TraceResult['sections']) {
    this[LAZY].sections = value;
  },
};

/** Checks every trace of a record; record findings are the reading problems plus all trace findings, in source order. */
export function checkRecord(record: RecordInput, config: ResolvedConfig, options: CheckOptions = {}): RecordResult {
  const traces = record.traces.map((trace) => checkTrace(record, trace, config, options));
  const findings: Finding[] = [...record.problems];
  for (const trace of traces) findings.push(...trace.findings);
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const result: RecordResult = { index: record.index, line: record.line, span: record.span, traces, findings };
  if (record.id !== undefined) result.id = record.id;
  if (record.inferredTrace !== undefined) result.inferredTrace = record.inferredTrace;
  return result;
}

/**
 * Checks records under one configuration, and never throws: an internal failure on a record
 * becomes an `internal-error` finding on it. Every face (server, CLI, reward server,
 * statistics, review panel) checks records through this object, so they all agree.
 */
export interface Checker {
  readonly config: ResolvedConfig;
  /** Rules and rewards. */
  readonly check: (record: RecordInput) => RecordResult;
  /** Rules only (the lint-only mode): every reward is null; about twice as fast. */
  readonly lint: (record: RecordInput) => RecordResult;
}

const checkers = new WeakMap<ResolvedConfig, Checker>();

/** The checker of a configuration (one per configuration object). */
export function createChecker(config: ResolvedConfig): Checker {
  let checker = checkers.get(config);
  if (!checker) {
    checker = { config, check: (record) => guardedCheck(record, config, true), lint: (record) => guardedCheck(record, config, false) };
    checkers.set(config, checker);
  }
  return checker;
}

/** The reader's own findings (invalid JSON, …) with the severity the configuration gives their ids (`off` drops them). */
function readerProblems(problems: Finding[], config: ResolvedConfig): Finding[] {
  if (!problems.some((f) => f.ruleId in READER_RULES && config.severities[f.ruleId] !== f.severity)) return problems;
  const out: Finding[] = [];
  for (const finding of problems) {
    const setting = finding.ruleId in READER_RULES ? config.severities[finding.ruleId] : undefined;
    if (setting === 'off') continue;
    out.push(setting && setting !== finding.severity ? { ...finding, severity: setting } : finding);
  }
  return out;
}

function guardedCheck(record: RecordInput, config: ResolvedConfig, rewards: boolean): RecordResult {
  const problems = readerProblems(record.problems, config);
  const base: RecordResult = { index: record.index, line: record.line, span: record.span, traces: [], findings: problems };
  if (record.id !== undefined) base.id = record.id;
  if (record.inferredTrace !== undefined) base.inferredTrace = record.inferredTrace;
  if (!record.traces.length) return base;
  try {
    return checkRecord(problems === record.problems ? record : { ...record, problems }, config, { rewards });
  } catch (error) {
    base.findings = [
      ...problems,
      {
        ruleId: INTERNAL_ERROR,
        severity: 'error',
        ...msg('engine.checks-failed', { error: error instanceof Error ? error.message : String(error) }),
        span: { start: record.span.start, end: Math.min(record.span.end, record.span.start + 1) },
        recordIndex: record.index,
      },
    ];
    return base;
  }
}

/** Rule id of the finding that stands for a failure of the checks themselves. */
export const INTERNAL_ERROR = 'internal-error';
