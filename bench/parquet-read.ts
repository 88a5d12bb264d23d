// The readers alone (no rules): the same records from bench/parquet.mjs's JSON Lines and Parquet
// files turned into the engine's records, as `score` reads them (JSON Lines by 1 MB batches,
// Parquet by row group with its text decoded row by row), each case in a fresh process, the
// rounds alternated, CPU time of the reading (user + system, all threads; modules loaded first).
//   npx tsx bench/parquet-read.ts [--mb 100] [--runs 5]
// Run bench/parquet.mjs with the same --mb first: it writes the two files.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BufferPool, fileBatches } from '../src/cli/input';
import { readJsonlBytes } from '../src/core/documents/jsonl';
import { loadHyparquet, parquetGroups, plainRow } from '../src/core/node/columnar';
import { rowRecord } from '../src/core/node/columnar/scan';

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const mb = arg('mb', '100');
const files = { jsonl: `bench/data/hub-${mb}mb.jsonl`, parquet: `bench/data/hub-${mb}mb-rg2000.parquet` };

/** One case in this process: the CPU seconds its reading took, and the traces it read. */
async function readCase(kind: 'jsonl' | 'parquet'): Promise<{ cpu: number; traces: number }> {
  await loadHyparquet();
  await import('hyparquet-compressors');
  const started = process.cpuUsage();
  let traces = 0;
  if (kind === 'jsonl') {
    const pool = new BufferPool();
    let line = 0;
    for await (const batch of fileBatches(files.jsonl, pool)) {
      line += readJsonlBytes(batch.bytes, { firstLine: line }, (record) => (traces += record.traces.length)).lines;
      pool.give(batch.bytes);
    }
  } else {
    for await (const group of parquetGroups(files.parquet, undefined, false, true)) {
      for (let i = 0; i < group.rows.length; i++) {
        traces += rowRecord(plainRow(group, i), group.firstIndex + i).traces.length;
        group.rows[i] = null as unknown as Record<string, unknown>;
      }
      group.release?.();
    }
  }
  const used = process.cpuUsage(started);
  return { cpu: (used.user + used.system) / 1e6, traces };
}

async function main(): Promise<void> {
  const only = arg('case', '');
  if (only === 'jsonl' || only === 'parquet') {
    console.log(JSON.stringify(await readCase(only)));
    return;
  }
  if (!existsSync(files.jsonl) || !existsSync(files.parquet)) throw new Error(`run node bench/parquet.mjs --mb ${mb} first (it writes ${files.jsonl} and ${files.parquet})`);
  const runs = Number(arg('runs', '5'));
  const rounds: Record<'jsonl' | 'parquet', Array<{ cpu: number; traces: number }>> = { jsonl: [], parquet: [] };
  for (let i = 0; i < runs; i++) {
    for (const kind of i % 2 ? (['parquet', 'jsonl'] as const) : (['jsonl', 'parquet'] as const)) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/parquet-read.ts', '--mb', mb, '--case', kind], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
      rounds[kind].push(JSON.parse(run.stdout.trim().split('\n').at(-1)!));
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((p, q) => p - q);
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const [a, b] = [median(rounds.jsonl.map((r) => r.cpu)), median(rounds.parquet.map((r) => r.cpu))];
  if (rounds.jsonl[0].traces !== rounds.parquet[0].traces) throw new Error(`the two files gave ${rounds.jsonl[0].traces} and ${rounds.parquet[0].traces} traces`);
  console.log(`reading only, ${rounds.jsonl[0].traces} traces, median of ${runs} alternated rounds (CPU s):`);
  console.log(`  JSON Lines ${a.toFixed(2)} (${rounds.jsonl.map((r) => r.cpu.toFixed(2)).join(' ')})`);
  console.log(`  Parquet    ${b.toFixed(2)} (${rounds.parquet.map((r) => r.cpu.toFixed(2)).join(' ')})`);
  console.log(`  Parquet / JSON Lines: ${(b / a).toFixed(2)}× the CPU time`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
