import * as vscode from 'vscode';
import { configForFile, parseSettings } from '../core/node/config';
import type { ResolvedConfig } from '../core/types';
import { localeOf } from '../core/messages';

/**
 * The engine configuration for a file, worked out the way the language server does it (the
 * same core function): the editor's `cotTrace.*` settings for that file's folder, under the
 * nearest `.cot-trace.json`. Panels and commands that check data themselves (review, summary,
 * advantages) use it so that they agree with the diagnostics.
 */
export function configForUri(uri: vscode.Uri): { config: ResolvedConfig; warnings: string[] } {
  // The configuration object holds the section's values as plain properties.
  const section: unknown = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('cotTrace', uri)));
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const roots = folder?.uri.scheme === 'file' ? [folder.uri.fsPath] : [];
  const { config, problems } = configForFile(uri.scheme === 'file' ? uri.fsPath : undefined, { roots, editor: parseSettings(section).config, locale: localeOf(vscode.env.language) });
  return { config, warnings: problems };
}
