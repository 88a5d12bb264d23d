// The reader alone (no rules): batches of lines → records, with and without locating
// one offset per trace in the source. Run: npx tsx bench/read-only.ts FILE [only|located]
import { performance } from 'node:perf_hooks';
import { statSync } from 'node:fs';
import { forEachJsonlRecordInBytes } from '../src/core/documents';
import { BufferPool, fileBatches } from '../src/cli/input';

async function measure(file: string, locate: boolean): Promise<number> {
  const started = performance.now();
  let traces = 0;
  const pool = new BufferPool(); // as the CLI reads: buffers used again
  for await (const batch of fileBatches(file, pool)) {
    forEachJsonlRecordInBytes(batch.bytes, { firstLine: batch.firstLine }, (record) => {
      for (const trace of record.traces) {
        traces++;
        if (locate) trace.output.toSource(trace.output.text.length >> 1);
      }
    });
    pool.give(batch.bytes);
  }
  if (!traces) throw new Error('no traces read');
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  const mb = statSync(file).size / 1e6;
  // One case per process when named (`only` or `located`), so each starts cold.
  const which = process.argv[3];
  const locates = which === 'only' ? [false] : which === 'located' ? [true] : [false, true];
  for (const locate of locates) {
    const seconds = await measure(file, locate);
    console.log(JSON.stringify({ case: locate ? 'reader, every trace located' : 'reader only', seconds, mbps: mb / seconds }));
  }
}

void main();
