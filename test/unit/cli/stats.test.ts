import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatasetStats } from '../../../src/core/review/stats';
import { corpusFile } from '../../corpus';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');

function cot(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cot-trace stats', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' }));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-stats-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('summarises a dataset as JSON: counts, accuracy, rule pass rates, histograms', () => {
    const lines = [
      { prompt: 'What is 2+2?', completion: '<think>Two and two. Wait, four.</think>\\boxed{4}', answer: '4' },
      { prompt: 'What is 3+3?', completion: '<think>Six.</think>\\boxed{7}', answer: '6' },
      { prompt: 'Name?', completion: 'no thought' },
    ];
    writeFileSync(join(dir, 'd.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n{oops\n');
    const run = cot(['stats', 'd.jsonl', '--json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const s = JSON.parse(run.stdout) as DatasetStats;
    assert.equal(s.records, 4);
    assert.equal(s.unreadable, 1);
    assert.deepEqual(s.accuracy, { judged: 2, correct: 1, rate: 0.5 });
    assert.equal(s.rules.find((r) => r.id === 'missing-thought')?.failing, 1);
    assert.equal(s.reward.histogram.counts.reduce((a, b) => a + b, 0), 3);
  });

  it('compares files side by side and writes a self-contained HTML report', function () {
    const files = ['topology_math500_deepseek_r1.jsonl', 'topology_math500_r1distill_qwen7b.jsonl', 'r1v_geoqa_qwen2vl7b_instruct.json'].map(corpusFile);
    const run = cot(['stats', ...files, '--html', 'report.html'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /records\s+20\s+20\s+754/);
    assert.match(run.stdout, /Pass rate per rule/);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.ok(!/<script/i.test(html), 'no script in the report');
    // Not checkpoints of one run: no trend line, and the report says why.
    assert.equal((html.match(/<polyline/g) ?? []).length, 0);
    assert.match(html, /No trend line: the file names carry no training steps/);
    // The same files named as checkpoints: trend lines per step, in step order.
    copyFileSync(files[1], join(dir, 'global_step_200.jsonl'));
    copyFileSync(files[0], join(dir, 'global_step_100.jsonl'));
    assert.equal(cot(['stats', 'global_step_200.jsonl', 'global_step_100.jsonl', '--html', 'steps.html'], dir).code, 0);
    const steps = readFileSync(join(dir, 'steps.html'), 'utf8');
    assert.match(steps, /Mean thought length \(characters\) per step/);
    assert.equal((steps.match(/<polyline/g) ?? []).length, 2, 'two line charts across checkpoints');
    assert.ok(steps.indexOf('step 100') < steps.indexOf('step 200'));
    assert.ok((html.match(/<svg/g) ?? []).length >= 3 * 5);
    const json = JSON.parse(cot(['stats', ...files.slice(0, 2), '--json'], dir).stdout) as DatasetStats[];
    assert.equal(json.length, 2);
    // The distilled model thinks longer and reflects more on these problems.
    assert.ok(json[1].thoughtChars.mean! > json[0].thoughtChars.mean!);
    assert.ok(json[1].reflectionRate.mean! > json[0].reflectionRate.mean!);
  });

  it('keeps going past a missing file (exit 2)', () => {
    writeFileSync(join(dir, 'a.jsonl'), JSON.stringify({ prompt: 'x', completion: '<think>y</think>z' }) + '\n');
    const run = cot(['stats', 'a.jsonl', 'missing.jsonl'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot read missing\.jsonl/);
    assert.match(run.stdout, /records\s+1/);
  });
});
