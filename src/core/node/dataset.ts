/**
 * A dataset file on disk, indexed without being loaded: for JSON Lines, one streaming pass
 * records where every record's line starts and ends (byte offsets) and the hash of its
 * text; a record is then read by seeking to its offset. JSON documents (an array of
 * records) are parsed whole, as the rest of the engine does, and keep their text in memory.
 *
 * Exports copy records' source bytes: a JSON Lines record is written exactly as its line
 * is in the file (line break included, CRLF kept; the file's byte order mark, if any, starts
 * the output). Elements of a JSON document are written as compact JSON, one per line.
 */
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { lineCutter, readJsonDocument, readJsonl, readJsonlLine, type DocumentKind, type FieldOverrides } from '../documents';
import { columnarJsonLines, columnarKind } from './columnar';
import type { RecordInput } from '../types';
import { hashBytes, hashText } from '../review/hash';
import { fileBatches } from './lines';

export interface IndexProgress {
  bytes: number;
  size: number;
  records: number;
}

export interface IndexOptions {
  onProgress?(progress: IndexProgress): void;
  /** Polled between chunks; indexing stops (throws `Cancelled`) when it returns true. */
  cancelled?(): boolean;
  chunkBytes?: number;
}

/** Bytes read at a time while indexing. */
const INDEX_CHUNK_BYTES = 4 << 20;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

const BLANK = new Uint8Array(256);
BLANK[32] = 1;
BLANK[9] = 1;
BLANK[13] = 1;
BLANK[10] = 1;

export interface JsonlIndex {
  size: number;
  bom: boolean;
  /** Byte offset of each record's first byte. */
  starts: number[];
  /** Byte offset just after each record's line break (or the end of the file). */
  ends: number[];
  /** 0-based line of each record. */
  lines: number[];
  /** Content hash of each record's text (line break and a trailing CR excluded). */
  hashes: string[];
}

/** Streams a JSON Lines file once and indexes its non-blank lines (lines cut as every reader cuts them, see lineCutter). */
export async function indexJsonl(path: string, options: IndexOptions = {}): Promise<JsonlIndex> {
  const size = (await stat(path)).size;
  const index: JsonlIndex = { size, bom: false, starts: [], ends: [], lines: [], hashes: [] };
  let line = 0;
  let base = 0; // file offset of the batch's first byte
  for await (const batch of fileBatches(path, undefined, options.chunkBytes ?? INDEX_CHUNK_BYTES)) {
    if (options.cancelled?.()) throw new Cancelled();
    const bytes = batch.bytes;
    let at = 0;
    if (base === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      index.bom = true;
      at = 3;
    }
    const cut = lineCutter(bytes);
    while (at < bytes.length) {
      const { stop, next } = cut(at);
      let blank = true;
      for (let k = at; k < stop && blank; k++) blank = BLANK[bytes[k]] === 1;
      if (!blank) {
        index.starts.push(base + at);
        index.ends.push(base + next);
        index.lines.push(line);
        index.hashes.push(hashBytes(bytes, at, stop));
      }
      line++;
      at = next;
    }
    base += bytes.length;
    options.onProgress?.({ bytes: base, size, records: index.starts.length });
  }
  return index;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The text of a record's line without its line break. */
export function lineText(bytes: Uint8Array): string {
  let end = bytes.length;
  if (end && bytes[end - 1] === 10) end--;
  if (end && bytes[end - 1] === 13) end--;
  return decoder.decode(bytes.subarray(0, end));
}

/** A dataset opened for review: records by index, read on demand. */
export interface Dataset {
  readonly path: string;
  readonly kind: 'jsonl' | 'json';
  readonly count: number;
  readonly bom: boolean;
  hash(index: number): string;
  /** 0-based line of the record's first character. */
  line(index: number): number;
  /** Source text of the records [from, to). */
  texts(from: number, to: number): Promise<string[]>;
  /** Reads records [from, to) for the engine. */
  records(from: number, to: number, fields?: FieldOverrides): Promise<RecordInput[]>;
  /** The bytes written for a record on export (its source line, line break included). */
  exportBytes(indices: readonly number[], write: (bytes: Uint8Array) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

class JsonlDataset implements Dataset {
  readonly kind = 'jsonl';
  constructor(
    readonly path: string,
    private readonly index: JsonlIndex,
    private readonly handle: FileHandle,
  ) {}
  get count() {
    return this.index.starts.length;
  }
  get bom() {
    return this.index.bom;
  }
  hash(i: number) {
    return this.index.hashes[i];
  }
  line(i: number) {
    return this.index.lines[i];
  }
  private async read(from: number, to: number): Promise<Uint8Array> {
    const start = this.index.starts[from];
    const end = this.index.ends[to - 1];
    const buffer = new Uint8Array(end - start);
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await this.handle.read(buffer, done, buffer.length - done, start + done);
      if (bytesRead === 0) throw new Error(`${this.path} changed on disk while it was read (run the review again to re-index it)`);
      done += bytesRead;
    }
    return buffer;
  }
  async texts(from: number, to: number): Promise<string[]> {
    from = Math.max(0, from);
    to = Math.min(this.count, to);
    if (to <= from) return [];
    const bytes = await this.read(from, to);
    const base = this.index.starts[from];
    const out: string[] = [];
    for (let k = from; k < to; k++) out.push(lineText(bytes.subarray(this.index.starts[k] - base, this.index.ends[k] - base)));
    return out;
  }
  async records(from: number, to: number, fields?: FieldOverrides): Promise<RecordInput[]> {
    const texts = await this.texts(from, to);
    return texts.map((text, k) => readJsonlLine(text, { index: from + k, line: this.index.lines[from + k], offset: 0, fields }));
  }
  async exportBytes(indices: readonly number[], write: (bytes: Uint8Array) => Promise<void>): Promise<void> {
    if (this.bom) await write(new Uint8Array([0xef, 0xbb, 0xbf]));
    const sorted = [...indices].sort((a, b) => a - b);
    for (let k = 0; k < sorted.length; ) {
      // Read runs of adjacent records in one go.
      let j = k + 1;
      while (j < sorted.length && sorted[j] === sorted[j - 1] + 1 && this.index.ends[sorted[j]] - this.index.starts[sorted[k]] < 8 << 20) j++;
      const bytes = await this.read(sorted[k], sorted[j - 1] + 1);
      // Lines between records of a run are blank lines: keep only the records' own bytes.
      const base = this.index.starts[sorted[k]];
      for (let m = k; m < j; m++) {
        const r = sorted[m];
        let piece = bytes.subarray(this.index.starts[r] - base, this.index.ends[r] - base);
        // The file's last line may have no line break; a later record never follows it, but
        // keep outputs well-formed if it is not last in the output.
        if (piece[piece.length - 1] !== 10 && m < sorted.length - 1) piece = concat(piece, new Uint8Array([10]));
        await write(piece);
      }
      k = j;
    }
  }
  close() {
    return this.handle.close();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

class JsonDataset implements Dataset {
  readonly kind = 'json';
  private readonly hashes: string[];
  constructor(
    readonly path: string,
    private readonly text: string,
    private readonly recordsIn: RecordInput[],
    readonly bom: boolean,
  ) {
    this.hashes = recordsIn.map((r) => hashText(text.slice(r.span.start, r.span.end)));
  }
  get count() {
    return this.recordsIn.length;
  }
  hash(i: number) {
    return this.hashes[i];
  }
  line(i: number) {
    return this.recordsIn[i].line;
  }
  async texts(from: number, to: number) {
    return this.recordsIn.slice(Math.max(0, from), to).map((r) => this.text.slice(r.span.start, r.span.end));
  }
  async records(from: number, to: number) {
    return this.recordsIn.slice(Math.max(0, from), to);
  }
  async exportBytes(indices: readonly number[], write: (bytes: Uint8Array) => Promise<void>) {
    const encoder = new TextEncoder();
    for (const i of [...indices].sort((a, b) => a - b)) {
      const r = this.recordsIn[i];
      let source = this.text.slice(r.span.start, r.span.end);
      try {
        source = JSON.stringify(JSON.parse(source));
      } catch {
        source = source.replace(/\r?\n/g, ' ');
      }
      await write(encoder.encode(source + '\n'));
    }
  }
  async close() {}
}

/** Largest JSON document read whole. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Opens (and indexes) a dataset file. */
export async function openDataset(path: string, kind: DocumentKind, options: IndexOptions & { fields?: FieldOverrides } = {}): Promise<Dataset> {
  // Parquet and Arrow: the rows as JSON Lines text held in memory (what the review needs: records by index).
  const columnar = columnarKind(path);
  if (columnar) {
    const size = (await stat(path)).size;
    const text = await columnarJsonLines(path, columnar, MAX_JSON_BYTES);
    options.onProgress?.({ bytes: size, size, records: 0 });
    return new JsonDataset(path, text, readJsonl(text, { fields: options.fields }), false);
  }
  if (kind === 'json') {
    const size = (await stat(path)).size;
    if (size > MAX_JSON_BYTES) throw new Error(`JSON documents over ${MAX_JSON_BYTES / 1024 / 1024} MB are not read whole; convert it to JSON Lines first (jq -c '.[]')`);
    let text = await readFile(path, 'utf8');
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) text = text.slice(1);
    options.onProgress?.({ bytes: size, size, records: 0 });
    return new JsonDataset(path, text, readJsonDocument(text, options.fields).records, bom);
  }
  if (kind !== 'jsonl') throw new Error('only JSON Lines and JSON datasets can be reviewed');
  const index = await indexJsonl(path, options);
  return new JsonlDataset(path, index, await open(path, 'r'));
}
