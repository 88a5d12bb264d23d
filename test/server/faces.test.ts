import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fixturesDir, open, pullDiagnostics, repoRoot, startClient } from './lsp';

/**
 * The same `.cot-trace.json` must give the same findings through every face: here the
 * command line (`cot-trace lint`, run from the sources) and the language server (over a real
 * LSP connection), reader findings (invalid-json, no-trace) included.
 */

const SEVERITY = ['', 'error', 'warning', 'info'];

/** `rule@line:col-line:col severity`, 0-based, from the CLI's JSON output. */
function cliFindings(dir: string, file: string): string[] {
  const run = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(repoRoot, 'src/cli/main.ts'), 'lint', '--format', 'json', file], { cwd: dir, encoding: 'utf8' });
  assert.ok((run.status === 0 || run.status === 1) && !run.stderr, run.stderr);
  return run.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { ruleId: string; line: number; column: number; endLine: number; endColumn: number; severity: string })
    .map((f) => `${f.ruleId}@${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1} ${f.severity}`)
    .sort();
}

const serverKeys = (items: Diagnostic[]) =>
  items.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${SEVERITY[d.severity ?? 1]}`).sort();

describe('the same .cot-trace.json through the CLI and the language server', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cot-faces-'));
    mkdirSync(join(dir, '.git'));
    // A record with an invalid line, one with no trace, and (added) one with an unclosed thought.
    copyFileSync(join(fixturesDir, 'datasets', 'broken.jsonl'), join(dir, 'data.jsonl'));
    appendFileSync(join(dir, 'data.jsonl'), JSON.stringify({ prompt: '2+2?', completion: '<think>\nAdd them.\n<answer>\\boxed{4}</answer>' }) + '\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function serverFindings(): Promise<string[]> {
    const client = await startClient({ rootPath: dir });
    try {
      const uri = pathToFileURL(join(dir, 'data.jsonl')).href;
      await open(client, uri, 'jsonl', readFileSync(join(dir, 'data.jsonl'), 'utf8'));
      return serverKeys((await pullDiagnostics(client, uri)).items ?? []);
    } finally {
      await client.stop();
    }
  }

  it('without a config file both report the invalid line', async () => {
    const cli = cliFindings(dir, 'data.jsonl');
    assert.ok(cli.some((k) => k.startsWith('invalid-json@')) && cli.some((k) => k.startsWith('unclosed-thought@')), cli.join('\n'));
    assert.deepEqual(await serverFindings(), cli);
  });

  it('with rules turned off and a reader severity changed, both report the same, and none of what is off', async () => {
    writeFileSync(join(dir, '.cot-trace.json'), JSON.stringify({ rules: { 'invalid-json': 'off', 'no-trace': 'info', 'unclosed-thought': 'off' } }));
    const cli = cliFindings(dir, 'data.jsonl');
    assert.ok(cli.length > 0);
    assert.ok(!cli.some((k) => k.startsWith('invalid-json@') || k.startsWith('unclosed-thought@')), cli.join('\n'));
    assert.ok(cli.some((k) => k.startsWith('no-trace@') && k.endsWith(' info')), cli.join('\n'));
    assert.deepEqual(await serverFindings(), cli);
  });

  it('a file whose lines end with \\r\\n, \\n and lone \\r gives the same records and lines in both', async () => {
    const unclosed = JSON.stringify({ prompt: '2+2?', completion: '<think>\nAdd them.\n<answer>\\boxed{4}</answer>' });
    writeFileSync(join(dir, 'data.jsonl'), `${unclosed}\r${unclosed}\r\n{"completion": oops}\r${unclosed}\n`);
    const cli = cliFindings(dir, 'data.jsonl');
    assert.deepEqual(
      cli.filter((k) => k.startsWith('unclosed-thought@')).map((k) => k.split('@')[1].split(':')[0]),
      ['0', '1', '3'],
      cli.join('\n'),
    );
    assert.ok(cli.some((k) => k.startsWith('invalid-json@2:')), cli.join('\n'));
    assert.deepEqual(await serverFindings(), cli);
  });
});

describe('Problems entries name their record', function () {
  this.timeout(120_000);

  it('a dataset diagnostic starts with the record number and id; a .cot file has one record and no prefix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cot-named-'));
    const client = await startClient({ rootPath: dir });
    try {
      const lines = [
        JSON.stringify({ id: 'math500_0000', prompt: '1+1?', completion: '<think>One and one.</think>\\boxed{2}', answer: '2' }),
        JSON.stringify({ id: 'math500_0001', prompt: '2+2?', completion: '<think>\nAdd them.\n<answer>\\boxed{4}</answer>', answer: '4' }),
        JSON.stringify({ prompt: '3+3?', completion: 'It is \\boxed{6}.', answer: '6' }),
      ];
      const uri = pathToFileURL(join(dir, 'data.jsonl')).href;
      await open(client, uri, 'jsonl', lines.join('\n') + '\n');
      const items = (await pullDiagnostics(client, uri)).items ?? [];
      const second = items.filter((d) => d.range.start.line === 1);
      const third = items.filter((d) => d.range.start.line === 2);
      assert.ok(second.length && third.length, JSON.stringify(items));
      for (const d of second) assert.match(String(d.message), /^#2 math500_0001 · \S/);
      for (const d of third) assert.match(String(d.message), /^#3 · \S/);
      const cot = pathToFileURL(join(dir, 'one.cot')).href;
      await open(client, cot, 'cot-trace', '<think>\nNo end.');
      const single = (await pullDiagnostics(client, cot)).items ?? [];
      assert.ok(single.length > 0);
      for (const d of single) assert.doesNotMatch(String(d.message), /^#\d/);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the dataset's own convention through the CLI and the language server", function () {
  this.timeout(120_000);

  it('an R1 output in an R1-Zero dataset is missing its <answer> in both, and only there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cot-convention-'));
    mkdirSync(join(dir, '.git'));
    const zero = (i: number) => JSON.stringify({ prompt: `${i}+${i}?`, completion: `<think>\nAdd ${i} and ${i}.\n</think>\n<answer>\n${2 * i}\n</answer>`, answer: String(2 * i) });
    const outlier = JSON.stringify({ prompt: '7+7?', completion: '<think>\nAdd 7 and 7.\n</think>\nThe sum is 14.', answer: '14' });
    writeFileSync(join(dir, 'data.jsonl'), [0, 1, 2, 3, 4, 5].map(zero).concat(outlier).join('\n') + '\n');
    writeFileSync(join(dir, 'alone.jsonl'), outlier + '\n');
    try {
      const cli = cliFindings(dir, 'data.jsonl');
      assert.ok(cli.some((k) => k.startsWith('missing-answer-section@6:')), cli.join('\n'));
      assert.ok(!cliFindings(dir, 'alone.jsonl').some((k) => k.startsWith('missing-answer-section@')), 'alone, the output is judged as R1');
      const client = await startClient({ rootPath: dir });
      try {
        const uri = pathToFileURL(join(dir, 'data.jsonl')).href;
        await open(client, uri, 'jsonl', readFileSync(join(dir, 'data.jsonl'), 'utf8'));
        assert.deepEqual(serverKeys((await pullDiagnostics(client, uri)).items ?? []), cli);
      } finally {
        await client.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
