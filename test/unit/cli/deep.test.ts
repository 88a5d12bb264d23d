import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');

function cot(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const GOOD = JSON.stringify({ prompt: 'q', completion: '<think>a</think>b' });

describe('cot-trace CLI: deeply nested input', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' });
    dir = mkdtempSync(join(tmpdir(), 'cot-deep-'));
    writeFileSync(join(dir, 'deep.jsonl'), [GOOD, '{"completion":' + '['.repeat(20_000), GOOD, ''].join('\n'));
    writeFileSync(join(dir, 'deep.json'), '['.repeat(1_000_000) + ']'.repeat(1_000_000));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lint: a line of 20,000 unclosed [ is one invalid-json finding; the lines around it are checked', () => {
    const run = cot(['lint', '--format', 'json', join(dir, 'deep.jsonl')]);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
    const findings = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; ruleId: string });
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'invalid-json').map((f) => f.line),
      [2],
    );
    assert.ok(findings.some((f) => f.line === 1) && findings.some((f) => f.line === 3), run.stdout);
  });

  it('score and filter: the good lines are scored, every line is still read', () => {
    const score = cot(['score', join(dir, 'deep.jsonl')]);
    assert.doesNotMatch(score.stderr, /call stack|at /);
    assert.equal(score.stdout.trim().split('\n').length, 2, score.stdout);
    const filter = cot(['filter', join(dir, 'deep.jsonl')]);
    assert.doesNotMatch(filter.stderr, /call stack|at /);
    assert.equal(filter.code, 0);
    assert.match(filter.stderr, /kept 3 of 3/);
    assert.equal(filter.stdout.split('\n').length, 4);
  });

  it('a balanced 1,000,000-deep .json document is reported as a finding, not a crash', () => {
    const run = cot(['lint', join(dir, 'deep.json')]);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /deep\.json:1:\d+: .*\[(no-trace|unsupported-document)\]/);
  });
});
