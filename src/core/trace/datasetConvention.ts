/**
 * The dataset's own convention. Conventions are detected per trace, so in a dataset where
 * nearly every trace is R1-Zero (`<think>…</think><answer>…</answer>`) a trace with a thought
 * and free text after it would pass as R1. Here the dominant convention of the first traces
 * (or the one the configuration forces) is found once per dataset; the parser then reads an
 * outlier of a related convention by the dataset's layout, so the rules report what it lacks.
 * Pure: no I/O; the CLI and the language server hand in the first records they read.
 */
import type { ResolvedConfig } from '../types';
import type { Convention, RecordInput } from '../types';
import { detectConvention } from './parse';
import { scanTags } from './markers';
import { readJsonlLine } from '../documents/jsonl';
import { formatMessage, ref, type Locale } from '../messages';

/** Traces looked at to find the dominant convention. */
export const CONVENTION_SAMPLE = 300;
/** The dominant convention must hold at least this share of the traces looked at… */
export const DOMINANT_SHARE = 0.8;
/** …and at least this many of them. */
export const DOMINANT_MIN_TRACES = 5;

/**
 * Which detected conventions are read by the dataset's layout instead: a trace with a thought
 * and free text in an R1-Zero dataset (its `<answer>` is missing), a trace without its opening
 * `<think>` in an R1 dataset, and a trace without any marker in a dataset whose prompt ends in
 * `<think>` (its thought never closed). Other conventions keep their own reading.
 */
export const OUTLIERS: Partial<Record<Convention, readonly Convention[]>> = {
  'r1-zero': ['r1'],
  r1: ['prefilled'],
  prefilled: ['none'],
};

export interface DatasetConvention {
  /** The convention outliers are judged against, or null (each trace judged on its own). */
  convention: Convention | null;
  /** Where it comes from: the configuration, the traces, or nowhere. */
  source: 'config' | 'traces' | 'none';
  /** Traces looked at, and the share of them in `convention`. */
  traces: number;
  share: number;
}

/** Counts detected conventions over the first traces of a dataset. */
export class ConventionSample {
  private readonly counts = new Map<Convention, number>();
  traces = 0;

  constructor(private readonly limit = CONVENTION_SAMPLE) {}

  /** Adds a record's traces; false once the sample is full. */
  add(record: RecordInput): boolean {
    for (const trace of record.traces) {
      if (this.traces >= this.limit) return false;
      // The text the engine parses (see traceText): a separate reasoning field makes it `split`.
      const splitAt = trace.reasoning ? trace.reasoning.text.length : undefined;
      const text = trace.reasoning ? trace.reasoning.text + '\n' + trace.output.text : trace.output.text;
      const convention = detectConvention(scanTags(text), { splitAt, promptSuffix: trace.promptSuffix });
      this.counts.set(convention, (this.counts.get(convention) ?? 0) + 1);
      this.traces++;
    }
    return this.traces < this.limit;
  }

  /** The dominant convention, when one holds DOMINANT_SHARE of at least DOMINANT_MIN_TRACES traces and has outliers to judge. */
  result(config?: ResolvedConfig): DatasetConvention {
    if (config && config.convention !== 'auto' && config.convention !== 'per-trace') return { convention: config.convention, source: 'config', traces: this.traces, share: 1 };
    let best: Convention | null = null;
    let count = 0;
    for (const [c, n] of this.counts) {
      if (n > count) {
        best = c;
        count = n;
      }
    }
    const share = this.traces ? count / this.traces : 0;
    if (config?.convention === 'per-trace' || !best || !OUTLIERS[best] || this.traces < DOMINANT_MIN_TRACES || share < DOMINANT_SHARE) {
      return { convention: null, source: 'none', traces: this.traces, share };
    }
    return { convention: best, source: 'traces', traces: this.traces, share };
  }
}

/** The dominant convention of `records` (the first CONVENTION_SAMPLE traces). */
export function datasetConvention(records: Iterable<RecordInput>, config?: ResolvedConfig): DatasetConvention {
  const sample = new ConventionSample();
  for (const record of records) if (!sample.add(record)) break;
  return sample.result(config);
}

/**
 * Streams items (records, row groups, …) on with the configuration their dataset is checked
 * with: the first items are held back until the dataset's convention is known from their
 * records (or the sample ends), then every item goes on at once with the derived config.
 */
export class ConventionGate<T> {
  private readonly sample = new ConventionSample();
  private waiting: T[] | undefined = [];
  /** The convention found (set once the first items are let through). */
  convention?: DatasetConvention;
  /** The configuration items are checked with (the base one until the convention is known). */
  config: ResolvedConfig;

  constructor(
    private readonly base: ResolvedConfig,
    private readonly emit: (item: T, config: ResolvedConfig) => void | Promise<void>,
  ) {
    this.config = base;
  }

  /** Hands on `item`, whose records (read lazily, only while the sample is open) are `records`. */
  async push(item: T, records: Iterable<RecordInput>): Promise<void> {
    if (!this.waiting) return this.emit(item, this.config);
    this.waiting.push(item);
    for (const record of records) {
      if (!this.sample.add(record)) return this.settle();
    }
  }

  /** The input ended: let whatever waits through. */
  async end(): Promise<void> {
    if (this.waiting) await this.settle();
  }

  private async settle(): Promise<void> {
    this.convention = this.sample.result(this.base);
    this.config = withDatasetConvention(this.base, this.convention);
    const held = this.waiting ?? [];
    this.waiting = undefined;
    for (const item of held) await this.emit(item, this.config);
  }
}

const derived = new WeakMap<ResolvedConfig, Map<Convention, ResolvedConfig>>();

/**
 * The configuration a dataset is checked with: `config` itself when no dataset convention
 * applies, else a copy that names it (one copy per convention, so the engine's per-config
 * caches keep working).
 */
export function withDatasetConvention(config: ResolvedConfig, dataset: DatasetConvention): ResolvedConfig {
  if (dataset.source !== 'traces' || !dataset.convention || config.datasetConvention === dataset.convention) return config;
  let byConvention = derived.get(config);
  if (!byConvention) derived.set(config, (byConvention = new Map()));
  let copy = byConvention.get(dataset.convention);
  if (!copy) byConvention.set(dataset.convention, (copy = { ...config, datasetConvention: dataset.convention }));
  return copy;
}

/** The convention a trace detected as `detected` is read by, in a dataset whose convention is `dataset`. */
export function judgedConvention(detected: Convention, dataset: Convention | undefined): Convention {
  return dataset && OUTLIERS[dataset]?.includes(detected) ? dataset : detected;
}

/** One line for `stats` and the status item: which convention was assumed. */
export function describeDatasetConvention(d: DatasetConvention, locale: Locale = 'en'): string {
  const percent = Math.round(d.share * 100);
  if (d.source === 'config') return formatMessage('convention.configured', { convention: d.convention ?? '' }, locale);
  if (d.source === 'traces') return formatMessage('convention.assumed', { convention: d.convention ?? '', percent, traces: d.traces }, locale);
  return formatMessage('convention.none', { common: d.traces ? ref('convention.none.common', { percent, traces: d.traces }) : '' }, locale);
}

/** The dominant convention of a JSON Lines dataset from its lines (`line(i)` for i < count), reading only the first traces. */
export function datasetConventionOfLines(count: number, line: (i: number) => string, config: ResolvedConfig): DatasetConvention {
  const sample = new ConventionSample();
  for (let i = 0; i < count; i++) {
    const text = line(i);
    if (text.trim() === '') continue;
    if (!sample.add(readJsonlLine(text, { index: i, line: i, offset: 0, fields: config.fields }))) break;
  }
  return sample.result(config);
}

/**
 * A line longer than this is left out of the sample: its convention is one trace's, and
 * decoding and parsing it here would hold a second copy of a record that may be hundreds of
 * megabytes beside the one the check reads.
 */
export const SAMPLE_MAX_LINE_BYTES = 4 << 20;

/** The same from the bytes of the first lines of a JSON Lines file (UTF-8). */
export function datasetConventionOfBytes(bytes: Uint8Array, config: ResolvedConfig): DatasetConvention {
  // Enough lines for the sample (records usually hold one trace); a torn last line is dropped.
  const lines: string[] = [];
  const decoder = new TextDecoder();
  let start = 0;
  for (let n = 0; n < CONVENTION_SAMPLE; n++) {
    const next = bytes.indexOf(0x0a, start);
    if (next < 0) break;
    if (next - start <= SAMPLE_MAX_LINE_BYTES) lines.push(decoder.decode(bytes.subarray(start, next)));
    start = next + 1;
  }
  return datasetConventionOfLines(lines.length, (i) => lines[i], config);
}
