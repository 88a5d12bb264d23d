// Throughput of `cot-trace score` on a Parquet file against the same records as JSON Lines,
// measured in the same run, with each run's peak memory (maximum resident set size).
//   node bench/parquet.mjs [--mb 1000] [--row-group 2000] [--runs 1]
// The records come from bench/generate.mjs (its JSON Lines dataset, generated when missing),
// put into one Hub-like layout — {id, problem, messages: [{role, content}], answer} — and
// written both as JSON Lines and as Parquet (SNAPPY, the pyarrow default; row groups of
// --row-group rows), cached in bench/data/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, openSync, closeSync, writeSync, statSync, renameSync } from 'node:fs';
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

/** Runs `score` on a file; wall time and peak resident memory (from GNU time when present). */
function score(file) {
  const timed = existsSync('/usr/bin/time');
  const args = ['dist/cli.js', 'score', '--quiet', '--workers', '1', file];
  const started = process.hrtime.bigint();
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`score ${file} failed: ${run.stderr}`);
  const rss = /maxrss_kb=(\d+)/.exec(run.stderr ?? '');
  return { seconds, peakMB: rss ? Number(rss[1]) / 1024 : undefined };
}

const jsonlBytes = statSync(jsonl).size;
const parquetBytes = statSync(parquet).size;
const records = Number(spawnSync('wc', ['-l', jsonl], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[0]);
// Alternating runs, the best of each kept: other work on the machine slows single runs.
const runs = Number(arg('runs', 1));
let a;
let b;
for (let i = 0; i < runs; i++) {
  const x = score(jsonl);
  const y = score(parquet);
  if (!a || x.seconds < a.seconds) a = x;
  if (!b || y.seconds < b.seconds) b = y;
}
const fmt = (n, d = 1) => n.toFixed(d);
console.log(`\nscore, ${records} records (one worker thread each, best of ${runs} alternating runs):`);
console.log(`  JSON Lines ${fmt(jsonlBytes / 1e6)} MB: ${fmt(a.seconds, 2)} s, ${fmt(records / a.seconds, 0)} records/s, ${fmt(jsonlBytes / 1e6 / a.seconds)} MB/s${a.peakMB ? `, peak memory ${fmt(a.peakMB, 0)} MB` : ''}`);
console.log(`  Parquet    ${fmt(parquetBytes / 1e6)} MB (SNAPPY, row groups of ${rowGroup}): ${fmt(b.seconds, 2)} s, ${fmt(records / b.seconds, 0)} records/s${b.peakMB ? `, peak memory ${fmt(b.peakMB, 0)} MB` : ''}`);
console.log(`  Parquet / JSON Lines throughput (records/s): ${fmt(a.seconds / b.seconds, 2)}×`);
