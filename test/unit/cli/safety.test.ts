// Regression tests of issue 12 ("nothing lost, nothing crashes") for the command line:
// outputs never destroy inputs, write errors fail cleanly, `filter` reports like `lint`,
// `-` and named pipes are read as streams, workers are capped, line numbers are absolute,
// and loose config values are reported.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, linkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');

function cot(args: string[], cwd: string, input?: string | Buffer) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, input, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** One line of stderr, no Node stack trace. */
function oneCleanLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.doesNotMatch(stderr, /\n\s+at |Error: .*\n|node:internal/, stderr);
}

const rec = (n: number) => JSON.stringify({ prompt: `What is ${n}+${n}?`, completion: `<think>${n}+${n} = ${2 * n}. Wait, yes.</think>The answer is \\boxed{${2 * n}}.`, answer: String(2 * n) });
const dataset = Array.from({ length: 30 }, (_, i) => rec(i)).join('\n') + '\n';

describe('CLI safety (issue 12)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' }));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cot-safety-'));
    writeFileSync(join(dir, 'd.jsonl'), dataset);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('filter -o never destroys an input', () => {
    for (const [name, setup, target] of [
      ['the input itself', () => undefined, 'd.jsonl'],
      ['a symlink to the input', () => symlinkSync('d.jsonl', join(dir, 'link.jsonl')), 'link.jsonl'],
      ['a hard link to the input (same inode)', () => linkSync(join(dir, 'd.jsonl'), join(dir, 'hard.jsonl')), 'hard.jsonl'],
      ['the input by another path', () => mkdirSync(join(dir, 'sub')), 'sub/../d.jsonl'],
      ['the review sidecar', () => writeFileSync(join(dir, 'd.jsonl.review.jsonl'), '{"i":0,"h":"0000000000000000","d":"accept"}\n'), 'd.jsonl.review.jsonl'],
    ] as Array<[string, () => void, string]>) {
      it(`refuses -o onto ${name} with exit 2, leaving it whole`, () => {
        setup();
        const sidecarBefore = existsSync(join(dir, 'd.jsonl.review.jsonl')) ? readFileSync(join(dir, 'd.jsonl.review.jsonl'), 'utf8') : undefined;
        const run = cot(['filter', 'd.jsonl', '-o', target], dir);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /refusing to write .* same file as the (input|review sidecar)/);
        oneCleanLine(run.stderr);
        assert.equal(readFileSync(join(dir, 'd.jsonl'), 'utf8'), dataset);
        if (sidecarBefore !== undefined) assert.equal(readFileSync(join(dir, 'd.jsonl.review.jsonl'), 'utf8'), sidecarBefore);
      });
    }

    it('refuses -o onto the file given as the input through a symlink', () => {
      symlinkSync('d.jsonl', join(dir, 'link.jsonl'));
      const run = cot(['filter', 'link.jsonl', '-o', 'd.jsonl'], dir);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(readFileSync(join(dir, 'd.jsonl'), 'utf8'), dataset);
    });
  });

  describe('write errors fail with exit 2 and one clear line, never a half file', () => {
    it('filter -o /dev/full', function () {
      // /dev/full is Linux's always-full device; every machine CI runs on (Debian) has it. A skip is
      // never silent: scripts/test-all.sh counts it as "not run" and fails the step.
      if (!existsSync('/dev/full')) this.skip();
      const run = cot(['filter', 'd.jsonl', '-o', '/dev/full'], dir);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /cannot write \/dev\/full: no space left on device/);
      oneCleanLine(run.stderr);
    });

    it('filter -o into a missing folder, and onto a directory', () => {
      const missing = cot(['filter', 'd.jsonl', '-o', 'nowhere/out.jsonl'], dir);
      assert.equal(missing.code, 2, missing.stderr);
      assert.match(missing.stderr, /the folder nowhere does not exist/);
      oneCleanLine(missing.stderr);
      mkdirSync(join(dir, 'out.jsonl'));
      const onDir = cot(['filter', 'd.jsonl', '-o', 'out.jsonl'], dir);
      assert.equal(onDir.code, 2, onDir.stderr);
      assert.match(onDir.stderr, /is a directory/);
      oneCleanLine(onDir.stderr);
    });

    it('standard output on a full device: exit 2, one line (lint, score, filter, stats)', function () {
      // /dev/full is Linux's always-full device; every machine CI runs on (Debian) has it. A skip is
      // never silent: scripts/test-all.sh counts it as "not run" and fails the step.
      if (!existsSync('/dev/full')) this.skip();
      for (const args of [['lint', 'd.jsonl', '--format', 'sarif'], ['score', 'd.jsonl'], ['filter', 'd.jsonl', '-q'], ['stats', 'd.jsonl']]) {
        const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" ${args.join(' ')} > /dev/full`], { cwd: dir });
        assert.equal(r.status, 2, `${args[0]}: ${r.status} ${r.stderr}`);
        assert.match(r.stderr.toString(), /cannot write to standard output: no space left on device/);
        oneCleanLine(r.stderr.toString());
      }
    });

    it('output goes through a temporary file in the target folder, renamed when complete', () => {
      writeFileSync(join(dir, 'old.jsonl'), 'a good earlier output\n');
      const run = cot(['filter', 'd.jsonl', '--min-reward', '0', '-o', 'old.jsonl'], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(readFileSync(join(dir, 'old.jsonl'), 'utf8'), dataset);
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
      // A run that fails (unknown rule) leaves the earlier output untouched.
      const bad = cot(['filter', 'd.jsonl', '--rule-pass', 'no-such-rule', '-o', 'old.jsonl'], dir);
      assert.equal(bad.code, 2);
      assert.equal(readFileSync(join(dir, 'old.jsonl'), 'utf8'), dataset);
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    });

    it('stats --html: refuses an input, fails cleanly on /dev/full and a missing folder', () => {
      const onInput = cot(['stats', 'd.jsonl', '--html', 'd.jsonl'], dir);
      assert.equal(onInput.code, 2, onInput.stderr);
      assert.equal(readFileSync(join(dir, 'd.jsonl'), 'utf8'), dataset);
      const missing = cot(['stats', 'd.jsonl', '--html', 'nowhere/r.html'], dir);
      assert.equal(missing.code, 2, missing.stderr);
      assert.match(missing.stderr, /cannot write nowhere\/r.html: the folder nowhere does not exist/);
      if (existsSync('/dev/full')) {
        const full = cot(['stats', 'd.jsonl', '--html', '/dev/full'], dir);
        assert.equal(full.code, 2, full.stderr);
        assert.match(full.stderr, /no space left on device/);
      }
    });
  });

  describe('filter reports problems the way lint does', () => {
    it('--accepted-only with no sidecar is an error (exit 2), not "kept 0"', () => {
      const run = cot(['filter', 'd.jsonl', '--accepted-only'], dir);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /cannot read the review decisions d\.jsonl\.review\.jsonl: no such file/);
      assert.doesNotMatch(run.stderr, /kept/);
      const named = cot(['filter', 'd.jsonl', '--decisions', 'missing.review.jsonl'], dir);
      assert.equal(named.code, 2, named.stderr);
    });

    it('-c missing.json is an error, as for lint', () => {
      const filter = cot(['filter', 'd.jsonl', '-c', 'missing.json'], dir);
      const lint = cot(['lint', 'd.jsonl', '-c', 'missing.json'], dir);
      assert.equal(lint.code, 2);
      assert.equal(filter.code, 2, filter.stderr);
      assert.equal(filter.stdout.length, 0);
      assert.equal(filter.stderr, lint.stderr);
    });

    it('config problems are printed, the same lines as lint prints', () => {
      writeFileSync(join(dir, '.cot-trace.json'), '{"rules": {"no-such-rule": "off", "long-paragraph": {"maxChars": -1}}, "bogus": 1}');
      const lint = cot(['lint', 'd.jsonl'], dir);
      const filter = cot(['filter', 'd.jsonl', '-q'], dir);
      const stats = cot(['stats', 'd.jsonl'], dir);
      assert.match(lint.stderr, /unknown setting "bogus"/);
      assert.match(lint.stderr, /Unknown rule "no-such-rule"/);
      assert.equal(filter.stderr, lint.stderr);
      assert.equal(stats.stderr, lint.stderr);
    });
  });

  describe('loose values are reported', () => {
    it('maxChars: -1 (and NaN-like or fractional options) are config problems; the default is used', () => {
      writeFileSync(join(dir, '.cot-trace.json'), '{"rules": {"long-paragraph": {"maxChars": -1}, "repetition-loop": {"minRepeats": 2.5, "maxPenalty": 3}}, "overlong": {"maxLength": -5, "cache": 1}}');
      const lint = cot(['lint', 'd.jsonl'], dir);
      assert.match(lint.stderr, /option "maxChars" must be at least 1, not -1/);
      assert.match(lint.stderr, /option "minRepeats" must be a whole number, not 2.5/);
      assert.match(lint.stderr, /option "maxPenalty" must be at most 0, not 3/);
      assert.match(lint.stderr, /"overlong" needs maxLength > 0/);
      // The default (3000) applies: a 30-character paragraph is not reported as over-long.
      assert.doesNotMatch(lint.stdout.toString(), /long-paragraph/);
    });

    it('--field trace=[[[ is a usage error (exit 2) in every command that takes it', () => {
      for (const command of ['lint', 'score']) {
        const run = cot([command, 'd.jsonl', '--field', 'trace=[[['], dir);
        assert.equal(run.code, 2, `${command}: ${run.stderr}`);
        assert.match(run.stderr, /"\[\[\[" is not a field path/);
      }
    });
  });

  describe('inputs', () => {
    it('filter - and stats - read standard input', () => {
      const filter = cot(['filter', '-', '-q'], dir, dataset);
      assert.equal(filter.code, 0, filter.stderr);
      assert.equal(filter.stdout.toString(), dataset);
      const stats = cot(['stats', '-', '--json'], dir, dataset);
      assert.equal(stats.code, 0, stats.stderr);
      assert.equal(JSON.parse(stats.stdout.toString()).records, 30);
      const out = cot(['filter', '-', '-q', '--min-reward', '100', '-o', 'none.jsonl'], dir, dataset);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(readFileSync(join(dir, 'none.jsonl'), 'utf8'), '');
    });

    /**
     * Runs the CLI on a named pipe whose writer shows up later: after `delay` ms, or, with
     * `untilNote`, once the CLI has said it is waiting (so a slow start cannot race the note).
     */
    async function withLateWriter(args: string[], viaStdin: boolean, delay: number, untilNote = false) {
      const fifo = join(dir, 'pipe.jsonl');
      rmSync(fifo, { force: true });
      execFileSync('mkfifo', [fifo]);
      const command = `exec "${process.execPath}" "${cli}" ${args.map((a) => (a === 'FIFO' ? (viaStdin ? '-' : '"' + fifo + '"') : a)).join(' ')}${viaStdin ? ` < "${fifo}"` : ''}`;
      const child = spawn('sh', ['-c', command], { cwd: dir, env: { ...process.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      if (untilNote) {
        const deadline = Date.now() + 15_000;
        while (!/waiting for /.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      } else await new Promise((r) => setTimeout(r, delay));
      const writer = createWriteStream(fifo); // opens (without blocking this process) once the reader is there
      writer.end(dataset);
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      return { code, stdout, stderr };
    }

    for (const command of ['stats', 'advantages', 'lint', 'filter']) {
      it(`${command} on a named pipe whose writer comes later: a note while waiting, then the data`, async function () {
        // Named pipes (mkfifo) are POSIX; CI runs on Linux, so this always runs there (and a skip
        // would be counted as "not run", which fails scripts/test-all.sh).
        if (process.platform === 'win32') this.skip();
        const args = command === 'advantages' ? [command, 'FIFO'] : command === 'stats' ? [command, 'FIFO', '--json'] : [command, 'FIFO'];
        const r = await withLateWriter(args, false, 0, true);
        if (command === 'advantages') {
          // records are not rewards: every line is reported, exit 1 — but it read them.
          assert.equal(r.code, 1, r.stderr);
          assert.match(r.stderr, /no reward found/);
        } else assert.ok(r.code === 0 || r.code === 1, r.stderr);
        assert.match(r.stderr, /waiting for .*pipe\.jsonl: it is a named pipe/);
        if (command === 'stats') assert.equal(JSON.parse(r.stdout).records, 30);
        if (command === 'filter') assert.equal(r.stdout, dataset);
      });
    }

    it('a named pipe given as - (standard input), its writer coming later', async function () {
      // Named pipes are POSIX: CI (Linux) always runs this, and a skip there would be counted as
      // "not run", which fails scripts/test-all.sh.
      if (process.platform === 'win32') this.skip();
      const r = await withLateWriter(['stats', 'FIFO', '--json'], true, 500);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).records, 30);
      const f = await withLateWriter(['filter', 'FIFO', '-q'], true, 500).catch((e) => e);
      assert.equal(f.stdout, dataset, f.stderr);
    });
  });

  describe('workers', () => {
    it('-w 1000 starts no more threads than cores, with a note', () => {
      const run = cot(['lint', 'd.jsonl', '-w', '1000', '-q'], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`--workers 1000 capped at ${availableParallelism()}, the number of cores`));
      assert.equal(run.stdout.toString(), cot(['lint', 'd.jsonl'], dir).stdout.toString());
    });
  });

  describe('line numbers', () => {
    it('invalid-utf8 names the line in the file, past the first 1 MB read batch', () => {
      const long = (n: number) => JSON.stringify({ prompt: `${n} ${'p'.repeat(1400)}`, completion: '<think>ok</think>\\boxed{1}' });
      const lines = Array.from({ length: 1500 }, (_, i) => Buffer.from(long(i)));
      lines[1000] = Buffer.from(long(1000).replace('ok', 'o\u0000').replace('\u0000', '\\u0000'));
      const bad = Buffer.from(long(1000));
      bad[bad.indexOf('ok') + 1] = 0xff; // one invalid byte on line 1001
      lines[1000] = bad;
      writeFileSync(join(dir, 'big.jsonl'), Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
      for (const args of [['lint', 'big.jsonl'], ['lint', 'big.jsonl', '-w', '2'], ['lint', '-']]) {
        const run = args[1] === '-' ? cot(args, dir, readFileSync(join(dir, 'big.jsonl'))) : cot(args, dir);
        const hit = run.stdout.toString().split('\n').find((l) => l.includes('invalid-utf8'));
        assert.ok(hit, run.stdout.toString().slice(0, 500));
        assert.match(hit!, /:1001:\d+: warning Line 1001 holds bytes/, `${args.join(' ')}: ${hit}`);
      }
    });
  });
});
