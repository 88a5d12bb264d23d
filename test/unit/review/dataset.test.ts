import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashText } from '../../../src/core/review/hash';
import { indexJsonl, openDataset } from '../../../src/core/node/dataset';
import { scanDataset } from '../../../src/core/node/scan';

const rec = (n: number, extra = '') => JSON.stringify({ prompt: `Q${n} ${extra}`, completion: `<think>Wait, ${n}.</think>\\boxed{${n}}` });

describe('dataset index and export', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-dataset-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // BOM, CRLF and LF mixed, a blank line, non-ASCII text, a CR inside a line end, no final newline.
  const lines = [rec(0, 'ünïcödé ✓ 数学 𝛑'), rec(1), '   ', rec(2, 'x'.repeat(50)), rec(3, '\u2028')];
  const source = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(`${lines[0]}\r\n${lines[1]}\n${lines[2]}\r\n${lines[3]}\r\n${lines[4]}`, 'utf8'),
  ]);

  for (const chunkBytes of [5, 7, 64, 1 << 20]) {
    it(`indexes records, lines and hashes the same with ${chunkBytes}-byte reads`, async () => {
      const path = join(dir, 'd.jsonl');
      writeFileSync(path, source);
      const index = await indexJsonl(path, { chunkBytes });
      assert.equal(index.bom, true);
      assert.deepEqual(index.lines, [0, 1, 3, 4]);
      assert.deepEqual(index.hashes, [lines[0], lines[1], lines[3], lines[4]].map(hashText));
      const scanned: string[] = [];
      await scanDataset(path, 'jsonl', { chunkBytes }, (s) => void scanned.push(s.hash()));
      assert.deepEqual(scanned, index.hashes, 'the scanner hashes like the indexer');
    });
  }

  it('reads a record by seeking to it and exports records byte for byte (BOM, CRLF, unicode, no final newline)', async () => {
    const path = join(dir, 'd.jsonl');
    writeFileSync(path, source);
    const dataset = await openDataset(path, 'jsonl');
    assert.equal(dataset.count, 4);
    assert.deepEqual(await dataset.texts(2, 4), [lines[3], lines[4]]);
    const [record] = await dataset.records(0, 1);
    assert.equal(record.traces.length, 1);
    assert.equal(record.line, 0);
    const parts: Uint8Array[] = [];
    await dataset.exportBytes([3, 0], async (b) => void parts.push(Buffer.from(b)));
    const out = Buffer.concat(parts);
    assert.deepEqual(out, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines[0]}\r\n${lines[4]}`, 'utf8')]));
    const all: Uint8Array[] = [];
    await dataset.exportBytes([0, 1, 2, 3], async (b) => void all.push(Buffer.from(b)));
    // Everything but the blank line comes back as it was.
    assert.deepEqual(Buffer.concat(all), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines[0]}\r\n${lines[1]}\n${lines[3]}\r\n${lines[4]}`, 'utf8')]));
    await dataset.close();
  });

  it('opens a JSON document: records from its array, exported as compact JSON lines', async () => {
    const path = join(dir, 'd.json');
    writeFileSync(path, JSON.stringify({ results: [JSON.parse(rec(0)), JSON.parse(rec(1))] }, null, 2));
    const dataset = await openDataset(path, 'json');
    assert.equal(dataset.count, 2);
    const parts: Uint8Array[] = [];
    await dataset.exportBytes([1], async (b) => void parts.push(b));
    assert.equal(Buffer.concat(parts).toString('utf8'), rec(1) + '\n');
    assert.notEqual(dataset.hash(0), dataset.hash(1));
    assert.ok(readFileSync(path, 'utf8').length > 0);
  });
});
