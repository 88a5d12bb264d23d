import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { PanelHost, PanelKind } from '../webview/panels';
import { Cancelled } from '../../core/node/dataset';
import { datasetStats, fileLabels } from '../../core/node/datasetStats';
import { configForUri } from '../config';
import type { StatsFromPage, StatsToPage } from '../../core/review/protocol';
import { renderStatsHtml } from '../../core/review/report';
import type { DatasetStats } from '../../core/review/stats';

/**
 * The dataset summary panel (`cotTrace.openStats`): statistics of one or more dataset files
 * (several = compared side by side, e.g. one per checkpoint), computed by streaming each file
 * with progress, drawn by the page with Chart.js; "Save HTML report" writes the same static
 * report as `cot-trace stats --html`.
 */
export const STATS_VIEW_TYPE = 'cotTrace.stats';

let panelRef: vscode.WebviewPanel | undefined;
let last: Extract<StatsToPage, { type: 'stats' }> | undefined;
let run = 0;

const send = (message: StatsToPage) => void panelRef?.webview.postMessage(message);

export const statsKind: PanelKind<unknown> = {
  viewType: STATS_VIEW_TYPE,
  title: 'Dataset Summary',
  bundle: 'stats',
  onMessage: async (panel, message) => {
    panelRef = panel;
    const m = message as StatsFromPage;
    if (m?.type === 'ready' && last) send(last);
    if (m?.type === 'exportHtml' && last?.stats.length) {
      const target = await vscode.window.showSaveDialog({ filters: { HTML: ['html'] }, title: 'Save the dataset summary as HTML' });
      if (!target) return;
      await writeFile(target.fsPath, renderStatsHtml(last.stats));
      void vscode.window.showInformationMessage(`CoT Trace: report written to ${target.fsPath}`);
    }
  },
};

async function computeStats(files: vscode.Uri[]): Promise<void> {
  const my = ++run;
  const labels = fileLabels(files.map((f) => f.fsPath));
  const stats: DatasetStats[] = [];
  const errors: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Dataset summary', cancellable: true }, async (progress, token) => {
    for (let i = 0; i < files.length; i++) {
      const path = files[i].fsPath;
      let lastPercent = 0;
      try {
        const { config } = configForUri(files[i]);
        stats.push(
          await datasetStats(path, labels[i], config, {
            chunkBytes: 1 << 20,
            yieldEvery: 50,
            cancelled: () => token.isCancellationRequested || my !== run,
            onProgress: (p) => {
              const percent = p.size ? Math.floor((p.bytes / p.size) * 100) : 100;
              if (percent > lastPercent) {
                progress.report({ message: `${basename(path)} ${percent}% (${i + 1}/${files.length})`, increment: (percent - lastPercent) / files.length });
                lastPercent = percent;
              }
              send({ type: 'progress', file: labels[i], done: p.bytes, total: p.size, fileIndex: i, files: files.length });
            },
          }),
        );
      } catch (error) {
        if (error instanceof Cancelled) return;
        errors.push(`${basename(path)}: ${(error as Error).message}`);
      }
    }
  });
  if (my !== run) return;
  last = { type: 'stats', stats, errors };
  send(last);
}

async function pickFiles(): Promise<vscode.Uri[]> {
  return (await vscode.window.showOpenDialog({ canSelectMany: true, filters: { Datasets: ['jsonl', 'json', 'ndjson'] }, title: 'Summarise datasets (several = compare them)' })) ?? [];
}

export async function openStats(panels: PanelHost, files: vscode.Uri[]): Promise<void> {
  const panel = panels.show(statsKind, undefined, vscode.ViewColumn.Active);
  panel.title = files.length === 1 ? `Summary: ${basename(files[0].fsPath)}` : `Summary: ${files.length} datasets`;
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

export function registerStats(context: vscode.ExtensionContext, panels: PanelHost): void {
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
