// Throughput of `cot-trace lint` on a large JSON Lines file, against the floor of reading
// it in chunks and calling JSON.parse on every line.
//   npm run bench [-- --mb 100 --runs 1]
// Runs on the built dist/ (built first when missing). The dataset is generated once and
// cached in bench/data/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * The same dataset with its ground-truth keys renamed, so no answer is checked: `score` on it
 * minus `score` on the real one is what answer checking costs. Written once beside the data.
 */
const noTruths = data.replace(/\.jsonl$/, '.no-ground-truth.jsonl');
if (!existsSync(noTruths)) {
  const source = readFileSync(data, 'utf8');
  writeFileSync(noTruths, source.replace(/"(answer|ground_truth|gt)":"/g, '"$1_hidden":"'));
}

const cpuFile = `bench/data/cpu-${process.pid}.txt`;
/** Runs node with `args`, timed whole: wall seconds and the CPU seconds the process used. */
function node(args, options) {
  rmSync(cpuFile, { force: true });
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', './bench/cpu-time.cjs', ...args], { ...options, env: { ...process.env, COT_BENCH_CPU: cpuFile } });
  const seconds = (performance.now() - started) / 1000;
  const cpu = existsSync(cpuFile) ? Number(readFileSync(cpuFile, 'utf8')) : NaN;
  rmSync(cpuFile, { force: true });
  return { run, seconds, cpu };
}

function cli(args, file = data) {
  const { run, seconds, cpu } = node(['dist/cli.js', ...args, '--quiet', file], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  if (run.status !== 0 && run.status !== 1) {
    console.error(run.stderr.toString());
    throw new Error(`cot-trace ${args.join(' ')} exited with ${run.status}`);
  }
  return { seconds, cpu };
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
  return { seconds, cpu: result.cpu };
}

const best = async (fn) => {
  let result;
  for (let i = 0; i < runs; i++) {
    const r = await fn();
    if (!result || r.cpu < result.cpu) result = r;
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
  // Timed inside, on one thread: its wall time is its CPU time.
  return { seconds: row.seconds, cpu: row.seconds };
}

/**
 * Runs a floor case in a fresh process, so that every run starts cold like a `cot-trace` run
 * does (repeated in one process, the floor would reuse memory and compiled code the earlier
 * runs left behind), and times the whole process like the `cot-trace` cases: both sides pay
 * for starting Node.js.
 */
function fresh(kind) {
  const { run, seconds, cpu } = node([process.argv[1], '--child', kind, '--mb', String(mb)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const result = { ...JSON.parse(run.stdout.trim().split('\n').pop()), seconds, cpu };
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
  ['score, 1 worker, ground truths hidden (no answer checked)', () => cli(['score', '--workers', '1'], noTruths)],
  ['python3: json.loads + 4 open-r1 rewards (the peer)', () => python()],
];

console.log(`${data}: ${megabytes.toFixed(1)} MB, ${availableParallelism()} cores, node ${process.version}, best of ${runs} (every run a fresh process, timed whole)`);
console.log('  wall: elapsed time; cpu: CPU time the process used (all threads), which other load on the machine does not inflate\n');
const rows = new Map();
let floor1;
for (const [name, fn] of cases) {
  const r = await best(fn);
  floor1 ??= r;
  rows.set(name, r);
  const wallX = floor1.seconds / r.seconds;
  const cpuX = floor1.cpu / r.cpu;
  console.log(
    `  ${name.padEnd(58)} ${r.seconds.toFixed(2).padStart(6)} s wall ${(megabytes / r.seconds).toFixed(1).padStart(6)} MB/s ${wallX.toFixed(2).padStart(5)}× floor | ${r.cpu.toFixed(2).padStart(6)} s cpu ${cpuX.toFixed(2).padStart(5)}× floor`,
  );
}
const get = (name) => {
  const r = rows.get(name);
  if (!r) throw new Error(`no bench case named ${name}`);
  return r;
};
// Work on one core is compared by CPU time (fair when the machine is shared); work spread
// over several threads by the wall clock (what parallelism buys).
const cpuRatio = (name) => floor1.cpu / get(name).cpu;
const wallRatio = (name) => floor1.seconds / get(name).seconds;
const line = (label, value, target, unit = '× floor') => console.log(`  ${label.padEnd(52)} ${value.toFixed(2)}${unit} (target ${target}) ${value >= target ? 'met' : 'MISSED'}`);
console.log('\ntargets:');
line('lint, default rules, both cores (wall)', wallRatio('lint, default rules, 2 workers'), 0.8);
line('lint, format rules, one core (cpu)', cpuRatio('lint, format rules only, 1 worker'), 0.7);
line('lint, default rules, one core (cpu)', cpuRatio('lint, default rules, 1 worker'), 0.5);
line('score, every reward, one core (cpu)', cpuRatio('score, every reward, 1 worker'), 0.5);
const peer = get('python3: json.loads + 4 open-r1 rewards (the peer)');
line('score, every reward, one core vs the Python peer (cpu)', peer.cpu / get('score, every reward, 1 worker').cpu, 3, '× the peer');
const checking = get('score, every reward, 1 worker').cpu - get('score, 1 worker, ground truths hidden (no answer checked)').cpu;
console.log(`  answer checking adds ${((checking * 100) / megabytes).toFixed(2)} s of CPU per 100 MB to score (${((100 * checking) / get('score, every reward, 1 worker').cpu).toFixed(0)}% of it)`);
console.log(`  workers: this machine has ${availableParallelism()} cores${availableParallelism() < 4 ? ', so 4 workers are not measured here' : ''}`);
