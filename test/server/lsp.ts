/**
 * Test harness: builds the server bundle once, spawns it over stdio and talks to it through
 * a real JSON-RPC connection (vscode-languageserver-protocol's node client).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const repoRoot = resolve(__dirname, '..', '..');
export { corpusDir, corpusDatasets } from '../corpus';
export const fixturesDir = resolve(repoRoot, 'test/fixtures');

let built: Promise<string> | undefined;

/** Builds src/server/server.ts into out/test-server/server.js (once per run). */
export function serverBundle(): Promise<string> {
  built ??= (async () => {
    const outdir = resolve(repoRoot, 'out/test-server');
    mkdirSync(outdir, { recursive: true });
    const outfile = resolve(outdir, 'server.js');
    // Laid out as in dist/: the compute engine and the columnar libraries in bundles of their own beside it.
    const { lazyBundleConfigs, lazyLibraries } = await import('../../scripts/lazy-bundles.mjs');
    const options: esbuild.BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' };
    await Promise.all([
      esbuild.build({ ...options, entryPoints: [resolve(repoRoot, 'src/server/server.ts')], outfile, plugins: [lazyLibraries] }),
      ...lazyBundleConfigs(options, outdir).map((config) => esbuild.build(config)),
    ]);
    return outfile;
  })();
  return built;
}

export interface Client {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Latest pushed diagnostics per URI. */
  pushed: Map<string, PublishDiagnosticsParams>;
  /** Custom notifications received, by method. */
  notifications: Array<{ method: string; params: unknown }>;
  /** Settings answered to `workspace/configuration` (the `cotTrace` section). */
  settings: Record<string, unknown>;
  /** Capabilities the server registered dynamically. */
  registrations: Array<{ id: string; method: string; registerOptions?: Record<string, unknown> }>;
  stop(): Promise<void>;
  waitForPush(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
}

export interface StartOptions {
  /** Pull diagnostics (default) or push only. */
  pull?: boolean;
  /** Whether the client says it shows a diagnostic's documentation link (default: yes, as VS Code does). */
  codeDescription?: boolean;
  /** Whether diagnostic providers may be registered dynamically (as VS Code's client allows). */
  dynamicDiagnostics?: boolean;
  settings?: Record<string, unknown>;
  rootPath?: string;
  initializationOptions?: Record<string, unknown>;
  /** The `locale` of the initialize request (the client's display language). */
  locale?: string;
  /** Script to run instead of the test bundle (e.g. dist/server.js). */
  script?: string;
  /** Arguments for the script (default `--stdio`). */
  args?: string[];
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
}

export async function startClient(options: StartOptions = {}): Promise<Client> {
  const script = options.script ?? (await serverBundle());
  const child = spawn(process.execPath, [script, ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...options.env } });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const pushed = new Map<string, PublishDiagnosticsParams>();
  const waiters: Array<() => void> = [];
  const notifications: Client['notifications'] = [];
  const client: Client = {
    connection,
    process: child,
    pushed,
    notifications,
    registrations: [],
    settings: options.settings ?? {},
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit', undefined);
      } catch {
        // already gone
      }
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
    waitForPush(uri, predicate = () => true, timeoutMs = 20000) {
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no diagnostics pushed for ${uri}`)), timeoutMs);
        const test = () => {
          const p = pushed.get(uri);
          if (p && predicate(p)) {
            clearTimeout(timer);
            done(p);
            return true;
          }
          return false;
        };
        if (test()) return;
        const waiter = () => {
          if (test()) waiters.splice(waiters.indexOf(waiter), 1);
        };
        waiters.push(waiter);
      });
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    pushed.set(params.uri, params);
    for (const w of [...waiters]) w();
  });
  for (const method of ['cotTrace/documentSummary', 'window/showMessage', 'window/logMessage']) {
    connection.onNotification(method, (params: unknown) => {
      notifications.push({ method, params });
    });
  }
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => client.settings));
  connection.onRequest('client/registerCapability', (params: { registrations: Client['registrations'] }) => {
    client.registrations.push(...params.registrations);
    return null;
  });
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('window/showDocument', () => ({ success: true }));
  connection.onRequest('window/showMessageRequest', (params: unknown) => {
    notifications.push({ method: 'window/showMessageRequest', params });
    return null;
  });
  connection.listen();
  const pull = options.pull !== false;
  const capabilities: ClientCapabilities = {
    workspace: {
      configuration: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
      didChangeWatchedFiles: { dynamicRegistration: true },
      codeLens: { refreshSupport: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      synchronization: { didSave: true },
      hover: { contentFormat: ['markdown'] },
      publishDiagnostics: { versionSupport: true, ...(options.codeDescription !== false ? { codeDescriptionSupport: true } : {}) },
      ...(pull ? { diagnostic: { dynamicRegistration: options.dynamicDiagnostics === true } } : {}),
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
  };
  const root = options.rootPath ?? repoRoot;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'root' }],
    capabilities,
    initializationOptions: options.initializationOptions ?? {},
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
  });
  await connection.sendNotification('initialized', {});
  return client;
}

export async function open(client: Client, uri: string, languageId: string, text: string, version = 1): Promise<void> {
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

export async function pullDiagnostics(client: Client, uri: string, previousResultId?: string, identifier?: string): Promise<{ kind: string; items?: Diagnostic[]; resultId?: string }> {
  return client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}), ...(identifier ? { identifier } : {}) });
}

/** Offsets where the lines of a text start, lines ending as LSP says: `\n`, `\r\n` or a lone `\r`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Offset of a (line, character) position in a text, the character clamped to its line's text. */
export function offsetOf(text: string, p: { line: number; character: number }, starts = lineStarts(text)): number {
  if (p.line >= starts.length) return text.length;
  const start = starts[p.line];
  let end = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  if (end > start && text.charCodeAt(end - 1) === 10) end--;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return Math.min(start + p.character, end);
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const starts = lineStarts(text);
  const offset = (p: { line: number; character: number }) => offsetOf(text, p, starts);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
