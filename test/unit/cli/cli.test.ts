import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REWARD_NAMES } from '../../../src/core/types';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');
const fixtures = join(repoRoot, 'test', 'fixtures', 'datasets');
const fixture = (name: string) => join(fixtures, name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cot(args: string[], input?: string, cwd = repoRoot): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim());
const TEXT_LINE = /^(.+):(\d+):(\d+): (error|warning|info) (.+) \[([a-z0-9-]+)\]$/;

describe('cot-trace CLI (dist/cli.js)', function () {
  this.timeout(120_000);

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' });
  });

  describe('lint', () => {
    it('exits 0 on a clean dataset, printing file:line:col: severity message [rule]', () => {
      const run = cot(['lint', fixture('clean.jsonl')]);
      assert.equal(run.code, 0, run.stderr + run.stdout);
      for (const line of lines(run.stdout)) {
        const m = TEXT_LINE.exec(line);
        assert.ok(m, line);
        assert.notEqual(m[4], 'error');
      }
    });

    it('exits 1 with error-level findings, located on the right line and column', () => {
      const run = cot(['lint', fixture('broken.jsonl')]);
      assert.equal(run.code, 1);
      const source = readFileSync(fixture('broken.jsonl'), 'utf8').split('\n');
      const invalid = lines(run.stdout).map((l) => TEXT_LINE.exec(l)!).find((m) => m[6] === 'invalid-json');
      assert.ok(invalid, run.stdout);
      assert.equal(invalid[2], '2');
      assert.equal(source[1].slice(Number(invalid[3]) - 1).slice(0, 4), 'oops');
      assert.ok(lines(run.stdout).some((l) => l.includes(':4:1: warning') && l.endsWith('[no-trace]')));
    });

    it('exits 2 on a missing file (message on stderr) and on bad usage', () => {
      const missing = cot(['lint', fixture('nope.jsonl')]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read .*nope\.jsonl: no such file/);
      assert.equal(cot(['lint']).code, 2);
      assert.equal(cot(['lint', '--format', 'xml', fixture('clean.jsonl')]).code, 2);
      const badRule = cot(['lint', '--rule', 'truncated', fixture('clean.jsonl')]);
      assert.equal(badRule.code, 2);
      assert.match(badRule.stderr, /--rule truncated: expected ID=/);
      assert.equal(cot(['lint', '--weights', 'speed=1', fixture('clean.jsonl')]).code, 2);
      assert.equal(cot(['frobnicate']).code, 2);
      const unknownRule = cot(['lint', '--rule', 'no-such-rule=off', fixture('clean.jsonl')]);
      assert.equal(unknownRule.code, 2);
      assert.match(unknownRule.stderr, /no-such-rule/);
    });

    it('applies --rule to the reader\'s own findings too', () => {
      const quiet = cot(['lint', '--rule', 'invalid-json=off', fixture('broken.jsonl')]);
      assert.equal(quiet.code, 0);
      assert.ok(!quiet.stdout.includes('[invalid-json]'));
      const loud = cot(['lint', '--rule', 'no-trace=error', '--rule', 'invalid-json=warning', fixture('broken.jsonl')]);
      assert.equal(loud.code, 1);
      assert.match(loud.stdout, /:4:1: error .*\[no-trace\]/);
      assert.match(loud.stdout, /:2:\d+: warning .*\[invalid-json\]/);
    });

    it('still reports the other files when one is missing', () => {
      const run = cot(['lint', fixture('nope.jsonl'), fixture('broken.jsonl')]);
      assert.equal(run.code, 2);
      assert.match(run.stdout, /broken\.jsonl:2:\d+: error/);
    });

    it('--format json prints one JSON object per finding', () => {
      const run = cot(['lint', '--format', 'json', fixture('broken.jsonl')]);
      assert.equal(run.code, 1);
      const findings = lines(run.stdout).map((l) => JSON.parse(l));
      assert.ok(findings.length >= 2);
      for (const f of findings) {
        assert.deepEqual(Object.keys(f).slice(0, 8), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'ruleId', 'message']);
        assert.equal(typeof f.record, 'number');
      }
      const invalid = findings.find((f) => f.ruleId === 'invalid-json');
      assert.deepEqual([invalid.line, invalid.record, invalid.severity], [2, 1, 'error']);
    });

    it('--format sarif writes a SARIF 2.1.0 log', () => {
      const run = cot(['lint', '--format', 'sarif', fixture('broken.jsonl'), fixture('group.jsonl')]);
      assert.equal(run.code, 1);
      const log = JSON.parse(run.stdout);
      assert.equal(log.version, '2.1.0');
      const { driver } = log.runs[0].tool;
      assert.equal(driver.name, 'cot-trace');
      const ids = driver.rules.map((r: { id: string }) => r.id);
      assert.ok(ids.includes('invalid-json') && ids.includes('no-trace') && ids.includes('truncated'), ids.join());
      const results = log.runs[0].results;
      assert.ok(results.length >= 3);
      for (const result of results) {
        assert.equal(ids[result.ruleIndex], result.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(result.level));
        const { artifactLocation, region } = result.locations[0].physicalLocation;
        assert.match(artifactLocation.uri, /\.jsonl$/);
        assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endColumn >= region.startColumn);
      }
    });

    it('--max-findings limits the output but not the exit code', () => {
      const run = cot(['lint', '--max-findings', '1', fixture('group.jsonl'), fixture('broken.jsonl')]);
      assert.equal(lines(run.stdout).length, 1);
      assert.match(run.stderr, /more findings? not shown/);
      assert.equal(run.code, 1);
    });

    it('reads JSON documents and .cot files with their own line numbers', () => {
      const json = cot(['lint', '--format', 'json', fixture('results.json')]);
      const truncated = lines(json.stdout).map((l) => JSON.parse(l)).find((f) => f.ruleId === 'truncated');
      assert.ok(truncated, json.stdout);
      assert.equal(truncated.record, 1);
      assert.ok(truncated.line > 10);
      const cotRun = cot(['lint', '--format', 'json', fixture('sample.cot')]);
      const findings = lines(cotRun.stdout).map((l) => JSON.parse(l));
      assert.ok(findings.some((f) => f.record === 1 && f.line >= 8), cotRun.stdout);
    });

    it('follows .cot-trace.json and lets --rule override it', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cot-cli-'));
      try {
        writeFileSync(join(dir, 'data.json'), readFileSync(fixture('results.json')));
        const before = cot(['lint', '--format', 'json', 'data.json'], undefined, dir);
        assert.ok(before.stdout.includes('"truncated"'));
        writeFileSync(join(dir, '.cot-trace.json'), '{\n // quiet\n "rules": {"truncated": "off"}\n}');
        const after = cot(['lint', '--format', 'json', 'data.json'], undefined, dir);
        assert.ok(!after.stdout.includes('"truncated"'), after.stdout);
        const back = cot(['lint', '--format', 'json', '--rule', 'truncated=error', 'data.json'], undefined, dir);
        assert.equal(back.code, 1);
        assert.ok(lines(back.stdout).some((l) => JSON.parse(l).ruleId === 'truncated' && JSON.parse(l).severity === 'error'));
        // Named by an absolute path from elsewhere, the file finds its config the same way.
        const absolute = cot(['lint', '--format', 'json', join(dir, 'data.json')]);
        assert.ok(!absolute.stdout.includes('"truncated"'), absolute.stdout);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('score', () => {
    it('--explain gives each trace its extracted answer, how it was found, both normalised forms and why', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cot-explain-'));
      try {
        const records = [
          { prompt: 'Which student has the greatest average speed?', response: '<think>\nCompare the ratios.\n</think>\n\nThus, Evelyn’s average speed is the largest.', answer: '\\text{Evelyn}' },
          { prompt: 'What is the ratio of boys to girls?', response: '<think>\n2 to 8.\n</think>\n\nThe answer is 1:4.', answer: '\\frac14' },
          { prompt: 'What time does the clock show?', response: '<think>\nLook.\n</think>\n\nThe answer is 1:4.', answer: '0.25' },
        ];
        writeFileSync(join(dir, 'answers.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
        const run = cot(['score', '--explain', join(dir, 'answers.jsonl')]);
        assert.equal(run.code, 0, run.stderr);
        const answers = lines(run.stdout).map((l) => JSON.parse(l).answer);
        assert.deepEqual(
          answers.map((a) => [a.extracted, a.method, a.normalized, a.correct]),
          [
            ['Evelyn', 'sentence', { answer: 'Evelyn', reference: 'Evelyn' }, true],
            ['1:4', 'phrase', { answer: '1:4', reference: '\\frac14' }, true],
            ['1:4', 'phrase', { answer: '1:4', reference: '0.25' }, false],
          ],
        );
        assert.match(answers[0].explanation, /Answer: Evelyn \(from the word the final sentence states \(no box\)\) · expected \\text\{Evelyn\} · compared Evelyn with Evelyn · correct ✓, not boxed: the same after normalisation$/);
        assert.match(answers[1].reason, /the ratio 1:4 is 0\.25/);
        assert.match(answers[2].reason, /a ratio only when the question asks for one/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('prints one JSON line per trace with the reward names, trace indices for a generations group', () => {
      const run = cot(['score', fixture('group.jsonl')]);
      assert.equal(run.code, 0, run.stderr);
      const rows = lines(run.stdout).map((l) => JSON.parse(l));
      assert.deepEqual(
        rows.map((r) => [r.record, r.line, r.trace]),
        [
          [0, 1, 0],
          [0, 1, 1],
          [0, 1, 2],
          [1, 2, undefined],
        ],
      );
      assert.equal(rows[0].id, 'g-1');
      for (const row of rows) {
        assert.deepEqual(Object.keys(row.rewards), [...REWARD_NAMES]);
        assert.equal(typeof row.total, 'number');
      }
      assert.equal(rows[0].rewards.accuracy, 1);
      assert.equal(rows[1].rewards.accuracy, 0);
    });

    it('reads stdin with -', () => {
      const fromFile = cot(['score', fixture('clean.jsonl')]);
      const fromStdin = cot(['score', '-'], readFileSync(fixture('clean.jsonl'), 'utf8'));
      assert.equal(fromStdin.code, 0, fromStdin.stderr);
      assert.equal(lines(fromStdin.stdout).length, 2);
      assert.equal(fromStdin.stdout, fromFile.stdout);
    });

    it('--weights changes the total; reading problems go to stderr', () => {
      const base = JSON.parse(lines(cot(['score', fixture('clean.jsonl')]).stdout)[0]);
      const heavy = JSON.parse(lines(cot(['score', '--weights', 'format=10', fixture('clean.jsonl')]).stdout)[0]);
      assert.equal(base.rewards.format, 1);
      assert.ok(Math.abs(heavy.total - base.total - 9) < 1e-9, `${base.total} → ${heavy.total}`);
      const broken = cot(['score', fixture('broken.jsonl')]);
      assert.equal(lines(broken.stdout).length, 1);
      assert.match(broken.stderr, /\[invalid-json\]/);
    });

    it('gives the same output, in input order, with 1 and 2 workers', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cot-workers-'));
      try {
        const file = join(dir, 'many.jsonl');
        const rows: string[] = [];
        for (let i = 0; i < 6000; i++) {
          const thought = `Step ${i}: compute ${i} + ${i}. `.repeat(1 + (i % 17)) + (i % 5 ? '' : 'Wait, 再检查一下。');
          const closed = i % 7 ? `\n</think>\nSo the answer is \\boxed{${2 * i}}.` : '';
          rows.push(i % 997 === 3 ? '{"broken": ' : JSON.stringify({ id: `r${i}`, prompt: `What is ${i}+${i}?`, completion: `<think>\n${thought}${closed}`, answer: String(2 * i) }));
        }
        writeFileSync(file, rows.join('\n') + '\n');
        const one = cot(['score', '--workers', '1', file]);
        const two = cot(['score', '--workers', '2', file]);
        assert.equal(one.code, 0, one.stderr);
        assert.ok(lines(one.stdout).length > 5900);
        assert.equal(two.stdout, one.stdout);
        assert.equal(two.stderr, one.stderr);
        const lintOne = cot(['lint', '--format', 'json', '--workers', '1', file]);
        const lintTwo = cot(['lint', '--format', 'json', '--workers', '2', file]);
        assert.equal(lintTwo.stdout, lintOne.stdout);
        assert.equal(lintTwo.code, 1);
        const last = JSON.parse(lines(lintOne.stdout).filter((l) => l.includes('invalid-json')).pop()!);
        assert.equal(last.line, 5986);
        assert.equal(last.record, 5985);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('bundles loaded on demand', () => {
    const loadedHook = join(repoRoot, 'bench', 'loaded-bundles.cjs');
    /** Runs the CLI and lists the bundles of dist/ the process loaded. */
    function cotLoading(args: string[]): Run & { bundles: string[] } {
      const dir = mkdtempSync(join(tmpdir(), 'cot-bundles-'));
      const list = join(dir, 'loaded.txt');
      try {
        const result = spawnSync(process.execPath, ['--require', loadedHook, cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, COT_BENCH_LOADED: list } });
        const bundles = readFileSync(list, 'utf8').split('\n').filter(Boolean).sort();
        return { code: result.status, stdout: result.stdout, stderr: result.stderr, bundles };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const columnar = (name: string) => join(repoRoot, 'test', 'fixtures', 'columnar', name);

    it('runs JSON Lines with no symbolic answer on dist/cli.js alone', () => {
      for (const args of [['lint', fixture('clean.jsonl')], ['score', fixture('group.jsonl')], ['lint', fixture('broken.jsonl')]]) {
        const run = cotLoading(args);
        assert.ok(run.code === 0 || run.code === 1, run.stderr);
        assert.deepEqual(run.bundles, ['cli.js'], args.join(' '));
      }
    });

    it('loads dist/columnar.js for Parquet and Arrow, with the same results as JSON Lines', () => {
      const jsonl = cot(['score', columnar('chat.jsonl')]);
      assert.equal(jsonl.code, 0, jsonl.stderr);
      for (const name of ['chat.zstd.parquet', 'chat.lz4.arrows']) {
        const run = cotLoading(['score', columnar(name)]);
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(run.bundles, ['cli.js', 'columnar.js'], name);
        assert.equal(run.stdout, jsonl.stdout, name);
      }
    });

    it('loads dist/math.js when an answer needs the compute engine, in the main thread and in workers', () => {
      const record = (i: number) => JSON.stringify({ prompt: `Expand (x+${i})^2.`, completion: `<think>Square it.</think>\nThe answer is \\boxed{(x+${i})^2}.`, answer: `x^2+${2 * i}x+${i * i}` });
      const dir = mkdtempSync(join(tmpdir(), 'cot-math-'));
      try {
        const one = join(dir, 'one.jsonl');
        writeFileSync(one, record(1) + '\n');
        const run = cotLoading(['score', one]);
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(run.bundles, ['cli.js', 'math.js']);
        assert.equal(JSON.parse(lines(run.stdout)[0]).rewards.accuracy, 1, run.stdout);
        const many = join(dir, 'many.jsonl');
        writeFileSync(many, Array.from({ length: 400 }, (_, i) => record(i + 1)).join('\n') + '\n');
        const single = cot(['score', '--workers', '1', many]);
        const workers = cot(['score', '--workers', '2', many]);
        assert.equal(single.code, 0, single.stderr);
        assert.ok(lines(single.stdout).every((l) => JSON.parse(l).rewards.accuracy === 1), single.stdout.slice(0, 400));
        assert.equal(workers.stdout, single.stdout);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
