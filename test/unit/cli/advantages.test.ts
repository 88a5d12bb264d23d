import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { corpusFile } from '../../corpus';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');

function cot(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (text: string) => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
const close = (a: unknown, b: number, tol = 1e-9) => assert.ok(typeof a === 'number' && Math.abs(a - b) <= tol, `expected ${b}, got ${String(a)}`);

// A trace scored by `cot-trace score`, as it prints it.
const scoreLine = (record: number, total: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ record, line: record + 1, ...extra, rewards: { format: 1, tag_count: 1, language: null, accuracy: total - 2, reasoning_steps: null, repetition: 0, overlong: 0 }, total });

describe('cot-trace advantages (dist/cli.js)', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    const started = Date.now() - 1000;
    // Another panel's bundle failing must not hide ours: require a fresh dist/cli.js.
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' });
    assert.ok(statSync(cli).mtimeMs >= started, 'dist/cli.js was not rebuilt');
    dir = mkdtempSync(join(tmpdir(), 'cot-adv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('arrays, one group per line, TRL by default: the seed example gives ±0.8659', () => {
    const run = cot(['advantages'], '[0,1,1,0]\n[1,1,1]\n');
    assert.equal(run.code, 0, run.stderr);
    const [g0, g1] = json(run.stdout);
    const a = 0.5 / (Math.sqrt(1 / 3) + 1e-4);
    (g0.advantages as number[]).forEach((v, i) => close(v, [-a, a, a, -a][i], 1e-12));
    assert.equal(g0.mean, 0.5);
    assert.equal(g0.zero_signal, false);
    assert.deepEqual(g1.advantages, [0, 0, 0]);
    assert.equal(g1.zero_signal, true);
  });

  it('--preset paper gives exactly ±1; --preset dr-grpo ±0.5; --std/--eps override', () => {
    assert.deepEqual(json(cot(['advantages', '--preset', 'paper'], '[0,1,1,0]').stdout)[0].advantages, [-1, 1, 1, -1]);
    assert.deepEqual(json(cot(['advantages', '--preset', 'dr-grpo'], '[0,1,1,0]').stdout)[0].advantages, [-0.5, 0.5, 0.5, -0.5]);
    // population std 0.5 + eps 0.5 = 1
    assert.deepEqual(json(cot(['advantages', '--std', 'population', '--eps', '0.5'], '[0,1,1,0]').stdout)[0].advantages, [-0.5, 0.5, 0.5, -0.5]);
    assert.deepEqual(json(cot(['advantages', '--preset', 'verl'], '[2]').stdout)[0].advantages, [Number((2 / 1.000001).toPrecision(15))]);
  });

  it('several reward functions per output, combined with --weights', () => {
    const file = join(dir, 'multi.jsonl');
    writeFileSync(file, '[{"a":1,"b":0},{"a":0,"b":1}]\n');
    // weights a=1, b=3: rewards [1, 3]; population std 1 → ±1
    const run = cot(['advantages', file, '--preset', 'paper', '--weights', 'a=1,b=3']);
    assert.equal(run.code, 0, run.stderr);
    const [g] = json(run.stdout);
    assert.deepEqual(g.rewards, [1, 3]);
    assert.deepEqual(g.advantages, [-1, 1]);
  });

  it('score output: grouped by record, identifiers echoed, one line per trace', () => {
    const input = [
      scoreLine(0, 3, { trace: 0 }),
      scoreLine(0, 2, { trace: 1 }),
      scoreLine(1, 3, { id: 'x' }),
    ].join('\n');
    const run = cot(['advantages', '--preset', 'paper'], input);
    assert.equal(run.code, 0, run.stderr);
    const out = json(run.stdout);
    assert.equal(out.length, 3);
    assert.deepEqual(out[0], { record: 0, line: 1, trace: 0, reward: 3, advantage: 1, group: 0, group_size: 2, group_mean: 2.5, group_std: 0.5, zero_signal: false });
    assert.equal(out[1].advantage, -1);
    assert.equal(out[2].id, 'x');
    assert.equal(out[2].group, 1);
    assert.equal(out[2].advantage, 0);
    assert.equal(out[2].zero_signal, true);
  });

  it('score output: --group-by a field, --group-size runs, --scale batch, --weights over "rewards"', () => {
    const input = [scoreLine(0, 2, { id: 'p1' }), scoreLine(1, 3, { id: 'p2' }), scoreLine(2, 3, { id: 'p1' }), scoreLine(3, 3, { id: 'p2' })].join('\n');
    const byId = json(cot(['advantages', '--group-by', 'id', '--preset', 'paper'], input).stdout);
    assert.deepEqual(byId.map((o) => o.group), [0, 1, 0, 1]);
    assert.deepEqual(byId.map((o) => o.advantage), [-1, 0, 1, 0]);
    const runs = json(cot(['advantages', '--group-size', '2', '--preset', 'paper'], input).stdout);
    assert.deepEqual(runs.map((o) => o.group), [0, 0, 1, 1]);
    assert.deepEqual(runs.map((o) => o.advantage), [-1, 1, 0, 0]);
    // Batch: pool [2,3,3,3] population std sqrt(3/16) = 0.4330127…; group 0 mean 2.5 → ∓0.5/0.4330127
    const batch = json(cot(['advantages', '--group-size', '2', '--preset', 'paper', '--scale', 'batch'], input).stdout);
    close(batch[0].advantage, -0.5 / Math.sqrt(3 / 16));
    // Weighted rewards: accuracy × 10 + format + tag_count: totals 2,3 → 2, 12
    const weighted = json(cot(['advantages', '--group-size', '2', '--weights', 'accuracy=10'], input).stdout);
    assert.deepEqual(weighted.slice(0, 2).map((o) => o.reward), [2, 12]);
  });

  it('bad lines: reported on stderr with their number, the rest still computed, exit 1', () => {
    const run = cot(['advantages'], '[0,1]\nnot json\n["a"]\n{"record":0}\n\n[1,0]\n');
    assert.equal(run.code, 1);
    const out = json(run.stdout);
    assert.equal(out.length, 2);
    assert.deepEqual(out.map((o) => o.line), [1, 6]);
    assert.match(run.stderr, /<stdin>:2: not valid JSON/);
    assert.match(run.stderr, /<stdin>:3: element 1 is not a reward/);
    assert.match(run.stderr, /<stdin>:4: an object among arrays/);
  });

  it('usage errors exit 2: unknown preset, bad --eps, bad --weights, missing file', () => {
    assert.equal(cot(['advantages', '--preset', 'ppo'], '[1]').code, 2);
    assert.equal(cot(['advantages', '--eps', '-1'], '[1]').code, 2);
    assert.equal(cot(['advantages', '--weights', 'a'], '[1]').code, 2);
    const missing = cot(['advantages', join(dir, 'nope.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read/);
  });

  it('composes with `cot-trace score`: a generations record is one group', () => {
    const scored = cot(['score', join(repoRoot, 'test/fixtures/datasets/group.jsonl')]);
    const out = json(cot(['advantages', '--preset', 'paper'], scored.stdout).stdout);
    // record 0 holds three generations scoring 2, 1, 0: mean 1, population std sqrt(2/3)
    const g0 = out.filter((o) => o.record === 0);
    assert.deepEqual(g0.map((o) => o.trace), [0, 1, 2]);
    assert.deepEqual(g0.map((o) => o.reward), [2, 1, 0]);
    close(g0[0].advantage, 1 / Math.sqrt(2 / 3), 1e-12);
    assert.equal(g0[1].advantage, 0);
    assert.equal(g0[0].id, 'g-1');
  });

  it('composes with `cot-trace score` on a real dataset', () => {
    const scored = cot(['score', corpusFile('skythought_sky-t1-14b-wrong5k_aime24.head12.jsonl')]);
    const run = cot(['advantages', '--group-size', '4', '--summary'], scored.stdout);
    assert.equal(run.code, 0, run.stderr);
    const out = json(run.stdout);
    assert.equal(out.length, 12);
    for (let g = 0; g < 3; g++) {
      const sum = out.filter((o) => o.group === g).reduce((s, o) => s + (o.advantage as number), 0);
      close(sum, 0, 1e-9);
    }
    assert.match(run.stderr, /^3 groups, 12 outputs/m);
  });
});
