import { checkJsonlBatch, type BatchResult, type Mode } from '../core/batch';
import { configProblems } from '../core/config/resolve';
import type { CotTraceConfig, ResolvedConfig } from '../core/types';
import { resolveLayers } from '../core/node/config';
import { REWARD_NAMES, type RewardName, type Rewards, type Severity } from '../core/types';
import { ScorePool } from './pool';

/** One completion to score, with what it answers. */
export interface ScoreItem {
  completion: string;
  prompt?: string | null;
  groundTruth?: string | null;
}

export interface ItemFinding {
  rule: string;
  severity: Severity;
  message: string;
}

export interface ItemScore {
  rewards: Rewards;
  total: number;
  findings?: ItemFinding[];
}

/** Per-request settings on top of the server's config. */
export interface RequestSettings {
  preset?: string;
  weights?: Record<string, number>;
}

/** A request the server refuses (answered 400). */
export class RequestError extends Error {}

/**
 * The record each completion becomes: the same JSON Lines record `cot-trace score` reads, with
 * its fields named outright so a config's `fields` cannot send the reader elsewhere.
 */
const FIELDS: ResolvedConfig['fields'] = { trace: ['completion'], prompt: ['prompt'], groundTruth: ['ground_truth'], reasoning: [], id: [] };

function recordLine(item: ScoreItem): string {
  const record: Record<string, string> = {};
  if (typeof item.prompt === 'string') record.prompt = item.prompt;
  record.completion = item.completion;
  if (typeof item.groundTruth === 'string' && item.groundTruth.trim()) record.ground_truth = item.groundTruth;
  return JSON.stringify(record);
}

const EMPTY_REWARDS = (): Rewards => Object.fromEntries(REWARD_NAMES.map((n) => [n, null])) as Rewards;

/**
 * Scores completions exactly as `cot-trace score` does: each becomes a JSON Lines record checked by
 * `checkJsonlBatch` with the config `cot-trace score --config FILE` would resolve. The work runs on
 * worker threads (`workers` ≥ 1) or, with `workers: 0`, on the calling thread.
 */
export class Scorer {
  private readonly configs = new Map<string, ResolvedConfig>();
  private readonly pool?: ScorePool;

  constructor(
    private readonly base: CotTraceConfig,
    readonly workers: number,
    private readonly timeoutMs: number,
    workerScript?: string,
  ) {
    if (workers > 0) this.pool = new ScorePool(workers, workerScript);
  }

  /** The resolved config for a request's preset and weights (cached; bad settings throw RequestError). */
  config(settings: RequestSettings = {}): ResolvedConfig {
    const key = JSON.stringify([settings.preset ?? null, settings.weights ?? null]);
    let resolved = this.configs.get(key);
    if (resolved) return resolved;
    const over: CotTraceConfig = {};
    if (settings.preset !== undefined) over.preset = settings.preset as CotTraceConfig['preset'];
    if (settings.weights !== undefined) over.weights = settings.weights as CotTraceConfig['weights'];
    const problems = configProblems(over);
    if (problems.length) throw new RequestError(problems.join(' '));
    resolved = { ...resolveLayers({ file: this.base, flags: over }).config, fields: FIELDS };
    if (this.configs.size >= 256) this.configs.delete(this.configs.keys().next().value!);
    this.configs.set(key, resolved);
    return resolved;
  }

  /** Weights of the rewards in the total, for a request's settings. */
  weights(settings: RequestSettings = {}): Record<RewardName, number> {
    return this.config(settings).weights;
  }

  private async batch(lines: string[], mode: Mode, config: ResolvedConfig): Promise<BatchResult> {
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    if (!this.pool) return checkJsonlBatch(bytes, 0, mode, config);
    return this.pool.run(bytes, mode, config, this.timeoutMs);
  }

  /** Scores the items in order; spreads a large batch over the workers. */
  async score(items: ScoreItem[], settings: RequestSettings = {}, withFindings = false): Promise<ItemScore[]> {
    const config = this.config(settings);
    const lines = items.map(recordLine);
    const parts = Math.max(1, Math.min(this.workers, Math.ceil(lines.length / 16)));
    const size = Math.ceil(lines.length / parts);
    const chunks: Array<{ start: number; lines: string[] }> = [];
    for (let start = 0; start < lines.length; start += size) chunks.push({ start, lines: lines.slice(start, start + size) });
    const out: ItemScore[] = items.map(() => ({ rewards: EMPTY_REWARDS(), total: 0 }));
    await Promise.all(
      chunks.map(async ({ start, lines: part }) => {
        const [scored, linted] = await Promise.all([this.batch(part, 'score', config), withFindings ? this.batch(part, 'lint', config) : undefined]);
        for (const s of scored.scores) {
          const target = out[start + s.record];
          if (target) Object.assign(target, { rewards: s.rewards, total: s.total });
        }
        if (linted) {
          for (let i = 0; i < part.length; i++) out[start + i].findings = [];
          for (const f of linted.findings) out[start + f.record]?.findings?.push({ rule: f.ruleId, severity: f.severity, message: f.message });
        }
      }),
    );
    return out;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
