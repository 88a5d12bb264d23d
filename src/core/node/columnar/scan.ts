/**
 * The dataset scanner's columnar side: every row of a Parquet or Arrow file handed over as a
 * scanned record (the record the engine checks, its JSON Lines form for exports, its hash for
 * review decisions), plus where it sits in the file, so a writer can copy the row itself.
 */
import { stat } from 'node:fs/promises';
import { buildRecord, type Locator } from '../../documents/record';
import type { FieldOverrides } from '../../documents';
import { hashText } from '../../review/hash';
import type { RecordInput } from '../../types';
import { Cancelled } from '../dataset';
import { columnarGroups, type ColumnarGroup, type ColumnarKind } from './index';

/** Columnar rows have no source text: every value is placed at its record. */
export const NO_SOURCE: Locator = { find: () => null };

/** Where a scanned row sits in its columnar file. */
export interface ColumnarPlace {
  kind: ColumnarKind;
  group: ColumnarGroup;
  /** The row's position inside its group. */
  row: number;
}

export interface ScannedRow {
  record: RecordInput;
  /** The row as one JSON line ("\n" included). */
  bytes: Uint8Array;
  hash(): string;
  columnar: ColumnarPlace;
}

const encoder = new TextEncoder();

/** A record of the engine built from a plain row. */
export function rowRecord(row: unknown, index: number, fields?: FieldOverrides): RecordInput {
  return buildRecord(row, NO_SOURCE, { index, line: index, span: { start: 0, end: 0 }, fields });
}

/** Reads every row of a columnar file, a row group at a time. */
export async function scanColumnar(
  path: string,
  kind: ColumnarKind,
  options: { fields?: FieldOverrides; onProgress?(p: { bytes: number; size: number; records: number }): void; cancelled?(): boolean },
  onRow: (scanned: ScannedRow) => void | Promise<void>,
): Promise<{ records: number; bom: boolean }> {
  const size = (await stat(path)).size;
  let records = 0;
  let total = 0;
  for await (const group of columnarGroups(path, kind, (p) => (total = p.total), true)) {
    if (options.cancelled?.()) throw new Cancelled();
    for (let row = 0; row < group.rows.length; row++) {
      const json = JSON.stringify(group.rows[row]);
      await onRow({
        record: rowRecord(group.rows[row], group.firstIndex + row, options.fields),
        bytes: encoder.encode(json + '\n'),
        hash: () => hashText(json),
        columnar: { kind, group, row },
      });
    }
    records += group.rows.length;
    // Progress in bytes, estimated from the share of rows read (Arrow streams: unknown until the end).
    options.onProgress?.({ bytes: total ? Math.round((size * records) / total) : 0, size, records });
  }
  options.onProgress?.({ bytes: size, size, records });
  return { records, bom: false };
}
