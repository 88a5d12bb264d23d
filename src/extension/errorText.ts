/**
 * An error as the user reads it, in VS Code's display language: an error of the engine carries
 * its message of the catalogue (`l10n`), a file-system error is said by its code ("权限不足
 * （EACCES）"), anything else keeps its own text.
 */
import * as vscode from 'vscode';
import { localeOf, render, type Localized } from '../core/messages';
import { describeError } from '../core/node/outputFile';

export function errorText(error: unknown): string {
  const locale = localeOf(vscode.env.language);
  const e = error as { message?: string; l10n?: Localized; code?: string } | undefined;
  if (e?.l10n) return render(e.l10n, locale);
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return describeError(error, locale);
  return e?.message ?? String(error);
}
