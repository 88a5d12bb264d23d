/**
 * Runs the extension-host suite (test/suite, bundled to out/test/suite) inside code-server:
 * the workbench is opened with a `payload` that loads this repository as the extension
 * under development and its tests module; the workbench reports the result through
 * `codeAutomationExit` (0 when the suite's run() resolves).
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SUITE_OUT } from '../../scripts/e2e/codeServer';
import { openWorkbench, screenshot } from '../../scripts/e2e/workbench';
import { e2e } from './fixture';

/** The host's console arguments arrive as an array: apply printf-style `%s`/`%d` like console.log. */
function formatConsoleArgs(args: unknown): string {
  if (!Array.isArray(args)) return typeof args === 'string' ? args : JSON.stringify(args);
  const [first, ...rest] = args as unknown[];
  const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
  if (typeof first !== 'string') return args.map(show).join(' ');
  const text = first.replace(/%[sdifoOj%]/g, (spec) => (spec === '%%' ? '%' : rest.length ? show(rest.shift()) : spec));
  return [text, ...rest.map(show)].join(' ');
}

describe('extension-host suite (test/suite) in code-server', function () {
  this.timeout(180_000);

  it('passes', async () => {
    const { server, workspace } = e2e();
    const tests = join(SUITE_OUT, 'index.js');
    assert.ok(existsSync(tests), `${tests} is missing: run \`node scripts/build-suite.mjs\``);
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(tests)],
    ]);

    const page = await e2e().newPage();
    const log: string[] = [];
    let settle: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (settle = r));
    await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
      const line = `${String(level)}: ${formatConsoleArgs(args)}`;
      log.push(line);
      if (process.env.COT_E2E_VERBOSE === '1') console.log(`      | ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    await openWorkbench(page, server.folderUrl(workspace, { payload }));

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 150_000)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    await screenshot(page, 'extension-host-suite');
    const output = log.join('\n');
    const passing = output.match(/(\d+) passing/);
    const failing = output.match(/(\d+) failing/);
    const summary = passing ? [passing[0], passing[1], failing?.[1]] : null;
    if (summary) console.log(`      extension-host suite: ${summary[1]} passing, ${summary[2] ?? 0} failing`);
    assert.notEqual(code, 'timeout', `the extension-host suite did not finish within 150 s; its output:\n${output}`);
    assert.equal(code, 0, `the extension-host suite failed (exit ${code}); its output:\n${output}`);
    assert.ok(summary && Number(summary[1]) > 0, `the extension-host suite ran no tests; its output:\n${output}`);
  });
});
