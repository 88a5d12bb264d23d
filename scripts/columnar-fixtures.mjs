// Writes the Parquet and Arrow test fixtures in test/fixtures/columnar/ from the JSON Lines
// fixtures in test/fixtures/corpus/, so the tests can compare results record for record with
// the same data as JSON Lines:
//   node scripts/columnar-fixtures.mjs
// Parquet files are written by parquet-wasm (the Rust Parquet writer, as used by the
// Python tooling that fills the Hub) with small row groups, in every compression the Hub
// uses; Arrow files by apache-arrow, as an IPC file and as an IPC stream, in several record
// batches. The layouts derived from the corpus (a chat `messages` list, a `generations` list,
// a verl prompt row with `reward_model`) are also written as JSON Lines next to them.
// Arrow files with compressed record-batch bodies (ZSTD, LZ4_FRAME) take each buffer's frame
// from the reference command-line tools `zstd` and `lz4` (Debian packages zstd and lz4), the
// C libraries pyarrow links, with the frame settings of Arrow's C++ writer.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, 'test/fixtures/corpus');
const out = join(root, 'test/fixtures/columnar');
mkdirSync(out, { recursive: true });

const readJsonl = (name) =>
  readFileSync(join(corpus, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** An Arrow type for the values of one column (all rows), or undefined when they disagree. */
function inferType(values) {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (!present.length) return new arrow.Utf8();
  if (present.every((v) => typeof v === 'string')) return new arrow.Utf8();
  if (present.every((v) => typeof v === 'boolean')) return new arrow.Bool();
  if (present.every((v) => typeof v === 'number')) return present.every(Number.isInteger) ? new arrow.Int64() : new arrow.Float64();
  if (present.every(Array.isArray)) {
    const inner = inferType(present.flat());
    return inner && new arrow.List(new arrow.Field('element', inner, true));
  }
  if (present.every((v) => typeof v === 'object' && !Array.isArray(v))) {
    const keys = [...new Set(present.flatMap((v) => Object.keys(v)))];
    const fields = [];
    for (const key of keys) {
      const type = inferType(present.map((v) => v[key] ?? null));
      if (!type) return undefined;
      fields.push(new arrow.Field(key, type, true));
    }
    return new arrow.Struct(fields);
  }
  return undefined;
}

/** Values as Arrow's builders take them: Int64 as BigInt, missing struct keys as null. */
function forArrow(value, type) {
  if (value === null || value === undefined) return null;
  if (type instanceof arrow.Int64) return BigInt(value);
  if (type instanceof arrow.List) return value.map((v) => forArrow(v, type.children[0].type));
  if (type instanceof arrow.Struct) return Object.fromEntries(type.children.map((f) => [f.name, forArrow(value[f.name], f.type)]));
  return value;
}

/** An Arrow table of `rows` (a column whose values have mixed types would be refused). */
function toTable(rows) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = {};
  for (const key of keys) {
    const type = inferType(rows.map((r) => r[key] ?? null));
    if (!type) throw new Error(`column ${key} has values of different types`);
    columns[key] = arrow.vectorFromArray(rows.map((r) => forArrow(r[key], type)), type);
  }
  return new arrow.Table(columns);
}

/** Splits a table into record batches of `size` rows (several batches in the Arrow files). */
function batched(table, size) {
  const batches = [];
  for (let start = 0; start < table.numRows; start += size) batches.push(...table.slice(start, start + size).batches);
  return new arrow.Table(batches);
}

/**
 * One buffer compressed by a reference tool, as Arrow's C++ writer compresses it: ZSTD one-shot
 * (the frame states its content size), LZ4 as one frame of linked 64 KB blocks with no
 * checksums and no content size (LZ4F_compressFrame with default preferences).
 */
const FRAME_TOOLS = {
  zstd: (bytes) => ['zstd', ['-q', '-c', `--stream-size=${bytes.length}`]],
  lz4: () => ['lz4', ['-q', '-c', '-B4', '-BD', '--no-frame-crc']],
};
function compressFrame(codec, bytes) {
  const [tool, args] = FRAME_TOOLS[codec](bytes);
  const run = spawnSync(tool, args, { input: bytes, maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`${tool} failed (is the ${tool} package installed?): ${run.stderr}`);
  return new Uint8Array(run.stdout);
}

/**
 * A writer of Arrow IPC with compressed bodies. apache-arrow 21.2 compresses bodies through
 * its codec registry but writes each buffer's *compressed* length in the 8-byte prefix where
 * the format wants the uncompressed one (pyarrow refuses such files), so the buffers are laid
 * out here as the format says: the uncompressed length (-1 when compressing does not make
 * the buffer smaller, which is then stored as it is), then the frame, each buffer 8-byte aligned.
 */
function compressedWriter(Base, codec) {
  return class extends Base {
    constructor() {
      super({ compressionType: codec === 'zstd' ? arrow.CompressionType.ZSTD : arrow.CompressionType.LZ4_FRAME });
    }
    _compressBodyBuffers(buffers) {
      const out = [];
      const regions = [];
      let offset = 0;
      for (const buffer of buffers) {
        const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        if (!bytes.length) {
          out.push(new Uint8Array(0), new Uint8Array(0));
          regions.push({ offset, length: 0 });
          continue;
        }
        const frame = compressFrame(codec, bytes);
        const body = frame.length < bytes.length ? frame : bytes;
        const prefix = new Uint8Array(8);
        new DataView(prefix.buffer).setBigInt64(0, BigInt(body === frame ? bytes.length : -1), true);
        out.push(prefix, body);
        offset += ((offset + 7) & ~7) - offset;
        regions.push({ offset, length: 8 + body.length });
        offset += 8 + body.length;
      }
      return { byteLength: (offset + 7) & ~7, bufferRegions: regions, buffers: out };
    }
  };
}

function writeCompressedArrow(name, table, codec, format) {
  const Writer = compressedWriter(format === 'file' ? arrow.RecordBatchFileWriter : arrow.RecordBatchStreamWriter, codec);
  const writer = new Writer();
  writer.write(table);
  writer.finish();
  writeFileSync(join(out, name), writer.toUint8Array(true));
}

const CODECS = { zstd: pw.Compression.ZSTD, snappy: pw.Compression.SNAPPY, gzip: pw.Compression.GZIP, brotli: pw.Compression.BROTLI, lz4: pw.Compression.LZ4_RAW };

function writeParquet(name, table, codec, rowGroupSize) {
  const wasmTable = pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
  const props = new pw.WriterPropertiesBuilder().setCompression(CODECS[codec]).setMaxRowGroupSize(rowGroupSize).setCreatedBy('cot-trace fixtures').build();
  writeFileSync(join(out, name), pw.writeParquet(wasmTable, props));
}

function writeJsonl(name, rows) {
  writeFileSync(join(out, name), rows.map((r) => JSON.stringify(r) + '\n').join(''));
}

// 1. A flat corpus file, as it is: every codec, row groups of 6 rows (4 groups), and Arrow.
const topology = readJsonl('topology_math500_deepseek_r1.jsonl');
const flat = toTable(topology);
for (const codec of Object.keys(CODECS)) writeParquet(`topology.${codec}.parquet`, flat, codec, 6);
writeFileSync(join(out, 'topology.arrow'), arrow.tableToIPC(batched(flat, 7), 'file'));
writeFileSync(join(out, 'topology.arrows'), arrow.tableToIPC(batched(flat, 7), 'stream'));
writeCompressedArrow('topology.lz4.arrow', batched(flat, 7), 'lz4', 'file');
writeCompressedArrow('topology.zstd.arrows', batched(flat, 7), 'zstd', 'stream');

// 2. The chat layout of the Hub's SFT sets (OpenR1, OpenThoughts, Bespoke-Stratos): a
//    `messages` list of {role, content}, a system prompt, the ground truth in a struct.
const distill = readJsonl('topology_math500_r1distill_qwen7b.jsonl');
const chat = [...topology, ...distill].map((r, i) => ({
  uuid: r.item_id,
  messages: [
    { role: 'system', content: 'Please reason step by step, and put your final answer within \\boxed{}.' },
    { role: 'user', content: r.problem },
    { role: 'assistant', content: r.full_response },
  ],
  reward_model: { ground_truth: r.ground_truth, style: 'rule' },
  extra_info: { index: i, level: r.metadata.level, subject: r.metadata.subject },
}));
writeJsonl('chat.jsonl', chat);
const chatTable = toTable(chat);
writeParquet('chat.zstd.parquet', chatTable, 'zstd', 8);
writeParquet('chat.snappy.parquet', chatTable, 'snappy', 8);
writeFileSync(join(out, 'chat.arrows'), arrow.tableToIPC(batched(chatTable, 9), 'stream'));
writeCompressedArrow('chat.lz4.arrows', batched(chatTable, 9), 'lz4', 'stream');

// 3. OpenR1-Math's layout: several generations per problem in a list<string>.
const byProblem = new Map();
for (const r of [...topology, ...distill]) {
  const entry = byProblem.get(r.problem) ?? { problem: r.problem, answer: r.ground_truth, generations: [], correctness_math_verify: [] };
  entry.generations.push(r.full_response);
  entry.correctness_math_verify.push(Boolean(r.is_correct));
  byProblem.set(r.problem, entry);
}
const generations = [...byProblem.values()];
writeJsonl('generations.jsonl', generations);
writeParquet('generations.zstd.parquet', toTable(generations), 'zstd', 5);

// 4. A verl training file: prompt as a message list, reward_model.ground_truth, no outputs.
const verl = topology.map((r, i) => ({
  data_source: 'math500',
  prompt: [{ role: 'user', content: r.problem }],
  ability: 'math',
  reward_model: { style: 'rule', ground_truth: r.ground_truth },
  extra_info: { split: 'test', index: i },
}));
writeJsonl('verl.jsonl', verl);
writeParquet('verl.snappy.parquet', toTable(verl), 'snappy', 10);

console.log(`fixtures written to ${out}`);
