import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type CancellationToken, type Diagnostic, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { checkDocumentBytes, checkJsonlBatch, type LocatedFinding } from '../core/batch';
import { kindFromName, looksLikeTraces, sniffKind, type DocumentKind } from '../core/documents';
import { fileBatches, readHeadText } from '../core/node/lines';
import { datasetConventionOfBytes, withDatasetConvention } from '../core/trace/datasetConvention';
import type { ResolvedConfig } from '../core/types';
import { findingDiagnostic, namedByRecord, SOURCE, type DocsUrl } from './features';
import { formatMessage, localizeFinding, type Locale } from '../core/messages';
import type { LintFilesResult } from './protocol';
import type { EditorSettings } from '../core/node/config';
import { byName as columnarByName, columnarKind } from '../core/node/columnar';
import { lintColumnarFile } from './diskLintColumnar';
import { uriToPath } from './settings';

/** Most diagnostics published for one file; the rest are summarised in one more. */
export const MAX_DIAGNOSTICS_PER_FILE = 10_000;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'dist', 'out']);

export interface LintFilesOptions {
  token?: CancellationToken;
  progress?: WorkDoneProgressReporter;
  /** Files open in the editor are skipped: their diagnostics come from the open document. */
  skip(uri: string): boolean;
  config(fsPath: string): Promise<{ resolved: ResolvedConfig; settings: EditorSettings }>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  docsUrl: DocsUrl;
  /** The language of the diagnostics' messages (default English). */
  locale?: Locale;
  log(message: string): void;
}

/** A finding with its message in `locale`, led by its record in a dataset (see namedByRecord). */
function localized(finding: LocatedFinding, plain: boolean, locale: Locale): LocatedFinding {
  const message = localizeFinding(finding, locale);
  return { ...finding, message: plain ? message : namedByRecord(message, finding.record) };
}

/** Dataset files under a folder: .jsonl / .cot / .think always, .json when its start holds traces. */
async function collect(path: string, out: Array<{ path: string; size: number }>, failures: LintFilesResult['failures'], explicit: boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    failures.push({ path, message: (error as Error).message });
    return;
  }
  if (info.isDirectory()) {
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      failures.push({ path, message: (error as Error).message });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.'))) continue;
      if (entry.isDirectory() || entry.isFile()) await collect(join(path, entry.name), out, failures, false);
    }
    return;
  }
  if (!info.isFile()) return;
  const kind = kindFromName(path);
  if (!explicit) {
    if (!kind && !columnarByName(path)) return;
    if (kind === 'json') {
      if (/(^|[\\/])(package(-lock)?|tsconfig|\.cot-trace)\.json$/.test(path)) return;
      try {
        if (!looksLikeTraces(readHeadText(path).head)) return;
      } catch {
        return;
      }
    }
  }
  out.push({ path, size: info.size });
}

interface Tally {
  records: number;
  findings: LintFilesResult['findings'];
}

/**
 * Lints files and folders from disk and publishes each file's diagnostics. JSON Lines are
 * streamed (memory stays flat whatever the size); JSON and .cot files are read whole; both
 * through the CLI's own batch check (src/core/batch.ts), so the findings are the same.
 */
export async function lintFiles(paths: readonly string[], options: LintFilesOptions): Promise<LintFilesResult> {
  const failures: LintFilesResult['failures'] = [];
  const files: Array<{ path: string; size: number }> = [];
  for (const p of paths) await collect(uriToPath(p) ?? p, files, failures, true);
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0) || 1;
  const tally: Tally = { records: 0, findings: { error: 0, warning: 0, info: 0 } };
  let doneBytes = 0;
  let cancelled = false;
  options.progress?.begin('CoT Trace: linting', 0, `${files.length} file${files.length === 1 ? '' : 's'}`, true);
  let linted = 0;
  for (const [i, file] of files.entries()) {
    if (options.token?.isCancellationRequested) {
      cancelled = true;
      break;
    }
    const uri = pathToFileURL(file.path).href;
    if (options.skip(uri)) {
      doneBytes += file.size;
      continue;
    }
    const report = (bytes: number) => {
      const pct = Math.min(100, Math.floor(((doneBytes + bytes) / totalBytes) * 100));
      options.progress?.report(pct, `${basename(file.path)} (${i + 1}/${files.length})`);
    };
    try {
      const { resolved, settings } = await options.config(file.path);
      const kind: DocumentKind = kindFromName(file.path) ?? sniffKind(readHeadText(file.path).head);
      // Parquet and Arrow: by row group, through the columnar record source.
      const columnar = columnarKind(file.path);
      const diagnostics: Diagnostic[] = [];
      let found = 0;
      const add = (finding: LocatedFinding) => {
        tally.findings[finding.severity]++;
        found++;
        if (diagnostics.length < MAX_DIAGNOSTICS_PER_FILE) diagnostics.push(findingDiagnostic(localized(finding, kind === 'cot' && !columnar, options.locale ?? 'en'), rangeOf(finding), settings, options.docsUrl));
      };
      const complete = columnar
        ? await lintColumnarFile(file.path, columnar, resolved, add, tally, (done, total) => report(total ? (file.size * done) / total : 0), options.token)
        : kind === 'jsonl'
          ? await lintJsonlFile(file.path, resolved, add, tally, report, options.token)
          : await lintWholeFile(file.path, kind, resolved, add, tally);
      if (diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) {
        diagnostics.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: SOURCE,
          message: formatMessage('server.disk-capped', { shown: MAX_DIAGNOSTICS_PER_FILE, total: found }, options.locale ?? 'en'),
        });
      }
      options.publish(uri, diagnostics);
      linted++;
      if (!complete) {
        cancelled = true;
        break;
      }
    } catch (error) {
      failures.push({ path: file.path, message: (error as Error).message });
      options.log(`Could not lint ${file.path}: ${(error as Error).message}`);
    }
    doneBytes += file.size;
  }
  options.progress?.done();
  return { files: linted, records: tally.records, findings: tally.findings, cancelled, failures };
}

/** Where a located finding sits, as an LSP range. */
function rangeOf(finding: LocatedFinding): Diagnostic['range'] {
  return { start: { line: finding.line - 1, character: finding.column - 1 }, end: { line: finding.endLine - 1, character: finding.endColumn - 1 } };
}

/** Streams a JSON Lines file through the same batch check as `cot-trace lint`; returns false when cancelled part way. */
async function lintJsonlFile(path: string, config: ResolvedConfig, add: (finding: LocatedFinding) => void, tally: Tally, report: (bytes: number) => void, token: CancellationToken | undefined): Promise<boolean> {
  let line = 0;
  for await (const batch of fileBatches(path)) {
    if (token?.isCancellationRequested) return false;
    // As `cot-trace lint`: the dataset's convention, from the first batch, judges the outliers.
    if (line === 0) config = withDatasetConvention(config, datasetConventionOfBytes(batch.bytes, config));
    const result = checkJsonlBatch(batch.bytes, line, 'lint', config);
    line += result.lines;
    tally.records += result.records;
    for (const finding of result.findings) add(finding);
    report(batch.consumed);
    await new Promise<void>((done) => setImmediate(done));
  }
  return true;
}

/** Reads and checks a whole JSON or .cot file, as `cot-trace lint` does. */
async function lintWholeFile(path: string, kind: DocumentKind, config: ResolvedConfig, add: (finding: LocatedFinding) => void, tally: Tally): Promise<boolean> {
  const result = checkDocumentBytes(await readFile(path), path, kind, 'lint', config);
  tally.records += result.records;
  for (const finding of result.findings) add(finding);
  return true;
}
