// Throughput of `cot-trace score` on a Parquet file against the same records as JSON Lines,
// measured in the same run by CPU time (JSON Lines and Parquet rounds alternated, medians), with
// each path's peak memory (maximum resident set size).
//   node bench/parquet.mjs [--mb 1000] [--row-group 2000] [--runs 3]
// The records come from bench/generate.mjs (its JSON Lines dataset, generated when missing),
// put into one Hub-like layout — {id, problem, messages: [{role, content}], answer} — and
// written both as JSON Lines and as Parquet (SNAPPY, the pyarrow default; row groups of
// --row-group rows), cached in bench/data/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, openSync, closeSync, writeSync, statSync, renameSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const mb = Number(arg('mb', 1000));
const rowGroup = Number(arg('row-group', 2000));
const source = `bench/data/traces-${mb}mb.jsonl`;
const jsonl = `bench/data/hub-${mb}mb.jsonl`;
const parquet = `bench/data/hub-${mb}mb-rg${rowGroup}.parquet`;

if (!existsSync(source)) {
  console.log(`generating ${source} …`);
  if (spawnSync(process.execPath, ['bench/generate.mjs', String(mb), source], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
if (!existsSync('dist/cli.js')) {
  if (spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

/** One layout for every generated record: problem, the trace as the assistant message, answer. */
function hubRecord(r, i) {
  const problem = r.problem ?? (typeof r.question === 'string' ? r.question : r.question?.question) ?? r.prompt ?? r.messages?.[0]?.content ?? r.conversations?.[0]?.value ?? '';
  const output =
    r.completion ??
    r.full_response ??
    r.model_output ??
    r.code?.[0] ??
    r.generations?.[0] ??
    r.messages?.[1]?.content ??
    r.conversations?.[1]?.value ??
    (r.message ? `<think>\n${r.message.reasoning_content}\n</think>\n\n${r.message.content}` : '');
  const answer = r.answer ?? r.ground_truth ?? r.gt ?? '';
  return { id: `r${i}`, problem, messages: [{ role: 'user', content: problem }, { role: 'assistant', content: output }], answer };
}

const SCHEMA = [
  { name: 'root', num_children: 4 },
  { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'problem', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'messages', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'role', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'content', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'answer', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
];

if (!existsSync(parquet) || !existsSync(jsonl)) {
  console.log(`writing ${jsonl} and ${parquet} …`);
  const jfd = openSync(`${jsonl}.tmp`, 'w');
  const pfd = openSync(`${parquet}.tmp`, 'w');
  const bytes = new ByteWriter();
  const drain = () => {
    if (bytes.index) writeSync(pfd, new Uint8Array(bytes.buffer, 0, bytes.index));
    bytes.index = 0;
  };
  Object.assign(bytes, { flush: drain, finish: drain });
  const writer = new ParquetWriter({ writer: bytes, schema: SCHEMA, codec: 'SNAPPY' });
  let rows = [];
  let text = '';
  const flush = () => {
    if (!rows.length) return;
    writer.write({ columnData: ['id', 'problem', 'messages', 'answer'].map((name) => ({ name, data: rows.map((r) => r[name]) })), rowGroupSize: rows.length });
    writeSync(jfd, text);
    rows = [];
    text = '';
  };
  let i = 0;
  for await (const line of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const record = hubRecord(JSON.parse(line), i++);
    rows.push(record);
    text += JSON.stringify(record) + '\n';
    if (rows.length === rowGroup) flush();
  }
  flush();
  writer.finish();
  closeSync(pfd);
  closeSync(jfd);
  renameSync(`${parquet}.tmp`, parquet);
  renameSync(`${jsonl}.tmp`, jsonl);
}

const cpuFile = `bench/data/cpu-${process.pid}.txt`;
const rssFile = `bench/data/rss-${process.pid}.txt`;
/** Runs `score` on a file: its CPU time (user + system, all threads), wall time and peak resident memory. */
function score(file) {
  rmSync(cpuFile, { force: true });
  rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', './bench/cpu-time.cjs', 'dist/cli.js', 'score', '--quiet', '--workers', '1', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, COT_BENCH_CPU: cpuFile, COT_BENCH_RSS: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`score ${file} failed: ${run.stderr}`);
  const cpu = Number(readFileSync(cpuFile, 'utf8'));
  const peakMB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(cpuFile, { force: true });
  rmSync(rssFile, { force: true });
  return { seconds, cpu, peakMB };
}

const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const jsonlBytes = statSync(jsonl).size;
const parquetBytes = statSync(parquet).size;
const records = Number(spawnSync('wc', ['-l', jsonl], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[0]);
// JSON Lines and Parquet rounds alternate, so a slow spell on a shared machine falls on both;
// each path's figure is the median of its rounds.
const runs = Number(arg('runs', 3));
const rounds = { jsonl: [], parquet: [] };
for (let i = 0; i < runs; i++) {
  rounds.jsonl.push(score(jsonl));
  rounds.parquet.push(score(parquet));
  const [x, y] = [rounds.jsonl.at(-1), rounds.parquet.at(-1)];
  console.log(`round ${i + 1}: JSON Lines CPU ${x.cpu.toFixed(2)} s, peak ${x.peakMB.toFixed(0)} MB; Parquet CPU ${y.cpu.toFixed(2)} s, peak ${y.peakMB.toFixed(0)} MB`);
}
const summary = (list) => ({ cpu: median(list.map((r) => r.cpu)), seconds: median(list.map((r) => r.seconds)), peakMB: Math.max(...list.map((r) => r.peakMB)) });
const a = summary(rounds.jsonl);
const b = summary(rounds.parquet);
const fmt = (n, d = 1) => n.toFixed(d);
// Throughput in MB of the JSON Lines form for both paths: the same records, so the ratio is per record of work.
const mbps = (r) => jsonlBytes / 1e6 / r.cpu;
console.log(`\nscore, ${records} records, one worker thread, median of ${runs} alternating rounds (CPU time = user + system of the process;`);
console.log(`MB/s counts the ${fmt(jsonlBytes / 1e6)} MB of the JSON Lines form for both, so the ratio compares the same records):`);
console.log(`  JSON Lines ${fmt(jsonlBytes / 1e6)} MB: CPU ${fmt(a.cpu, 2)} s (wall ${fmt(a.seconds, 2)} s), ${fmt(records / a.cpu, 0)} records/s, ${fmt(mbps(a))} MB/s, peak memory ${fmt(a.peakMB, 0)} MB`);
console.log(`  Parquet    ${fmt(parquetBytes / 1e6)} MB (SNAPPY, row groups of ${rowGroup}): CPU ${fmt(b.cpu, 2)} s (wall ${fmt(b.seconds, 2)} s), ${fmt(records / b.cpu, 0)} records/s, ${fmt(mbps(b))} MB/s, peak memory ${fmt(b.peakMB, 0)} MB`);
console.log(`  Parquet / JSON Lines throughput (CPU): ${fmt(a.cpu / b.cpu, 2)}×`);
console.log(`  rounds (CPU s): JSON Lines ${rounds.jsonl.map((r) => fmt(r.cpu, 2)).join(' ')}; Parquet ${rounds.parquet.map((r) => fmt(r.cpu, 2)).join(' ')}`);
