import * as vscode from 'vscode';
import type { PanelHost, PanelKind } from '../panelHost/panels';
import type { CalculatorState, FromPage, SourceRef, ToPage } from '../../core/grpo/panel';
import { registerAdvantagesFromSelection } from '../commands/advantagesFromSelection';

/**
 * The GRPO calculator panel (`cotTrace.openCalculator`). The page (webview/calculator) does
 * all the maths with src/core/grpo; this side opens it, hands it groups to load, reveals the
 * record a row came from, and copies results to the clipboard.
 */
export const CALCULATOR_VIEW_TYPE = 'cotTrace.calculator';

/** Groups waiting for the page to say it is ready (a panel that is opening or reloading). */
let pending: ToPage | undefined;
let seq = Date.now();

function isFromPage(message: unknown): message is FromPage {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}

async function reveal(source: SourceRef): Promise<void> {
  try {
    const uri = vscode.Uri.parse(source.uri, true);
    const document = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(document.positionAt(source.start), document.positionAt(source.end));
    // Open it beside the calculator when the calculator holds the active group.
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  } catch (error) {
    void vscode.window.showWarningMessage(vscode.l10n.t('CoT Trace: cannot open the record: {0}', (error as Error).message));
  }
}

export const calculatorKind: PanelKind<CalculatorState> = {
  viewType: CALCULATOR_VIEW_TYPE,
  // A getter: the translations are ready when the extension activates, not when this module loads.
  get title() {
    return vscode.l10n.t('GRPO Calculator');
  },
  bundle: 'calculator',
  onMessage: async (panel, message) => {
    if (!isFromPage(message)) return;
    if (message.type === 'ready') {
      if (pending) void panel.webview.postMessage(pending);
    } else if (message.type === 'copy' && typeof message.text === 'string') {
      await vscode.env.clipboard.writeText(message.text);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('CoT Trace: GRPO results copied as JSON'), 3000);
    } else if (message.type === 'reveal' && message.source && typeof message.source.uri === 'string') {
      await reveal(message.source);
    }
  },
};

/** Opens the calculator beside the editor and loads `groups` into it. */
export function showInCalculator(panels: PanelHost, state: ToPage['state'], note?: string): void {
  pending = { type: 'load', seq: ++seq, state, ...(note ? { note } : {}) };
  const existing = panels.get(CALCULATOR_VIEW_TYPE);
  const panel = panels.show(calculatorKind, undefined, vscode.ViewColumn.Beside);
  if (!existing) panel.onDidDispose(() => (pending = undefined));
  // A page that is already loaded gets the message now; a new one asks for it when ready.
  if (existing && panel.visible) void panel.webview.postMessage(pending);
  if (note) void vscode.window.setStatusBarMessage(vscode.l10n.t('CoT Trace: {0}', note), 5000);
}

/** Registers the calculator panel, its restore-after-reload serializer and its commands. */
export function registerCalculator(context: vscode.ExtensionContext, panels: PanelHost): void {
  panels.register(calculatorKind);
  context.subscriptions.push(
    vscode.commands.registerCommand('cotTrace.openCalculator', () => {
      panels.show(calculatorKind);
    }),
  );
  registerAdvantagesFromSelection(context, (state, note) => showInCalculator(panels, state, note));
}
