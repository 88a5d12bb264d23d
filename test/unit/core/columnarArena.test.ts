// Parquet row groups read lazily (lint, score) decompress their pages into memory that is
// reused once a group is released: a group not released yet must keep its text whatever is
// read after it, and every codec and page kind must still read the same rows.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnarGroups, parquetMetadata, plainRow, type ColumnarGroup } from '../../../src/core/node/columnar';
import { LazyText } from '../../../src/core/node/columnar/plain';
import { PageArena } from '../../../src/core/node/columnar/arena';

/** Rows whose text differs from row to row and group to group (so a reused page would show). */
function makeRows(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    completion: `<think>step ${i}: ${'é∑ '.repeat(i % 7)}${String(i * 7919).repeat(40 + (i % 13))}</think> answer ${i}`,
    role: i % 3 ? 'assistant' : 'user',
    note: `note ${i} ${'x'.repeat(i % 11)}`,
    n: i * 3,
  }));
}

describe('Parquet page memory reused across row groups', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-arena-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rows = makeRows(60);
  async function writeFile(): Promise<string> {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'completion', data: rows.map((r) => r.completion), type: 'STRING' },
        { name: 'role', data: rows.map((r) => r.role), type: 'STRING' },
        { name: 'note', data: rows.map((r) => r.note), type: 'STRING', codec: 'UNCOMPRESSED' },
        { name: 'n', data: rows.map((r) => r.n), type: 'INT32' },
      ],
      rowGroupSize: 6,
    });
    const path = join(dir, 'groups.parquet');
    writeFileSync(path, new Uint8Array(buffer));
    return path;
  }

  it('the file has what the test is about: SNAPPY and UNCOMPRESSED columns, a dictionary page, several groups', async () => {
    const { file, metadata } = await parquetMetadata(await writeFile());
    await file.close();
    assert.equal(metadata.row_groups.length, 10);
    const columns = metadata.row_groups[0].columns.map((c) => c.meta_data!);
    assert.deepEqual(
      columns.map((c) => c.codec),
      ['SNAPPY', 'SNAPPY', 'UNCOMPRESSED', 'SNAPPY'],
    );
    assert.ok(columns[1].dictionary_page_offset !== undefined, 'role is dictionary-encoded');
  });

  it('groups held unreleased (as the convention gate holds them) keep their text while later groups reuse the memory', async () => {
    const held: ColumnarGroup[] = [];
    const seen: Record<string, unknown>[] = [];
    let releasedPage: ArrayBufferLike | undefined;
    let reused = false;
    for await (const group of columnarGroups(await writeFile(), 'parquet', undefined, false, true)) {
      assert.ok(group.lazy && group.release, 'a lazy group can be released');
      if (group.group < 3) {
        held.push(group);
        continue;
      }
      const page = (group.rows[0].completion as LazyText).page.buffer;
      if (page === releasedPage) reused = true;
      for (let i = 0; i < group.rows.length; i++) seen[group.firstIndex + i] = plainRow(group, i);
      releasedPage = page;
      group.release();
    }
    assert.ok(reused, 'a released group’s memory was used again');
    for (const group of held) for (let i = 0; i < group.rows.length; i++) seen[group.firstIndex + i] = plainRow(group, i);
    assert.deepEqual(seen, rows);
  });

  it('rows read without lazy text (filter, stats, review) are whole values, with nothing to release', async () => {
    const seen: unknown[] = [];
    for await (const group of columnarGroups(await writeFile(), 'parquet', undefined, true, true)) {
      assert.equal(group.release, undefined);
      seen.push(...group.rows);
    }
    assert.deepEqual(seen, rows);
  });

  it('an arena hands out aligned, separate spans and its chunks go to the next arena once released', () => {
    const first = new PageArena();
    const a = first.alloc(5);
    const b = first.alloc(3);
    assert.equal(a.buffer, b.buffer);
    assert.equal(b.byteOffset % 8, 0);
    assert.ok(b.byteOffset >= a.byteOffset + 5);
    const big = first.alloc(8 << 20);
    assert.notEqual(big.buffer, a.buffer, 'a span larger than a chunk has memory of its own');
    first.release();
    const second = new PageArena();
    assert.equal(second.alloc(10).buffer, a.buffer);
    // After release an arena no longer hands out pooled memory.
    assert.notEqual(first.alloc(10).buffer, a.buffer);
    second.release();
  });
});
