import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { PanelHost, PanelKind } from '../panelHost/panels';
import { Cancelled } from '../../core/node/dataset';
import { datasetAccumulator, enabledRules, fileLabels } from '../../core/node/datasetStats';
import { configForUri } from '../config';
import type { ReviewFilterRequest, StatsFromPage, StatsToPage } from '../../core/review/protocol';
import { renderStatsHtml } from '../../core/review/report';
import { summarizeTogether, type StatsAccumulator } from '../../core/review/stats';
import { errorText } from '../errorText';

/**
 * The dataset summary panel (`cotTrace.openStats`): statistics of one or more dataset files
 * (several = compared side by side, e.g. one per checkpoint), computed by streaming each file
 * with progress, drawn by the page with Chart.js; "Save HTML report" writes the same static
 * report as `cot-trace stats --html`.
 */
export const STATS_VIEW_TYPE = 'cotTrace.stats';

let panelRef: vscode.WebviewPanel | undefined;
let last: Extract<StatsToPage, { type: 'stats' }> | undefined;
/** The files of `last`, in its order (a click on a chart opens one of them in the review panel). */
let lastFiles: vscode.Uri[] = [];
let run = 0;
let openInReview: ((uri: vscode.Uri, filter: ReviewFilterRequest) => Promise<void>) | undefined;

const send = (message: StatsToPage) => void panelRef?.webview.postMessage(message);

export const statsKind: PanelKind<unknown> = {
  viewType: STATS_VIEW_TYPE,
  // A getter: the translations are ready when the extension activates, not when this module loads.
  get title() {
    return vscode.l10n.t('Dataset Summary');
  },
  bundle: 'stats',
  onMessage: async (panel, message) => {
    panelRef = panel;
    const m = message as StatsFromPage;
    if (m?.type === 'ready' && last) send(last);
    if (m?.type === 'exportHtml' && last?.stats.length) {
      const target = await vscode.window.showSaveDialog({ filters: { HTML: ['html'] }, title: vscode.l10n.t('Save the dataset summary as HTML') });
      if (!target) return;
      await writeFile(target.fsPath, renderStatsHtml(last.stats));
      void vscode.window.showInformationMessage(vscode.l10n.t('CoT Trace: report written to {0}', target.fsPath));
    }
    if (m?.type === 'openRecords' && Number.isInteger(m.file) && lastFiles[m.file] && typeof m.filter === 'object' && m.filter !== null) {
      const f = m.filter;
      const filter: ReviewFilterRequest = {};
      if (typeof f.rule === 'string') filter.rule = f.rule.slice(0, 100);
      if (typeof f.minReward === 'number' && Number.isFinite(f.minReward)) filter.minReward = f.minReward;
      if (typeof f.maxReward === 'number' && Number.isFinite(f.maxReward)) filter.maxReward = f.maxReward;
      if (typeof f.verdict === 'string') filter.verdict = f.verdict.slice(0, 40);
      if (f.disagree === true) filter.disagree = true;
      if (typeof f.note === 'string') filter.note = f.note.slice(0, 300);
      await openInReview?.(lastFiles[m.file], filter);
    }
  },
};

async function computeStats(files: vscode.Uri[]): Promise<void> {
  const my = ++run;
  const labels = fileLabels(files.map((f) => f.fsPath));
  const accs: StatsAccumulator[] = [];
  const kept: vscode.Uri[] = [];
  const keptLabels: string[] = [];
  const rules = new Set<string>();
  const errors: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Dataset summary'), cancellable: true }, async (progress, token) => {
    for (let i = 0; i < files.length; i++) {
      const path = files[i].fsPath;
      let lastPercent = 0;
      try {
        const { config } = configForUri(files[i]);
        for (const id of enabledRules(config)) rules.add(id);
        accs.push(
          await datasetAccumulator(path, config, {
            chunkBytes: 1 << 20,
            yieldEvery: 50,
            cancelled: () => token.isCancellationRequested || my !== run,
            onProgress: (p) => {
              const percent = p.size ? Math.floor((p.bytes / p.size) * 100) : 100;
              if (percent > lastPercent) {
                progress.report({ message: vscode.l10n.t('{0} {1}% ({2}/{3})', basename(path), percent, i + 1, files.length), increment: (percent - lastPercent) / files.length });
                lastPercent = percent;
              }
              send({ type: 'progress', file: labels[i], done: p.bytes, total: p.size, fileIndex: i, files: files.length });
            },
          }),
        );
        kept.push(files[i]);
        keptLabels.push(labels[i]);
      } catch (error) {
        if (error instanceof Cancelled) return;
        errors.push(vscode.l10n.t('{0}: {1}', basename(path), errorText(error)));
      }
    }
  });
  if (my !== run) return;
  // Shared bins: several files are drawn on the same axes.
  const stats = summarizeTogether(accs, keptLabels, [...rules]);
  lastFiles = kept;
  last = { type: 'stats', stats, errors };
  send(last);
}

async function pickFiles(): Promise<vscode.Uri[]> {
  return (await vscode.window.showOpenDialog({ canSelectMany: true, filters: { [vscode.l10n.t('Datasets')]: ['jsonl', 'json', 'ndjson'] }, title: vscode.l10n.t('Summarise datasets (several = compare them)') })) ?? [];
}

export async function openStats(panels: PanelHost, files: vscode.Uri[]): Promise<void> {
  const panel = panels.show(statsKind, undefined, vscode.ViewColumn.Active);
  panel.title = files.length === 1 ? vscode.l10n.t('Summary: {0}', basename(files[0].fsPath)) : vscode.l10n.t('Summary: {0} datasets', files.length);
  if (panelRef !== panel) {
    panelRef = panel;
    panel.onDidDispose(() => {
      if (panelRef === panel) panelRef = undefined;
      run++;
      last = undefined;
    });
  }
  last = undefined;
  await computeStats(files);
}

/** `review` opens a dataset in the review panel with a filter (a click on a bar or a rule row). */
export function registerStats(context: vscode.ExtensionContext, panels: PanelHost, review?: (uri: vscode.Uri, filter: ReviewFilterRequest) => Promise<void>): void {
  openInReview = review;
  panels.register(statsKind);
  context.subscriptions.push(
    vscode.commands.registerCommand('cotTrace.openStats', async (uri?: unknown, uris?: unknown) => {
      let files: vscode.Uri[] = [];
      if (Array.isArray(uris) && uris.length && uris.every((u) => u instanceof vscode.Uri)) files = uris as vscode.Uri[];
      else if (uri instanceof vscode.Uri) files = [uri];
      else {
        const active = vscode.window.activeTextEditor?.document.uri;
        files = active && active.scheme === 'file' && /\.(jsonl|json|ndjson)$/i.test(active.fsPath) ? [active] : await pickFiles();
      }
      if (files.length) await openStats(panels, files);
    }),
  );
}
