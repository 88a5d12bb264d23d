/**
 * One streaming pass over a dataset file: every record is read (JSON Lines a chunk at a time,
 * a JSON document whole) and handed over with its source bytes and content hash, so callers
 * can score it, collect statistics or copy it out byte for byte.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { forEachJsonlRecordInBytes, readDocument, type DocumentKind, type FieldOverrides } from '../documents';
import type { RecordInput } from '../types';
import { hashBytes, hashText } from '../review/hash';
import { Cancelled, MAX_JSON_BYTES, type IndexProgress } from './dataset';
import { columnarKind } from './columnar';
import { scanColumnar, type ColumnarPlace } from './columnar/scan';

export interface ScannedRecord {
  record: RecordInput;
  /** The record's source as written out by an export: its line with the line break (JSONL), compact JSON + "\n" (JSON). */
  bytes: Uint8Array;
  /** Content hash of the record's text (computed on demand). */
  hash(): string;
  /** Parquet and Arrow rows: where the row sits in its file. */
  columnar?: ColumnarPlace;
}

export interface ScanOptions {
  fields?: FieldOverrides;
  onProgress?(progress: IndexProgress): void;
  cancelled?(): boolean;
  chunkBytes?: number;
}

export interface ScanResult {
  records: number;
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean;
}

const encoder = new TextEncoder();

/** Index of the last \n (TypedArray.prototype.lastIndexOf is slow on big arrays). */
function lastNewline(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) if (bytes[i] === 10) return i;
  return -1;
}

/** Reads every record of `path`; `onRecord` may be async (backpressure). */
export async function scanDataset(path: string, kind: DocumentKind, options: ScanOptions, onRecord: (scanned: ScannedRecord) => void | Promise<void>): Promise<ScanResult> {
  // Parquet and Arrow files come from the columnar record source, a row group at a time.
  const columnar = columnarKind(path);
  if (columnar) return scanColumnar(path, columnar, options, onRecord);
  const size = (await stat(path)).size;
  if (kind === 'json' || kind === 'cot') {
    if (size > MAX_JSON_BYTES) throw new Error(`JSON documents over ${MAX_JSON_BYTES / 1024 / 1024} MB are not read whole; convert it to JSON Lines first (jq -c '.[]')`);
    let text = await readFile(path, 'utf8');
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) text = text.slice(1);
    const records = readDocument(text, path, { kind, fields: options.fields });
    for (const record of records) {
      let source = text.slice(record.span.start, record.span.end);
      const original = source;
      try {
        source = JSON.stringify(JSON.parse(source));
      } catch {
        source = source.replace(/\r?\n/g, ' ');
      }
      await onRecord({ record, bytes: encoder.encode(source + '\n'), hash: () => hashText(original) });
    }
    options.onProgress?.({ bytes: size, size, records: records.length });
    return { records: records.length, bom };
  }
  const chunkBytes = options.chunkBytes ?? 4 << 20;
  const handle = await open(path, 'r');
  let bom = false;
  let records = 0;
  let line = 0;
  let position = 0;
  let carry: Uint8Array = new Uint8Array(0);
  try {
    for (;;) {
      if (options.cancelled?.()) throw new Cancelled();
      const fresh = new Uint8Array(chunkBytes);
      const { bytesRead } = await handle.read(fresh, 0, chunkBytes, position);
      const atEnd = bytesRead === 0;
      let bytes: Uint8Array;
      if (carry.length) {
        bytes = new Uint8Array(carry.length + bytesRead);
        bytes.set(carry);
        bytes.set(fresh.subarray(0, bytesRead), carry.length);
      } else bytes = fresh.subarray(0, bytesRead);
      if (position === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bom = true;
        bytes = bytes.subarray(3);
      }
      position += bytesRead;
      let cut = bytes.length;
      if (!atEnd) {
        cut = lastNewline(bytes) + 1;
        if (cut === 0) {
          carry = bytes.slice();
          continue;
        }
      }
      const whole = bytes.subarray(0, cut);
      carry = bytes.slice(cut);
      // Line start offsets of the batch, to hand each record its bytes.
      const starts: number[] = [];
      for (let s = 0; s < whole.length; ) {
        starts.push(s);
        const nl = whole.indexOf(10, s);
        s = nl < 0 ? whole.length : nl + 1;
      }
      const pending: ScannedRecord[] = [];
      const firstLine = line;
      forEachJsonlRecordInBytes(whole, { firstLine, firstIndex: records, fields: options.fields }, (record) => {
        const s = starts[record.line - firstLine];
        const nl = whole.indexOf(10, s);
        const end = nl < 0 ? whole.length : nl + 1;
        let stop = nl < 0 ? whole.length : nl;
        if (stop > s && whole[stop - 1] === 13) stop--;
        pending.push({ record, bytes: whole.subarray(s, end), hash: () => hashBytes(whole, s, stop) });
      });
      for (const scanned of pending) await onRecord(scanned);
      records += pending.length;
      line += starts.length - (whole.length && whole[whole.length - 1] !== 10 ? 1 : 0);
      options.onProgress?.({ bytes: Math.min(position, size), size, records });
      if (atEnd) break;
    }
  } finally {
    await handle.close();
  }
  return { records, bom };
}
