import * as vscode from 'vscode';
import { PanelHost } from './panelHost/panels';
import { registerCalculator } from './panels/calculator';
import { registerLearn } from './panels/learn';
import { registerLanguageClient } from './client';
import { openReview, registerReview } from './panels/review';
import { registerColumnarEditor } from './panels/columnar';
import { registerStats } from './panels/stats';

/**
 * Entry point of the CoT Trace extension. It stays thin: everything that reads or scores
 * traces lives in src/core and runs in the language server; panels are webviews over the
 * same core. Each feature registers itself from its own module below.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('CoT Trace', { log: true });
  const panels = new PanelHost(context.extensionUri);
  context.subscriptions.push(output, panels);
  // Feature registrations (one line each).
  registerCalculator(context, panels);
  registerLearn(context, panels);
  registerLanguageClient(context, output);
  registerReview(context, panels);
  registerStats(context, panels, (uri, filter) => openReview(panels, uri, filter));
  registerColumnarEditor(context);
  output.info(`CoT Trace ${context.extension.packageJSON.version} activated`);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
