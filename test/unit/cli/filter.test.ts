import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashText } from '../../../src/core/review/hash';
import { formatEntry } from '../../../src/core/review/sidecar';
import { corpusFile } from '../../corpus';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');

function cot(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const good = (n: number, extra = '') => JSON.stringify({ prompt: `What is ${n}+${n}? ${extra}`, completion: `<think>${n}+${n} = ${2 * n}. Wait, check: yes.</think>The answer is \\boxed{${2 * n}}.`, answer: String(2 * n) });
const wrong = (n: number) => JSON.stringify({ prompt: `What is ${n}+${n}?`, completion: `<think>Guess.</think>\\boxed{${2 * n + 1}}`, answer: String(2 * n) });
const noThought = (n: number) => JSON.stringify({ prompt: `What is ${n}?`, completion: `It is \\boxed{${n}}`, answer: String(n) });

describe('cot-trace filter', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' }));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-filter-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // BOM, CRLF, unicode, a blank line and a last line without a line break.
  const records = [good(1, 'ünï ✓ 数学'), wrong(2), noThought(3), good(4), wrong(5)];
  const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${records[0]}\r\n${records[1]}\n\n${records[2]}\r\n${records[3]}\n${records[4]}`, 'utf8')]);

  it('keeps records by reward, copying their lines byte for byte (BOM, CRLF, unicode)', () => {
    writeFileSync(join(dir, 'd.jsonl'), raw);
    const run = cot(['filter', 'd.jsonl', '--min-reward', '2.5', '-o', 'out.jsonl'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /kept 2 of 5 records/);
    const out = readFileSync(join(dir, 'out.jsonl'));
    assert.deepEqual(out, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${records[0]}\r\n${records[3]}\n`, 'utf8')]));
    // --max-reward keeps the complement of the scored ones; to stdout.
    const low = cot(['filter', 'd.jsonl', '--max-reward', '2.4999', '-q'], dir);
    assert.equal(low.code, 0, low.stderr);
    assert.deepEqual(low.stdout, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${records[1]}\n${records[2]}\r\n${records[4]}`, 'utf8')]));
  });

  it('keeps records that pass the given rules', () => {
    writeFileSync(join(dir, 'd.jsonl'), raw);
    const run = cot(['filter', 'd.jsonl', '--rule-pass', 'missing-thought,answer-incorrect'], dir);
    assert.equal(run.code, 0, run.stderr);
    const kept = run.stdout.toString('utf8').replace(/^\ufeff/, '').split(/\r?\n/).filter(Boolean);
    assert.deepEqual(kept, [records[0], records[3]]);
    const bad = cot(['filter', 'd.jsonl', '--rule-pass', 'no-such-rule'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown rule id: no-such-rule/);
  });

  it('applies review decisions: rejected records dropped, --accepted-only keeps accepted ones, stale ones ignored', () => {
    const plain = records.join('\n') + '\n';
    writeFileSync(join(dir, 'd.jsonl'), plain);
    const sidecar = [
      formatEntry({ i: 0, h: hashText(records[0]), d: 'accept' }),
      formatEntry({ i: 1, h: hashText(records[1]), d: 'reject' }),
      formatEntry({ i: 3, h: hashText(records[3]), d: 'accept' }),
      formatEntry({ i: 4, h: hashText('an older version of record 5'), d: 'accept' }),
    ].join('');
    writeFileSync(join(dir, 'd.jsonl.review.jsonl'), sidecar + '{"i":9,"h":"00');
    const accepted = cot(['filter', 'd.jsonl', '--accepted-only'], dir);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.equal(accepted.stdout.toString('utf8'), `${records[0]}\n${records[3]}\n`);
    assert.match(accepted.stderr, /1 decision was taken on an earlier version/);
    assert.match(accepted.stderr, /incomplete/);
    const notRejected = cot(['filter', 'd.jsonl', '--decisions', 'd.jsonl.review.jsonl'], dir);
    assert.equal(notRejected.stdout.toString('utf8'), [0, 2, 3, 4].map((i) => records[i] + '\n').join(''));
  });

  it('filters a real dataset and writes a subset of its lines unchanged', function () {
    const CORPUS = corpusFile('topology_math500_deepseek_r1.jsonl');
    copyFileSync(CORPUS, join(dir, 'math.jsonl'));
    const run = cot(['filter', 'math.jsonl', '--rule-pass', 'answer-missing,long-paragraph', '-o', 'kept.jsonl'], dir);
    assert.equal(run.code, 0, run.stderr);
    const source = readFileSync(CORPUS, 'utf8').split('\n');
    const kept = readFileSync(join(dir, 'kept.jsonl'), 'utf8').split('\n').filter(Boolean);
    assert.ok(kept.length > 5 && kept.length < 20, `${kept.length} kept`);
    for (const line of kept) assert.ok(source.includes(line), 'every kept line is a source line');
  });

  it('reports a missing file and bad numbers as usage errors', () => {
    assert.equal(cot(['filter', 'nope.jsonl'], dir).code, 2);
    assert.equal(cot(['filter', 'nope.jsonl', '--min-reward', 'abc'], dir).code, 2);
  });
});
