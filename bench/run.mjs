// Throughput of `cot-trace lint` on a large JSON Lines file, against the floor of reading
// it in chunks and calling JSON.parse on every line.
//   npm run bench [-- --mb 100 --runs 1]
// Runs on the built dist/ (built first when missing). The dataset is generated once and
// cached in bench/data/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const mb = Number(arg('mb', 100));
const runs = Number(arg('runs', 1));
const data = `bench/data/traces-${mb}mb.jsonl`;

if (!existsSync(data)) {
  console.log(`generating ${data} …`);
  const gen = spawnSync(process.execPath, ['bench/generate.mjs', String(mb), data], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(1);
}
if (!existsSync('dist/cli.js') || !existsSync('dist/worker.js') || arg('build', 'no') === 'yes') {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const bytes = statSync(data).size;
const megabytes = bytes / 1e6;

/**
 * The floor: the fastest plain way to read the file — 1 MB binary chunks, lines found as
 * newline bytes, each line decoded on its own and given to JSON.parse (one thread). The
 * engine's reader does exactly this work plus its own, so every ratio below is honest.
 */
let floorRecords;

async function floor() {
  const started = performance.now();
  const records = await floorRange(data, 0, Infinity);
  return { seconds: (performance.now() - started) / 1000, records };
}

/** The floor's work on the bytes [start, end] of `file` (whole lines); returns the records read. */
async function floorRange(file, start, end) {
  const decoder = new TextDecoder();
  let carry = Buffer.alloc(0);
  let records = 0;
  const parse = (bytes, start, end) => {
    if (end > start && bytes[end - 1] === 13) end--;
    if (end > start) {
      JSON.parse(decoder.decode(bytes.subarray(start, end)));
      records++;
    }
  };
  // The whole file is streamed with no range options, exactly as before ranges existed.
  const range = start === 0 && end === Infinity ? {} : { start, end };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, ...range })) {
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    let end = bytes.indexOf(10);
    while (end >= 0) {
      parse(bytes, start, end);
      start = end + 1;
      end = bytes.indexOf(10, start);
    }
    carry = bytes.subarray(start);
  }
  parse(carry, 0, carry.length);
  return records;
}

/**
 * The floor's work split over two threads (each takes half of the lines): what two cores
 * give on this machine for work of this kind. Memory-bound work often gains far less
 * than 2× (shared caches and memory bandwidth, or two vCPUs on one physical core).
 */
async function floorTwoThreads() {
  // Cut at the first line break after the middle.
  const fd = openSync(data, 'r');
  const probe = Buffer.alloc(1 << 20);
  let middle = Math.floor(bytes / 2);
  const got = readSync(fd, probe, 0, probe.length, middle);
  closeSync(fd);
  const newline = probe.subarray(0, got).indexOf(10);
  middle = newline < 0 ? bytes : middle + newline + 1;
  const started = performance.now();
  const source = `const { parentPort, workerData } = require('node:worker_threads');
    const { createReadStream } = require('node:fs');
    ${floorRange.toString()}
    floorRange(workerData.file, workerData.start, workerData.end).then((n) => parentPort.postMessage(n));`;
  const run = (start, end) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData: { file: data, start, end } });
      worker.once('message', (n) => {
        resolve(n);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
  const counts = await Promise.all([run(0, middle - 1), run(middle, Infinity)]);
  return { seconds: (performance.now() - started) / 1000, records: counts[0] + counts[1] };
}

function cli(args) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['dist/cli.js', ...args, '--quiet', data], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 && run.status !== 1) {
    console.error(run.stderr.toString());
    throw new Error(`cot-trace ${args.join(' ')} exited with ${run.status}`);
  }
  return { seconds };
}

/**
 * The peer practitioners run today: Python's json.loads per line and open-r1's format, tag
 * count, reasoning steps and 3-gram repetition rewards (bench/peer_openr1.py), in one process.
 */
function python() {
  const started = performance.now();
  const run = spawnSync('python3', ['bench/peer_openr1.py', data], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.error || run.status !== 0) throw new Error(`python3 bench/peer_openr1.py failed: ${run.error?.message ?? run.stderr}`);
  const result = JSON.parse(run.stdout.trim());
  if (floorRecords !== undefined && result.records !== floorRecords) throw new Error(`the Python peer read ${result.records} records, not ${floorRecords}`);
  return { seconds };
}

const best = async (fn) => {
  let result;
  for (let i = 0; i < runs; i++) {
    const r = await fn();
    if (!result || r.seconds < result.seconds) result = r;
  }
  return result;
};

/** The reader of src/ alone, no rules (through tsx). */
function reader(kind) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/read-only.ts', data, kind === 'reader only' ? 'only' : 'located'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const row = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .find((r) => r.case === kind);
  return { seconds: row.seconds };
}

/**
 * Runs a floor case in a fresh process, so that every run starts cold like a `cot-trace` run
 * does (repeated in one process, the floor would reuse memory and compiled code the earlier
 * runs left behind), and times the whole process like the `cot-trace` cases: both sides pay
 * for starting Node.js.
 */
function fresh(kind) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [process.argv[1], '--child', kind, '--mb', String(mb)], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(run.stderr);
  const result = { ...JSON.parse(run.stdout.trim().split('\n').pop()), seconds };
  if (kind === 'floor') floorRecords = result.records;
  else if (floorRecords !== undefined && result.records !== floorRecords) throw new Error(`split floor read ${result.records} records, not ${floorRecords}`);
  return result;
}

const child = arg('child', '');
if (child) {
  const result = child === 'floor' ? await floor() : await floorTwoThreads();
  console.log(JSON.stringify(result));
  process.exit(0);
}

const cases = [
  ['floor: read + JSON.parse per line (1 thread)', () => fresh('floor')],
  ['floor, split over 2 threads', () => fresh('two-threads')],
  ['reader only, no rules (1 thread, timed inside)', () => reader('reader only')],
  ['reader, traces located (1 thread, timed inside)', () => reader('reader, every trace located')],
  ['lint, default rules, 1 worker', () => cli(['lint', '--workers', '1'])],
  ['lint, default rules, 2 workers', () => cli(['lint', '--workers', '2'])],
  ['lint, format rules only, 1 worker', () => cli(['lint', '--only', 'format', '--workers', '1'])],
  ['lint, format rules only, 2 workers', () => cli(['lint', '--only', 'format', '--workers', '2'])],
  ['score, every reward, 1 worker', () => cli(['score', '--workers', '1'])],
  ['score, every reward, 2 workers', () => cli(['score', '--workers', '2'])],
  ['python3: json.loads + 4 open-r1 rewards (the peer)', () => python()],
];

console.log(`${data}: ${megabytes.toFixed(1)} MB, ${availableParallelism()} cores, node ${process.version}, best of ${runs} (every run a fresh process, timed whole)\n`);
const rows = [];
let floorRate = 0;
for (const [name, fn] of cases) {
  const { seconds } = await best(fn);
  const rate = megabytes / seconds;
  if (!floorRate) floorRate = rate;
  rows.push([name, seconds.toFixed(2), rate.toFixed(1), (rate / floorRate).toFixed(2)]);
  console.log(`  ${name.padEnd(50)} ${seconds.toFixed(2).padStart(7)} s ${rate.toFixed(1).padStart(8)} MB/s ${(rate / floorRate).toFixed(2).padStart(6)}× floor`);
}
const ratio = (name) => Number(rows.find((r) => r[0] === name)[3]);
console.log('\ntargets:');
const full = ratio('lint, default rules, 2 workers');
const format = ratio('lint, format rules only, 1 worker');
console.log(`  default rules on both cores ≥ 0.8× floor: ${full.toFixed(2)}× ${full >= 0.8 ? 'met' : 'MISSED'}`);
console.log(`  format rules on one core   ≥ 0.7× floor: ${format.toFixed(2)}× ${format >= 0.7 ? 'met' : 'MISSED'}`);
const score1 = ratio('score, every reward, 1 worker');
const lint1 = ratio('lint, default rules, 1 worker');
const peer = ratio('python3: json.loads + 4 open-r1 rewards (the peer)');
console.log(`  score, every reward, one core ≥ 0.5× floor: ${score1.toFixed(2)}× ${score1 >= 0.5 ? 'met' : 'MISSED'}`);
console.log(`  score, every reward, one core ≥ 3× the Python peer: ${(score1 / peer).toFixed(2)}× ${score1 / peer >= 3 ? 'met' : 'MISSED'}`);
console.log(`  lint, default rules, one core ≥ 0.5× floor: ${lint1.toFixed(2)}× ${lint1 >= 0.5 ? 'met' : 'MISSED'}`);
console.log(`  workers: this machine has ${availableParallelism()} cores${availableParallelism() < 4 ? ', so 4 workers are not measured here' : ''}`);
