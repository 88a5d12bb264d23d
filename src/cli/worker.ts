// Worker thread of `cot-trace`: decodes, reads and checks batches of JSON Lines lines sent
// by the main thread (their memory is transferred, not copied) and sends back compact results
// with the memory.
import { parentPort } from 'node:worker_threads';
import { checkJsonlBatch, type Mode } from '../core/batch';
import type { ResolvedConfig } from '../core/types';

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
    // A Buffer view (no copy): its indexOf finds line breaks far faster than Uint8Array's.
    const bytes = Buffer.from(job.buffer, job.byteOffset, job.byteLength);
    const result = checkJsonlBatch(bytes, job.firstLine, job.mode, job.config);
    // The memory goes back with the result, to be read into again.
    parentPort!.postMessage({ seq: job.seq, result, buffer: job.buffer }, [job.buffer]);
  } catch (error) {
    parentPort!.postMessage({ seq: job.seq, error: (error as Error)?.stack ?? String(error) });
  }
});
