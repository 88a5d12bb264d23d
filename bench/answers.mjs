// Answers checked per second on one core: every (final answer, ground truth) pair of the
// real outputs in test/fixtures/corpus, compared by the engine's answer checker.
//   node bench/answers.mjs [--rounds 20]
// Bundles src/core/answer and the reader into bench/data/ (git-ignored) first.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

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
      if (trace.answer.extracted !== null && trace.answer.expected !== undefined) pairs.push([trace.answer.extracted, trace.answer.expected]);
    }
  }
}

// Cold: a fresh copy of the checker (empty caches, the compute engine not yet started), every pair once.
const require = createRequire(import.meta.url);
delete require.cache[require.resolve('./data/answers.cjs')];
const fresh = require('./data/answers.cjs');
let started = performance.now();
for (const [a, b] of pairs) fresh.compareAnswers(a, b);
const first = pairs.length / ((performance.now() - started) / 1000);

started = performance.now();
for (let r = 0; r < rounds; r++) for (const [a, b] of pairs) compareAnswers(a, b);
const steady = (pairs.length * rounds) / ((performance.now() - started) / 1000);

const f = (x) => Math.round(x).toLocaleString('en-US');
console.log(`answers: ${pairs.length} real (answer, reference) pairs (cold includes starting the compute engine once, about 0.3 s)`);
console.log(`  cold, once     ${f(first).padStart(10)} answers/s`);
console.log(`  warm ×${rounds}       ${f(steady).padStart(10)} answers/s   target ≥ ${f(TARGET)}/s: ${steady >= TARGET ? 'met' : 'NOT met'}`);
