// Regression tests of issue 12 for the review sidecar: compaction racing appends from
// another process, decisions of deleted records, a leading byte order mark.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashText } from '../../../src/core/review/hash';
import { formatEntry, matchDecisions, parseSidecar, type SidecarEntry } from '../../../src/core/review/sidecar';
import { appendDecisions, compactSidecar, readSidecar } from '../../../src/core/node/sidecar';

const h = (text: string) => hashText(text);

describe('review sidecar safety (issue 12)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-sidecar-safety-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('compacting while another process appends 1,500 decisions loses none', async function () {
    this.timeout(120_000);
    const path = join(dir, 'd.jsonl.review.jsonl');
    appendDecisions(path, [{ i: 100_000, h: h('earlier'), d: 'accept' }]);
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'fixtures', 'counted-appender.ts'), path, '1500'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let exited = false;
    const done = new Promise<number | null>((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
    let compactions = 0;
    while (!exited) {
      compactSidecar(path);
      compactions++;
      await new Promise((r) => setTimeout(r, 2));
    }
    assert.equal(await done, 0, stderr);
    compactSidecar(path);
    const entries = readSidecar(path).entries;
    const got = new Set(entries.map((e) => e.i));
    const lost = Array.from({ length: 1500 }, (_, i) => i).filter((i) => !got.has(i));
    assert.deepEqual(lost, [], `${lost.length} lost over ${compactions} compactions`);
    assert.ok(got.has(100_000));
    assert.ok(compactions > 5, `only ${compactions} compactions ran during the appends`);
  });

  it("a deleted record's decision does not land, stale, on the record now at its position", () => {
    const before = ['{"r":0}', '{"r":1}', '{"r":2}', '{"r":3}', '{"r":4}'];
    const entries: SidecarEntry[] = [
      { i: 2, h: h(before[2]), d: 'reject', comment: 'broken derivation' },
      { i: 4, h: h(before[4]), d: 'accept' },
    ];
    const after = before.filter((_, i) => i !== 2); // record 2 deleted
    const m = matchDecisions(entries, after.map(h));
    assert.equal(m.get(2), undefined, `record now at 2 ({"r":3}) got ${JSON.stringify(m.get(2))}`);
    assert.deepEqual([m.get(3)?.decision, m.get(3)?.match], ['accept', 'moved']);
    // Edited in place (nothing moved), the decision is still kept, flagged stale.
    const edited = [...before];
    edited[2] = '{"r":2,"fixed":true}';
    const e = matchDecisions(entries, edited.map(h));
    assert.deepEqual([e.get(2)?.decision, e.get(2)?.match, e.get(2)?.comment], ['reject', 'stale', 'broken derivation']);
  });

  it('a sidecar starting with a byte order mark keeps its first decision', () => {
    const text = '\ufeff' + formatEntry({ i: 0, h: h('a'), d: 'accept' }) + formatEntry({ i: 1, h: h('b'), d: 'reject' });
    const parsed = parseSidecar(text);
    assert.deepEqual(parsed.entries.map((x) => x.i), [0, 1]);
    assert.deepEqual(parsed.problems, []);
    const path = join(dir, 'bom.review.jsonl');
    writeFileSync(path, text);
    assert.equal(matchDecisions(readSidecar(path).entries, [h('a'), h('b')]).get(0)?.decision, 'accept');
  });
});
