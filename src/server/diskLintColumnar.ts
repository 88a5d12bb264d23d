/**
 * Linting Parquet and Arrow files from disk (*Lint Dataset File from Disk…*, *Lint Folder of
 * Datasets*): rows are read a row group at a time through the columnar record source. A row
 * has no line, so each diagnostic sits on the line numbered like its record and its message
 * names the record and the column it is about.
 */
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { columnarGroups, type ColumnarKind } from '../core/node/columnar';
import { rowRecord } from '../core/node/columnar/scan';
import type { FieldOverrides } from '../core/documents';
import type { Finding } from '../core/types';
import { makeChecker, type ResolvedConfig } from './engine';

/** Lints every row; returns false when cancelled part way. */
export async function lintColumnarFile(
  path: string,
  kind: ColumnarKind,
  config: ResolvedConfig,
  add: (finding: Finding, range: Diagnostic['range']) => void,
  tally: { records: number },
  report: (records: number, total: number) => void,
  token: CancellationToken | undefined,
): Promise<boolean> {
  const check = makeChecker(config);
  let total = 0;
  for await (const group of columnarGroups(path, kind, (p) => (total = p.total))) {
    if (token?.isCancellationRequested) return false;
    for (let i = 0; i < group.rows.length; i++) {
      const index = group.firstIndex + i;
      const record = rowRecord(group.rows[i], index, config.fields as FieldOverrides);
      const result = check(record);
      tally.records++;
      for (const finding of result.findings) {
        const trace = finding.traceIndex !== undefined ? record.traces.find((t) => t.index === finding.traceIndex) : record.traces[0];
        const where = `Record ${index}${trace ? `, column ${trace.path}` : ''}`;
        const at = { line: index, character: 0 };
        add({ ...finding, message: `${where}: ${finding.message}` }, { start: at, end: at });
      }
    }
    report(group.firstIndex + group.rows.length, total);
    await new Promise<void>((done) => setImmediate(done));
  }
  return true;
}
