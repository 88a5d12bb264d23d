// Parquet and Arrow datasets through every command: the same records as JSON Lines, Parquet
// (several row groups, each compression the Hub uses) and Arrow (file and stream) give the
// same results; `filter` writes the kept rows unchanged, in order, with the input's schema.
// The fixtures are written by scripts/columnar-fixtures.mjs from test/fixtures/corpus/.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { CompressionType, MessageReader, tableFromIPC } from 'apache-arrow';
import type { Diagnostic } from 'vscode-languageserver';
import { columnarGroups, columnarKind, toPlain } from '../../../src/core/node/columnar';
import { openDataset } from '../../../src/core/node/dataset';
import { arrowBodyCompression, outputCodec } from '../../../src/core/node/columnar/write';
import { scanDataset } from '../../../src/core/node/scan';
import { resolveConfig } from '../../../src/core/config/resolve';
import { lintFiles } from '../../../src/server/diskLint';
import { DEFAULT_SETTINGS } from '../../../src/core/node/config';
import { corpusFile } from '../../corpus';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');
const fixtures = join(repoRoot, 'test/fixtures/columnar');
const fixture = (name: string) => join(fixtures, name);

function cot(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function rowsOf(path: string): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const group of columnarGroups(path, columnarKind(path)!)) rows.push(...group.rows);
  return rows;
}

const jsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);

const SAME_RECORDS: Array<[string, string[]]> = [
  [corpusFile('topology_math500_deepseek_r1.jsonl'), ['topology.zstd.parquet', 'topology.snappy.parquet', 'topology.gzip.parquet', 'topology.brotli.parquet', 'topology.lz4.parquet', 'topology.arrow', 'topology.arrows', 'topology.lz4.arrow', 'topology.zstd.arrows']],
  [fixture('chat.jsonl'), ['chat.zstd.parquet', 'chat.snappy.parquet', 'chat.arrows', 'chat.lz4.arrows']],
  [fixture('generations.jsonl'), ['generations.zstd.parquet']],
];

describe('Parquet and Arrow datasets', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' }));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-columnar-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('the fixtures', () => {
    it('have several row groups (Parquet) and record batches (Arrow)', async () => {
      const groups = async (name: string) => {
        let n = 0;
        for await (const g of columnarGroups(fixture(name), columnarKind(fixture(name))!)) n += g.rows.length ? 1 : 0;
        return n;
      };
      assert.equal(await groups('topology.zstd.parquet'), 4);
      assert.equal(await groups('chat.zstd.parquet'), 5);
      assert.equal(await groups('topology.arrow'), 3);
      assert.equal(await groups('topology.arrows'), 3);
      assert.equal(await groups('topology.lz4.arrow'), 3);
      assert.equal(await groups('topology.zstd.arrows'), 3);
    });

    it('compressed Arrow fixtures: every record batch declares LZ4_FRAME or ZSTD and is smaller than its uncompressed twin', () => {
      const expected: Array<[string, CompressionType, number]> = [
        ['topology.lz4.arrow', CompressionType.LZ4_FRAME, 3],
        ['topology.zstd.arrows', CompressionType.ZSTD, 3],
        ['chat.lz4.arrows', CompressionType.LZ4_FRAME, 5],
      ];
      for (const [name, codec, count] of expected) {
        const bytes = readFileSync(fixture(name));
        const messages = new MessageReader(name.endsWith('.arrow') ? bytes.subarray(8) : bytes);
        let batches = 0;
        for (let m = messages.readMessage(); m; m = messages.readMessage()) {
          if (m.isRecordBatch()) {
            assert.equal(m.header().compression?.type, codec, name);
            batches++;
          }
          messages.readMessageBody(m.bodyLength);
        }
        assert.equal(batches, count, name);
        assert.ok(bytes.length < readFileSync(fixture(name.replace(/\.(lz4|zstd)\./, '.'))).length * 0.7, name);
      }
    });
  });

  describe('score', () => {
    // The JSON Lines outputs, once the CLI is built (the outer before hook): never while mocha collects tests.
    const outputs = new Map<string, ReturnType<typeof cot>>();
    before(() => {
      for (const [source] of SAME_RECORDS) outputs.set(source, cot(['score', source]));
    });
    for (const [source, files] of SAME_RECORDS) {
      for (const name of files) {
        it(`${name}: the same output as the JSON Lines file`, () => {
          const expected = outputs.get(source)!;
          assert.equal(expected.code, 0, expected.stderr);
          const run = cot(['score', fixture(name)]);
          assert.equal(run.code, 0, run.stderr);
          assert.ok(run.stdout.length > 100);
          assert.equal(run.stdout, expected.stdout);
        });
      }
    }

    it('--explain too', () => {
      assert.equal(cot(['score', '--explain', fixture('chat.zstd.parquet')]).stdout, cot(['score', '--explain', fixture('chat.jsonl')]).stdout);
    });

    it('a Parquet file on standard input is refused in one line', () => {
      const r = spawnSync(process.execPath, [cli, 'score', '-'], { input: readFileSync(fixture('verl.snappy.parquet')), encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^cot-trace: cannot read -: Parquet and Arrow files are read by row group.*give the file itself\n$/);
    });

    it('a damaged compressed Arrow body is one line on stderr, exit 2', () => {
      const bytes = Buffer.from(readFileSync(fixture('topology.lz4.arrow')));
      // Inside the first LZ4 frame (after its 7-byte header): damage the compressed bytes.
      const frame = bytes.indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18]));
      bytes.fill(0xff, frame + 20, frame + 60);
      writeFileSync(join(dir, 'bad.arrow'), bytes);
      const r = cot(['score', join(dir, 'bad.arrow')]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /LZ4/);
    });

    it('a damaged Parquet file is one line on stderr, exit 2', () => {
      const bytes = readFileSync(fixture('topology.zstd.parquet'));
      writeFileSync(join(dir, 'cut.parquet'), bytes.subarray(0, bytes.length - 100));
      const r = cot(['score', join(dir, 'cut.parquet')]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  });

  describe('lint', () => {
    it('findings carry the record number, the row group and the column', () => {
      const run = cot(['lint', '-f', 'json', fixture('chat.zstd.parquet')]);
      const expected = cot(['lint', '-f', 'json', fixture('chat.jsonl')]);
      const findings = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
      const reference = expected.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.ok(findings.length > 0);
      // The same findings, record for record (within a record, JSON Lines orders them by column).
      const key = (f: { record: number; ruleId: string; message: string }) => JSON.stringify([f.record, f.ruleId, f.message]);
      assert.deepEqual(findings.map(key).sort(), reference.map(key).sort());
      assert.deepEqual(findings.map((f) => f.record), reference.map((f) => f.record));
      for (const f of findings) {
        assert.equal(f.field, 'messages[2].content');
        assert.equal(f.rowGroup, Math.floor(f.record / 8)); // row groups of 8 rows
        assert.equal(f.line, f.record + 1);
      }
    });

    it('the text format names the record and the column', () => {
      const run = cot(['lint', fixture('generations.zstd.parquet')]);
      assert.match(run.stdout, /generations\.zstd\.parquet: record \d+, column generations\[\d+\]: (info|warning|error) /);
    });

    it('a verl training file: every row says it holds prompts, not outputs', () => {
      const run = cot(['lint', fixture('verl.snappy.parquet')]);
      const lines = run.stdout.trim().split('\n');
      assert.equal(lines.length, 20);
      for (const line of lines) assert.match(line, /It is a verl training row .*\[no-trace\]$/);
    });
  });

  describe('filter', () => {
    it('Parquet in, Parquet out: the kept rows unchanged, in order, with the same schema and metadata', async () => {
      const out = join(dir, 'kept.parquet');
      const run = cot(['filter', fixture('chat.zstd.parquet'), '--min-reward', '2.5', '-o', out]);
      assert.equal(run.code, 0, run.stderr);
      // The rows kept are the ones the JSON Lines filter keeps, value for value.
      const viaJsonl = cot(['filter', fixture('chat.jsonl'), '--min-reward', '2.5']);
      const kept = jsonl(fixture('chat.jsonl')).filter((row) => viaJsonl.stdout.includes(JSON.stringify(row)));
      assert.ok(kept.length > 0 && kept.length < 40, `kept ${kept.length}`);
      assert.deepEqual(await rowsOf(out), kept);
      const input = await parquetMetadataAsync(await asyncBufferFromFile(fixture('chat.zstd.parquet')));
      const output = await parquetMetadataAsync(await asyncBufferFromFile(out));
      assert.deepEqual(output.schema, input.schema);
      assert.deepEqual(output.key_value_metadata, input.key_value_metadata);
      assert.ok(output.row_groups.length > 1, 'one output row group per input row group with kept rows');
      if (outputCodec('ZSTD') === 'ZSTD') assert.doesNotMatch(run.stderr, /no encoder/);
      else assert.match(run.stderr, /^cot-trace: .*ZSTD has no encoder here: the rows were written with SNAPPY\n/m);
    });

    for (const codec of ['zstd', 'snappy', 'gzip', 'brotli', 'lz4']) {
      it(`${codec}: the same rows in order, the same schema, the input's codec when there is an encoder for it, else SNAPPY and one line saying so`, async () => {
        const input = fixture(`topology.${codec}.parquet`);
        const out = join(dir, `kept.${codec}.parquet`);
        const run = cot(['filter', input, '--rule-pass', 'long-paragraph', '-o', out]);
        assert.equal(run.code, 0, run.stderr);
        // The rows the JSON Lines filter keeps of the same records (it writes their lines as they are).
        const keptLines = cot(['filter', corpusFile('topology_math500_deepseek_r1.jsonl'), '--rule-pass', 'long-paragraph']).stdout;
        const kept = keptLines.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
        assert.ok(kept.length > 0 && kept.length < 20, `kept ${kept.length}`);
        assert.deepEqual(await rowsOf(out), kept);
        const before = await parquetMetadataAsync(await asyncBufferFromFile(input));
        const after = await parquetMetadataAsync(await asyncBufferFromFile(out));
        assert.deepEqual(after.schema, before.schema);
        const inputCodec = before.row_groups[0].columns[0].meta_data!.codec;
        const expected = outputCodec(inputCodec);
        for (const group of after.row_groups) for (const column of group.columns) assert.equal(column.meta_data?.codec, expected);
        const notes = run.stderr.split('\n').filter((l) => /no encoder/.test(l));
        if (expected === inputCodec) assert.equal(notes.length, 0, run.stderr);
        else assert.deepEqual(notes.map((l) => l.slice(l.indexOf(`${inputCodec} has`))), [`${inputCodec} has no encoder here: the rows were written with SNAPPY`]);
      });
    }

    it('every row kept: the same rows, the same row groups; GZIP stays GZIP', async () => {
      const out = join(dir, 'all.parquet');
      assert.equal(cot(['filter', fixture('topology.gzip.parquet'), '-o', out]).code, 0);
      assert.deepEqual(await rowsOf(out), await rowsOf(fixture('topology.gzip.parquet')));
      const meta = await parquetMetadataAsync(await asyncBufferFromFile(out));
      assert.deepEqual(meta.row_groups.map((g) => Number(g.num_rows)), [6, 6, 6, 2]);
      assert.equal(meta.row_groups[0].columns[0].meta_data?.codec, 'GZIP');
    });

    it('-o x.jsonl writes JSON Lines, one row a line', () => {
      const out = join(dir, 'kept.jsonl');
      assert.equal(cot(['filter', fixture('generations.zstd.parquet'), '-o', out]).code, 0);
      assert.deepEqual(jsonl(out), jsonl(fixture('generations.jsonl')));
    });

    it('Arrow in, Arrow out (file and stream): slices of the input batches, same schema', () => {
      for (const name of ['topology.arrow', 'topology.arrows']) {
        const out = join(dir, `kept-${name}`);
        const run = cot(['filter', fixture(name), '--rule-pass', 'long-paragraph', '-o', out]);
        assert.equal(run.code, 0, run.stderr);
        const input = tableFromIPC(readFileSync(fixture(name)));
        const output = tableFromIPC(readFileSync(out));
        assert.equal(output.schema.toString(), input.schema.toString());
        assert.ok(output.numRows > 0 && output.numRows < input.numRows, `${output.numRows}`);
        const ids = new Set(output.getChild('item_id')!.toArray());
        const kept = input.toArray().filter((r) => ids.has(r.item_id));
        assert.deepEqual(output.toArray().map((r) => toPlain(r)), kept.map((r) => toPlain(r)));
        assert.equal(readFileSync(out).subarray(0, 6).toString() === 'ARROW1', name.endsWith('.arrow'));
      }
    });

    it('Arrow in with compressed bodies, Arrow out: the output is uncompressed, and one line on stderr says so and why', async () => {
      for (const [name, codec] of [['topology.lz4.arrow', 'LZ4_FRAME'], ['topology.zstd.arrows', 'ZSTD'], ['chat.lz4.arrows', 'LZ4_FRAME'], ['topology.arrows', undefined]] as const) {
        const out = join(dir, `kept-${name}`);
        const run = cot(['filter', fixture(name), '--quiet', '-o', out]);
        assert.equal(run.code, 0, run.stderr);
        const format = name.endsWith('.arrow') ? 'file' : 'stream';
        assert.equal(await arrowBodyCompression(fixture(name), format), codec, name);
        // The rows are the input's, and the output's bodies are stored as they are.
        assert.deepEqual(await rowsOf(out), await rowsOf(fixture(name)));
        assert.equal(await arrowBodyCompression(out, format), undefined, name);
        const notes = run.stderr.split('\n').filter(Boolean);
        if (codec) {
          assert.deepEqual(notes, [
            `cot-trace: ${out}: the input's record batches are compressed with ${codec}, the output's are not: apache-arrow 21.2's writer records compressed bodies in a way other readers (pyarrow) refuse, so the rows were written uncompressed`,
          ]);
        } else assert.deepEqual(notes, [], name);
      }
      // To JSON Lines there is nothing to say.
      const run = cot(['filter', fixture('topology.zstd.arrows'), '--quiet', '-o', join(dir, 'kept.jsonl')]);
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
    });

    it('no row kept: a valid file with the schema and no rows', async () => {
      const out = join(dir, 'none.parquet');
      assert.equal(cot(['filter', fixture('chat.snappy.parquet'), '--min-reward', '100', '-o', out]).code, 0);
      assert.deepEqual(await rowsOf(out), []);
      const arrowOut = join(dir, 'none.arrows');
      assert.equal(cot(['filter', fixture('chat.arrows'), '--min-reward', '100', '-o', arrowOut]).code, 0);
      assert.equal(tableFromIPC(readFileSync(arrowOut)).numRows, 0);
      assert.equal(tableFromIPC(readFileSync(arrowOut)).schema.fields.length, 4);
    });

    it('a binary column (an image) stays bytes: a placeholder in the record, the same bytes in the output', async () => {
      const { parquetWriteBuffer } = await import('hyparquet-writer');
      const { parquetReadObjects } = await import('hyparquet');
      const images = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]), new Uint8Array([0xff, 0xd8, 0xff, 0x10])];
      const buffer = parquetWriteBuffer({
        columnData: [
          { name: 'completion', data: ['<think>a</think> 1', '<think>b</think> 2'], type: 'STRING' },
          { name: 'image', data: images, type: 'BYTE_ARRAY' },
        ],
      });
      writeFileSync(join(dir, 'img.parquet'), new Uint8Array(buffer));
      assert.deepEqual(await rowsOf(join(dir, 'img.parquet')), [
        { completion: '<think>a</think> 1', image: '<6 bytes>' },
        { completion: '<think>b</think> 2', image: '<4 bytes>' },
      ]);
      assert.equal(cot(['filter', 'img.parquet', '-o', 'out.parquet'], dir).code, 0);
      const file = await asyncBufferFromFile(join(dir, 'out.parquet'));
      const rows = await parquetReadObjects({ file, utf8: false });
      assert.deepEqual(rows.map((r) => Array.from(r.image as Uint8Array)), images.map((b) => Array.from(b)));
    });

    it('refuses -o onto the input, leaving it whole', () => {
      copyFileSync(fixture('verl.snappy.parquet'), join(dir, 'v.parquet'));
      const before = readFileSync(join(dir, 'v.parquet'));
      const run = cot(['filter', 'v.parquet', '-o', 'v.parquet'], dir);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /refusing to write v\.parquet: it is the same file as the input/);
      assert.deepEqual(readFileSync(join(dir, 'v.parquet')), before);
    });
  });

  describe('traces under unlisted keys', () => {
    it('are read with no flags, and lint and score name the field used and the config line that pins it', async () => {
      const rows = jsonl(corpusFile('topology_math500_deepseek_r1.jsonl')).map((r) => {
        const row = r as Record<string, unknown>;
        return { problem: row.problem, model_response: row.full_response, expected_answer: row.ground_truth };
      });
      const { parquetWriteBuffer } = await import('hyparquet-writer');
      const buffer = parquetWriteBuffer({
        columnData: ['problem', 'model_response', 'expected_answer'].map((name) => ({ name, data: rows.map((r) => r[name as keyof typeof r]), type: 'STRING' as const })),
        rowGroupSize: 7,
      });
      writeFileSync(join(dir, 'unlisted.parquet'), new Uint8Array(buffer));
      writeFileSync(join(dir, 'unlisted.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const note = /no known key holds the trace; read it from "model_response" \(20 records\)\. To pin it, put \{"fields":\{"trace":\["model_response"\]\}\} in \.cot-trace\.json or pass --field trace=model_response/;
      for (const name of ['unlisted.parquet', 'unlisted.jsonl']) {
        const lint = cot(['lint', name], dir);
        assert.doesNotMatch(lint.stdout, /no-trace/);
        assert.match(lint.stderr, note);
        const score = cot(['score', name], dir);
        assert.match(score.stderr, note);
        assert.equal(score.stdout.trim().split('\n').length, 20);
      }
      // The same scores as the corpus file read through its known key, accuracy included.
      const strip = (text: string) => text.replace(/"id":"[^"]*",/g, '');
      assert.equal(strip(cot(['score', 'unlisted.parquet'], dir).stdout), strip(cot(['score', corpusFile('topology_math500_deepseek_r1.jsonl')]).stdout));
      // Pinned, there is no note.
      const pinned = cot(['lint', '--field', 'trace=model_response', 'unlisted.parquet'], dir);
      assert.doesNotMatch(pinned.stderr, /no known key/);
    });
  });

  describe('stats and advantages', () => {
    it('stats: the same numbers as the JSON Lines file', () => {
      const a = JSON.parse(cot(['stats', '--json', fixture('chat.zstd.parquet')]).stdout);
      const b = JSON.parse(cot(['stats', '--json', fixture('chat.jsonl')]).stdout);
      assert.equal(a.records, 40);
      delete a.file;
      delete b.file;
      assert.deepEqual(a, b);
    });

    it('advantages reads a Parquet file of scores like their JSON lines', async () => {
      const scores = cot(['score', fixture('generations.jsonl')]).stdout;
      const { parquetWriteBuffer } = await import('hyparquet-writer');
      const rows = scores.trim().split('\n').map((l) => JSON.parse(l));
      const buffer = parquetWriteBuffer({
        columnData: [
          { name: 'record', data: rows.map((r) => r.record), type: 'INT32' },
          { name: 'trace', data: rows.map((r) => r.trace), type: 'INT32' },
          { name: 'total', data: rows.map((r) => r.total), type: 'DOUBLE' },
        ],
      });
      writeFileSync(join(dir, 'scores.parquet'), new Uint8Array(buffer));
      writeFileSync(join(dir, 'scores.jsonl'), rows.map((r) => JSON.stringify({ record: r.record, trace: r.trace, total: r.total })).join('\n') + '\n');
      const fromParquet = cot(['advantages', join(dir, 'scores.parquet')]);
      assert.equal(fromParquet.code, 0, fromParquet.stderr);
      assert.ok(fromParquet.stdout.split('\n').length > 20);
      assert.equal(fromParquet.stdout, cot(['advantages', join(dir, 'scores.jsonl')]).stdout);
    });
  });
});

describe('Parquet and Arrow in the review panel (openDataset)', () => {
  it('records by index, the same as the JSON Lines file, with the hashes filter matches decisions by', async () => {
    const parquet = await openDataset(fixture('chat.zstd.parquet'), 'cot');
    const json = await openDataset(fixture('chat.jsonl'), 'jsonl');
    try {
      assert.equal(parquet.count, 40);
      assert.deepEqual(await parquet.texts(3, 6), await json.texts(3, 6));
      const a = await parquet.records(10, 12);
      const b = await json.records(10, 12);
      assert.deepEqual(a.map((r) => [r.index, r.line, r.traces[0].path, r.traces[0].output.text, r.groundTruth]), b.map((r) => [r.index, r.line, r.traces[0].path, r.traces[0].output.text, r.groundTruth]));
      const hashes: string[] = [];
      await scanDataset(fixture('chat.zstd.parquet'), 'json', {}, (s) => void hashes.push(s.hash()));
      assert.deepEqual(hashes, Array.from({ length: 40 }, (_, i) => parquet.hash(i)));
    } finally {
      await parquet.close();
      await json.close();
    }
  });
});

describe('Parquet and Arrow linted from disk (language server)', () => {
  it('every row is checked; diagnostics name the record and the column; folders include them', async () => {
    const published = new Map<string, Diagnostic[]>();
    const options = {
      skip: () => false,
      config: async () => ({ resolved: resolveConfig({}), settings: DEFAULT_SETTINGS }),
      publish: (uri: string, diagnostics: Diagnostic[]) => void published.set(uri, diagnostics),
      docsUrl: (id: string) => id,
      log: () => undefined,
    };
    const result = await lintFiles([fixture('chat.zstd.parquet'), fixture('topology.arrows')], options);
    assert.equal(result.files, 2);
    assert.equal(result.records, 60);
    const chat = [...published].find(([uri]) => uri.endsWith('chat.zstd.parquet'))![1];
    assert.ok(chat.length > 0);
    for (const d of chat) {
      // `#N · column …`: N is the record's number (1-based), the line it has in the JSON Lines form.
      const m = /^#(\d+) · column messages\[2\]\.content: /.exec(String(d.message));
      assert.ok(m, String(d.message));
      assert.equal(d.range.start.line, Number(m[1]) - 1);
    }
    published.clear();
    const folder = await lintFiles([fixtures], options);
    assert.ok([...published.keys()].some((uri) => uri.endsWith('topology.zstd.parquet')));
    assert.ok([...published.keys()].some((uri) => uri.endsWith('topology.arrow')));
    assert.equal(folder.failures.length, 0);
  });
});
