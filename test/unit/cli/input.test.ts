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
