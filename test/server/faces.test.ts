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
