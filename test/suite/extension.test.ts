/**
 * Runs inside a VS Code extension host with this repository as the extension under
 * development, and the e2e workspace (samples/ + test/e2e/workspace/) as the open folder.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'cot-trace.cot-trace';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: start the tests with the e2e workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe('CoT Trace in the extension host', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is installed', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among ${vscode.extensions.all.length} extensions`);
    assert.equal(extension.packageJSON.name, 'cot-trace');
  });

  it('opens .cot files as cot-trace and activates for them', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('basic.cot'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'cot-trace');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const active = await until(() => extension.isActive, 20_000);
    assert.ok(active, 'the extension did not activate after a .cot file was opened');
  });

  it('leaves .jsonl files in the jsonl language', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('basic.jsonl'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'jsonl');
  });
});
