import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashText } from '../../../src/core/review/hash';
import { compactEntries, matchDecisions, parseSidecar, type SidecarEntry } from '../../../src/core/review/sidecar';
import { appendDecisions, compactSidecar, readSidecar } from '../../../src/core/node/sidecar';

const h = (text: string) => hashText(text);

describe('review sidecar', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-sidecar-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the last entry per key and clears with d: null', () => {
    const entries: SidecarEntry[] = [
      { i: 0, h: h('a'), d: 'accept' },
      { i: 1, h: h('b'), d: 'reject', labels: ['mixed-language'] },
      { i: 0, h: h('a'), d: 'skip', comment: 'unsure' },
      { i: 1, h: h('b'), d: null },
    ];
    const matched = matchDecisions(entries, [h('a'), h('b')]);
    assert.deepEqual(matched.get(0), { decision: 'skip', labels: [], comment: 'unsure', match: 'exact', from: 0 });
    assert.equal(matched.has(1), false);
    assert.equal(compactEntries(entries).trim().split('\n').length, 1);
  });

  it('decisions survive an edit to another record: moved records match by hash, the edited one is stale', () => {
    const before = ['{"r":"a"}', '{"r":"b"}', '{"r":"c"}', '{"r":"d"}'];
    const entries: SidecarEntry[] = before.map((text, i) => ({ i, h: h(text), d: i % 2 ? 'reject' : 'accept' }));
    // A record inserted at the top shifts every position; "c" is edited.
    const after = ['{"r":"new"}', '{"r":"a"}', '{"r":"b"}', '{"r":"c edited"}', '{"r":"d"}'];
    const matched = matchDecisions(entries, after.map(h));
    assert.equal(matched.has(0), false, 'the new record has no decision');
    assert.deepEqual([matched.get(1)?.decision, matched.get(1)?.match, matched.get(1)?.from], ['accept', 'moved', 0]);
    assert.deepEqual([matched.get(2)?.decision, matched.get(2)?.match], ['reject', 'moved']);
    assert.deepEqual([matched.get(4)?.decision, matched.get(4)?.match], ['reject', 'moved']);
    // "c" (was at 2, accepted) is now changed and sits at 3: its old position 2 holds "b",
    // which matched by hash, so "c edited" gets no exact/moved match…
    assert.equal(matched.get(3), undefined);
    // …but edited in place, without moving, it keeps its decision flagged stale.
    const inPlace = ['{"r":"a"}', '{"r":"b"}', '{"r":"c edited"}', '{"r":"d"}'];
    const m2 = matchDecisions(entries, inPlace.map(h));
    assert.deepEqual([m2.get(2)?.decision, m2.get(2)?.match], ['accept', 'stale']);
    assert.deepEqual([m2.get(0)?.match, m2.get(1)?.match, m2.get(3)?.match], ['exact', 'exact', 'exact']);
  });

  it('a decision taken after a record moved wins, also when it moves back, and compaction keeps a clearing', () => {
    const a = h('{"r":"a"}');
    const b = h('{"r":"b"}');
    // "a" accepted at 1; the two records swap; "a" rejected at 0; they swap back.
    const entries: SidecarEntry[] = [
      { i: 1, h: a, d: 'accept' },
      { i: 0, h: a, d: 'reject', comment: 'second look' },
    ];
    const back = matchDecisions(entries, [b, a]);
    assert.deepEqual([back.get(1)?.decision, back.get(1)?.comment, back.get(1)?.match], ['reject', 'second look', 'moved']);
    // Cleared at its new position: the accept taken at the old one must not come back,
    // before or after compaction.
    const cleared: SidecarEntry[] = [...entries, { i: 0, h: a, d: null }];
    assert.equal(matchDecisions(cleared, [b, a]).has(1), false);
    const compacted = parseSidecar(compactEntries(cleared)).entries;
    assert.equal(matchDecisions(compacted, [b, a]).has(1), false);
    assert.equal(matchDecisions(compacted, [a, b]).has(0), false);
    // A clearing with nothing left to hide is dropped.
    assert.equal(compactEntries([{ i: 0, h: a, d: 'accept' }, { i: 0, h: a, d: null }]), '');
  });

  it('duplicate records each keep their own decision', () => {
    const same = h('{"x":1}');
    const entries: SidecarEntry[] = [
      { i: 0, h: same, d: 'accept' },
      { i: 5, h: same, d: 'reject' },
    ];
    const m = matchDecisions(entries, [h('y'), same, h('z'), h('w'), h('v'), h('u'), same]);
    assert.equal(m.get(1)?.decision, 'accept');
    assert.equal(m.get(6)?.decision, 'reject');
  });

  it('ignores and reports a torn last line and lines that are not entries', () => {
    const good = JSON.stringify({ i: 0, h: h('a'), d: 'accept' });
    const parsed = parseSidecar(`${good}\nnot json\n{"i":"x"}\n${good.slice(0, 20)}`);
    assert.equal(parsed.entries.length, 1);
    assert.equal(parsed.torn, true);
    assert.deepEqual(parsed.problems.map((p) => p.line), [2, 3, 4]);
    assert.match(parsed.problems[2].message, /incomplete/);
  });

  it('appends after a torn line on a fresh line, so the next decision is readable', () => {
    const path = join(dir, 'd.jsonl.review.jsonl');
    appendDecisions(path, [{ i: 0, h: h('a'), d: 'accept' }]);
    appendFileSync(path, '{"i":1,"h":"00'); // a write cut short
    appendDecisions(path, [{ i: 2, h: h('c'), d: 'reject' }]);
    const parsed = readSidecar(path);
    assert.deepEqual(parsed.entries.map((e) => e.i), [0, 2]);
    assert.equal(parsed.torn, false);
    assert.equal(parsed.problems.length, 1);
  });

  it('compacts through a temporary file: one line per decided key, same decisions', () => {
    const path = join(dir, 'd.jsonl.review.jsonl');
    for (let k = 0; k < 5; k++) appendDecisions(path, [{ i: 0, h: h('a'), d: k % 2 ? 'reject' : 'accept' }]);
    appendDecisions(path, [{ i: 1, h: h('b'), d: 'skip' }, { i: 1, h: h('b'), d: null }]);
    const before = matchDecisions(readSidecar(path).entries, [h('a'), h('b')]);
    assert.deepEqual(compactSidecar(path), { before: 7, after: 1 });
    const after = matchDecisions(readSidecar(path).entries, [h('a'), h('b')]);
    assert.deepEqual([...after], [...before]);
    assert.equal(readFileSync(path, 'utf8').split('\n').length, 2);
  });

  it('a process killed while appending never corrupts earlier decisions', async function () {
    this.timeout(30_000);
    const path = join(dir, 'crash.jsonl.review.jsonl');
    const earlier: SidecarEntry[] = Array.from({ length: 20 }, (_, i) => ({ i, h: h(`r${i}`), d: 'accept', labels: ['ok'] }));
    appendDecisions(path, earlier);
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'fixtures', 'appender.ts'), path], { stdio: 'ignore' });
      const startSize = statSync(path).size;
      // Let it write for a while, then kill it without warning.
      await new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (statSync(path).size > startSize + 20_000 || Date.now() - started > 20_000) {
            clearInterval(poll);
            child.kill('SIGKILL');
            resolve();
          }
        }, 20);
        child.on('error', reject);
      });
      await new Promise((resolve) => child.on('exit', resolve));
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n');
      const complete = text.endsWith('\n') ? lines.slice(0, -1) : lines.slice(0, -1);
      for (const line of complete) assert.doesNotThrow(() => JSON.parse(line), `line does not parse: ${line.slice(0, 80)}`);
      const parsed = readSidecar(path);
      assert.ok(parsed.entries.length > 20, `${parsed.entries.length} entries`);
      const matched = matchDecisions(parsed.entries, earlier.map((e) => e.h));
      for (let i = 0; i < 20; i++) assert.equal(matched.get(i)?.decision, 'accept');
      assert.ok(parsed.problems.every((p) => /incomplete/.test(p.message)), JSON.stringify(parsed.problems));
    }
  });
});
