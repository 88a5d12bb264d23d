import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverBundle } from './lsp';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

describe('a third-party LSP client: headless Neovim', function () {
  this.timeout(60000);
  let dir: string;
  before(function () {
    if (!hasNvim) throw new Error('nvim is missing: install Debian\'s neovim (scripts/provision.sh).');
    dir = mkdtempSync(join(tmpdir(), 'cot-nvim-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gets the server\'s diagnostics and hover for a .cot file through vim.lsp', async () => {
    const server = await serverBundle();
    const file = join(dir, 'unclosed.cot');
    writeFileSync(file, 'User: What is 2+2?\nAssistant: <think>\nAdd the two numbers: 2+2 = 4.\n<answer>\\boxed{4}</answer>\nExpected: 4\n');
    const out = join(dir, 'out.json');
    const run = spawnSync('nvim', ['--headless', '--noplugin', '-i', 'NONE', '-n', '-u', resolve(__dirname, 'nvim/init.lua')], {
      env: { ...process.env, COT_SERVER: server, COT_FILE: file, COT_OUT: out, XDG_CACHE_HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
      encoding: 'utf8',
      timeout: 45000,
    });
    assert.equal(run.status, 0, `nvim failed: ${run.stderr}${run.stdout}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      waited: boolean;
      items: Array<{ lnum: number; col: number; end_col: number; code: string; severity: number; source: string; message: string }>;
      hover: string | null;
    };
    assert.equal(result.waited, true, 'no diagnostics arrived in time');
    const unclosed = result.items.find((d) => d.code === 'unclosed-thought');
    assert.ok(unclosed, JSON.stringify(result.items));
    // `<think>` on line 2 (0-based 1), after "Assistant: ".
    assert.deepEqual([unclosed.lnum, unclosed.col, unclosed.end_col], [1, 11, 18]);
    assert.equal(unclosed.severity, 1);
    assert.equal(unclosed.source, 'cot-trace');
    assert.match(result.hover ?? '', /\| reward \| value \| weight \| contribution \|/);
  });
});
