/**
 * Opening a `.parquet` or `.arrow` file in the editor: instead of binary noise, a read-only
 * custom editor that opens the review panel on the file and keeps the review and the dataset
 * summary one click away (command links; the page runs no script).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { contentSecurityPolicy, escapeHtml, makeNonce } from '../panelHost/html';

export const COLUMNAR_EDITOR = 'cotTrace.columnar';

function commandLink(command: string, uri: vscode.Uri): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([uri.toJSON()]))}`;
}

function page(uri: vscode.Uri, cspSource: string): string {
  const nonce = makeNonce();
  const name = escapeHtml(basename(uri.fsPath));
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource, nonce))}">
    <title>${name}</title>
    <style nonce="${nonce}">
      body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 1.5rem; }
      a { color: var(--vscode-textLink-foreground); }
      a:focus { outline: 1px solid var(--vscode-focusBorder); }
      li { margin: 0.4rem 0; }
    </style>
  </head>
  <body>
    <h1>${name}</h1>
    <p>A columnar dataset (Parquet or Arrow), shown read-only: its records are reviewed in the review panel.</p>
    <ul>
      <li><a href="${escapeHtml(commandLink('cotTrace.openReview', uri))}">Review the records</a></li>
      <li><a href="${escapeHtml(commandLink('cotTrace.openStats', uri))}">Dataset summary</a></li>
    </ul>
  </body>
</html>`;
}

class ColumnarEditor implements vscode.CustomReadonlyEditorProvider {
  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = { enableScripts: false, enableCommandUris: ['cotTrace.openReview', 'cotTrace.openStats'] };
    panel.webview.html = page(document.uri, panel.webview.cspSource);
    if (document.uri.scheme === 'file') await vscode.commands.executeCommand('cotTrace.openReview', document.uri);
  }
}

export function registerColumnarEditor(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.window.registerCustomEditorProvider(COLUMNAR_EDITOR, new ColumnarEditor(), { supportsMultipleEditorsPerDocument: true }));
}
