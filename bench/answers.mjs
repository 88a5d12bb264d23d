// Answers checked per second on one core: every (final answer, ground truth, question) triple
// of the real outputs in test/fixtures/corpus, compared by the engine's answer checker as the
// engine calls it (with the record's question). Measured in CPU time of this one-threaded
// process (process.cpuUsage), which other programs sharing the machine do not inflate; the
// warm figure is the median of --rounds passes.
//   node bench/answers.mjs [--rounds 20]
// Bundles src/core/answer and the reader into bench/data/ (git-ignored) first.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const rounds = Number(arg('rounds', 20));
const TARGET = 20000;

mkdirSync('bench/data', { recursive: true });
await esbuild.build({
  stdin: {
    contents: `export { compareAnswers } from './src/core/answer/compare';
export { readDocument } from './src/core/documents';
export { checkRecord } from './src/core/engine';
export { resolveConfig } from './src/core/config/resolve';`,
    resolveDir: '.',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  format: 'cjs',
  outfile: 'bench/data/answers.cjs',
  logLevel: 'warning',
});
const { compareAnswers, readDocument, checkRecord, resolveConfig } = createRequire(import.meta.url)('./data/answers.cjs');

// The pairs: each trace's extracted answer against its reference, as the engine finds them.
const config = resolveConfig({});
const pairs = [];
const dir = 'test/fixtures/corpus';
for (const name of readdirSync(dir).filter((n) => /\.jsonl?$/.test(n)).sort()) {
  for (const record of readDocument(readFileSync(`${dir}/${name}`, 'utf8'), name)) {
    if (!record.groundTruth) continue;
    for (const trace of checkRecord(record, config).traces) {
      if (trace.answer.extracted !== null && trace.answer.expected !== undefined) pairs.push([trace.answer.extracted, trace.answer.expected, record.prompt?.text]);
    }
  }
}

// Cold: a fresh copy of the checker (empty caches, the compute engine not yet started), every pair once.
const require = createRequire(import.meta.url);
delete require.cache[require.resolve('./data/answers.cjs')];
const fresh = require('./data/answers.cjs');
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
let started = cpu();
for (const [a, b, q] of pairs) fresh.compareAnswers(a, b, q);
const first = pairs.length / (cpu() - started);

const rates = [];
for (let r = 0; r < rounds; r++) {
  started = cpu();
  // Each pass repeated until it takes at least 50 ms of CPU time (the clock's resolution is coarse).
  let n = 0;
  do {
    for (const [a, b, q] of pairs) compareAnswers(a, b, q);
    n += pairs.length;
  } while (cpu() - started < 0.05);
  rates.push(n / (cpu() - started));
}
rates.sort((x, y) => x - y);
const steady = rates[Math.floor(rates.length / 2)];

const f = (x) => Math.round(x).toLocaleString('en-US');
console.log(`answers: ${pairs.length} real (answer, reference, question) triples, CPU time (cold includes starting the compute engine once, about 0.3 s)`);
console.log(`  cold, once     ${f(first).padStart(10)} answers/s`);
console.log(`  warm, median of ${rounds} ${f(steady).padStart(7)} answers/s   target ≥ ${f(TARGET)}/s: ${steady >= TARGET ? 'met' : 'NOT met'}`);
