/**
 * Writers that copy rows of a columnar file out unchanged, with the input's schema, for
 * `cot-trace filter`:
 *  - Parquet → Parquet (hyparquet-writer): the input's schema elements and key/value metadata
 *    (the Arrow schema and the Hub's `huggingface` entry included) are written as they are,
 *    one output row group per input row group, each holding that group's kept rows as
 *    hyparquet decoded them, compressed as the input is (see `parquetEncoders`) or, for a codec
 *    with no encoder here (LZ4, LZ4_RAW; ZSTD before Node.js 22.15), with SNAPPY and a note.
 *  - Arrow → Arrow (apache-arrow): slices of the input's record batches, so values and schema
 *    are the input's own; the output has the input's IPC format (file or stream), with
 *    uncompressed bodies (a note says so when the input's were compressed; see arrowCodecs.ts).
 * Both hand bytes to `output` as each row group is done, so memory holds one group.
 */
import { createReadStream } from 'node:fs';
import * as zlib from 'node:zlib';
import type { CompressionCodec } from 'hyparquet';
import { arrowGroups, loadHyparquet, parquetMetadata, type ColumnarKind } from './index';
import type { ColumnarPlace } from './scan';
import { msg, type Localized } from '../../messages';

/** Receives the rows to keep, in order, then `finish()`. */
export interface RowSink {
  add(place: ColumnarPlace): void | Promise<void>;
  finish(): Promise<void>;
  /** A note on how the output differs from the input's encoding (e.g. its compression), if at all. */
  note?: string;
  /** The note as a message of the catalogue, to render in another locale. */
  noteL10n?: Localized;
}

/** A sink's note, in English and as its message. */
function noteOf(text: { message: string; l10n: Localized }): Pick<RowSink, 'note' | 'noteL10n'> {
  return { note: text.message, noteL10n: text.l10n };
}

type Compress = (input: Uint8Array) => Uint8Array;

/**
 * The encoders there are here, beside SNAPPY (hyparquet-writer's own): GZIP and BROTLI from
 * node:zlib, ZSTD from node:zlib where Node.js has it (22.15 and later: the VS Code host of
 * recent releases; not Node.js 20). LZ4 and LZ4_RAW have none.
 */
export function parquetEncoders(): Partial<Record<CompressionCodec, Compress>> {
  const zstd = (zlib as { zstdCompressSync?: (input: Uint8Array) => Buffer }).zstdCompressSync;
  return {
    GZIP: (input) => zlib.gzipSync(input),
    BROTLI: (input) => zlib.brotliCompressSync(input),
    ...(zstd ? { ZSTD: (input: Uint8Array) => zstd(input) } : {}),
  };
}

/** The codec an output takes for an input compressed with `input`: the same, or SNAPPY when there is no encoder. */
export function outputCodec(input: CompressionCodec, encoders = parquetEncoders()): CompressionCodec {
  return input === 'UNCOMPRESSED' || input === 'SNAPPY' || encoders[input] ? input : 'SNAPPY';
}

/** A sink writing Parquet with the schema of `source`. */
export async function parquetSink(source: string, output: (bytes: Uint8Array) => void): Promise<RowSink> {
  const { parquetSchema } = await loadHyparquet();
  const { ByteWriter, ParquetWriter } = await import('hyparquet-writer');
  const { file, metadata } = await parquetMetadata(source);
  await file.close();
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const inputCodec = metadata.row_groups[0]?.columns[0]?.meta_data?.codec ?? 'SNAPPY';
  const encoders = parquetEncoders();
  const codec = outputCodec(inputCodec, encoders);

  // Bytes go out after every row group (ParquetWriter calls flush) and at the end.
  const bytes = new ByteWriter();
  const drain = () => {
    if (bytes.index) output(new Uint8Array(bytes.buffer, 0, bytes.index).slice());
    bytes.index = 0;
  };
  Object.assign(bytes, { flush: drain, finish: drain });
  const writer = new ParquetWriter({
    writer: bytes,
    schema: metadata.schema,
    codec,
    compressors: encoders,
    kvMetadata: metadata.key_value_metadata,
    createdBy: metadata.created_by,
  });

  let group = -1;
  let rows: Record<string, unknown>[] = [];
  const flushGroup = async () => {
    if (rows.length) {
      const columnData = names.map((name) => ({ name, data: rows.map((row) => row[name]) }));
      await writer.write({ columnData, rowGroupSize: rows.length });
    }
    rows = [];
  };
  return {
    ...(codec !== inputCodec ? noteOf(msg('columnar.codec-fallback', { input: inputCodec, codec })) : {}),
    async add(place) {
      if (place.group.group !== group) {
        await flushGroup();
        group = place.group.group;
      }
      rows.push(place.group.raw[place.row]);
    },
    async finish() {
      await flushGroup();
      await writer.finish();
    },
  };
}

interface ArrowBatch {
  numRows: number;
  slice(begin: number, end: number): ArrowBatch;
}

/**
 * The compression of an Arrow IPC file's record-batch bodies (`ZSTD`, `LZ4_FRAME`), from the
 * header of its first record batch, or undefined when they are stored as they are. Reads the
 * message headers up to that batch, not its body.
 */
export async function arrowBodyCompression(source: string, format: 'file' | 'stream'): Promise<string | undefined> {
  const arrow = await import('apache-arrow');
  // The file format is the stream format behind 8 bytes of magic and padding (`ARROW1\0\0`).
  const stream = createReadStream(source, { start: format === 'file' ? 8 : 0, highWaterMark: 1 << 16 });
  try {
    for await (const message of new arrow.AsyncMessageReader(stream)) {
      if (message.isSchema() || message.isDictionaryBatch()) {
        // Dictionary batches come before the first record batch and tell the same.
        const compression = message.isDictionaryBatch() ? message.header().data.compression : null;
        if (compression) return arrow.CompressionType[compression.type];
        continue;
      }
      if (!message.isRecordBatch()) return undefined;
      const compression = message.header().compression;
      return compression ? arrow.CompressionType[compression.type] : undefined;
    }
    return undefined;
  } catch {
    // Unreadable headers: the reader itself says so, in its own words.
    return undefined;
  } finally {
    stream.destroy();
  }
}

/** A sink writing Arrow IPC (`file` or `stream`) with the schema of the input's batches. */
export async function arrowSink(source: string, format: 'file' | 'stream', output: (bytes: Uint8Array) => void): Promise<RowSink> {
  const arrow = await import('apache-arrow');
  const compression = await arrowBodyCompression(source, format);
  const writer = format === 'file' ? new arrow.RecordBatchFileWriter() : new arrow.RecordBatchStreamWriter();
  const pumped = (async () => {
    for await (const chunk of writer as AsyncIterable<Uint8Array>) output(chunk);
  })();
  let batch: ArrowBatch | undefined;
  let wrote = false;
  let run: [number, number] | undefined;
  const endRun = () => {
    if (batch && run) {
      writer.write(batch.slice(run[0], run[1]) as never);
      wrote = true;
    }
    run = undefined;
  };
  return {
    ...(compression ? noteOf(msg('columnar.arrow-uncompressed', { compression })) : {}),
    add(place) {
      const current = place.group.batch as ArrowBatch;
      if (current !== batch) {
        endRun();
        batch = current;
      }
      if (run && run[1] === place.row) run[1]++;
      else {
        endRun();
        run = [place.row, place.row + 1];
      }
    },
    async finish() {
      endRun();
      // No row kept: an empty slice of the input's first batch still carries the schema.
      if (!wrote) {
        for await (const group of arrowGroups(source)) {
          writer.write((group.batch as ArrowBatch).slice(0, 0) as never);
          break;
        }
      }
      writer.finish();
      await pumped;
    },
  };
}

/** The IPC format of an Arrow file (by its magic bytes). */
export function arrowFormat(head: Uint8Array): 'file' | 'stream' {
  return head[0] === 0x41 && head[1] === 0x52 && head[2] === 0x52 ? 'file' : 'stream';
}

export type { ColumnarKind };
