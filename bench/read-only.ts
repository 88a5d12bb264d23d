// The reader alone (no rules): batches of lines → records, with and without locating
// one offset per trace in the source. Run: npx tsx bench/read-only.ts FILE
import { performance } from 'node:perf_hooks';
import { statSync } from 'node:fs';
import { forEachJsonlRecordInBytes } from '../src/core/documents';
import { fileBatches } from '../src/cli/input';

async function measure(file: string, locate: boolean): Promise<number> {
  const started = performance.now();
  let traces = 0;
  for await (const batch of fileBatches(file)) {
    forEachJsonlRecordInBytes(batch.bytes, { firstLine: batch.firstLine }, (record) => {
      for (const trace of record.traces) {
        traces++;
        if (locate) trace.output.toSource(trace.output.text.length >> 1);
      }
    });
  }
  if (!traces) throw new Error('no traces read');
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  const mb = statSync(file).size / 1e6;
  for (const locate of [false, true]) {
    const seconds = await measure(file, locate);
    console.log(JSON.stringify({ case: locate ? 'reader, every trace located' : 'reader only', seconds, mbps: mb / seconds }));
  }
}

void main();
