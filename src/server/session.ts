/**
 * The wiring of the language server: the parts (config cache, lint scheduler, diagnostics,
 * code actions, features) put on a connection. Each handler here only hands over to a part.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, DidChangeWatchedFilesNotification, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/config/load';
import { formatMessage, localeOf } from '../core/messages';
import { codeActions } from './codeActions';
import { ConfigCache } from './configCache';
import { Diagnostics } from './diagnostics';
import { lintFiles } from './diskLint';
import { OpenDocument } from './documents';
import { FIX_ALL_KIND, breakdown, codeLenses, documentSymbols, foldingRanges, hover, summarize, workspaceSymbols } from './features';
import { CheckerPool } from './pool';
import { BreakdownRequest, DocumentSummaryNotification, LintFilesRequest, SERVER_COMMANDS, type InitializationOptions } from './protocol';
import { usableDocsBase } from './ruleDocs';
import { LintScheduler } from './scheduler';
import { uriToPath } from './settings';
import { textLinesOf } from './transport';

/** Finds docs/rules next to the server bundle (dist/server.js) or the sources (src/server). */
function defaultDocsBase(): string {
  for (const up of ['..', '../..']) {
    const dir = resolve(__dirname, up, 'docs', 'rules');
    if (existsSync(dir)) return pathToFileURL(dir).href;
  }
  return pathToFileURL(resolve(__dirname, '..', 'docs', 'rules')).href;
}

/** The parts of a running server. */
interface Server {
  connection: Connection;
  docs: Map<string, OpenDocument>;
  configs: ConfigCache;
  scheduler: LintScheduler;
  diagnostics: Diagnostics;
  docsUrl(ruleId: string): string;
}

/** Wires the CoT Trace language features onto a connection and starts listening. */
export function startServer(connection: Connection): void {
  const docs = new Map<string, OpenDocument>();
  const configs = new ConfigCache(connection);
  const pool = CheckerPool.create();
  const scheduler = new LintScheduler(connection, docs, configs, pool);
  let docsBase = defaultDocsBase();
  const docsUrl = (ruleId: string) => `${docsBase.replace(/\/$/, '')}/${encodeURIComponent(ruleId)}.md`;
  const diagnostics = new Diagnostics(connection, docs, configs, scheduler, docsUrl);
  const server: Server = { connection, docs, configs, scheduler, diagnostics, docsUrl };
  connection.onInitialize((params) => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.docsBaseUrl === 'string' && options.docsBaseUrl) docsBase = options.docsBaseUrl;
    docsBase = usableDocsBase(docsBase);
    configs.locale = localeOf(typeof options.locale === 'string' && options.locale ? options.locale : params.locale);
    return initialize(server, params);
  });
  registerConfiguration(server);
  registerDocuments(server);
  registerFeatures(server);
  connection.onShutdown(() => pool?.dispose());
  connection.listen();
}

function initialize({ configs, diagnostics }: Server, params: InitializeParams): InitializeResult {
  configs.capabilities = params.capabilities;
  const provider = diagnostics.initialize(params);
  configs.roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  const root = params.rootUri ? uriToPath(params.rootUri) : undefined;
  if (!configs.roots.length && root) configs.roots.push(root);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      ...provider,
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
}

/** Settings and config files: any change makes every result stale. */
function registerConfiguration({ connection, configs, diagnostics }: Server): void {
  const changed = () => {
    configs.changed();
    diagnostics.refreshAll(!!configs.capabilities.workspace?.codeLens?.refreshSupport);
  };
  connection.onInitialized(() => {
    diagnostics.registerShards();
    if (configs.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] }).catch(() => undefined);
    }
  });
  connection.onDidChangeConfiguration((params) => {
    const section = (params.settings as Record<string, unknown> | undefined)?.cotTrace;
    if (section !== undefined) configs.setGlobal(section);
    changed();
  });
  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith(CONFIG_FILE_NAME))) changed();
  });
}

/** Open documents: kept by the server itself (JSON Lines as lines, see OpenDocument). */
function registerDocuments({ connection, docs, configs, scheduler, diagnostics }: Server): void {
  connection.onDidOpenTextDocument(({ textDocument }) => {
    // Kept synchronously: changes may follow right away. Whether a JSON file is a dataset
    // by the user's include globs is settled by the first lint.
    const fsPath = uriToPath(textDocument.uri);
    const doc = new OpenDocument(textDocument.uri, textDocument.languageId, textDocument.version, textLinesOf(textDocument) ?? textDocument.text, fsPath);
    docs.set(doc.uri, doc);
    diagnostics.opened(doc);
    if (diagnostics.pull) {
      void scheduler.ensureLinted(doc).then(() => {
        if (!doc.active) connection.sendNotification(DocumentSummaryNotification, summarize(doc));
      });
    }
  });
  connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
    const doc = docs.get(textDocument.uri);
    if (!doc) return;
    doc.update(contentChanges, textDocument.version);
    await diagnostics.changed(doc);
  });
  connection.onDidSaveTextDocument(async ({ textDocument }) => {
    const doc = docs.get(textDocument.uri);
    if (doc) await diagnostics.onSaved(doc);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    docs.delete(textDocument.uri);
    scheduler.forget(textDocument.uri);
    configs.forget(textDocument.uri);
    diagnostics.closed(textDocument.uri);
  });
}

/** Requests answered from a document's results, and the lint from disk. */
function registerFeatures({ connection, docs, configs, scheduler, diagnostics, docsUrl }: Server): void {
  connection.languages.diagnostics.on((params, token) => diagnostics.pulled(params, token));
  connection.onHover(async (params, token) => {
    const doc = await scheduler.linted(params.textDocument.uri, token);
    if (!doc) return null;
    await scheduler.scoreLine(doc, params.position.line);
    return hover(doc, params.position, configs.locale);
  });
  connection.onCodeLens(async (params, token) => {
    const doc = await scheduler.linted(params.textDocument.uri, token, true);
    return doc && (await configs.forDoc(doc)).settings.codeLens ? codeLenses(doc, configs.locale) : [];
  });
  connection.onDocumentSymbol(async (params, token) => {
    const doc = await scheduler.linted(params.textDocument.uri, token, true);
    return doc ? documentSymbols(doc, configs.locale) : [];
  });
  connection.onWorkspaceSymbol(async (params, token) => {
    const open: OpenDocument[] = [];
    for (const uri of [...docs.keys()]) {
      const doc = await scheduler.linted(uri, token);
      if (doc) open.push(doc);
    }
    return workspaceSymbols(open, params.query);
  });
  connection.onFoldingRanges(async (params, token) => {
    const doc = await scheduler.linted(params.textDocument.uri, token);
    return doc ? foldingRanges(doc) : [];
  });
  connection.onRequest(BreakdownRequest, async (params, token) => {
    const doc = await scheduler.linted(params.uri, token);
    if (!doc) return null;
    const line = doc.record(params.record)?.line;
    if (line !== undefined) await scheduler.scoreLine(doc, line);
    const markdown = breakdown(doc, params.record, configs.locale);
    return markdown === null ? null : { markdown };
  });
  connection.onCodeAction(async (params, token) => {
    const doc = await scheduler.linted(params.textDocument.uri, token);
    return doc ? codeActions(configs, doc, params) : [];
  });
  connection.onExecuteCommand(async (params) => {
    if (params.command !== SERVER_COMMANDS.showRuleDocumentation) return null;
    const ruleId = String(params.arguments?.[0] ?? '');
    if (!ruleId) return null;
    const uri = docsUrl(ruleId);
    if (configs.capabilities.window?.showDocument?.support) {
      const shown = await connection.window.showDocument({ uri, takeFocus: true });
      if (shown.success) return null;
    }
    Promise.resolve(connection.window.showInformationMessage(formatMessage('server.docs-at', { rule: ruleId, uri }, configs.locale)) as unknown).catch(() => undefined);
    return null;
  });
  connection.onRequest(LintFilesRequest, async (params, token) => {
    const progress = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    return lintFiles(params.paths, {
      token,
      progress,
      skip: (uri) => docs.has(uri),
      config: async (fsPath) => configs.forPath(pathToFileURL(fsPath).href, fsPath),
      publish: (uri, items) => diagnostics.publishFromDisk(uri, items),
      docsUrl: diagnostics.docsLinks,
      locale: configs.locale,
      log: (message) => connection.console.log(message),
    });
  });
}
