import * as vscode from 'vscode';
import { resolveConfig } from '../core/config/resolve';
import type { ResolvedConfig } from '../core/config/types';
import { findConfigFile, loadConfigFile } from '../core/node/configFile';
import { effectiveConfig, parseSettings } from '../server/settings';

/**
 * The engine configuration for a file, the way the language server works it out: the
 * editor's `cotTrace.*` settings (for that file's folder), overridden by the nearest
 * `.cot-trace.json`. Panels and commands that check data themselves (review, summary,
 * advantages) use it so that they agree with the diagnostics.
 */
export function configForUri(uri: vscode.Uri): { config: ResolvedConfig; warnings: string[] } {
  // The configuration object holds the section's values as plain properties.
  const section: unknown = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('cotTrace', uri)));
  const settings = parseSettings(section);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const roots = folder?.uri.scheme === 'file' ? [folder.uri.fsPath] : [];
  const file = uri.scheme === 'file' ? findConfigFile(uri.fsPath, roots) : undefined;
  const loaded = file ? loadConfigFile(file) : undefined;
  const warnings = loaded ? loaded.problems.map((p) => `${loaded.file}: ${p.message}`) : [];
  try {
    return { config: resolveConfig(effectiveConfig(settings, loaded?.config ?? {})), warnings };
  } catch (error) {
    warnings.push(`CoT Trace settings ignored: ${error instanceof Error ? error.message : String(error)}`);
    return { config: resolveConfig(loaded?.config ?? {}), warnings };
  }
}
