/**
 * Dataset statistics computed in one streaming pass: records are added one at a time as they
 * are scored, and `summarize` turns the totals into the numbers and histograms the dataset
 * summary shows (CLI tables, HTML report, panel charts). Memory is a few numbers per trace.
 */
import { CONVENTIONS, REWARD_NAMES, type Convention, type RecordResult, type RewardName } from '../types';

export interface Histogram {
  /** Bin edges, length = counts.length + 1; bin k is [edges[k], edges[k+1]), the last one closed. */
  edges: number[];
  counts: number[];
}

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
  /** Reflection words ("Wait", "Hmm", …) per 1,000 words of thought, per trace. */
  reflectionRate: Distribution;
  /** Average share of each language/script in the thoughts (0…1). */
  languageMix: Record<string, number>;
  /** Traces judged against a ground truth, and how many were right. */
  accuracy: { judged: number; correct: number; rate: number | null };
}

/** Collects a dataset's statistics record by record. */
export class StatsAccumulator {
  records = 0;
  traces = 0;
  unreadable = 0;
  readonly conventions = new Map<Convention, number>();
  readonly ruleFails = new Map<string, number>();
  readonly totals: number[] = [];
  readonly thought: number[] = [];
  readonly reflection: number[] = [];
  readonly rewardSums = new Map<RewardName, { sum: number; n: number }>();
  readonly mix = new Map<string, number>();
  mixTraces = 0;
  judged = 0;
  correct = 0;

  add(result: RecordResult): void {
    this.records++;
    if (!result.traces.length) this.unreadable++;
    for (const id of new Set(result.findings.map((f) => f.ruleId))) this.ruleFails.set(id, (this.ruleFails.get(id) ?? 0) + 1);
    for (const trace of result.traces) {
      this.traces++;
      this.conventions.set(trace.convention, (this.conventions.get(trace.convention) ?? 0) + 1);
      if (Number.isFinite(trace.total)) this.totals.push(trace.total);
      this.thought.push(trace.stats.thoughtChars);
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

  summarize(file: string, ruleIds: readonly string[] = []): DatasetStats {
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
      reward: distribution(this.totals, 12),
      rewardMeans,
      thoughtChars: distribution(this.thought, 20),
      reflectionRate: distribution(this.reflection, 20),
      languageMix,
      accuracy: { judged: this.judged, correct: this.correct, rate: this.judged ? this.correct / this.judged : null },
    };
  }
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

export function distribution(values: readonly number[], bins = 10): Distribution {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : null,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    min: sorted.length ? sorted[0] : null,
    max: sorted.length ? sorted[sorted.length - 1] : null,
    histogram: histogram(sorted, bins),
  };
}
