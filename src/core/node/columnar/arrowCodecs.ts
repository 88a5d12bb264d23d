/**
 * Arrow IPC files whose record-batch bodies are compressed (the `BodyCompression` of the IPC
 * format: pyarrow's `compression='zstd'` or `'lz4'`, Feather v2's default LZ4) are read through
 * apache-arrow's own codec registry (`compressionRegistry`, apache-arrow 21): the library
 * splits a body into its buffers, reads each buffer's 8-byte length prefix (-1: stored as it
 * is) and hands the rest to the codec registered for the body's compression:
 *  - ZSTD: fzstd, the decoder hyparquet-compressors uses for Parquet;
 *  - LZ4_FRAME: the frame decoder in `lz4frame.ts`.
 * Only decoders are registered: apache-arrow 21.2's writer puts the compressed length where
 * the format wants the uncompressed one, so what it would write compressed other readers
 * (pyarrow) refuse; output Arrow files are written uncompressed (see `write.ts`).
 */
import { decompressLz4Frame } from './lz4frame';

type Arrow = typeof import('apache-arrow');
let loaded: Promise<Arrow> | undefined;

/** apache-arrow, with decoders for compressed record batches registered. */
export function loadArrow(): Promise<Arrow> {
  return (loaded ??= Promise.all([import('apache-arrow'), import('hyparquet-compressors')]).then(([arrow, { decompressZstd }]) => {
    // A buffer written with length 0 has nothing after its prefix: its content is empty. The
    // vectors view the output as 64-bit values, so it must start 8-byte aligned (fzstd may
    // hand out a view into a larger buffer): a misaligned one is copied.
    const aligned = (bytes: Uint8Array) => (bytes.byteOffset % 8 ? bytes.slice() : bytes);
    const empty = (decode: (bytes: Uint8Array) => Uint8Array) => (bytes: Uint8Array) => (bytes.length ? aligned(decode(bytes)) : new Uint8Array(0));
    arrow.compressionRegistry.set(arrow.CompressionType.ZSTD, { decode: empty((bytes) => decompressZstd(bytes)) });
    arrow.compressionRegistry.set(arrow.CompressionType.LZ4_FRAME, { decode: empty(decompressLz4Frame) });
    return arrow;
  }));
}
