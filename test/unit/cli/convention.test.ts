import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatasetStats } from '../../../src/core/review/stats';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');

function cot(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Twelve R1-Zero traces and, as record 8, one with free text after the thought. */
function r1ZeroDataset(): string {
  const lines = Array.from({ length: 12 }, (_, k) => ({
    prompt: `What is ${k} + ${k}?`,
    completion: k === 7 ? `<think>${k} plus ${k} is ${2 * k}.</think> The sum is ${2 * k}.` : `<think>${k} plus ${k} is ${2 * k}.</think> <answer>${2 * k}</answer>`,
    answer: String(2 * k),
  }));
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

describe('the dataset\'s own convention (CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' }));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-conv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lint judges a thought with free text in an R1-Zero dataset as an R1-Zero trace without its <answer>', () => {
    writeFileSync(join(dir, 'd.jsonl'), r1ZeroDataset());
    const run = cot(['lint', 'd.jsonl', '--format', 'json'], dir);
    const parse = (out: string) => out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { ruleId: string; line: number });
    const findings = parse(run.stdout);
    const missing = findings.filter((f) => f.ruleId === 'missing-answer-section');
    assert.deepEqual(missing.map((f) => f.line), [8], run.stdout);
    // Each trace on its own: the outlier passes as R1.
    writeFileSync(join(dir, '.cot-trace.json'), '{"convention": "per-trace"}');
    const perTrace = parse(cot(['lint', 'd.jsonl', '--format', 'json'], dir).stdout);
    assert.equal(perTrace.filter((f) => f.ruleId === 'missing-answer-section').length, 0);
  });

  it('stats says which convention was assumed', () => {
    writeFileSync(join(dir, 'd.jsonl'), r1ZeroDataset());
    const s = JSON.parse(cot(['stats', 'd.jsonl', '--json'], dir).stdout) as DatasetStats;
    assert.match(s.assumedConvention ?? '', /^r1-zero \(92% of the first 12 traces/);
    assert.equal(s.conventions['r1-zero'], 12);
    const text = cot(['stats', 'd.jsonl'], dir).stdout;
    assert.match(text, /convention assumed\s+r1-zero/);
  });
});
