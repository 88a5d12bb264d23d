/**
 * Runs the packaged extension inside code-server (the VS Code workbench served to a browser):
 * package the .vsix, install it into a fresh extensions folder, serve a workspace on a free
 * loopback port with a throw-away HOME / TMPDIR / user-data-dir, and stop the whole process
 * group afterwards. Used by the end-to-end suite (test/e2e) and by `npm start`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The browser the suites drive: Debian's Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const ROOT = resolve(__dirname, '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_BIN = join(ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
export const VSIX = join(ROOT, 'cot-trace.vsix');
/** Where the extension-host test suite (test/suite) is bundled to. */
export const SUITE_OUT = join(ROOT, 'out', 'test', 'suite');
/** The extension's id as VS Code knows it (`publisher.name`). */
export const EXTENSION_ID = 'cot-trace.cot-trace';

/** User settings that keep the workbench quiet and predictable under test. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

/** Fails with a message that says what to do, rather than a bare ENOENT later on. */
export function assertProvisioned(): void {
  if (!existsSync(CODE_SERVER_BIN)) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in .cache/code-server/. Run \`npm run provision\` first.`,
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Run \`npm run provision\` first, or set CHROMIUM_PATH.`);
  }
}

/** Runs a command to completion; throws with the tail of its output when it fails. */
export function runChecked(command: string, args: string[], options: { cwd?: string; quiet?: boolean } = {}): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    stdio: options.quiet === false ? 'inherit' : 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = output.trim().split('\n').slice(-30).join('\n');
    throw new Error(`\`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal}:\n${tail}`);
  }
  return output;
}

/** Builds the production bundles and packages them as cot-trace.vsix. */
export function packageExtension(): string {
  runChecked('npm', ['run', '--silent', 'package']);
  if (!existsSync(VSIX)) throw new Error(`npm run package finished but ${VSIX} does not exist`);
  return VSIX;
}

/** Bundles test/suite/*.ts into out/test/suite/ (the extension-host test suite). */
export function buildSuite(): string {
  runChecked(process.execPath, [join(ROOT, 'scripts', 'build-suite.mjs')]);
  return join(SUITE_OUT, 'index.js');
}

/** A port on 127.0.0.1 nobody listens on right now. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The folders one code-server instance writes to; nothing goes to the real home folder. */
export interface RunDirs {
  base: string;
  home: string;
  tmp: string;
  userData: string;
  extensions: string;
  config: string;
}

/** Creates (or reuses) the folder layout of a code-server instance under `base`. */
export function createRunDirs(base?: string, extraSettings: Record<string, unknown> = {}): RunDirs {
  const root = base ?? mkdtempSync(join(tmpdir(), 'cot-trace-e2e-'));
  const dirs: RunDirs = {
    base: root,
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    config: join(root, 'config.yaml'),
  };
  for (const dir of [dirs.home, dirs.tmp, join(dirs.userData, 'User'), dirs.extensions]) mkdirSync(dir, { recursive: true });
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...extraSettings }, null, 2)}\n`);
  return dirs;
}

function codeServerEnv(dirs: RunDirs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: join(dirs.home, '.config'), XDG_DATA_HOME: join(dirs.home, '.local', 'share') };
  // Values that would make code-server behave unlike a fresh install.
  for (const key of ['PASSWORD', 'HASHED_PASSWORD', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PROXY_URI', 'ELECTRON_RUN_AS_NODE']) delete env[key];
  return env;
}

const commonFlags = (dirs: RunDirs): string[] => [
  '--config', dirs.config,
  '--user-data-dir', dirs.userData,
  '--extensions-dir', dirs.extensions,
];

/** Installs a .vsix into the run's extensions folder (through code-server's own CLI). */
export function installExtension(dirs: RunDirs, vsix: string = VSIX): void {
  assertProvisioned();
  const result = spawnSync(CODE_SERVER_BIN, [...commonFlags(dirs), '--install-extension', vsix, '--force'], {
    env: codeServerEnv(dirs),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed|already installed/i.test(output)) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${result.status ?? result.signal}):\n${output.trim()}`);
  }
}

/** A running code-server. */
export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  dirs: RunDirs;
  logFile: string;
  /** The workbench URL for a folder, with optional extra query parameters. */
  folderUrl(folder: string, query?: Record<string, string>): string;
  /** Stops code-server and everything it started (its process group). Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Last line of defence: never leave a code-server (and its extension hosts) behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

async function waitForHealthz(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${logFile}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000}s (${lastError}); see ${logFile}`);
}

export interface StartOptions {
  dirs: RunDirs;
  /** Where code-server's output goes. */
  logFile: string;
  /** Fixed port; a free one when omitted. */
  port?: number;
  /** Folder opened when the bare URL is visited. */
  workspace?: string;
  readyTimeoutMs?: number;
  /** More command-line flags (for example `--locale zh-cn`). */
  extraArgs?: string[];
}

/** Starts code-server on 127.0.0.1 and resolves once `/healthz` answers. */
export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  assertProvisioned();
  const { dirs, logFile } = options;
  const port = options.port ?? (await findFreePort());
  const args = [
    ...commonFlags(dirs),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  args.push(...(options.extraArgs ?? []));
  if (options.workspace) args.push(options.workspace);

  mkdirSync(resolve(logFile, '..'), { recursive: true });
  const logFd = openSync(logFile, 'w');
  const child = spawn(CODE_SERVER_BIN, args, {
    env: codeServerEnv(dirs),
    cwd: dirs.home,
    // Its own process group, so stop() reaches the extension hosts and watchers too.
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  if (child.pid === undefined) throw new Error(`could not start ${CODE_SERVER_BIN}`);
  running.add(child);
  installExitHook();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const server: CodeServer = {
    url,
    port,
    pid: child.pid,
    dirs,
    logFile,
    folderUrl(folder, query = {}) {
      const params = new URLSearchParams({ folder, ...query });
      return `${url}/?${params.toString()}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      killGroup(child, 'SIGTERM');
      const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
      // Extension hosts may outlive the main process: always sweep the group.
      killGroup(child, 'SIGKILL');
      if (!gone) await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      running.delete(child);
    },
  };

  try {
    await waitForHealthz(url, child, logFile, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * A fresh workspace for a run: a copy of samples/ plus the files the tests assert on
 * (test/e2e/workspace/), so the tests never touch the checked-in samples.
 */
export function createWorkspace(target: string): string {
  mkdirSync(target, { recursive: true });
  const samples = join(ROOT, 'samples');
  if (existsSync(samples)) cpSync(samples, target, { recursive: true });
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), target, { recursive: true });
  return target;
}

/** Removes a run's temporary folders (ignores errors: files may still be closing). */
export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // Left for the OS to clean up.
  }
}
