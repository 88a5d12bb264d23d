import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BatchResult, Mode } from '../core/batch';
import type { ResolvedConfig } from '../core/types';
import type { WorkerJob } from '../cli/worker';

/** A scoring job that took longer than the server allows; its worker was replaced. */
export class TimeoutError extends Error {}

interface Pending {
  resolve: (result: BatchResult) => void;
  reject: (error: Error) => void;
  slot: number;
  timer?: NodeJS.Timeout;
}

/**
 * Worker threads that run the CLI's own worker (dist/worker.js: `checkJsonlBatch`, the function
 * `cot-trace score` runs), so the HTTP thread only parses and answers. Unlike the CLI's pool it
 * lives as long as the server: a worker that dies or overruns the time cap is replaced, and the
 * jobs it held fail instead of hanging.
 */
export class ScorePool {
  private readonly workers: Array<Worker | undefined> = [];
  private readonly load: number[] = [];
  /** Resolves when a slot's worker has started (the time cap counts from then, not from its boot). */
  private readonly ready: Array<Promise<void>> = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly script = join(__dirname, 'worker.js'),
  ) {
    for (let i = 0; i < size; i++) this.spawn(i);
  }

  private spawn(slot: number): void {
    const worker = new Worker(this.script);
    worker.unref();
    this.ready[slot] = new Promise<void>((resolve) => {
      worker.once('online', () => resolve());
      worker.once('exit', () => resolve());
    });
    worker.on('message', (message: { seq: number; result?: BatchResult; error?: string; buffer?: ArrayBuffer }) => {
      const job = this.pending.get(message.seq);
      if (!job) return;
      this.settle(message.seq, job);
      if (message.result) job.resolve(message.result);
      else job.reject(new Error(message.error?.split('\n')[0] ?? 'scoring failed'));
    });
    const lost = (error: Error) => {
      if (this.workers[slot] !== worker) return;
      this.workers[slot] = undefined;
      this.failSlot(slot, error);
      if (!this.closed) this.spawn(slot);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`scoring worker stopped (exit ${code})`)));
    this.workers[slot] = worker;
    this.load[slot] = 0;
  }

  private settle(seq: number, job: Pending): void {
    this.pending.delete(seq);
    this.load[job.slot]--;
    if (job.timer) clearTimeout(job.timer);
  }

  private failSlot(slot: number, error: Error): void {
    for (const [seq, job] of this.pending) {
      if (job.slot !== slot) continue;
      this.settle(seq, job);
      job.reject(error);
    }
  }

  /** Scores one batch of JSON Lines bytes (the buffer is handed over to the worker). */
  run(bytes: Uint8Array, mode: Mode, config: ResolvedConfig, timeoutMs: number): Promise<BatchResult> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    let slot = 0;
    for (let i = 1; i < this.size; i++) if (this.load[i] < this.load[slot]) slot = i;
    const seq = this.seq++;
    const buffer = bytes.buffer as ArrayBuffer;
    const job: WorkerJob = { seq, buffer, byteOffset: bytes.byteOffset, byteLength: bytes.byteLength, firstLine: 0, mode, config };
    return new Promise<BatchResult>((resolve, reject) => {
      const entry: Pending = { resolve, reject, slot };
      this.pending.set(seq, entry);
      this.load[slot]++;
      const worker = this.workers[slot]!;
      void this.ready[slot].then(() => {
        if (!this.pending.has(seq) || this.workers[slot] !== worker) return;
        this.startTimer(entry, slot, timeoutMs);
        worker.postMessage(job, [buffer]);
      });
    });
  }

  /** The cap counts from the moment the job is handed to a running worker. */
  private startTimer(entry: Pending, slot: number, timeoutMs: number): void {
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return;
    entry.timer = setTimeout(() => {
      // The worker is busy with this job and cannot be interrupted: replace it.
      const worker = this.workers[slot];
      this.workers[slot] = undefined;
      this.failSlot(slot, new TimeoutError(`scoring took longer than ${timeoutMs} ms`));
      void worker?.terminate();
      if (!this.closed) this.spawn(slot);
    }, timeoutMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers.splice(0).filter((w): w is Worker => w !== undefined);
    for (const job of this.pending.values()) job.reject(new Error('the server is shutting down'));
    this.pending.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
