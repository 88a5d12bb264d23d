import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { BufferPool, fileBatches } from '../../../src/cli/input';

describe('file batches', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'cot-trace-batches-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Reads `content` through fileBatches; `recycle` gives every batch back to the pool once read, as the CLI does. */
  async function batches(content: string, chunk: number, recycle: boolean): Promise<string[]> {
    const file = join(dir, 'data.jsonl');
    writeFileSync(file, content);
    const pool = new BufferPool(chunk);
    const out: string[] = [];
    for await (const batch of fileBatches(file, recycle ? pool : undefined, chunk)) {
      out.push(Buffer.from(batch.bytes).toString('latin1'));
      if (recycle) {
        // Scribble over the memory before handing it back: a batch must never share it with a later one.
        batch.bytes.fill(0x58);
        pool.give(batch.bytes);
      }
    }
    return out;
  }

  it('cuts any input into whole lines that join back to it, reusing buffers or not', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', '{', '"', ' ', '\r'), maxLength: 70 });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 25 }), fc.boolean(), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (lines, trailing, chunk, recycle) => {
        const content = lines.join('\n') + (trailing && lines.length ? '\n' : '');
        const got = await batches(content, chunk, recycle);
        assert.equal(got.join(''), content);
        got.slice(0, -1).forEach((b) => assert.ok(b.endsWith('\n'), JSON.stringify(b)));
        got.forEach((b) => assert.ok(b.length > 0));
      }),
      { numRuns: 300 },
    );
  });

  it('grows the buffer for a line longer than a chunk', async () => {
    const long = 'x'.repeat(1000);
    const got = await batches(`${long}\nab\n`, 16, true);
    assert.equal(got.join(''), `${long}\nab\n`);
    assert.ok(got[0].startsWith(`${long}\n`));
    assert.deepEqual(await batches('', 16, true), []);
  });

  it('reads a line many chunks long into one batch of its size, with the same records as the whole file', async () => {
    const record = (i: number, size: number) => JSON.stringify({ id: i, completion: `<think>${'step, then check. '.repeat(size)}</think> \\boxed{${i}}`, answer: String(i) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 8, max: 64 }),
        fc.boolean(),
        fc.boolean(),
        async (sizes, chunk, trailing, recycle) => {
          const lines = sizes.map((size, i) => record(i, size));
          const content = lines.join('\n') + (trailing ? '\n' : '');
          const file = join(dir, 'long.jsonl');
          writeFileSync(file, content);
          const pool = new BufferPool(chunk);
          const parsed: unknown[] = [];
          const texts: string[] = [];
          for await (const batch of fileBatches(file, recycle ? pool : undefined, chunk)) {
            const text = Buffer.from(batch.bytes).toString('utf8');
            texts.push(text);
            // A batch that holds one long line is no bigger than it, its line break, and the end-of-file probe.
            if (batch.bytes.length > 4 * chunk) assert.ok(batch.bytes.buffer.byteLength <= batch.bytes.length + chunk + 1, `${batch.bytes.buffer.byteLength} for ${batch.bytes.length}`);
            for (const line of text.split('\n')) if (line) parsed.push(JSON.parse(line));
            if (recycle) {
              batch.bytes.fill(0x58);
              pool.give(batch.bytes);
            }
          }
          assert.equal(texts.join(''), content);
          texts.slice(0, -1).forEach((t) => assert.ok(t.endsWith('\n')));
          assert.deepEqual(parsed, lines.map((line) => JSON.parse(line)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('does not keep a buffer grown for a long line in the pool', () => {
    const pool = new BufferPool(16);
    const big = pool.take(1000);
    pool.give(big);
    assert.notEqual(pool.take(1000).buffer, big.buffer);
    const small = pool.take(20);
    pool.give(small);
    assert.equal(pool.take(20).buffer, small.buffer);
  });

  it('lets a long line\'s buffer go while its views are still held, and keeps a pool-sized one', () => {
    const pool = new BufferPool(16);
    const big = pool.take(1000);
    const view = big.subarray(0, 900);
    pool.release(view);
    assert.equal(big.buffer.byteLength, 0, 'the memory is handed away: every view of it is empty');
    assert.equal(view.length, 0);
    pool.give(big); // a buffer let go is not taken back
    assert.ok(pool.take(1000).length >= 1000);
    const small = pool.take(20);
    pool.release(small);
    assert.ok(small.buffer.byteLength >= 20, 'a buffer the pool keeps is not let go');
    pool.give(small);
    assert.equal(pool.take(20).buffer, small.buffer);
  });

  it('reports how far it has read', async () => {
    const file = join(dir, 'consumed.jsonl');
    writeFileSync(file, 'a\n'.repeat(100));
    let last = 0;
    for await (const batch of fileBatches(file, undefined, 10)) {
      assert.ok(batch.consumed > last);
      last = batch.consumed;
    }
    assert.equal(last, 200);
  });
});
