import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver';
import { decodeLines, kindFromName, looksLikeTraces, readDocument, sniffKind, type DocumentKind } from '../core/documents';
import { recordTextOfLine } from '../core/incremental';
import { LineIndex } from '../core/text/lineIndex';
import type { Finding } from '../core/types';
import { lineReader, makeChecker, type ResolvedConfig } from './engine';
import { findingDiagnostic } from './features';
import type { LintFilesResult } from './protocol';
import type { ServerSettings } from './settings';
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
  config(fsPath: string): Promise<{ resolved: ResolvedConfig; settings: ServerSettings }>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  docsUrl(ruleId: string): string;
  log(message: string): void;
}

async function head(file: string, bytes = 65536): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
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
        if (!looksLikeTraces(await head(path))) return;
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
 * streamed (memory stays flat whatever the size); JSON and .cot files are read whole.
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
      const diagnostics: Diagnostic[] = [];
      let found = 0;
      const add = (finding: Finding, range: Diagnostic['range']) => {
        tally.findings[finding.severity]++;
        found++;
        if (diagnostics.length < MAX_DIAGNOSTICS_PER_FILE) diagnostics.push(findingDiagnostic(finding, range, settings, options.docsUrl));
      };
      const kind: DocumentKind = kindFromName(file.path) ?? sniffKind(await head(file.path));
      // Parquet and Arrow: by row group, through the columnar record source.
      const columnar = columnarKind(file.path);
      const complete = columnar
        ? await lintColumnarFile(file.path, columnar, resolved, add, tally, (done, total) => report(total ? (file.size * done) / total : 0), options.token)
        : kind === 'jsonl'
          ? await lintJsonlFile(file.path, resolved, add, tally, report, options.token)
          : await lintWholeFile(file.path, kind, resolved, add, tally);
      if (diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) {
        diagnostics.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 3,
          source: 'cot-trace',
          message: `Only the first ${MAX_DIAGNOSTICS_PER_FILE} problems are listed (${found} in this file); run \`cot-trace lint\` for the full list.`,
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

/** Streams a JSON Lines file; returns false when cancelled part way. */
async function lintJsonlFile(
  path: string,
  config: ResolvedConfig,
  add: (finding: Finding, range: Diagnostic['range']) => void,
  tally: Tally,
  report: (bytes: number) => void,
  token: CancellationToken | undefined,
): Promise<boolean> {
  const read = lineReader(config);
  const check = makeChecker(config);
  let line = 0;
  let index = 0;
  let bytes = 0;
  let rest: Buffer = Buffer.alloc(0);
  const handle = (chunk: Buffer, last: boolean) => {
    const decoded = decodeLines(chunk, line);
    const bad = new Set(decoded.problems.map((p) => p.line));
    const lines = decoded.text.split('\n');
    // A chunk that ends with a line break leaves an empty string that is not a line.
    if (!last && lines[lines.length - 1] === '') lines.pop();
    for (const raw of lines) {
      const { text, start } = recordTextOfLine(raw, line);
      if (text.trim()) {
        const record = read(text, { index, line: 0 });
        const result = check(record);
        tally.records++;
        index++;
        for (const finding of result.findings) {
          add(finding, { start: { line, character: finding.span.start + start }, end: { line, character: Math.max(finding.span.start, finding.span.end) + start } });
        }
      }
      if (bad.has(line)) {
        const problem = decoded.problems.find((p) => p.line === line)!.finding;
        add(problem, { start: { line, character: 0 }, end: { line, character: 1 } });
      }
      line++;
    }
  };
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const data of stream as AsyncIterable<Buffer>) {
      if (token?.isCancellationRequested) return false;
      bytes += data.length;
      const chunk = rest.length ? Buffer.concat([rest, data]) : data;
      const cut = chunk.lastIndexOf(10);
      if (cut < 0) {
        rest = chunk;
        continue;
      }
      handle(chunk.subarray(0, cut + 1), false);
      rest = Buffer.from(chunk.subarray(cut + 1));
      report(bytes);
      await new Promise<void>((done) => setImmediate(done));
    }
  } finally {
    stream.destroy();
  }
  if (rest.length) handle(rest, true);
  return true;
}

async function lintWholeFile(
  path: string,
  kind: DocumentKind,
  config: ResolvedConfig,
  add: (finding: Finding, range: Diagnostic['range']) => void,
  tally: Tally,
): Promise<boolean> {
  const text = decodeLines(await readFile(path)).text;
  const check = makeChecker(config);
  const lines = new LineIndex(text);
  for (const record of readDocument(text, path, { kind, fields: config.fields })) {
    const result = check(record);
    tally.records++;
    for (const finding of result.findings) add(finding, { start: lines.position(finding.span.start), end: lines.position(Math.max(finding.span.start, finding.span.end)) });
  }
  return true;
}
