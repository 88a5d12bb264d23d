import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../core/types';
import type { RecordResult } from '../core/types';
import { documentChecker, type DocumentChecker } from './documents';

/** A batch of JSON Lines records sent to a checker thread. */
export interface CheckJob {
  id: number;
  configKey: string;
  /** Sent the first time a worker meets this key. */
  config?: ResolvedConfig;
  texts: string[];
}
export interface CheckReply {
  id: number;
  results?: RecordResult[];
  error?: string;
}

/**
 * Worker threads that check JSON Lines records, so a big document is checked on every core
 * while the server keeps answering. The workers run this same bundle (server.js): it
 * checks records instead of serving when started as a worker.
 */
export class CheckerPool {
  private workers: Array<{ worker: Worker; keys: Set<string>; busy: number }> = [];
  private next = 1;
  private pending = new Map<number, { resolve: (results: RecordResult[]) => void; reject: (error: Error) => void }>();
  private idleTimer?: NodeJS.Timeout;

  /** Threads start on the first batch and stop after `idleMs` without work (they cost memory). */
  private constructor(
    private readonly script: string,
    private readonly threads: number,
    private readonly idleMs = 15_000,
  ) {}

  private start(): void {
    for (let i = this.workers.length; i < this.threads; i++) {
      const worker = new Worker(this.script, { workerData: { cotTraceRole: 'checker' }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      worker.unref();
      const entry = { worker, keys: new Set<string>(), busy: 0 };
      worker.on('message', (reply: CheckReply) => {
        entry.busy--;
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (!waiting) return;
        if (reply.results) waiting.resolve(reply.results);
        else waiting.reject(new Error(reply.error ?? 'checker failed'));
      });
      worker.on('error', (error) => {
        for (const [id, waiting] of this.pending) {
          waiting.reject(error);
          this.pending.delete(id);
        }
        this.workers = this.workers.filter((w) => w !== entry);
      });
      this.workers.push(entry);
    }
  }

  private idle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size) return this.idle();
      this.dispose();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /**
   * A pool over the server bundle next to this file, or undefined when running from sources
   * or when threads would not pay: by default two threads, only with at least 4 cores (on
   * fewer, the editor and the server already share them, and each thread costs memory).
   * `COT_TRACE_THREADS=n` sets the number (0: none).
   */
  static create(requested = process.env.COT_TRACE_THREADS): CheckerPool | undefined {
    const cores = availableParallelism();
    const size = requested !== undefined && requested !== '' && Number.isInteger(Number(requested)) ? Number(requested) : cores >= 4 ? 2 : 0;
    const script = join(__dirname, 'server.js');
    if (size < 1 || !__filename.endsWith('.js') || !existsSync(script)) return undefined;
    return new CheckerPool(script, Math.min(size, 8));
  }

  /** Number of threads (started or not). */
  get size(): number {
    return this.threads;
  }

  /** Checks record texts (each one JSON Lines line) on the least busy worker. */
  check(texts: string[], config: ResolvedConfig, configKey: string): Promise<RecordResult[]> {
    if (this.workers.length < this.threads) {
      try {
        this.start();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.idle();
    const entry = this.workers.reduce<(typeof this.workers)[number] | undefined>((best, w) => (!best || w.busy < best.busy ? w : best), undefined);
    if (!entry) return Promise.reject(new Error('no checker thread'));
    const id = this.next++;
    const job: CheckJob = { id, configKey, texts };
    if (!entry.keys.has(configKey)) {
      job.config = config;
      entry.keys.add(configKey);
    }
    entry.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      entry.worker.postMessage(job);
    });
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    for (const { worker } of this.workers) void worker.terminate();
    this.workers = [];
  }
}

/** The worker side: checks the batches it is sent. */
export function runChecker(port: { on(event: 'message', listener: (job: CheckJob) => void): void; postMessage(reply: CheckReply): void }): void {
  const configs = new Map<string, DocumentChecker>();
  port.on('message', (job) => {
    try {
      let entry = configs.get(job.configKey);
      if (!entry) {
        if (!job.config) throw new Error(`unknown configuration ${job.configKey}`);
        entry = documentChecker(job.config);
        configs.set(job.configKey, entry);
      }
      const checker = entry;
      const results = job.texts.map((text) => checker.check(checker.readLine(text, { index: 0, line: 0 })));
      port.postMessage({ id: job.id, results });
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
