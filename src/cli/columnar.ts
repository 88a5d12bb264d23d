/**
 * `lint` and `score` over Parquet and Arrow files: each row group (record batch) is read by
 * the columnar record source and checked as a batch, records numbered from the start of the
 * file. A row has no line in a file, so findings carry the record number, the row group and
 * the column (field path) they are about instead; a score's `line` is the record number + 1,
 * the line the same record has in the JSON Lines form of the dataset.
 */
import type { RecordInput, ResolvedConfig } from '../core/types';
import { columnarGroups, plainRow, type ColumnarGroup, type ColumnarKind, type ColumnarProgress } from '../core/node/columnar';
import { rowRecord } from '../core/node/columnar/scan';
import { ConventionGate } from '../core/trace/datasetConvention';
import { checkFor, collect, emptyBatch, type BatchResult, type Mode } from '../core/batch';

/** Checks the records of one row group (record numbers absolute, from `firstIndex`). */
export function checkRows(rows: unknown[], firstIndex: number, group: number, mode: Mode, config: ResolvedConfig, release = false, plain: (i: number) => unknown = (i) => rows[i]): BatchResult {
  const out = emptyBatch();
  const fields = config.fields;
  const check = checkFor(config, mode);
  for (let i = 0; i < rows.length; i++) {
    const index = firstIndex + i;
    const record = rowRecord(plain(i), index, fields);
    // A row checked is let go at once, so a big row group's text does not outlive its turn.
    if (release) rows[i] = null;
    const before = out.findings.length;
    collect(check(record), record, mode, () => ({ line: index, character: 0 }), out);
    for (let k = before; k < out.findings.length; k++) {
      const finding = out.findings[k];
      const trace = finding.trace !== undefined ? record.traces.find((t) => t.index === finding.trace) : record.traces[0];
      finding.rowGroup = group;
      if (trace) finding.field = trace.path;
    }
  }
  out.lines = rows.length;
  return out;
}

/** Checks a whole Parquet or Arrow file, handing over each row group's results in order. */
export async function checkColumnarFile(
  path: string,
  kind: ColumnarKind,
  mode: Mode,
  config: ResolvedConfig,
  onGroup: (result: BatchResult) => Promise<void>,
  onProgress?: (progress: ColumnarProgress) => void,
): Promise<void> {
  // As for JSON Lines: the dataset's convention, from its first traces (over as many row
  // groups as they take), judges the outliers; the groups wait until it is known.
  const gate = new ConventionGate<ColumnarGroup>(config, (g, checked) => {
    const result = checkRows(g.rows, g.firstIndex, g.group, mode, checked, true, (i) => plainRow(g, i));
    // Every row is checked and let go, and the results hold copies of the text (strings), not
    // views into the pages: the group's page memory can go to the groups read after it.
    g.release?.();
    return onGroup(result);
  });
  // Parquet text stays undecoded until its row is checked (see LazyText).
  for await (const group of columnarGroups(path, kind, onProgress, false, true)) {
    await gate.push(group, rowsAsRecords(group, config));
  }
  await gate.end();
}

/** The records of a row group, read one at a time (only as many as the convention sample takes). */
function* rowsAsRecords(group: ColumnarGroup, config: ResolvedConfig): Generator<RecordInput> {
  for (let i = 0; i < group.rows.length; i++) yield rowRecord(plainRow(group, i), group.firstIndex + i, config.fields);
}
