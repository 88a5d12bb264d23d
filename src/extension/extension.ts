import * as vscode from 'vscode';

/**
 * Entry point of the CoT Trace extension. It stays thin: everything that reads or scores
 * traces lives in src/core and runs in the language server.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('CoT Trace', { log: true });
  context.subscriptions.push(output);
  output.info(`CoT Trace ${context.extension.packageJSON.version} activated`);
}

export function deactivate(): void {
  // Nothing to release yet beyond context.subscriptions.
}
