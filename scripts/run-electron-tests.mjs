// Runs the extension-host suite (test/suite) in desktop VS Code through @vscode/test-electron.
// It needs VS Code: either downloaded from update.code.visualstudio.com (the default), or an
// installed one given as VSCODE_EXECUTABLE=/path/to/code. Where neither is possible, it says
// so and exits with 1 instead of waiting on the network; `npm run test:e2e` runs the same
// suite inside code-server.
//
//   npm run test:electron
//   VSCODE_EXECUTABLE=/usr/share/code/code npm run test:electron
//   VSCODE_VERSION=1.100.3 npm run test:electron
/* global fetch, AbortSignal */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const UPDATE_HOST = 'https://update.code.visualstudio.com';
const PROBE_TIMEOUT_MS = 10_000;
const DOWNLOAD_IDLE_TIMEOUT_MS = 30_000;

function fail(message) {
  console.error(`\ntest:electron: ${message}`);
  process.exit(1);
}

const executable = process.env.VSCODE_EXECUTABLE;
if (executable && !existsSync(executable)) fail(`VSCODE_EXECUTABLE=${executable} does not exist.`);

if (!executable) {
  // Fail fast where the update server is unreachable (no internet, proxy, firewall).
  try {
    const response = await fetch(`${UPDATE_HOST}/api/releases/stable`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    fail(
      `cannot reach ${UPDATE_HOST} to download VS Code (${error instanceof Error ? error.message : error}).\n` +
        '  Point VSCODE_EXECUTABLE at an installed VS Code, or run the same suite inside code-server with `npm run test:e2e`.',
    );
  }
}

// The extension (dist/) and the suite (out/test/suite/) must be built.
for (const [command, args] of [
  ['npm', ['run', '--silent', 'build']],
  [process.execPath, [join(root, 'scripts', 'build-suite.mjs')]],
]) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`\`${command} ${args.join(' ')}\` failed.`);
}

// The same workspace the code-server run uses: samples/ plus the files the tests open.
const base = mkdtempSync(join(tmpdir(), 'cot-trace-electron-'));
const workspace = join(base, 'e2e-workspace');
mkdirSync(workspace, { recursive: true });
if (existsSync(join(root, 'samples'))) cpSync(join(root, 'samples'), workspace, { recursive: true });
cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });

const { runTests } = await import('@vscode/test-electron');
let code = 0;
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(base, 'user-data')],
    ...(executable
      ? { vscodeExecutablePath: executable }
      : { version: process.env.VSCODE_VERSION ?? '1.100.3', timeout: DOWNLOAD_IDLE_TIMEOUT_MS }),
  });
} catch (error) {
  console.error(`\ntest:electron: the suite failed: ${error instanceof Error ? error.message : error}`);
  code = 1;
} finally {
  rmSync(base, { recursive: true, force: true });
}
process.exit(code);
