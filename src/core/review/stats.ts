/**
 * Dataset statistics computed in one streaming pass: records are added one at a time as they
 * are scored, and `summarize` turns the totals into the numbers and histograms the dataset
 * summary shows (CLI tables, HTML report, panel charts). Memory is a few numbers per trace.
 */
import { CONVENTIONS, REWARD_NAMES, type Convention, type RecordResult, type RewardName } from '../types';
import type { DatasetColumns } from './columns';
import { recordVerdict, traceVerdict, verdictCorrect, VERDICTS, type Verdict } from '../answer/verdict';

export interface Histogram {
  /** Bin edges, length = counts.length + 1; bin k is [edges[k], edges[k+1]), the last one closed. */
  edges: number[];
  counts: number[];
  /**
   * `linear` (equal widths, the default), `log` (edges 1, 2, 5, 10, 20, … for values spread
   * over orders of magnitude, a first bin [0, 1) for zeros), or `discrete`: one bar per
   * distinct value, `values[k]` being bar k's value (a reward takes a few values only).
   */
  kind?: 'linear' | 'log' | 'discrete';
  values?: number[];
}

/** How to bin: the kind and, for shared axes across datasets, the edges or values. */
export type BinSpec = { kind: 'linear' | 'log'; edges: number[] } | { kind: 'discrete'; values: number[] };

export interface Distribution {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
  histogram: Histogram;
}

export interface RulePass {
  id: string;
  /** Records on which the rule reported a problem. */
  failing: number;
  /** Share of records it passed (0…1). */
  passRate: number;
}

export interface DatasetStats {
  /** File name (or label) the statistics are about. */
  file: string;
  records: number;
  traces: number;
  /** Records no output could be read from (invalid JSON, no trace). */
  unreadable: number;
  conventions: Partial<Record<Convention, number>>;
  /** The convention outliers were judged against (see src/core/trace/datasetConvention.ts). */
  assumedConvention?: string;
  rules: RulePass[];
  /** Total (weighted) reward per trace. */
  reward: Distribution;
  /** Mean of each reward signal over the traces it applies to. */
  rewardMeans: Record<RewardName, number | null>;
  /** Thought length per trace, in characters. */
  thoughtChars: Distribution;
  /** Response length per trace (thought + answer), in characters. */
  responseChars?: Distribution;
  /** Reflection words ("Wait", "Hmm", …) per 1,000 words of thought, per trace. */
  reflectionRate: Distribution;
  /** Average share of each language/script in the thoughts (0…1). */
  languageMix: Record<string, number>;
  /** Traces judged against a ground truth, and how many were right. */
  accuracy: { judged: number; correct: number; rate: number | null };
  /** Traces per verdict: correct / incorrect, each boxed or not, no answer found, not judged. */
  verdicts: Record<Verdict, number>;
  /**
   * The dataset's own correctness label (`is_correct`, `score`, …): records carrying one, how
   * many it calls correct, and on how many it disagrees with our verdict.
   */
  theirs?: { field: string; labelled: number; correct: number; disagree: number };
  /** Training step of the checkpoint the file comes from (`global_step_500`), when its name says. */
  step?: number;
}

/** Collects a dataset's statistics record by record. */
export class StatsAccumulator {
  /** How the dataset's convention was found (see describeDatasetConvention), shown by `stats`. */
  assumedConvention?: string;
  records = 0;
  traces = 0;
  unreadable = 0;
  readonly conventions = new Map<Convention, number>();
  readonly ruleFails = new Map<string, number>();
  readonly totals: number[] = [];
  readonly thought: number[] = [];
  readonly response: number[] = [];
  readonly reflection: number[] = [];
  readonly rewardSums = new Map<RewardName, { sum: number; n: number }>();
  readonly mix = new Map<string, number>();
  mixTraces = 0;
  judged = 0;
  correct = 0;
  readonly verdicts = new Map<Verdict, number>();
  theirsField?: string;
  theirsLabelled = 0;
  theirsCorrect = 0;
  disagree = 0;

  /** `columns`: the record's own columns (its correctness label), when read. */
  add(result: RecordResult, columns?: DatasetColumns): void {
    this.records++;
    const verdicts = result.traces.map((t) => traceVerdict(t.answer));
    for (const v of verdicts) this.verdicts.set(v, (this.verdicts.get(v) ?? 0) + 1);
    const label = columns?.label;
    if (label && label.correct !== null) {
      this.theirsField ??= label.field;
      this.theirsLabelled++;
      if (label.correct) this.theirsCorrect++;
      const ours = verdictCorrect(recordVerdict(verdicts));
      if (ours !== null && ours !== label.correct) this.disagree++;
    }
    if (!result.traces.length) this.unreadable++;
    for (const id of new Set(result.findings.map((f) => f.ruleId))) this.ruleFails.set(id, (this.ruleFails.get(id) ?? 0) + 1);
    for (const trace of result.traces) {
      this.traces++;
      this.conventions.set(trace.convention, (this.conventions.get(trace.convention) ?? 0) + 1);
      if (Number.isFinite(trace.total)) this.totals.push(trace.total);
      this.thought.push(trace.stats.thoughtChars);
      this.response.push(trace.stats.thoughtChars + trace.stats.answerChars);
      if (trace.stats.words > 0) this.reflection.push((trace.stats.reflections / trace.stats.words) * 1000);
      for (const name of REWARD_NAMES) {
        const value = trace.rewards[name];
        if (value === null || !Number.isFinite(value)) continue;
        const s = this.rewardSums.get(name) ?? { sum: 0, n: 0 };
        s.sum += value;
        s.n++;
        this.rewardSums.set(name, s);
      }
      const shares = Object.entries(trace.language.mix);
      if (shares.length) {
        this.mixTraces++;
        for (const [lang, share] of shares) this.mix.set(lang, (this.mix.get(lang) ?? 0) + share);
      }
      if (trace.answer.correct !== null) {
        this.judged++;
        if (trace.answer.correct) this.correct++;
      }
    }
  }

  summarize(file: string, ruleIds: readonly string[] = [], bins: { reward?: BinSpec; thought?: BinSpec; reflection?: BinSpec } = {}): DatasetStats {
    const ids = [...new Set([...ruleIds, ...this.ruleFails.keys()])].sort();
    const rules = ids.map((id) => {
      const failing = this.ruleFails.get(id) ?? 0;
      return { id, failing, passRate: this.records ? 1 - failing / this.records : 1 };
    });
    const conventions: DatasetStats['conventions'] = {};
    for (const c of CONVENTIONS) if (this.conventions.has(c)) conventions[c] = this.conventions.get(c);
    const rewardMeans = {} as Record<RewardName, number | null>;
    for (const name of REWARD_NAMES) {
      const s = this.rewardSums.get(name);
      rewardMeans[name] = s && s.n ? s.sum / s.n : null;
    }
    const languageMix: Record<string, number> = {};
    for (const [lang, sum] of [...this.mix].sort((a, b) => b[1] - a[1])) languageMix[lang] = this.mixTraces ? sum / this.mixTraces : 0;
    return {
      file,
      records: this.records,
      traces: this.traces,
      unreadable: this.unreadable,
      conventions,
      rules,
      reward: distribution(this.totals, bins.reward ?? rewardBins([this.totals])),
      rewardMeans,
      thoughtChars: distribution(this.thought, bins.thought ?? lengthBins([this.thought])),
      responseChars: distribution(this.response, lengthBins([this.response])),
      reflectionRate: distribution(this.reflection, bins.reflection ?? linearBins([this.reflection], 20)),
      languageMix,
      accuracy: { judged: this.judged, correct: this.correct, rate: this.judged ? this.correct / this.judged : null },
      verdicts: Object.fromEntries(VERDICTS.map((v) => [v, this.verdicts.get(v) ?? 0])) as Record<Verdict, number>,
      ...(this.theirsField !== undefined ? { theirs: { field: this.theirsField, labelled: this.theirsLabelled, correct: this.theirsCorrect, disagree: this.disagree } } : {}),
      ...(checkpointStep(file) !== undefined ? { step: checkpointStep(file) } : {}),
      ...(this.assumedConvention !== undefined ? { assumedConvention: this.assumedConvention } : {}),
    };
  }
}

/**
 * Several datasets summarised on shared axes: the same bins for every file, so their
 * histograms can be overlaid and compared bar for bar.
 */
export function summarizeTogether(accs: readonly StatsAccumulator[], files: readonly string[], ruleIds: readonly string[] = []): DatasetStats[] {
  const bins = {
    reward: rewardBins(accs.map((a) => a.totals)),
    thought: lengthBins(accs.map((a) => a.thought)),
    reflection: linearBins(accs.map((a) => a.reflection), 20),
  };
  return accs.map((a, k) => a.summarize(files[k], ruleIds, bins));
}

/** Distinct values shown as their own bars up to this many. */
export const MAX_DISCRETE = 12;

function extent(groups: ReadonlyArray<readonly number[]>): { min: number; max: number; distinct: Set<number> | undefined } {
  let min = Infinity;
  let max = -Infinity;
  let distinct: Set<number> | undefined = new Set();
  for (const values of groups) {
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      if (distinct) {
        distinct.add(tidy(v));
        if (distinct.size > MAX_DISCRETE) distinct = undefined;
      }
    }
  }
  return { min, max, distinct };
}

/** Rewards: one bar per value when they take a few values (rule rewards do), else equal bins. */
export function rewardBins(groups: ReadonlyArray<readonly number[]>): BinSpec {
  const { distinct } = extent(groups);
  if (distinct && distinct.size) return { kind: 'discrete', values: [...distinct].sort((a, b) => a - b) };
  return linearBins(groups, 12);
}

/** Lengths: log bins when they spread over more than an order and a half of magnitude, else equal bins. */
export function lengthBins(groups: ReadonlyArray<readonly number[]>): BinSpec {
  const { min, max } = extent(groups);
  let low = Infinity;
  for (const values of groups) for (const v of values) if (v >= 1 && v < low) low = v;
  if (min === Infinity || max < 10 || max / (low === Infinity ? 1 : low) < 30) return linearBins(groups, 20);
  return { kind: 'log', edges: logEdges(low, max, min < 1) };
}

/** Edges 1, 2, 5, 10, 20, 50, … from the one at or below `low` past `max`; a first edge 0 when `zero` (values below 1). */
export function logEdges(low: number, max: number, zero = false): number[] {
  const sequence = (k: number) => [1, 2, 5][k % 3] * 10 ** Math.floor(k / 3);
  let k = 0;
  while (sequence(k + 1) <= Math.max(1, low)) k++;
  const edges = zero ? [0] : [];
  for (; ; k++) {
    edges.push(sequence(k));
    if (sequence(k) > max) return edges;
  }
}

export function linearBins(groups: ReadonlyArray<readonly number[]>, bins: number): BinSpec {
  const { min, max } = extent(groups);
  return { kind: 'linear', edges: histogram(min === Infinity ? [] : [min, max], bins).edges };
}

/** The training step in a checkpoint's file name: `global_step_500`, `step-1200`, `checkpoint-300`, `ckpt_40`, `iter_0005000`. */
export function checkpointStep(name: string): number | undefined {
  const m = /(?:global[_-]?step|checkpoint|ckpt|step|iter(?:ation)?)[_-]?(\d+)/i.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * Files as checkpoints of one run: their order by training step when every file's name has a
 * step and no two share one; undefined when the files are not such a series.
 */
export function checkpointOrder(stats: ReadonlyArray<Pick<DatasetStats, 'step'>>): number[] | undefined {
  if (stats.length < 2 || stats.some((s) => s.step === undefined)) return undefined;
  if (new Set(stats.map((s) => s.step)).size !== stats.length) return undefined;
  return stats.map((_, k) => k).sort((a, b) => stats[a].step! - stats[b].step!);
}

/** Counts of `values` in the bins of `spec`. */
export function binWith(values: readonly number[], spec: BinSpec): Histogram {
  if (spec.kind === 'discrete') {
    const counts = new Array<number>(spec.values.length).fill(0);
    const at = new Map(spec.values.map((v, k) => [v, k]));
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      const k = at.get(tidy(v));
      if (k !== undefined) counts[k]++;
    }
    const last = spec.values[spec.values.length - 1];
    return { kind: 'discrete', values: [...spec.values], edges: spec.values.length ? [...spec.values, last] : [], counts };
  }
  const edges = spec.edges;
  const n = edges.length - 1;
  if (n < 1) return { kind: spec.kind, edges: [], counts: [] };
  const counts = new Array<number>(n).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    // Binary search for the last edge <= v; the last bin is closed.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]++;
  }
  return { kind: spec.kind, edges: [...edges], counts };
}

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) close to `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Rounds away floating noise from bin edges (0.30000000000000004 → 0.3). */
const tidy = (x: number) => Number(x.toPrecision(12));

/**
 * Bins values into about `bins` bins of a nice width. Every finite value lands in exactly one
 * bin; the last bin includes its upper edge. No values → no bins; all values equal → one bin.
 */
export function histogram(values: readonly number[], bins = 10): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { edges: [], counts: [] };
  if (min === max) return { edges: [tidy(min), tidy(min === 0 ? 1 : min + Math.abs(min) * 0.1 || 1)], counts: [values.filter(Number.isFinite).length] };
  const step = niceStep((max - min) / Math.max(1, bins));
  const start = Math.floor(min / step) * step;
  const n = Math.max(1, Math.ceil(tidy((max - start) / step)));
  const edges = Array.from({ length: n + 1 }, (_, k) => tidy(start + k * step));
  const counts = new Array<number>(n).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let k = Math.floor((v - start) / step);
    if (k >= n) k = n - 1;
    if (k < 0) k = 0;
    // Guard against floating error at edges.
    while (k > 0 && v < edges[k]) k--;
    while (k < n - 1 && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  return { edges, counts };
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function distribution(values: readonly number[], bins: number | BinSpec = 10): Distribution {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : null,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    min: sorted.length ? sorted[0] : null,
    max: sorted.length ? sorted[sorted.length - 1] : null,
    histogram: typeof bins === 'number' ? histogram(sorted, bins) : binWith(sorted, bins),
  };
}
