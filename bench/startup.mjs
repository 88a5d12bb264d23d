// Start-up cost of `cot-trace`: `lint` and `score` on an empty file and on a tiny one, against
// the floor of starting Node.js itself (`node -e 0`), measured in the same run.
//   node bench/startup.mjs [--runs 15] [--baseline other/dist]
// Every run is a fresh process timed whole by its CPU time (bench/cpu-time.cjs); the cases are
// alternated round by round, and each reports its median. With --baseline, the same cases run
// on another build's cli.js too (e.g. a build of main), in the same rounds.
// Runs on the built dist/ (built first when missing); the inputs go to bench/data/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const runs = Number(arg('runs', 15));
const baseline = arg('baseline', '');

if (!existsSync('dist/cli.js') || arg('build', 'no') === 'yes') {
  if (spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

mkdirSync('bench/data', { recursive: true });
const empty = 'bench/data/startup-empty.jsonl';
const tiny = 'bench/data/startup-tiny.jsonl';
const emptyBundle = 'bench/data/startup-empty-bundle.js';
writeFileSync(empty, '');
writeFileSync(emptyBundle, '');
// Three records the way datasets hold them: a numeric answer, a LaTeX fraction, a chat record.
writeFileSync(
  tiny,
  [
    { problem: 'What is 6 * 7?', completion: '<think>6 * 7 = 42. Check: 42 / 7 = 6.</think>\nThe answer is \\boxed{42}.', answer: '42' },
    { problem: 'Halve 3.', completion: '<think>3 / 2 is one and a half.</think>\n\\boxed{\\frac{3}{2}}', answer: '1.5' },
    { messages: [{ role: 'user', content: 'Name a prime.' }, { role: 'assistant', content: '<think>2 is prime.</think>\n\\boxed{2}' }], answer: '2' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n',
);

const cpuFile = resolve(`bench/data/cpu-startup-${process.pid}.txt`);
const loadedFile = resolve(`bench/data/loaded-startup-${process.pid}.txt`);
const cpuTime = resolve('bench/cpu-time.cjs');
const loadedHook = resolve('bench/loaded-bundles.cjs');

/** One fresh process: its CPU seconds, and (when asked) the bundles it loaded. */
function run(args, { loaded = false } = {}) {
  rmSync(cpuFile, { force: true });
  rmSync(loadedFile, { force: true });
  const hooks = ['--require', cpuTime, ...(loaded ? ['--require', loadedHook] : [])];
  const child = spawnSync(process.execPath, [...hooks, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, COT_BENCH_CPU: cpuFile, COT_BENCH_LOADED: loadedFile } });
  if (child.status !== 0 && child.status !== 1) throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${child.stderr}`);
  const cpu = Number(readFileSync(cpuFile, 'utf8'));
  const bundles = loaded && existsSync(loadedFile) ? readFileSync(loadedFile, 'utf8').split('\n').filter(Boolean) : [];
  rmSync(cpuFile, { force: true });
  rmSync(loadedFile, { force: true });
  return { cpu, bundles };
}

const cliCases = (label, cli) => [
  [`${label}lint, empty file`, [cli, 'lint', '--quiet', empty]],
  [`${label}lint, 3 records`, [cli, 'lint', '--quiet', tiny]],
  [`${label}score, empty file`, [cli, 'score', '--quiet', empty]],
  [`${label}score, 3 records`, [cli, 'score', '--quiet', tiny]],
];
const cases = [
  ['floor: node -e 0', ['-e', '0']],
  ['an empty script', [emptyBundle]],
  ...cliCases('', 'dist/cli.js'),
  ...(baseline ? cliCases('baseline ', join(baseline, 'cli.js')) : []),
];

const samples = new Map(cases.map(([name]) => [name, []]));
for (let round = 0; round < runs; round++) {
  for (const [name, args] of cases) samples.get(name).push(run(args).cpu);
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

console.log(`start-up, CPU time (user + system) of a fresh process, median of ${runs} alternated rounds, node ${process.version}`);
const floor = median(samples.get('floor: node -e 0'));
for (const [name, args] of cases) {
  const m = median(samples.get(name));
  const bundles = args[0].endsWith('cli.js') ? run(args, { loaded: true }).bundles : [];
  const extra = m - floor;
  const note = args[0].endsWith('cli.js') ? `  +${(extra * 1000).toFixed(0).padStart(3)} ms over the floor; bundles: ${bundles.join(', ') || '(none)'}` : '';
  console.log(`  ${name.padEnd(32)} ${(m * 1000).toFixed(0).padStart(5)} ms  ${(m / floor).toFixed(2).padStart(5)}× floor${note}`);
}
// The lazy bundles (dist/math.js, dist/columnar.js) must not load for JSON Lines with no symbolic answer.
const eager = cases.filter(([name, args]) => !name.startsWith('baseline') && args[0].endsWith('cli.js')).flatMap(([, args]) => run(args, { loaded: true }).bundles.filter((b) => b !== 'cli.js'));
if (eager.length) {
  console.error(`  a lazy bundle was loaded on a JSON Lines run: ${[...new Set(eager)].join(', ')}`);
  process.exitCode = 1;
}
