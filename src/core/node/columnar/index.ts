/**
 * Columnar dataset files — Parquet and Arrow IPC (file and stream) — read as records.
 *
 * A file is read one row group (Parquet) or record batch (Arrow) at a time, so memory holds
 * one group's rows, whatever the file's size. Each group comes out as plain JSON values (see
 * `plain.ts`) numbered from the start of the file, ready for the record reader that JSON
 * Lines records go through; the row group's raw values are kept too, for writers that
 * copy rows out unchanged (`cot-trace filter`).
 *
 * Libraries: hyparquet (+ hyparquet-compressors for ZSTD, GZIP, BROTLI, LZ4) reads Parquet;
 * apache-arrow reads Arrow IPC, its compressed bodies (ZSTD, LZ4_FRAME) through the decoders
 * registered in `arrowCodecs.ts`.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { lazyText, lazyToPlain, toPlain } from './plain';
import { loadArrow } from './arrowCodecs';
import { arenaCompressors, PageArena, snappyInto, type DecodeInto } from './arena';

export type ColumnarKind = 'parquet' | 'arrow';

/** One row group (Parquet) or record batch (Arrow) of a file. */
export interface ColumnarGroup {
  /** 0-based position of the group in the file. */
  group: number;
  /** Record number (0-based, from the start of the file) of the group's first row. */
  firstIndex: number;
  /**
   * The rows as plain JSON values; when `lazy`, as read (text values not decoded yet): turn
   * each into plain values with `plainRow` when its turn comes.
   */
  rows: Record<string, unknown>[];
  /** True when `rows` hold undecoded text (Parquet read with `lazyText`). */
  lazy?: boolean;
  /** The rows as the library decoded them (Parquet: hyparquet's values, for a writer); empty unless asked for. */
  raw: Record<string, unknown>[];
  /** Arrow: the record batch itself (an apache-arrow RecordBatch), for writers that slice it. */
  batch?: unknown;
  /**
   * Lazy groups: hands the group's decompressed pages back for later groups to reuse. Call it
   * once nothing read from the group (its rows, their `LazyText`s) is held any more; not
   * calling it is safe (the memory is then collected as garbage).
   */
  release?: () => void;
}

export interface ColumnarProgress {
  /** Rows read so far. */
  records: number;
  /** Rows in the file (Parquet; 0 when the count is not known ahead, Arrow streams). */
  total: number;
}

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1
const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // ARROW1

/** True when bytes start like a Parquet or Arrow file. */
export function isColumnarHead(head: Uint8Array): boolean {
  const starts = (magic: number[]) => magic.every((b, i) => head[i] === b);
  return starts(PARQUET_MAGIC) || starts(ARROW_MAGIC) || (head.length >= 8 && starts([0xff, 0xff, 0xff, 0xff]) && head[4] !== 0xff);
}

/** Parquet or Arrow by the file's first bytes (then its extension); undefined for anything else. Never throws. */
export function columnarKind(path: string): ColumnarKind | undefined {
  if (path === '-') return undefined;
  let head: Uint8Array;
  try {
    const fd = openSync(path, 'r');
    try {
      head = new Uint8Array(8);
      head = head.subarray(0, readSync(fd, head, 0, 8, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return byName(path);
  }
  const starts = (magic: number[]) => magic.every((b, i) => head[i] === b);
  if (starts(PARQUET_MAGIC)) return 'parquet';
  if (starts(ARROW_MAGIC)) return 'arrow';
  // An Arrow stream starts with a message: the continuation marker 0xFFFFFFFF and a length.
  if (head.length >= 8 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return 'arrow';
  return head.length ? undefined : byName(path);
}

/** The kind a file name says (`.parquet`, `.arrow`, `.feather`, `.arrows`, `.ipc`). */
export function byName(path: string): ColumnarKind | undefined {
  const name = path.toLowerCase();
  if (name.endsWith('.parquet') || name.endsWith('.parq')) return 'parquet';
  if (name.endsWith('.arrow') || name.endsWith('.arrows') || name.endsWith('.feather') || name.endsWith('.ipc')) return 'arrow';
  return undefined;
}

/** A problem reading a columnar file, worded for one line on stderr. */
export class ColumnarError extends Error {}

// The libraries are ES modules; they are loaded on first use so JSON Lines runs never pay for them.
type Hyparquet = typeof import('hyparquet');
let hyparquet: Promise<Hyparquet> | undefined;
let compressorsLoad: Promise<Decoders> | undefined;
export const loadHyparquet = (): Promise<Hyparquet> => (hyparquet ??= import('hyparquet'));

/** The page decoders: as hyparquet calls them, and those that can write into given memory (see `arena.ts`). */
interface Decoders {
  compressors: import('hyparquet').Compressors;
  into: Partial<Record<keyof import('hyparquet').Compressors, DecodeInto>>;
}
const loadCompressors = () =>
  (compressorsLoad ??= Promise.all([import('hyparquet-compressors'), import('hysnappy')]).then(([m, hysnappy]) => {
    const all = { ...m.compressors } as import('hyparquet').Compressors;
    // An empty LZ4 block (one 0x00 byte, as the Rust and C++ writers write for an empty page)
    // makes hyparquet-compressors' LZ4 decoders throw; its output is simply empty.
    for (const codec of ['LZ4', 'LZ4_RAW'] as const) {
      const decode = all[codec];
      if (decode) all[codec] = (input: Uint8Array, outputLength: number) => (outputLength === 0 ? new Uint8Array(0) : decode(input, outputLength));
    }
    const into: Decoders['into'] = { GZIP: (input, output) => m.gunzip(input, output) };
    const snappy = snappyInto(() => hysnappy.snappyUncompressor());
    if (snappy) into.SNAPPY = snappy;
    return { compressors: all, into };
  }));

/**
 * How hyparquet turns bytes into values: strings (columns annotated UTF8 / STRING) through
 * Node's UTF-8 decoder, which gives V8's compact one-byte strings for ASCII text (the rules
 * run 2-3x faster on them than on the two-byte strings TextDecoder makes); `utf8: false`
 * keeps unannotated binary columns (images, audio) as bytes, so they are never mistaken for
 * text and are written back unchanged.
 */
const PARSERS = {
  stringFromBytes: (bytes: Uint8Array | undefined) => bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
};

/** The same, with text values left as bytes until their row is turned into plain values (see `LazyText`). */
const LAZY_PARSERS = { stringFromBytes: (bytes: Uint8Array | undefined) => bytes && lazyText(bytes) };

/** Row `i` of a group as plain JSON values. */
export function plainRow(group: ColumnarGroup, i: number): Record<string, unknown> {
  return group.lazy ? (lazyToPlain(group.rows[i]) as Record<string, unknown>) : group.rows[i];
}

/**
 * A file as hyparquet reads it: each slice (a footer, a column chunk) read with one call into
 * a buffer of its own size, instead of a stream's 64 KB chunks concatenated.
 */
async function fileSlices(path: string): Promise<import('hyparquet').AsyncBuffer & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const byteLength = (await handle.stat()).size;
  return {
    byteLength,
    async slice(start: number, end = byteLength) {
      const length = Math.max(0, Math.min(end, byteLength) - start);
      const bytes = Buffer.allocUnsafeSlow(length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(bytes, read, length - read, start + read);
        if (!bytesRead) throw new Error('the file ended early');
        read += bytesRead;
      }
      return bytes.buffer as ArrayBuffer;
    },
    close: () => handle.close(),
  };
}

/** The Parquet footer (schema, row groups) of a file, and the file opened for reading (close it when done). */
export async function parquetMetadata(path: string) {
  const { parquetMetadataAsync } = await loadHyparquet();
  const file = await fileSlices(path);
  try {
    return { file, metadata: await parquetMetadataAsync(file) };
  } catch (error) {
    await file.close();
    throw new ColumnarError(`not a readable Parquet file (${(error as Error).message})`);
  }
}

/**
 * The row groups of a Parquet file, one at a time. With `lazyText` (and not `keepRaw`) the
 * rows come as read, their text undecoded (`lazy`; see `plainRow`).
 */
export async function* parquetGroups(path: string, onProgress?: (p: ColumnarProgress) => void, keepRaw = false, lazyText = false): AsyncGenerator<ColumnarGroup> {
  const lazy = lazyText && !keepRaw;
  const { parquetReadObjects } = await loadHyparquet();
  const { compressors, into } = await loadCompressors();
  const { file, metadata } = await parquetMetadata(path);
  const total = Number(metadata.num_rows);
  let rowStart = 0;
  try {
  for (let group = 0; group < metadata.row_groups.length; group++) {
    const rowEnd = rowStart + Number(metadata.row_groups[group].num_rows);
    let raw: Record<string, unknown>[];
    // A lazy group's text stays in its pages until its rows are checked: those pages are
    // decompressed into memory the group hands back when done (see arena.ts).
    const arena = lazy ? new PageArena() : undefined;
    try {
      const decoders = arena ? arenaCompressors(compressors, into, arena) : compressors;
      raw = rowEnd > rowStart ? await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors: decoders, utf8: false, parsers: lazy ? LAZY_PARSERS : PARSERS }) : [];
    } catch (error) {
      throw new ColumnarError(`row group ${group} cannot be read (${(error as Error).message})`);
    }
    let rows: Record<string, unknown>[];
    if (arena) {
      yield { group, firstIndex: rowStart, rows: raw, raw: [], lazy: true, release: () => arena.release() };
      rowStart = rowEnd;
      onProgress?.({ records: rowStart, total });
      continue;
    }
    if (keepRaw) rows = raw.map((row) => toPlain(row, false) as Record<string, unknown>);
    else {
      // Converted in place: each decoded row becomes garbage as soon as its plain copy exists.
      rows = raw;
      for (let i = 0; i < rows.length; i++) rows[i] = toPlain(rows[i], false) as Record<string, unknown>;
      raw = [];
    }
    yield { group, firstIndex: rowStart, rows, raw };
    rowStart = rowEnd;
    onProgress?.({ records: rowStart, total });
  }
  } finally {
    await file.close();
  }
}

/** The record batches of an Arrow IPC file or stream, one at a time. */
export async function* arrowGroups(path: string, onProgress?: (p: ColumnarProgress) => void): AsyncGenerator<ColumnarGroup> {
  const { RecordBatchReader } = await loadArrow();
  const handle = await open(path, 'r');
  try {
    let reader;
    try {
      reader = await RecordBatchReader.from(handle);
      await reader.open();
    } catch (error) {
      throw new ColumnarError(`not a readable Arrow IPC file (${(error as Error).message})`);
    }
    let firstIndex = 0;
    let group = 0;
    for await (const batch of reader) {
      const names = batch.schema.fields.map((f) => f.name);
      const columns = names.map((_, j) => batch.getChildAt(j));
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; i < batch.numRows; i++) {
        const row: Record<string, unknown> = {};
        for (let j = 0; j < names.length; j++) row[names[j]] = toPlain(columns[j]?.get(i));
        rows.push(row);
      }
      yield { group, firstIndex, rows, raw: rows, batch }; // Arrow: the batch itself is what writers copy
      group++;
      firstIndex += batch.numRows;
      onProgress?.({ records: firstIndex, total: 0 });
    }
  } catch (error) {
    if (error instanceof ColumnarError) throw error;
    throw new ColumnarError(`cannot be read as Arrow IPC (${(error as Error).message})`);
  } finally {
    await handle.close();
  }
}

/** The groups of a Parquet or Arrow file (`lazyText`: see `parquetGroups`). */
export function columnarGroups(path: string, kind: ColumnarKind, onProgress?: (p: ColumnarProgress) => void, keepRaw = false, lazyText = false): AsyncGenerator<ColumnarGroup> {
  return kind === 'parquet' ? parquetGroups(path, onProgress, keepRaw, lazyText) : arrowGroups(path, onProgress);
}

/** A whole columnar file as JSON Lines text (for commands that read their input whole). */
export async function columnarJsonLines(path: string, kind: ColumnarKind, maxChars = Infinity): Promise<string> {
  const lines: string[] = [];
  let chars = 0;
  for await (const group of columnarGroups(path, kind)) {
    for (const row of group.rows) {
      const line = JSON.stringify(row);
      chars += line.length + 1;
      if (chars > maxChars) throw new ColumnarError(`its rows are over ${Math.round(maxChars / 1024 / 1024)} MB as JSON, more than is read whole here; use the command line (cot-trace lint, score, stats, filter)`);
      lines.push(line);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export { toPlain } from './plain';
