/**
 * Linting Parquet and Arrow files from disk (*Lint Dataset File from Disk…*, *Lint Folder of
 * Datasets*): rows are read a row group at a time through the columnar record source. A row
 * has no line, so each diagnostic sits on the line numbered like its record (1-based, as in
 * the JSON Lines form of the dataset) and its message names the record and the column.
 */
import type { CancellationToken } from 'vscode-languageserver';
import type { LocatedFinding } from '../core/batch';
import { createChecker } from '../core/engine';
import { columnarGroups, type ColumnarKind } from '../core/node/columnar';
import { rowRecord } from '../core/node/columnar/scan';
import type { ResolvedConfig } from '../core/types';
import { msg } from '../core/messages';

/** Lints every row; returns false when cancelled part way. */
export async function lintColumnarFile(
  path: string,
  kind: ColumnarKind,
  config: ResolvedConfig,
  add: (finding: LocatedFinding) => void,
  tally: { records: number },
  report: (records: number, total: number) => void,
  token: CancellationToken | undefined,
): Promise<boolean> {
  const { lint } = createChecker(config);
  let total = 0;
  for await (const group of columnarGroups(path, kind, (p) => (total = p.total))) {
    if (token?.isCancellationRequested) return false;
    for (let i = 0; i < group.rows.length; i++) {
      const index = group.firstIndex + i;
      const record = rowRecord(group.rows[i], index, config.fields);
      const result = lint(record);
      tally.records++;
      for (const finding of result.findings) {
        const trace = finding.traceIndex !== undefined ? record.traces.find((t) => t.index === finding.traceIndex) : record.traces[0];
        // The message is led by the record (see namedByRecord); the column follows it.
        add({
          line: index + 1,
          column: 1,
          endLine: index + 1,
          endColumn: 1,
          severity: finding.severity,
          ruleId: finding.ruleId,
          ...(trace ? msg('server.column', { path: trace.path, message: finding.l10n ?? finding.message }) : { message: finding.message, ...(finding.l10n ? { l10n: finding.l10n } : {}) }),
          record: index,
          ...(finding.traceIndex !== undefined ? { trace: finding.traceIndex } : {}),
        });
      }
    }
    report(group.firstIndex + group.rows.length, total);
    await new Promise<void>((done) => setImmediate(done));
  }
  return true;
}
