// Worker thread of `cot-trace`: decodes, reads and checks batches of JSON Lines lines sent
// by the main thread (their memory is transferred, not copied) and sends back compact results.
import { parentPort } from 'node:worker_threads';
import { checkJsonlBatch, type Mode } from './check';
import type { ResolvedConfig } from '../core/config/types';

export interface WorkerJob {
  seq: number;
  buffer: ArrayBuffer;
  byteOffset: number;
  byteLength: number;
  firstLine: number;
  mode: Mode;
  config: ResolvedConfig;
}

parentPort?.on('message', (job: WorkerJob) => {
  try {
    const bytes = new Uint8Array(job.buffer, job.byteOffset, job.byteLength);
    const result = checkJsonlBatch(bytes, job.firstLine, job.mode, job.config);
    parentPort!.postMessage({ seq: job.seq, result });
  } catch (error) {
    parentPort!.postMessage({ seq: job.seq, error: (error as Error)?.stack ?? String(error) });
  }
});
