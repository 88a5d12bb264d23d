/**
 * The GRPO calculator's model, shared by its page (webview/calculator) and the extension:
 * the editable state (kept as typed text so half-typed numbers survive), the messages
 * between page and extension, and the pure evaluation of a state into results.
 */
import {
  computeAdvantages,
  matchPreset,
  PRESET_NAMES,
  PRESETS,
  resolveOptions,
  type AdvantageOptions,
  type Aggregation,
  type MissingMode,
  type PresetName,
  type Scaling,
  type SingletonMode,
  type StdKind,
} from './advantages';
import { softOverlong } from '../rewards/openr1';
import { parseRewardToken } from './selection';
import { groupSurrogate, type SurrogateResult } from './surrogate';
import { formatMessage, type Locale } from '../messages';

/** Where an output came from, so the page can ask the extension to reveal it. */
export interface SourceRef {
  uri: string;
  start: number;
  end: number;
  /** 0-based line. */
  line: number;
}

export interface CalcOutput {
  label: string;
  /** One typed reward per reward column ("" = missing). */
  cells: string[];
  /** Typed probability ratio π_θ/π_old for the clipped surrogate ("" = none). */
  ratio: string;
  /** Typed length (tokens) for the DAPO overlong buffer ("" = none). */
  length?: string;
  source?: SourceRef;
}

export interface CalcGroup {
  prompt: string;
  outputs: CalcOutput[];
}

export interface CalcColumn {
  name: string;
  weight: string;
}

export interface CalculatorState {
  v: 1;
  groups: CalcGroup[];
  /** Index of the group being edited. */
  active: number;
  columns: CalcColumn[];
  preset: PresetName | 'custom';
  options: { std: StdKind; epsilon: string; scale: Scaling; singleton: SingletonMode; dropZeroSignal: boolean; aggregation: Aggregation; missing: MissingMode };
  /** DAPO soft overlong punishment added to each output's reward. */
  overlong: { enabled: boolean; maxLength: string; buffer: string; factor: string };
  clip: { enabled: boolean; epsLow: string; epsHigh: string; beta: string };
  /** Sequence number of the last `load` message applied (a message is applied once). */
  appliedSeq?: number;
}

/** Extension → page. */
export type ToPage = { type: 'load'; seq: number; state: Pick<CalculatorState, 'groups' | 'columns'> & Partial<CalculatorState>; note?: string };
/** Page → extension. */
export type FromPage = { type: 'ready' } | { type: 'copy'; text: string } | { type: 'reveal'; source: SourceRef };

/** The seed example: "Solve: 2x + 3 = 7", four outputs, rewards 0, 1, 1, 0. */
export function defaultState(): CalculatorState {
  return {
    v: 1,
    groups: [
      {
        prompt: 'Solve: 2x + 3 = 7',
        outputs: [
          { label: 'x = 1', cells: ['0'], ratio: '1.1' },
          { label: 'x = 2', cells: ['1'], ratio: '1.3' },
          { label: 'x = 2', cells: ['1'], ratio: '0.9' },
          { label: 'x = 5', cells: ['0'], ratio: '0.7' },
        ],
      },
    ],
    active: 0,
    columns: [{ name: 'reward', weight: '1' }],
    preset: 'trl',
    options: optionsText(PRESETS.trl),
    overlong: { enabled: false, maxLength: '20480', buffer: '4096', factor: '1' },
    clip: { enabled: false, epsLow: '0.2', epsHigh: '0.2', beta: '0' },
  };
}

export function optionsText(o: AdvantageOptions): CalculatorState['options'] {
  return { std: o.std, epsilon: String(o.epsilon), scale: o.scale, singleton: o.singleton, dropZeroSignal: o.dropZeroSignal, aggregation: o.aggregation ?? 'sum', missing: o.missing ?? 'zero' };
}

/** Repairs a state read back from storage or a message (unknown shapes fall back to defaults). */
export function normaliseState(value: unknown): CalculatorState {
  const base = defaultState();
  if (!value || typeof value !== 'object') return base;
  const s = value as Partial<CalculatorState>;
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d);
  const columns = Array.isArray(s.columns) && s.columns.length ? s.columns.map((c, i) => ({ name: str(c?.name, `reward ${i + 1}`), weight: str(c?.weight, '1') })) : base.columns;
  const groups =
    Array.isArray(s.groups) && s.groups.length
      ? s.groups.map((g) => ({
          prompt: str(g?.prompt, ''),
          outputs: Array.isArray(g?.outputs)
            ? g.outputs.map((o, i) => ({
                label: str(o?.label, `output ${i + 1}`),
                cells: columns.map((_, k) => str(Array.isArray(o?.cells) ? o.cells[k] : undefined, '')),
                ratio: str(o?.ratio, ''),
                ...(o?.length !== undefined ? { length: str(o.length, '') } : {}),
                ...(o?.source && typeof o.source.uri === 'string' ? { source: o.source } : {}),
              }))
            : [],
        }))
      : base.groups;
  const o = (s.options ?? {}) as Partial<CalculatorState['options']>;
  const clip = (s.clip ?? {}) as Partial<CalculatorState['clip']>;
  const overlong = (s.overlong ?? {}) as Partial<CalculatorState['overlong']>;
  const preset = s.preset === 'custom' || (typeof s.preset === 'string' && s.preset in PRESETS) ? s.preset : base.preset;
  return {
    v: 1,
    groups,
    active: Number.isInteger(s.active) && (s.active as number) >= 0 && (s.active as number) < groups.length ? (s.active as number) : 0,
    columns,
    preset,
    options: {
      std: o.std === 'population' ? 'population' : o.std === 'sample' ? 'sample' : base.options.std,
      epsilon: str(o.epsilon, base.options.epsilon),
      scale: o.scale === 'batch' || o.scale === 'none' || o.scale === 'group' ? o.scale : base.options.scale,
      singleton: o.singleton === 'raw' ? 'raw' : 'zero',
      dropZeroSignal: o.dropZeroSignal === true,
      aggregation: o.aggregation === 'normalize' ? 'normalize' : 'sum',
      missing: o.missing === 'exclude' ? 'exclude' : 'zero',
    },
    overlong: {
      enabled: overlong.enabled === true,
      maxLength: str(overlong.maxLength, base.overlong.maxLength),
      buffer: str(overlong.buffer, base.overlong.buffer),
      factor: str(overlong.factor, base.overlong.factor),
    },
    clip: {
      enabled: clip.enabled === true,
      epsLow: str(clip.epsLow, base.clip.epsLow),
      epsHigh: str(clip.epsHigh, base.clip.epsHigh),
      beta: str(clip.beta, base.clip.beta),
    },
    ...(typeof s.appliedSeq === 'number' ? { appliedSeq: s.appliedSeq } : {}),
  };
}

/** Applies a preset's options to a state (returns a new state). */
export function applyPreset(state: CalculatorState, preset: PresetName): CalculatorState {
  return { ...state, preset, options: optionsText(PRESETS[preset]) };
}

export interface CalcOutputResult {
  label: string;
  /** Reward per column (null = missing or not a number). */
  values: Array<number | null>;
  /** Cells that hold text that is not a number. */
  invalid: boolean[];
  reward: number;
  missing: boolean;
  advantage: number;
  /** DAPO overlong penalty included in `reward` (when the buffer is on and a length is typed). */
  overlong?: number;
  surrogate?: SurrogateResult;
  source?: SourceRef;
}

export interface CalcGroupResult {
  prompt: string;
  mean: number;
  std: number;
  divisor: number | null;
  zeroSignal: boolean;
  singleton: boolean;
  allMissing: boolean;
  outputs: CalcOutputResult[];
  /** Mean clipped objective (1/G Σ) and share of clipped outputs, when the surrogate is on. */
  objective?: number | null;
  clippedFraction?: number;
}

export interface CalcResults {
  options: AdvantageOptions;
  /** The preset the options equal, if any. */
  preset: PresetName | undefined;
  weights: number[];
  /** Problems with the typed options (a bad epsilon falls back to the preset's), in English. */
  problems: string[];
  /** The same problems as codes with the typed value, for a page that words them in its own language. */
  issues: CalcIssue[];
  groups: CalcGroupResult[];
  batchStd: number | null;
  zeroSignalGroups: number;
  /** Problems with the overlong settings. */
  overlongProblem?: string;
}

/** A problem with what was typed: a bad epsilon, a column weight that is not a number (`value` is the column's name), unusable overlong settings. */
export interface CalcIssue {
  code: 'epsilon' | 'weight' | 'overlong';
  value?: string;
}

function typedNumber(text: string): number | null | undefined {
  return parseRewardToken(text);
}

/** Evaluates a calculator state. Pure; never throws on typed text. */
export function evaluate(state: CalculatorState): CalcResults {
  const problems: string[] = [];
  const issues: CalcIssue[] = [];
  const eps = typedNumber(state.options.epsilon);
  if (eps === undefined || eps === null || eps < 0) {
    problems.push(`Epsilon "${state.options.epsilon}" is not a number ≥ 0; using 0.`);
    issues.push({ code: 'epsilon', value: state.options.epsilon });
  }
  const options = resolveOptions('trl', {
    std: state.options.std,
    epsilon: typeof eps === 'number' && eps >= 0 ? eps : 0,
    scale: state.options.scale,
    singleton: state.options.singleton,
    dropZeroSignal: state.options.dropZeroSignal,
    aggregation: state.options.aggregation,
    missing: state.options.missing,
  });
  return evaluateWith(state, options, problems, issues);
}

/** The DAPO overlong settings as numbers, or a message when they make no sense. */
function overlongSettings(state: CalculatorState): { maxLength: number; buffer: number; factor: number } | string {
  const maxLength = typedNumber(state.overlong.maxLength);
  const buffer = typedNumber(state.overlong.buffer);
  const factor = typedNumber(state.overlong.factor);
  if (typeof maxLength !== 'number' || typeof buffer !== 'number' || !(maxLength > 0) || !(buffer >= 0) || buffer >= maxLength) {
    return 'The overlong buffer needs a maximum length > 0 and a buffer between 0 and the maximum; it is left out.';
  }
  return { maxLength, buffer, factor: typeof factor === 'number' ? factor : 1 };
}

/** DAPO soft overlong punishment scaled by `factor`: 0 up to Lmax − buffer, then down to −factor at Lmax. */
export function overlongPenalty(length: number, maxLength: number, buffer: number, factor = 1): number {
  const p = softOverlong(length, maxLength, buffer) * factor;
  return Object.is(p, -0) ? 0 : p;
}

function evaluateWith(state: CalculatorState, options: AdvantageOptions, problems: string[], issues: CalcIssue[] = []): CalcResults {
  const weights = state.columns.map((c) => {
    const w = typedNumber(c.weight);
    if (typeof w !== 'number') {
      problems.push(`The weight of "${c.name}" is not a number; using 1.`);
      issues.push({ code: 'weight', value: c.name });
      return 1;
    }
    return w;
  });
  let overlongProblem: string | undefined;
  const settings = state.overlong?.enabled ? overlongSettings(state) : undefined;
  if (typeof settings === 'string') overlongProblem = settings;
  const buffer = typeof settings === 'object' ? settings : undefined;
  const parsed = state.groups.map((g) =>
    g.outputs.map((o) => {
      const values = state.columns.map((_, k) => typedNumber(o.cells[k] ?? ''));
      const length = buffer ? typedNumber(o.length ?? '') : undefined;
      const overlong = buffer && typeof length === 'number' ? overlongPenalty(length, buffer.maxLength, buffer.buffer, buffer.factor) : undefined;
      return { values: values.map((v) => (typeof v === 'number' ? v : null)), invalid: values.map((v) => v === undefined), overlong };
    }),
  );
  // The overlong penalty is one more reward function (weight 1), as DAPO adds it.
  const batchWeights = buffer ? [...weights, 1] : weights;
  const batch = computeAdvantages(
    parsed.map((outs) =>
      outs.map((o) => {
        const values = buffer ? [...o.values, o.overlong ?? null] : o.values;
        return values.length === 1 ? values[0] : values;
      }),
    ),
    options,
    batchWeights,
  );
  const clip = {
    epsLow: Math.max(0, typedNumber(state.clip.epsLow) ?? 0.2),
    epsHigh: Math.max(0, typedNumber(state.clip.epsHigh) ?? 0.2),
    beta: typedNumber(state.clip.beta) ?? 0,
  };
  const groups = state.groups.map((g, gi): CalcGroupResult => {
    const r = batch.groups[gi];
    const outputs: CalcOutputResult[] = g.outputs.map((o, oi) => ({
      label: o.label,
      values: parsed[gi][oi].values,
      invalid: parsed[gi][oi].invalid,
      reward: r.rewards[oi],
      missing: r.missing[oi],
      advantage: r.advantages[oi],
      ...(parsed[gi][oi].overlong !== undefined ? { overlong: parsed[gi][oi].overlong } : {}),
      ...(o.source ? { source: o.source } : {}),
    }));
    const result: CalcGroupResult = { prompt: g.prompt, mean: r.mean, std: r.std, divisor: r.divisor, zeroSignal: r.zeroSignal, singleton: r.singleton, allMissing: r.allMissing, outputs };
    if (state.clip.enabled) {
      const s = groupSurrogate(
        g.outputs.map((o, oi) => ({ advantage: r.advantages[oi], ratio: typedNumber(o.ratio) ?? null })),
        clip,
      );
      s.outputs.forEach((out, oi) => (outputs[oi].surrogate = out));
      result.objective = s.objective;
      result.clippedFraction = s.clippedFraction;
    }
    return result;
  });
  if (overlongProblem) {
    problems.push(overlongProblem);
    issues.push({ code: 'overlong' });
  }
  return {
    options,
    preset: matchPreset(options),
    weights,
    problems,
    issues,
    groups,
    batchStd: batch.batchStd,
    zeroSignalGroups: batch.stats.zeroSignalGroups,
    ...(overlongProblem ? { overlongProblem } : {}),
  };
}

/** One column of the side-by-side view: a trainer's convention and the active group's advantages under it. */
export interface ConventionResult {
  id: string;
  label: string;
  options: AdvantageOptions;
  advantages: number[];
  divisor: number | null;
}

/** The conventions compared side by side: every preset, plus TRL's batch scaling and (with several reward functions) normalise-then-sum. */
export function conventions(state: CalculatorState): Array<{ id: string; label: string; options: AdvantageOptions }> {
  const list: Array<{ id: string; label: string; options: AdvantageOptions }> = PRESET_NAMES.map((name) => ({ id: name, label: PRESET_LABELS[name], options: { ...PRESETS[name] } }));
  list.splice(1, 0, { id: 'trl-batch', label: 'TRL, scale_rewards="batch"', options: resolveOptions('trl', { scale: 'batch' }) });
  if (state.columns.length > 1 || state.overlong?.enabled) {
    list.splice(2, 0, { id: 'trl-normalize', label: 'TRL, normalize_then_sum', options: resolveOptions('trl', { aggregation: 'normalize' }) });
  }
  return list;
}

export const PRESET_LABELS: Readonly<Record<PresetName, string>> = { trl: 'TRL', verl: 'verl', 'dr-grpo': 'Dr. GRPO', paper: 'Paper formula', openrlhf: 'OpenRLHF' };

/** The active group's advantages under every convention (the state's own typed rewards, weights and overlong buffer). */
export function compareConventions(state: CalculatorState): ConventionResult[] {
  return conventions(state).map((c) => {
    const r = evaluateWith(state, c.options, []);
    const g = r.groups[state.active] ?? r.groups[0];
    return { ...c, advantages: g ? g.outputs.map((o) => o.advantage) : [], divisor: g?.divisor ?? null };
  });
}

/**
 * A chart scale that does not move when the preset changes: the largest |advantage| of the
 * active group under any convention, rounded up to a half, at least 1.
 */
export function chartLimit(state: CalculatorState, compared: ConventionResult[] = compareConventions(state)): number {
  let max = 1;
  for (const c of compared) for (const a of c.advantages) if (Number.isFinite(a)) max = Math.max(max, Math.abs(a));
  return Math.ceil(max * 2 - 1e-9) / 2;
}

/** The results as a plain JSON document ("Copy results as JSON"). */
export function resultsJson(state: CalculatorState, results: CalcResults = evaluate(state)): string {
  const doc = {
    preset: results.preset ?? 'custom',
    options: results.options,
    reward_columns: state.columns.map((c, k) => ({ name: c.name, weight: results.weights[k] })),
    batch_std: results.batchStd,
    groups: results.groups.map((g) => ({
      prompt: g.prompt,
      mean: g.mean,
      std: g.std,
      divisor: g.divisor,
      zero_signal: g.zeroSignal,
      outputs: g.outputs.map((o) => ({
        label: o.label,
        rewards: Object.fromEntries(state.columns.map((c, k) => [c.name, o.values[k]])),
        reward: o.reward,
        advantage: o.advantage,
        ...(o.overlong !== undefined ? { overlong_penalty: o.overlong } : {}),
        ...(o.surrogate ? { ratio: o.surrogate.ratio, clipped: o.surrogate.clipped, surrogate: o.surrogate.surrogate } : {}),
        ...(o.source ? { source: o.source } : {}),
      })),
      ...(g.objective !== undefined ? { objective: g.objective } : {}),
    })),
  };
  return JSON.stringify(doc, null, 2);
}

/** The default label of a group or an output, in the page's locale ("Group 2", "组 2"; "output 3", "输出 3"). */
const groupLabel = (n: number, locale: Locale) => formatMessage('grpo.group', { n }, locale);
const outputLabel = (n: number, locale: Locale) => formatMessage('grpo.output', { n }, locale);

/** A calculator state holding `groups` of plain rewards (from a selection of numbers), labelled in the page's locale. */
export function stateFromNumbers(groups: Array<Array<number | null>>, locale: Locale = 'en'): Pick<CalculatorState, 'groups' | 'columns'> {
  return {
    columns: [{ name: formatMessage('grpo.reward', undefined, locale), weight: '1' }],
    groups: groups.map((g, gi) => ({
      prompt: groups.length > 1 ? groupLabel(gi + 1, locale) : formatMessage('grpo.selected', undefined, locale),
      outputs: g.map((r, i) => ({ label: outputLabel(i + 1, locale), cells: [r === null ? '' : String(r)], ratio: '' })),
    })),
  };
}

/**
 * Pasted rewards into a state: one list per group. The first reward column takes the new
 * values; every output keeps its label, its other reward columns, ratio, length and record
 * (by position), and groups keep their prompts. A single list replaces the active group only.
 */
export function pasteRewards(state: CalculatorState, lists: Array<Array<number | null>>, locale: Locale = 'en'): CalculatorState {
  const fill = (old: CalcGroup | undefined, rewards: Array<number | null>, gi: number): CalcGroup => ({
    prompt: old?.prompt ?? groupLabel(gi + 1, locale),
    outputs: rewards.map((r, i) => {
      const prev = old?.outputs[i];
      const cells = state.columns.map((_, k) => (k === 0 ? (r === null ? '' : String(r)) : (prev?.cells[k] ?? '')));
      return {
        label: prev?.label ?? outputLabel(i + 1, locale),
        cells,
        ratio: prev?.ratio ?? '',
        ...(prev?.length !== undefined ? { length: prev.length } : {}),
        ...(prev?.source ? { source: prev.source } : {}),
      };
    }),
  });
  if (lists.length === 1) {
    const groups = state.groups.slice();
    groups[state.active] = fill(state.groups[state.active], lists[0], state.active);
    return { ...state, groups };
  }
  return { ...state, groups: lists.map((rewards, gi) => fill(state.groups[gi], rewards, gi)), active: 0 };
}
