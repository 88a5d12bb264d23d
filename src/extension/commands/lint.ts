import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { LintFilesRequest, type LintFilesResult } from '../../server/protocol';

/**
 * `cotTrace.lintFile` and `cotTrace.lintFolder`: the server reads the files from disk
 * (streaming JSON Lines, so files too big to open in the editor work) and publishes their
 * problems to the Problems view. The notification shows progress and can be cancelled.
 */
export function registerLintCommands(context: vscode.ExtensionContext, getClient: () => Promise<LanguageClient | undefined>, output: vscode.LogOutputChannel): void {
  let next = 1;

  async function lint(paths: vscode.Uri[], what: string): Promise<void> {
    const client = await getClient();
    if (!client) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The CoT Trace language server is not running (see the "CoT Trace" output).'));
      return;
    }
    const token = `cotTrace.lint.${next++}`;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('CoT Trace: linting {0}', what), cancellable: true },
      async (progress, cancel) => {
        let last = 0;
        const listener = client.onProgress(WorkDoneProgress.type, token, (value) => {
          if (value.kind === 'end') return;
          const pct = value.percentage ?? last;
          progress.report({ message: value.message, increment: Math.max(0, pct - last) });
          last = pct;
        });
        try {
          return await client.sendRequest(LintFilesRequest, { paths: paths.map((u) => u.toString()), workDoneToken: token }, cancel);
        } catch (error) {
          if (cancel.isCancellationRequested) return undefined;
          throw error;
        } finally {
          listener.dispose();
        }
      },
    );
    report(result, what);
  }

  function report(result: LintFilesResult | undefined, what: string): void {
    if (!result) {
      void vscode.window.showInformationMessage(vscode.l10n.t('CoT Trace: linting {0} was cancelled.', what));
      return;
    }
    for (const failure of result.failures) output.warn(`Could not lint ${failure.path}: ${failure.message}`);
    const { error, warning, info } = result.findings;
    const files = result.files === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', result.files);
    const done = vscode.l10n.t('{0}, {1} records: {2} errors, {3} warnings, {4} notes', files, result.records, error, warning, info);
    const unread = result.failures.length ? vscode.l10n.t(' ({0} could not be read)', result.failures.length) : '';
    const message = result.cancelled ? vscode.l10n.t('CoT Trace: stopped after {0}{1}.', done, unread) : vscode.l10n.t('CoT Trace: {0}{1}.', done, unread);
    void vscode.window.showInformationMessage(message, vscode.l10n.t('Show Problems')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('cotTrace.lintFile', async (uri?: vscode.Uri) => {
      const target =
        uri instanceof vscode.Uri
          ? [uri]
          : await vscode.window.showOpenDialog({
              canSelectMany: true,
              openLabel: vscode.l10n.t('Lint'),
              filters: { [vscode.l10n.t('Datasets')]: ['jsonl', 'ndjson', 'json', 'cot', 'think', 'parquet', 'arrow'], [vscode.l10n.t('All files')]: ['*'] },
            });
      if (target?.length) await lint(target, target.length === 1 ? (target[0].path.split('/').pop() ?? vscode.l10n.t('file')) : vscode.l10n.t('{0} files', target.length));
    }),
    vscode.commands.registerCommand('cotTrace.lintFolder', async (uri?: vscode.Uri) => {
      let target = uri instanceof vscode.Uri ? [uri] : undefined;
      if (!target) {
        const folders = vscode.workspace.workspaceFolders ?? [];
        if (folders.length === 1) target = [folders[0].uri];
        else target = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: vscode.l10n.t('Lint folder') });
      }
      if (target?.length) await lint(target, target.length === 1 ? vscode.l10n.t('folder {0}', target[0].path.split('/').pop() ?? '') : vscode.l10n.t('{0} folders', target.length));
    }),
  );
}
