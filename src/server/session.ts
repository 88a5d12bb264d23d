import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { modify } from 'jsonc-parser';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/config/load';
import { OpenDocument, wholeReader } from './documents';
import { CheckerPool } from './pool';
import { usableDocsBase } from './ruleDocs';
import { lintFiles } from './diskLint';
import { lineReader, makeChecker, resolve as resolveConfig, type ResolvedConfig } from './engine';
import { describeDatasetConvention, withDatasetConvention } from '../core/trace/datasetConvention';
import {
  FIX_ALL_KIND,
  SOURCE,
  breakdown,
  codeLenses,
  diagnosticsFingerprint,
  documentSymbols,
  findingsIn,
  fixEdits,
  foldingRanges,
  hover,
  safeFixEdits,
  showDocsAction,
  summarize,
  toDiagnostics,
  workspaceSymbols,
  type Shard,
} from './features';
import { BreakdownRequest, DocumentSummaryNotification, LintFilesRequest, SERVER_COMMANDS, type InitializationOptions } from './protocol';
import { ConfigFiles, DEFAULT_SETTINGS, effectiveConfig, matchesInclude, parseSettings, uriToPath, type ServerSettings } from './settings';
import { textLinesOf } from './transport';

/** Time a lint may hold the event loop before it lets other messages through. */
const SLICE_MS = 12;
/** Documents with more unchecked records than this are checked on worker threads. */
const PARALLEL_MIN_LINES = 64;
/** Characters of records per batch sent to a checker thread. */
const BATCH_CHARS = 256 * 1024;
/** Pause between linting a document and scoring it in the background. */
const SCORING_DELAY_MS = 30;
/** Most diagnostic shards a client may ask for. */
const MAX_SHARDS = 64;
/** Pause after a change before linting in push mode. */
const PUSH_DEBOUNCE_MS = 150;

const yieldToLoop = () => new Promise<void>((done) => setImmediate(done));

/** Finds docs/rules next to the server bundle (dist/server.js) or the sources (src/server). */
function defaultDocsBase(): string {
  for (const up of ['..', '../..']) {
    const dir = resolve(__dirname, up, 'docs', 'rules');
    if (existsSync(dir)) return pathToFileURL(dir).href;
  }
  return pathToFileURL(resolve(__dirname, '..', 'docs', 'rules')).href;
}

interface DocConfig {
  settings: ServerSettings;
  resolved: ResolvedConfig;
  key: string;
  /** The dataset convention assumed, in words. */
  assumed?: string;
}

/** Wires the CoT Trace language features onto a connection and starts listening. */
export function startServer(connection: Connection): void {
  const docs = new Map<string, OpenDocument>();
  const configFiles = new ConfigFiles(() => workspaceRoots);
  /** Bumped whenever settings or a config file change: every result made before is stale. */
  let generation = 0;
  let capabilities: ClientCapabilities = {};
  let pull = false;
  /** Number of diagnostic providers a document's diagnostics are split over (0: one static provider). */
  let shards = 0;
  let docsBase = defaultDocsBase();
  let globalSettings: ServerSettings = { ...DEFAULT_SETTINGS };
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const resolvedCache = new Map<string, ResolvedConfig>();
  const docConfig = new Map<string, DocConfig & { generation: number }>();
  const pushTimers = new Map<string, NodeJS.Timeout>();
  /** Files whose diagnostics were pushed by a lint from disk. */
  const pushedFromDisk = new Set<string>();
  let workspaceRoots: string[] = [];
  const pool = CheckerPool.create();

  const docsUrl = (ruleId: string) => `${docsBase.replace(/\/$/, '')}/${encodeURIComponent(ruleId)}.md`;
  const log = (message: string) => connection.console.log(message);

  function settingsFor(uri: string): Promise<ServerSettings> {
    if (!capabilities.workspace?.configuration) return Promise.resolve(globalSettings);
    let pending = settingsCache.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'cotTrace' })
        .then(parseSettings, () => globalSettings);
      settingsCache.set(uri, pending);
    }
    return pending;
  }

  async function configFor(doc: OpenDocument): Promise<DocConfig> {
    const known = docConfig.get(doc.uri);
    if (known && known.generation === generation) return known;
    const at = generation;
    const settings = await settingsFor(doc.uri);
    const file = doc.fsPath ? configFiles.forFile(doc.fsPath) : { config: {}, problems: [] as string[] };
    const key = JSON.stringify([settings.config, file.file ?? null]);
    let resolved = resolvedCache.get(key);
    if (!resolved) {
      const problems = file.file && file.problems.length ? [`${file.file}: ${file.problems.join('; ')}`] : [];
      try {
        resolved = resolveConfig(effectiveConfig(settings, file.config));
      } catch (error) {
        // A configuration the engine cannot use: carry on with the defaults and say why.
        problems.push(`CoT Trace settings ignored: ${error instanceof Error ? error.message : String(error)}`);
        resolved = resolveConfig({});
      }
      resolvedCache.set(key, resolved);
      // (The library sends these as requests: a client that does not answer must not cause an unhandled rejection.)
      for (const problem of problems) Promise.resolve(connection.window.showWarningMessage(problem) as unknown).catch(() => undefined);
    }
    // The dataset's dominant convention (from the document's first traces) judges its outliers.
    const dataset = doc.datasetConvention(resolved);
    const entry = { settings, resolved: withDatasetConvention(resolved, dataset), key: dataset.convention ? `${key}|${dataset.convention}` : key, generation: at, assumed: describeDatasetConvention(dataset) };
    if (at === generation) docConfig.set(doc.uri, entry);
    return entry;
  }

  const includeFor = (settings: ServerSettings) => (fsPath: string) => matchesInclude(fsPath, settings.include);

  /**
   * Brings a document's results up to date, in time slices. `full` asks for scores too
   * (hovers, code lenses, the summary); without it, JSON Lines records are only linted,
   * which is about twice as fast, and scoring follows in the background. One run of each
   * kind at a time, shared by every caller; edits that arrive meanwhile are picked up
   * before it returns.
   */
  function ensureLinted(doc: OpenDocument, full = false): Promise<boolean> {
    const running = full ? doc.scoring : doc.linting;
    if (running) return running;
    const run = (async () => {
      try {
        for (let round = 0; ; round++) {
          const { settings, resolved, key } = await configFor(doc);
          doc.reconsider(includeFor(settings));
          if (!doc.active) return true;
          if (doc.generation !== generation) {
            doc.invalidate();
            doc.generation = generation;
          }
          if (pool && doc.uncheckedLines > PARALLEL_MIN_LINES) await checkInParallel(pool, doc, resolved, `${generation}:${key}`);
          const check = makeChecker(resolved, { rewards: full });
          const read = lineReader(resolved);
          const whole = wholeReader(resolved.fields);
          const g = generation;
          let sliceStart = Date.now();
          const stop = () => Date.now() - sliceStart > SLICE_MS;
          const checkWhole = makeChecker(resolved, { rewards: true });
          while (!doc.checkSome(read, whole, check, checkWhole, stop, full)) {
            await yieldToLoop();
            if (!docs.has(doc.uri) || g !== generation) break;
            sliceStart = Date.now();
          }
          if (!docs.has(doc.uri)) return false;
          const current = await configFor(doc);
          if (g === generation && current.key === key && doc.isComplete(full)) break;
          if (round > 1000) return false;
        }
        if (full) connection.sendNotification(DocumentSummaryNotification, { ...summarize(doc), assumed: (await configFor(doc)).assumed });
        else scheduleScoring(doc);
        return true;
      } catch (error) {
        log(`Checking ${doc.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return false;
      } finally {
        if (full) doc.scoring = undefined;
        else doc.linting = undefined;
      }
    })();
    if (full) doc.scoring = run;
    else doc.linting = run;
    return run;
  }

  const scoringTimers = new Map<string, NodeJS.Timeout>();
  /** Scores (and summarises) a document shortly after it was linted. */
  function scheduleScoring(doc: OpenDocument): void {
    clearTimeout(scoringTimers.get(doc.uri));
    scoringTimers.set(
      doc.uri,
      setTimeout(() => {
        scoringTimers.delete(doc.uri);
        if (docs.get(doc.uri) === doc) void ensureLinted(doc, true);
      }, SCORING_DELAY_MS),
    );
  }

  /** Scores the JSON Lines record on `line` now, if it was only linted. */
  async function scoreLine(doc: OpenDocument, line: number): Promise<void> {
    const { resolved } = await configFor(doc);
    doc.score(line, lineReader(resolved), makeChecker(resolved, { rewards: true }));
  }

  /** Hands unchecked JSON Lines records to the checker threads, a few batches at a time. */
  async function checkInParallel(workers: CheckerPool, doc: OpenDocument, resolved: ResolvedConfig, key: string): Promise<void> {
    const g = generation;
    const out = new Set<Promise<void>>();
    const launch = (): boolean => {
      const batch = doc.takeBatch(BATCH_CHARS);
      if (!batch.length) return false;
      const job: Promise<void> = workers
        .check(batch.map((b) => b.text), resolved, key)
        .then(
          (results) => {
            if (g === generation && docs.has(doc.uri)) doc.deliver(batch.map((b, i) => ({ line: b.line, raw: b.raw, start: b.start, result: results[i] })));
          },
          (error: Error) => log(`A checker thread failed (${error.message}); checking on the main thread.`),
        )
        .finally(() => out.delete(job));
      out.add(job);
      return true;
    };
    while (true) {
      while (out.size < workers.size * 2 && launch());
      if (!out.size) return;
      await Promise.race(out);
      if (!docs.has(doc.uri) || g !== generation) {
        await Promise.allSettled(out);
        return;
      }
    }
  }

  function cancelled(): ResponseError<{ retriggerRequest: boolean }> {
    return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.', { retriggerRequest: true });
  }

  function requestCancelled(): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
  }

  /**
   * Waits for `work`, but answers a `$/cancelRequest` at once (RequestCancelled) instead of
   * when the work is done; the lint goes on for the other requests that share it.
   */
  function unlessCancelled<T>(work: Promise<T>, token: CancellationToken | undefined): Promise<T> {
    if (!token) return work;
    if (token.isCancellationRequested) return Promise.reject(requestCancelled());
    return new Promise<T>((done, fail) => {
      const listener = token.onCancellationRequested(() => fail(requestCancelled()));
      work.then(done, fail).finally(() => listener.dispose());
    });
  }

  /** The document, linted (and scored with `full`), or undefined (not open / not a dataset). */
  async function linted(uri: string, token?: CancellationToken, full = false): Promise<OpenDocument | undefined> {
    const doc = docs.get(uri);
    if (!doc) return undefined;
    await unlessCancelled(ensureLinted(doc, full), token);
    if (token?.isCancellationRequested) throw requestCancelled();
    return doc.active ? doc : undefined;
  }

  /** Diagnostics as of the last lint in on-save mode, by URI and shard. */
  const savedDiagnostics = new Map<string, { id: string; items: Diagnostic[] }>();
  const forgetSaved = (uri: string) => {
    for (const key of [...savedDiagnostics.keys()]) if (key === uri || key.startsWith(`${uri}#`)) savedDiagnostics.delete(key);
  };

  async function diagnosticsOf(doc: OpenDocument): Promise<Diagnostic[]> {
    const { settings } = await configFor(doc);
    return doc.active ? toDiagnostics(doc, settings, docsUrl) : [];
  }

  /** The shard a pull provider identifier stands for (undefined: the whole document). */
  function shardOf(identifier: string | undefined): Shard | undefined {
    if (!shards || !identifier?.startsWith(`${SOURCE}:`)) return undefined;
    const index = Number(identifier.slice(SOURCE.length + 1));
    return Number.isInteger(index) && index >= 0 && index < shards ? { index, count: shards } : undefined;
  }

  function schedulePush(doc: OpenDocument, delay = PUSH_DEBOUNCE_MS): void {
    clearTimeout(pushTimers.get(doc.uri));
    pushTimers.set(
      doc.uri,
      setTimeout(async () => {
        pushTimers.delete(doc.uri);
        const version = doc.version;
        await ensureLinted(doc);
        if (!docs.has(doc.uri) || doc.version !== version) return;
        connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: await diagnosticsOf(doc) });
      }, delay),
    );
  }

  async function refreshAll(): Promise<void> {
    if (pull) {
      savedDiagnostics.clear();
      connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      for (const doc of docs.values()) schedulePush(doc, 0);
    }
    if (capabilities.workspace?.codeLens?.refreshSupport) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  function configChanged(): void {
    generation++;
    settingsCache.clear();
    resolvedCache.clear();
    docConfig.clear();
    configFiles.clear();
    void refreshAll();
  }

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    pull = !!capabilities.textDocument?.diagnostic;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const asked = Number(options.diagnosticShards ?? 0);
    shards = pull && capabilities.textDocument?.diagnostic?.dynamicRegistration && Number.isInteger(asked) && asked > 1 ? Math.min(asked, MAX_SHARDS) : 0;
    if (typeof options.docsBaseUrl === 'string' && options.docsBaseUrl) docsBase = options.docsBaseUrl;
    docsBase = usableDocsBase(docsBase);
    workspaceRoots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!workspaceRoots.length && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) workspaceRoots.push(root);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(pull && !shards ? { diagnosticProvider: { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'CoT Trace' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll] },
        executeCommandProvider: { commands: [SERVER_COMMANDS.showRuleDocumentation] },
      },
      serverInfo: { name: 'cot-trace' },
    };
  });

  connection.onInitialized(() => {
    for (let index = 0; index < shards; index++) {
      connection.client
        .register(DocumentDiagnosticRequest.type, { documentSelector: null, identifier: `${SOURCE}:${index}`, interFileDependencies: false, workspaceDiagnostics: false })
        .catch((error: Error) => log(`Registering diagnostic provider ${index} failed: ${error.message}`));
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const section = (params.settings as Record<string, unknown> | undefined)?.cotTrace;
    if (section !== undefined) globalSettings = parseSettings(section);
    configChanged();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith(CONFIG_FILE_NAME))) configChanged();
  });

  // Documents: kept by the server itself (JSON Lines as lines, see OpenDocument).
  connection.onDidOpenTextDocument(({ textDocument }) => {
    // Kept synchronously: changes may follow right away. Whether a JSON file is a dataset
    // by the user's include globs is settled by the first lint.
    const fsPath = uriToPath(textDocument.uri);
    const doc = new OpenDocument(textDocument.uri, textDocument.languageId, textDocument.version, textLinesOf(textDocument) ?? textDocument.text, fsPath);
    docs.set(doc.uri, doc);
    if (pushedFromDisk.delete(doc.uri) && pull) connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    if (!pull) schedulePush(doc, 0);
    else
      void ensureLinted(doc).then(() => {
        if (!doc.active) connection.sendNotification(DocumentSummaryNotification, summarize(doc));
      });
  });

  connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
    const doc = docs.get(textDocument.uri);
    if (!doc) return;
    doc.update(contentChanges, textDocument.version);
    if (pull) return; // the client pulls
    const { settings } = await configFor(doc);
    if (settings.run === 'onType') schedulePush(doc);
  });

  connection.onDidSaveTextDocument(async ({ textDocument }) => {
    const doc = docs.get(textDocument.uri);
    if (!doc) return;
    const { settings } = await configFor(doc);
    if (settings.run !== 'onSave') return;
    if (pull) {
      forgetSaved(doc.uri);
      connection.languages.diagnostics.refresh().catch(() => undefined);
    } else schedulePush(doc, 0);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    docs.delete(textDocument.uri);
    clearTimeout(scoringTimers.get(textDocument.uri));
    docConfig.delete(textDocument.uri);
    settingsCache.delete(textDocument.uri);
    forgetSaved(textDocument.uri);
    clearTimeout(pushTimers.get(textDocument.uri));
    if (!pull) connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    const doc = docs.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const shard = shardOf(params.identifier);
    const savedKey = shard ? `${uri}#${shard.index}` : uri;
    const { settings } = await configFor(doc);
    if (settings.run === 'onSave') {
      const saved = savedDiagnostics.get(savedKey);
      if (saved) {
        return saved.id === params.previousResultId ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: saved.id } : { kind: DocumentDiagnosticReportKind.Full, resultId: saved.id, items: saved.items };
      }
    }
    await ensureLinted(doc);
    if (token.isCancellationRequested) throw cancelled();
    if (!docs.has(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // The result id says what the report holds: the same id means the same diagnostics, so
    // they are built only when the client does not have them (or to keep them for on-save).
    const resultId = `${generation}:${doc.active ? diagnosticsFingerprint(doc, settings, shard) : 'inactive'}`;
    if (settings.run !== 'onSave' && params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const items = doc.active ? toDiagnostics(doc, settings, docsUrl, shard) : [];
    if (settings.run === 'onSave') savedDiagnostics.set(savedKey, { id: resultId, items });
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  connection.onHover(async (params, token) => {
    const doc = await linted(params.textDocument.uri, token);
    if (!doc) return null;
    await scoreLine(doc, params.position.line);
    return hover(doc, params.position);
  });

  connection.onCodeLens(async (params, token) => {
    const doc = await linted(params.textDocument.uri, token, true);
    if (!doc) return [];
    const { settings } = await configFor(doc);
    return settings.codeLens ? codeLenses(doc) : [];
  });

  connection.onDocumentSymbol(async (params, token) => {
    const doc = await linted(params.textDocument.uri, token, true);
    return doc ? documentSymbols(doc) : [];
  });

  connection.onWorkspaceSymbol(async (params, token) => {
    const open: OpenDocument[] = [];
    for (const uri of [...docs.keys()]) {
      const doc = await linted(uri, token);
      if (doc) open.push(doc);
    }
    return workspaceSymbols(open, params.query);
  });

  connection.onFoldingRanges(async (params, token) => {
    const doc = await linted(params.textDocument.uri, token);
    return doc ? foldingRanges(doc) : [];
  });

  connection.onRequest(BreakdownRequest, async (params, token) => {
    const doc = await linted(params.uri, token);
    if (!doc) return null;
    const line = doc.record(params.record)?.line;
    if (line !== undefined) await scoreLine(doc, line);
    const markdown = breakdown(doc, params.record);
    return markdown === null ? null : { markdown };
  });

  /** A WorkspaceEdit for edits to an open document, tied to its version when the client supports it. */
  function editFor(doc: OpenDocument, edits: TextEdit[]): WorkspaceEdit {
    if (capabilities.workspace?.workspaceEdit?.documentChanges) {
      const change: TextDocumentEdit = { textDocument: { uri: doc.uri, version: doc.version }, edits };
      return { documentChanges: [change] };
    }
    return { changes: { [doc.uri]: edits } };
  }

  /** Sets the rule to "off" in the nearest config file (created in the workspace root when there is none). */
  function disableRuleEdit(doc: OpenDocument, ruleId: string): { edit: WorkspaceEdit; file: string } | undefined {
    if (!doc.fsPath) return undefined;
    const existing = configFiles.forFile(doc.fsPath).file;
    const root = workspaceRoots.find((r) => doc.fsPath!.startsWith(r + '/')) ?? dirname(doc.fsPath);
    const file = existing ?? join(root, CONFIG_FILE_NAME);
    const uri = pathToFileURL(file).href;
    const formattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
    const docChanges = !!capabilities.workspace?.workspaceEdit?.documentChanges;
    if (existing) {
      let text: string;
      try {
        text = readFileSync(existing, 'utf8');
      } catch {
        return undefined;
      }
      const config = TextDocument.create(uri, 'json', 0, text);
      const edits = modify(text, ['rules', ruleId], 'off', { formattingOptions }).map((e) => ({
        range: { start: config.positionAt(e.offset), end: config.positionAt(e.offset + e.length) },
        newText: e.content,
      }));
      return { file, edit: docChanges ? { documentChanges: [{ textDocument: { uri, version: null }, edits }] } : { changes: { [uri]: edits } } };
    }
    if (!docChanges || !capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create')) return undefined;
    const content = `${JSON.stringify({ rules: { [ruleId]: 'off' } }, null, 2)}\n`;
    return {
      file,
      edit: {
        documentChanges: [
          { kind: 'create', uri, options: { ignoreIfExists: true } },
          { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] },
        ],
      },
    };
  }

  connection.onCodeAction(async (params, token) => {
    const doc = await linted(params.textDocument.uri, token);
    if (!doc) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(FIX_ALL_KIND)) {
      const edits = safeFixEdits(doc);
      if (edits.length) actions.push({ title: 'Fix all safe CoT Trace problems', kind: FIX_ALL_KIND, edit: editFor(doc, edits) });
    }
    if (!wants(CodeActionKind.QuickFix)) return actions;
    const seenRules = new Set<string>();
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
    for (const { record, finding, range } of findingsIn(doc, params.range)) {
      const diagnostics = ours.filter((d) => d.code === finding.ruleId && d.range.start.line === range.start.line && d.range.start.character === range.start.character);
      finding.fixes?.forEach((fix, i) => {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.safe, edit: editFor(doc, fixEdits(doc, record, finding, i)) });
      });
      if (seenRules.has(finding.ruleId)) continue;
      seenRules.add(finding.ruleId);
      const disable = disableRuleEdit(doc, finding.ruleId);
      if (disable) {
        const where = disable.file.split(/[\\/]/).slice(-2).join('/');
        actions.push({ title: `Disable ${finding.ruleId} in ${where} (for every file it covers)`, kind: CodeActionKind.QuickFix, diagnostics, edit: disable.edit });
      }
      actions.push(showDocsAction(finding.ruleId, diagnostics));
    }
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === SERVER_COMMANDS.showRuleDocumentation) {
      const ruleId = String(params.arguments?.[0] ?? '');
      if (!ruleId) return null;
      const uri = docsUrl(ruleId);
      if (capabilities.window?.showDocument?.support) {
        const shown = await connection.window.showDocument({ uri, takeFocus: true });
        if (shown.success) return null;
      }
      Promise.resolve(connection.window.showInformationMessage(`Documentation of ${ruleId}: ${uri}`) as unknown).catch(() => undefined);
    }
    return null;
  });

  connection.onRequest(LintFilesRequest, async (params, token) => {
    const progress = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    return lintFiles(params.paths, {
      token,
      progress,
      skip: (uri) => docs.has(uri),
      config: async (fsPath) => {
        const uri = pathToFileURL(fsPath).href;
        const settings = await settingsFor(uri);
        const file = configFiles.forFile(fsPath);
        return { resolved: resolveConfig(effectiveConfig(settings, file.config)), settings };
      },
      publish: (uri, diagnostics) => {
        pushedFromDisk.add(uri);
        connection.sendDiagnostics({ uri, diagnostics });
      },
      docsUrl,
      log,
    });
  });

  connection.onShutdown(() => pool?.dispose());
  connection.listen();
}
