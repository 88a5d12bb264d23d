import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { REWARD_NAMES } from '../core/types';
import type { ItemScore } from './scorer';

/** Prometheus metrics of one server: requests, latency, batch sizes, mean reward per name. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'route' | 'status'>;
  readonly latency: Histogram<'route'>;
  readonly batch: Histogram<'route'>;
  private readonly completions: Counter;
  private readonly sums = new Map<string, { sum: number; count: number }>();

  constructor() {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'cot_trace_requests_total', help: 'HTTP requests answered, by route and status code', labelNames: ['route', 'status'], registers });
    this.latency = new Histogram({
      name: 'cot_trace_request_duration_seconds',
      help: 'Time from request to response, by route',
      labelNames: ['route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.batch = new Histogram({
      name: 'cot_trace_batch_size',
      help: 'Completions per scoring request, by route',
      labelNames: ['route'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096],
      registers,
    });
    this.completions = new Counter({ name: 'cot_trace_completions_scored_total', help: 'Completions scored', registers });
    const sums = this.sums;
    new Gauge({
      name: 'cot_trace_reward_mean',
      help: 'Mean of each reward (and the total) over the completions scored since start; rewards that did not apply are left out',
      labelNames: ['name'],
      registers,
      collect() {
        for (const [name, { sum, count }] of sums) if (count > 0) this.set({ name }, sum / count);
      },
    });
  }

  /** Counts the rewards of scored completions into the running means. */
  observeScores(scores: ItemScore[]): void {
    const add = (name: string, value: number | null) => {
      if (value === null || !Number.isFinite(value)) return;
      let entry = this.sums.get(name);
      if (!entry) this.sums.set(name, (entry = { sum: 0, count: 0 }));
      entry.sum += value;
      entry.count++;
    };
    for (const score of scores) {
      for (const name of REWARD_NAMES) add(name, score.rewards[name]);
      add('total', score.total);
    }
    this.completions.inc(scores.length);
  }
}
