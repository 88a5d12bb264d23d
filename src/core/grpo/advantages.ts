/**
 * Group-relative advantages as GRPO computes them: every output is scored against the other
 * outputs sampled for the same prompt, A_i = (r_i − mean(r)) / (std(r) + ε), so no critic
 * (value model) is needed.
 *
 * The trainers people use differ in small ways that change the numbers; every difference is
 * an option here, and presets reproduce each trainer:
 *
 * | option       | `trl` (default)   | `verl`            | `dr-grpo`        | `paper`            | `openrlhf`     |
 * |--------------|-------------------|-------------------|------------------|--------------------|----------------|
 * | std          | sample (n − 1)    | sample (n − 1)    | (not used)       | population (n)     | sample (n − 1) |
 * | epsilon      | 1e-4              | 1e-6              | 0                | 0                  | 1e-9           |
 * | scale        | group             | group             | none             | group              | group          |
 * | size-1 group | advantage 0       | mean 0, std 1     | advantage 0      | advantage 0        | advantage 0    |
 *
 * Exact numeric behaviour (documented in docs/grpo.md):
 *  - A group whose combined rewards are all equal carries no signal: every advantage is
 *    exactly 0 (no division, whatever ε is), and the group is flagged `zeroSignal`.
 *  - A size-1 group: `singleton: 'zero'` gives advantage 0 (the output is its own
 *    baseline); `singleton: 'raw'` uses mean 0 and std 1 as verl does, so the advantage is
 *    r / (1 + ε) (r with `scale: 'none'`). A size-1 group is never flagged `zeroSignal`
 *    under `raw` unless r = 0.
 *  - Means and deviations are computed in two passes (mean first, then squared deviations
 *    from it) in double precision.
 *  - Nothing returned is NaN or infinite: missing rewards (`null`, NaN, ±Infinity, non-numbers)
 *    are ignored the TRL way (see `combineRewards`), and a zero denominator gives 0.
 *  - Several reward functions (TRL `multi_objective_aggregation`): `sum` adds them with their
 *    weights and normalises the sum (TRL's default `sum_then_normalize`); `normalize` first
 *    normalises each function within its group ((r_k − nanmean_k) / (nanstd_k + ε)), adds the
 *    weighted results, then centres and scales that sum over the whole batch (TRL's
 *    `normalize_then_sum`, where `scale` does not apply).
 *  - Outputs whose every reward is missing (`missing`): `zero` scores them 0 and compares them
 *    with the others, as TRL's `nansum` does; `exclude` leaves them out of the mean and std and
 *    gives them advantage 0 (an output nobody could score teaches nothing).
 */

/** How the standard deviation is taken: divide by n − 1 (Bessel; torch.std's default) or by n. */
export type StdKind = 'sample' | 'population';
/**
 * What the centred reward is divided by:
 *  - `group` the group's own std (GRPO as published; TRL `scale_rewards="group"`)
 *  - `batch` one std over every reward of the batch, the mean still per group (TRL `"batch"`)
 *  - `none`  no division, mean-centring only (Dr. GRPO; TRL `"none"`; verl `norm_adv_by_std_in_grpo=False`)
 */
export type Scaling = 'group' | 'batch' | 'none';
/** Size-1 groups: advantage 0 (TRL) or raw reward through mean 0 / std 1 (verl). */
export type SingletonMode = 'zero' | 'raw';
/** Several reward functions: sum then normalise (TRL default) or normalise each, then sum. */
export type Aggregation = 'sum' | 'normalize';
/** Outputs with no reward present: scored 0 (TRL `nansum`) or left out with advantage 0. */
export type MissingMode = 'zero' | 'exclude';
export const PRESET_NAMES = ['trl', 'verl', 'dr-grpo', 'paper', 'openrlhf'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface AdvantageOptions {
  std: StdKind;
  /** Added to the std before dividing (never to a zero-signal group: those are 0 outright). */
  epsilon: number;
  scale: Scaling;
  singleton: SingletonMode;
  /**
   * Leave zero-signal groups out of the batch std (`scale: 'batch'`), as when DAPO's dynamic
   * sampling drops them before the update. Their advantages stay 0 either way.
   */
  dropZeroSignal: boolean;
  /** How several reward functions are combined (default `sum`). */
  aggregation?: Aggregation;
  /** What an output with every reward missing gets (default `zero`). */
  missing?: MissingMode;
}

/** The options each preset sets. */
export const PRESETS: Readonly<Record<PresetName, Readonly<AdvantageOptions>>> = {
  trl: { std: 'sample', epsilon: 1e-4, scale: 'group', singleton: 'zero', dropZeroSignal: false },
  verl: { std: 'sample', epsilon: 1e-6, scale: 'group', singleton: 'raw', dropZeroSignal: false },
  'dr-grpo': { std: 'sample', epsilon: 0, scale: 'none', singleton: 'zero', dropZeroSignal: false },
  paper: { std: 'population', epsilon: 0, scale: 'group', singleton: 'zero', dropZeroSignal: false },
  openrlhf: { std: 'sample', epsilon: 1e-9, scale: 'group', singleton: 'zero', dropZeroSignal: false },
};

/** One line descriptions of the presets, for pickers and help text. */
export const PRESET_DESCRIPTIONS: Readonly<Record<PresetName, string>> = {
  trl: 'Hugging Face TRL: sample std + 1e-4, per group; a lone output gets 0',
  verl: 'verl: sample std + 1e-6, per group; a lone output keeps its raw reward (mean 0, std 1)',
  'dr-grpo': 'Dr. GRPO: subtract the group mean, no division by the std',
  paper: 'The formula as printed: (r − mean) / std with the plain (population) std, no epsilon',
  openrlhf: 'OpenRLHF group_norm: sample std + 1e-9, per group; a lone output gets 0',
};

/** Options of a preset, with overrides applied. */
export function resolveOptions(preset: PresetName = 'trl', overrides: Partial<AdvantageOptions> = {}): AdvantageOptions {
  const base = PRESETS[preset] ?? PRESETS.trl;
  const out: AdvantageOptions = { ...base };
  for (const key of Object.keys(overrides) as Array<keyof AdvantageOptions>) {
    const value = overrides[key];
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  if (!Number.isFinite(out.epsilon) || out.epsilon < 0) out.epsilon = base.epsilon;
  return out;
}

/** The preset whose options equal `options`, if any (for showing "custom" in a UI). */
export function matchPreset(options: AdvantageOptions): PresetName | undefined {
  return PRESET_NAMES.find((name) => {
    const p = PRESETS[name];
    return (
      p.std === options.std &&
      p.epsilon === options.epsilon &&
      p.scale === options.scale &&
      p.singleton === options.singleton &&
      p.dropZeroSignal === options.dropZeroSignal &&
      (p.aggregation ?? 'sum') === (options.aggregation ?? 'sum') &&
      (p.missing ?? 'zero') === (options.missing ?? 'zero')
    );
  });
}

// ---------------------------------------------------------------------------------------
// Rewards

/**
 * The reward(s) of one output: a number; `null` (the reward function did not apply); or
 * the values of several reward functions, as an array (by position) or an object (by name).
 */
export type RewardValue = number | null | ReadonlyArray<number | null> | Readonly<Record<string, number | null>>;

/** Weights of several reward functions, by position (array) or by name (object). Missing weights are 1. */
export type RewardWeights = ReadonlyArray<number> | Readonly<Record<string, number>>;

export interface CombinedReward {
  /** The weighted sum of the rewards that are present (0 when none is). */
  value: number;
  /** How many reward values were present (finite numbers). */
  present: number;
  /** True when the output has reward values but none is present: TRL scores it 0. */
  allMissing: boolean;
}

function isPresent(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function weightOf(weights: RewardWeights | undefined, key: number | string): number {
  if (!weights) return 1;
  const w = Array.isArray(weights) ? (weights as ReadonlyArray<number>)[key as number] : (weights as Record<string, number>)[key as string];
  return isPresent(w) ? w : 1;
}

/**
 * Combines the reward functions of one output the TRL way: Σ_k w_k · r_k over the rewards
 * that are present (`nansum`); a missing reward (`null`, NaN, ±Infinity, anything not a
 * number) is skipped. An output with no reward present scores 0 (`allMissing`).
 */
export function combineRewards(value: RewardValue | unknown, weights?: RewardWeights): CombinedReward {
  if (isPresent(value)) return { value, present: 1, allMissing: false };
  let sum = 0;
  let present = 0;
  if (Array.isArray(value)) {
    value.forEach((r, k) => {
      if (!isPresent(r)) return;
      sum += weightOf(weights, k) * r;
      present++;
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [name, r] of Object.entries(value as Record<string, unknown>)) {
      if (!isPresent(r)) continue;
      sum += weightOf(weights, name) * r;
      present++;
    }
  }
  if (!Number.isFinite(sum)) sum = 0;
  return { value: sum, present, allMissing: present === 0 };
}

// ---------------------------------------------------------------------------------------
// Statistics

/** Arithmetic mean (0 for no values). */
export function mean(values: ReadonlyArray<number>): number {
  if (!values.length) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Standard deviation around `center` (the mean by default): √(Σ(v − center)² / d) with
 * d = n − 1 (`sample`) or n (`population`). 0 when d ≤ 0 (one value, sample std).
 */
export function stdDev(values: ReadonlyArray<number>, kind: StdKind, center = mean(values)): number {
  const d = kind === 'sample' ? values.length - 1 : values.length;
  if (d <= 0) return 0;
  let squares = 0;
  for (const v of values) squares += (v - center) * (v - center);
  return Math.sqrt(squares / d);
}

function allEqual(values: ReadonlyArray<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------
// Advantages

export interface GroupInput {
  /** Rewards of the group's outputs, one entry per output. */
  rewards: ReadonlyArray<RewardValue>;
}

export interface GroupResult {
  /** Combined reward of each output (missing rewards handled, see `combineRewards`). */
  rewards: number[];
  /** Outputs whose rewards were all missing (scored 0). */
  missing: boolean[];
  advantages: number[];
  /** Number of outputs. */
  size: number;
  /** Mean of the group's rewards (the baseline; 0 for a size-1 group under `singleton: 'raw'`). */
  mean: number;
  /** Std of the group's rewards with the chosen `std` kind (1 for a size-1 group under `singleton: 'raw'`). */
  std: number;
  /**
   * What centred rewards were divided by: std + ε (group or batch std), 1 for `scale: 'none'`,
   * or null when nothing was divided (zero-signal or size-1 `zero` group: advantages are 0).
   */
  divisor: number | null;
  /** All rewards equal: every advantage is 0 and the group teaches nothing. */
  zeroSignal: boolean;
  /** The group has a single output. */
  singleton: boolean;
  /** Every output's rewards were missing. */
  allMissing: boolean;
  /** `aggregation: 'normalize'`: each output's sum of per-function normalised rewards. */
  normalized?: number[];
}

export interface BatchResult {
  options: AdvantageOptions;
  groups: GroupResult[];
  /** The batch std used by `scale: 'batch'` (null otherwise, or when no reward entered it). */
  batchStd: number | null;
  /** Groups, outputs, zero-signal groups and their share (TRL logs it as `frac_reward_zero_std`). */
  stats: { groups: number; outputs: number; zeroSignalGroups: number; zeroSignalFraction: number; missingOutputs: number };
}

/** Never lets a NaN or an infinity out. */
function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/** The reward functions of one output as (key, value) pairs: one unnamed function for a plain number. */
function rewardEntries(value: RewardValue | unknown): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((v, k) => [k, v] as [number, unknown]);
  if (value !== null && typeof value === 'object') return Object.entries(value as Record<string, unknown>);
  return [[0, value]];
}

/**
 * Computes the advantages of a batch of groups.
 *
 * @param groups  each group's rewards (a number, null, or several reward functions per output)
 * @param options the normalisation options (see `PRESETS` / `resolveOptions`)
 * @param weights weights of several reward functions (TRL `reward_weights`; default all 1)
 */
export function computeAdvantages(
  groups: ReadonlyArray<GroupInput | ReadonlyArray<RewardValue>>,
  options: AdvantageOptions = PRESETS.trl,
  weights?: RewardWeights,
): BatchResult {
  const eps = Number.isFinite(options.epsilon) && options.epsilon > 0 ? options.epsilon : 0;
  const exclude = options.missing === 'exclude';
  const normalizeFirst = options.aggregation === 'normalize';
  const prepared = groups.map((group) => {
    const list = (Array.isArray(group) ? group : (group as GroupInput).rewards) as ReadonlyArray<RewardValue>;
    const combined = list.map((value) => combineRewards(value, weights));
    const rewards = combined.map((c) => c.value);
    const missing = combined.map((c) => c.allMissing);
    // The outputs that enter the group's statistics.
    const counted = rewards.map((_, i) => !(exclude && missing[i]));
    const values = rewards.filter((_, i) => counted[i]);
    const size = values.length;
    const singleton = size === 1;
    const raw = singleton && options.singleton === 'raw' && !normalizeFirst;
    const zeroSignal = size === 0 || (raw ? values[0] === 0 : allEqual(values));
    const center = raw ? 0 : mean(values);
    return {
      list,
      rewards,
      missing,
      counted,
      size: rewards.length,
      singleton: rewards.length === 1,
      lone: singleton,
      raw,
      zeroSignal,
      center,
      std: raw ? 1 : stdDev(values, options.std, center),
    };
  });

  if (normalizeFirst) return normalizeThenSum(prepared, options, eps, weights);

  let batchStd: number | null = null;
  if (options.scale === 'batch') {
    const pool: number[] = [];
    for (const g of prepared) {
      if (options.dropZeroSignal && g.zeroSignal) continue;
      g.rewards.forEach((r, i) => g.counted[i] && pool.push(r));
    }
    batchStd = pool.length ? stdDev(pool, options.std) : null;
  }

  const results: GroupResult[] = prepared.map((g) => {
    let divisor: number | null;
    if (g.zeroSignal || (g.lone && !g.raw)) divisor = null;
    else if (options.scale === 'none') divisor = 1;
    else if (g.raw) divisor = options.scale === 'batch' && batchStd !== null ? batchStd + eps : 1 + eps;
    else divisor = (options.scale === 'batch' ? (batchStd ?? 0) : g.std) + eps;
    if (divisor !== null && !(divisor > 0)) divisor = null;
    const advantages = g.rewards.map((r, i) => (divisor === null || !g.counted[i] ? 0 : finite((r - g.center) / divisor)));
    return groupResult(g, advantages, divisor, finite(g.center), finite(g.std));
  });
  return batchResult(options, results, batchStd);
}

type Prepared = {
  list: ReadonlyArray<RewardValue>;
  rewards: number[];
  missing: boolean[];
  counted: boolean[];
  size: number;
  singleton: boolean;
  zeroSignal: boolean;
};

function groupResult(g: Prepared, advantages: number[], divisor: number | null, center: number, std: number, normalized?: number[]): GroupResult {
  return {
    rewards: g.rewards,
    missing: g.missing,
    advantages,
    ...(normalized ? { normalized } : {}),
    size: g.size,
    mean: center,
    std,
    divisor,
    zeroSignal: g.zeroSignal,
    singleton: g.singleton,
    allMissing: g.size > 0 && g.missing.every(Boolean),
  };
}

function batchResult(options: AdvantageOptions, results: GroupResult[], batchStd: number | null): BatchResult {
  const zeroSignalGroups = results.filter((g) => g.zeroSignal).length;
  return {
    options: { ...options },
    groups: results,
    batchStd: batchStd === null ? null : finite(batchStd),
    stats: {
      groups: results.length,
      outputs: results.reduce((n, g) => n + g.size, 0),
      zeroSignalGroups,
      zeroSignalFraction: results.length ? zeroSignalGroups / results.length : 0,
      missingOutputs: results.reduce((n, g) => n + g.missing.filter(Boolean).length, 0),
    },
  };
}

/**
 * TRL's `normalize_then_sum`: each reward function is normalised within its group over the
 * values present, (r_k − mean_k) / (std_k + ε); the weighted normalised values are added
 * (missing ones skipped); the sums are centred and divided by their std over the whole batch
 * (+ ε). A zero-signal group keeps advantage 0 exactly.
 */
function normalizeThenSum(prepared: Array<Prepared & { counted: boolean[] }>, options: AdvantageOptions, eps: number, weights?: RewardWeights): BatchResult {
  const sums = prepared.map((g) => {
    const entries = g.list.map((value) => rewardEntries(value));
    const keys = new Set<string | number>();
    entries.forEach((e, i) => g.counted[i] && e.forEach(([k]) => keys.add(k)));
    const out = g.rewards.map(() => 0);
    for (const key of keys) {
      const present: number[] = [];
      entries.forEach((e, i) => {
        if (!g.counted[i]) return;
        const v = e.find(([k]) => k === key)?.[1];
        if (isPresent(v)) present.push(v);
      });
      const m = mean(present);
      const d = stdDev(present, options.std, m) + eps;
      entries.forEach((e, i) => {
        if (!g.counted[i]) return;
        const v = e.find(([k]) => k === key)?.[1];
        if (!isPresent(v)) return;
        const z = d > 0 ? (v - m) / d : 0;
        out[i] += weightOf(weights, key) * finite(z);
      });
    }
    return out;
  });
  const pool: number[] = [];
  prepared.forEach((g, gi) => sums[gi].forEach((v, i) => g.counted[i] && pool.push(v)));
  const batchMean = mean(pool);
  const batchStd = pool.length > 1 ? stdDev(pool, options.std, batchMean) : 0;
  const divisor = batchStd + eps > 0 ? batchStd + eps : null;
  const results = prepared.map((g, gi) => {
    // No signal when the normalised sums of the counted outputs are all equal.
    const counted = sums[gi].filter((_, i) => g.counted[i]);
    const zeroSignal = counted.length === 0 || allEqual(counted);
    const advantages = sums[gi].map((v, i) => (zeroSignal || divisor === null || !g.counted[i] ? 0 : finite((v - batchMean) / divisor)));
    return groupResult({ ...g, zeroSignal }, advantages, zeroSignal ? null : divisor, finite(batchMean), finite(batchStd), sums[gi].map(finite));
  });
  return batchResult(options, results, finite(batchStd));
}

/** Advantages of a single group (group scaling; `batch` equals `group` for one group). */
export function groupAdvantages(rewards: ReadonlyArray<RewardValue>, options: AdvantageOptions = PRESETS.trl, weights?: RewardWeights): GroupResult {
  return computeAdvantages([rewards], options, weights).groups[0];
}
