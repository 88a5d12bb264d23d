/**
 * One streaming pass over a dataset file: every record is read (JSON Lines a chunk at a time,
 * a JSON document whole) and handed over with its source bytes and content hash, so callers
 * can score it, collect statistics or copy it out byte for byte.
 */
import { readFile, stat } from 'node:fs/promises';
import { lineCutter, readDocument, readJsonlBytes, type DocumentKind, type FieldOverrides } from '../documents';
import type { RecordInput } from '../types';
import { hashBytes, hashText } from '../review/hash';
import { Cancelled, MAX_JSON_BYTES, type IndexProgress } from './dataset';
import { fileBatches } from './lines';
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

/** Bytes read at a time. */
const SCAN_CHUNK_BYTES = 4 << 20;

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
  let bom = false;
  let records = 0;
  let line = 0;
  for await (const batch of fileBatches(path, undefined, options.chunkBytes ?? SCAN_CHUNK_BYTES)) {
    if (options.cancelled?.()) throw new Cancelled();
    let whole = batch.bytes;
    if (line === 0 && whole[0] === 0xef && whole[1] === 0xbb && whole[2] === 0xbf) {
      bom = true;
      whole = whole.subarray(3);
    }
    // Where each line of the batch starts, ends and its break ends, to hand each record its bytes.
    const cut = lineCutter(whole);
    const starts: number[] = [];
    const stops: number[] = [];
    const nexts: number[] = [];
    for (let at = 0; at < whole.length; ) {
      const { stop, next } = cut(at);
      starts.push(at);
      stops.push(stop);
      nexts.push(next);
      at = next;
    }
    const pending: ScannedRecord[] = [];
    const firstLine = line;
    readJsonlBytes(whole, { firstLine, firstIndex: records, fields: options.fields }, (record) => {
      const k = record.line - firstLine;
      pending.push({ record, bytes: whole.subarray(starts[k], nexts[k]), hash: () => hashBytes(whole, starts[k], stops[k]) });
    });
    for (const scanned of pending) await onRecord(scanned);
    records += pending.length;
    line += Math.max(1, starts.length);
    options.onProgress?.({ bytes: Math.min(batch.consumed, size), size, records });
  }
  return { records, bom };
}
