import * as vscode from 'vscode';
import type { DocumentSummary } from '../server/protocol';
import { traceFieldPin } from '../core/documents/inferred';

/**
 * The language status item of trace files: convention, record count and mean reward; in its
 * detail, the convention assumed for the dataset and, when no known key held the traces, the
 * field they were read from with the setting that pins it.
 */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly summaries = new Map<string, DocumentSummary>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('cotTrace.summary', selector);
    this.item.name = 'CoT Trace';
    this.item.text = '$(loading~spin) CoT Trace';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.summaries.delete(doc.uri.toString())),
    );
  }

  update(summary: DocumentSummary): void {
    this.summaries.set(summary.uri, summary);
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const summary = uri ? this.summaries.get(uri) : undefined;
    this.item.busy = false;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    if (!summary) {
      this.item.text = 'CoT Trace';
      this.item.detail = vscode.l10n.t('not checked yet');
      this.item.command = undefined;
      return;
    }
    if (!summary.active) {
      this.item.text = vscode.l10n.t('CoT Trace: no traces');
      this.item.detail = vscode.l10n.t('This JSON file holds no reasoning traces; add it to cotTrace.datasets.include to check it anyway.');
      this.item.command = { title: vscode.l10n.t('Settings'), command: 'workbench.action.openSettings', arguments: ['cotTrace.datasets.include'] };
      return;
    }
    const records = summary.records === 1 ? vscode.l10n.t('1 record') : vscode.l10n.t('{0} records', summary.records);
    const convention = summary.convention ? `${summary.convention}${summary.conventionShare < 0.999 ? ` (${Math.round(summary.conventionShare * 100)}%)` : ''}` : vscode.l10n.t('no traces');
    const mean = summary.meanReward === null ? '' : vscode.l10n.t(' · mean reward {0}', summary.meanReward.toFixed(2));
    this.item.text = `${convention} · ${records}${mean}`;
    const { error, warning, info } = summary.findings;
    this.item.detail = vscode.l10n.t('{0} errors, {1} warnings, {2} notes', error, warning, info) + (summary.assumed ? vscode.l10n.t(' · convention assumed: {0}', summary.assumed) : '') + inferredNote(summary);
    this.item.busy = summary.checked < summary.records;
    if (error) this.item.severity = vscode.LanguageStatusSeverity.Warning;
    this.item.command = { title: vscode.l10n.t('Problems'), command: 'workbench.actions.view.problems' };
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Which field the traces were read from when the reader chose it by what the values hold, and how to pin it. */
export function inferredNote(summary: Pick<DocumentSummary, 'inferred' | 'checked'>): string {
  const inferred = summary.inferred;
  if (!inferred) return '';
  const pin = traceFieldPin(inferred.field);
  return vscode.l10n.t(
    ' · trace field: {0} (inferred from what the values hold, {1} of {2} records) — pin it with {3} in the settings or {4} in .cot-trace.json',
    inferred.field,
    inferred.records,
    summary.checked,
    pin.setting,
    pin.config,
  );
}
