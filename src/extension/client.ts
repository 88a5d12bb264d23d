import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { looksLikeTraces, SNIFF_BYTES } from '../core/documents';
import { SERVER_NODE_FLAGS } from '../server/launch';
import { BreakdownRequest, DocumentSummaryNotification, SHOW_BREAKDOWN_COMMAND, type InitializationOptions } from '../server/protocol';
import { registerLintCommands } from './commands/lint';
import { StatusItem } from './status';

/** The documents the server is given; it leaves JSON files that hold no traces alone. */
/** See InitializationOptions.diagnosticShards. */
const DIAGNOSTIC_SHARDS = 16;

const DOCUMENT_SELECTOR = [
  { language: 'cot-trace' },
  { language: 'jsonl' },
  { language: 'json', scheme: 'file' },
  { language: 'json', scheme: 'untitled' },
];

/** Whether a document is one the extension should check (decides when the server starts). */
function isDataset(document: vscode.TextDocument): boolean {
  if (document.languageId === 'cot-trace') return true;
  if (document.languageId !== 'jsonl' && document.languageId !== 'json') return false;
  const include = vscode.workspace.getConfiguration('cotTrace', document.uri).get<string[]>('datasets.include', []);
  if (include.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
  const end = document.positionAt(SNIFF_BYTES);
  return looksLikeTraces(document.getText(new vscode.Range(new vscode.Position(0, 0), end)));
}

/**
 * Starts the CoT Trace language server the first time a trace file or a dataset is opened,
 * and wires its extras: the language status item, the reward breakdown preview, the
 * commands that lint files and folders from disk.
 */
export function registerLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  let client: LanguageClient | undefined;
  let starting: Promise<LanguageClient | undefined> | undefined;
  const status = new StatusItem(DOCUMENT_SELECTOR);
  context.subscriptions.push(status);

  const start = (): Promise<LanguageClient | undefined> => {
    starting ??= (async () => {
      const module = context.asAbsolutePath('dist/server.js');
      const serverOptions: ServerOptions = {
        // stdio, not Node IPC: the server's own message reader keeps a large didOpen to one copy of its bytes.
        run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS] } },
        debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
      };
      const clientOptions: LanguageClientOptions = {
        documentSelector: DOCUMENT_SELECTOR,
        outputChannel: output,
        synchronize: { configurationSection: 'cotTrace' },
        diagnosticPullOptions: { onChange: true, onSave: true },
        initializationOptions: {
          docsBaseUrl: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString(),
          // One diagnostic collection per part: typing in a big dataset resends only the part that changed.
          diagnosticShards: DIAGNOSTIC_SHARDS,
          // The server's messages follow VS Code's display language.
          locale: vscode.env.language,
        } satisfies InitializationOptions,
      };
      const created = new LanguageClient('cotTrace', 'CoT Trace', serverOptions, clientOptions);
      try {
        await created.start();
      } catch (error) {
        output.error(vscode.l10n.t('The CoT Trace language server did not start: {0}', error instanceof Error ? error.message : String(error)));
        starting = undefined;
        return undefined;
      }
      context.subscriptions.push(created, created.onNotification(DocumentSummaryNotification, (summary) => status.update(summary)));
      client = created;
      return created;
    })();
    return starting;
  };

  const breakdowns = new Map<string, string>();
  const breakdownChanged = new vscode.EventEmitter<vscode.Uri>();

  const consider = (document: vscode.TextDocument) => {
    if (!client && isDataset(document)) void start();
  };
  vscode.workspace.textDocuments.forEach(consider);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(consider));

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_BREAKDOWN_COMMAND, async (uri?: string, record?: number) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
      if (!target) return;
      let index = record;
      if (index === undefined) {
        const editor = vscode.window.activeTextEditor;
        if (!editor) return;
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri);
        const at = symbols?.findIndex((s) => s.range.contains(editor.selection.active)) ?? -1;
        if (at < 0) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor on a record to see its reward breakdown.'));
          return;
        }
        index = at;
      }
      const running = client ?? (await start());
      const result = await running?.sendRequest(BreakdownRequest, { uri: target, record: index });
      if (!result) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No reward breakdown for this record (is the file still being checked?).'));
        return;
      }
      // One read-only view: the rendered preview of a virtual document (no untitled editor).
      const view = breakdownUri(target, index);
      breakdowns.set(view.toString(), result.markdown);
      breakdownChanged.fire(view);
      try {
        await vscode.commands.executeCommand('markdown.showPreviewToSide', view);
      } catch {
        await vscode.window.showTextDocument(view, { viewColumn: vscode.ViewColumn.Beside, preview: true });
      }
    }),
    breakdownChanged,
    vscode.workspace.registerTextDocumentContentProvider(BREAKDOWN_SCHEME, {
      onDidChange: breakdownChanged.event,
      provideTextDocumentContent: (uri) => breakdowns.get(uri.toString()) ?? '',
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === BREAKDOWN_SCHEME) breakdowns.delete(document.uri.toString());
    }),
  );
  registerLintCommands(context, () => (client ? Promise.resolve(client) : start()), output);
}

/** Read-only documents holding a record's reward breakdown (Markdown), shown as a preview. */
const BREAKDOWN_SCHEME = 'cot-trace-breakdown';

/** The same record always gets the same view, so a second click refreshes it. */
function breakdownUri(target: string, index: number): vscode.Uri {
  const name = target.split('/').pop() || 'dataset';
  return vscode.Uri.from({ scheme: BREAKDOWN_SCHEME, path: `/${decodeURIComponent(name)} record ${index + 1}.md`, query: encodeURIComponent(target) });
}
