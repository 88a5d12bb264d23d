/**
 * Reading files as batches of whole lines, for every face that reads datasets from disk (the
 * CLI, the server's lint from disk, the dataset scanner): batches end after a `\n`; the
 * records in them are cut with `lineCutter` (`\n`, `\r\n`, lone `\r`) by the JSON Lines
 * reader; a byte order mark at the start is skipped by that reader; the last line needs no
 * line break. A file's kind is sniffed from its first SNIFF_BYTES.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { countLineBreaks, SNIFF_BYTES } from '../documents';

/** Bytes per read; a batch of whole lines is at least this big (unless the input ends). */
export const CHUNK_BYTES = 1 << 20;

/** A run of whole lines, in a buffer of its own (so its memory can be handed to a worker). */
export interface Batch {
  bytes: Uint8Array;
  /** 0-based line number of the batch's first line. */
  firstLine: number;
  /** Bytes of input consumed so far, this batch included. */
  consumed: number;
}

/** Index of the last \n (TypedArray.prototype.lastIndexOf is slow on big arrays). */
function lastNewline(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) if (bytes[i] === 10) return i;
  return -1;
}

/**
 * Cuts a stream of byte chunks into batches of whole lines: gathers at least
 * CHUNK_BYTES, cuts at the last newline and keeps the rest for the next batch. A UTF-8
 * byte order mark at the very start is dropped.
 */
export async function* lineBatches(chunks: AsyncIterable<Uint8Array>, chunkBytes = CHUNK_BYTES): AsyncGenerator<Batch> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let firstLine = 0;
  let consumed = 0;
  let atStart = true;
  const flush = (final: boolean): Batch | undefined => {
    if (!pendingBytes) return undefined;
    const whole = new Uint8Array(new ArrayBuffer(pendingBytes));
    let at = 0;
    for (const part of pending) {
      whole.set(part, at);
      at += part.length;
    }
    const cut = final ? whole.length : lastNewline(whole) + 1;
    if (cut === 0) return undefined; // no newline yet: one very long line, keep reading
    let bytes = whole.subarray(0, cut);
    const rest = whole.subarray(cut);
    pending = rest.length ? [rest.slice()] : [];
    pendingBytes = rest.length;
    consumed += cut;
    if (atStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    atStart = false;
    const batch = { bytes, firstLine, consumed };
    firstLine += countLineBreaks(bytes);
    return batch;
  };
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= chunkBytes && chunk.indexOf(10) >= 0) {
      const batch = flush(false);
      if (batch) yield batch;
    }
  }
  const last = flush(true);
  if (last) yield last;
}

/** The first `bytes` bytes of a file (fewer when it is shorter). Throws when it cannot be read. */
export function readHead(path: string, bytes = SNIFF_BYTES): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(bytes);
    let filled = 0;
    while (filled < bytes) {
      const got = readSync(fd, head, filled, bytes - filled, filled);
      if (got === 0) break;
      filled += got;
    }
    return head.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** The largest buffer a BufferPool keeps, in chunks. */
const MAX_POOLED_CHUNKS = 4;

/**
 * Buffers to read into, used again and again. Memory touched for the first time is costly
 * (on some systems far more than the read itself), so batches are read into buffers that
 * come back once their batch is checked, in this thread or in a worker.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(private readonly chunkBytes = CHUNK_BYTES) {}

  /** A buffer of at least `size` bytes (its own memory, so it can be transferred). */
  take(size: number): Buffer {
    for (let k = 0; k < this.free.length; k++) {
      if (this.free[k].length >= size) return this.free.splice(k, 1)[0];
    }
    return Buffer.allocUnsafeSlow(Math.max(size, 2 * this.chunkBytes));
  }

  /**
   * Hands a buffer (or the memory of one) back for another batch. One grown for a line
   * longer than a chunk is let go instead: kept, it would hold that line's size of memory
   * for the rest of the run.
   */
  give(memory: ArrayBuffer | Uint8Array): void {
    if ((memory instanceof ArrayBuffer ? memory : memory.buffer).byteLength === 0) return; // let go already
    const buffer = memory instanceof ArrayBuffer ? Buffer.from(memory) : Buffer.from(memory.buffer as ArrayBuffer, 0, memory.buffer.byteLength);
    if (this.free.length < 16 && buffer.length <= MAX_POOLED_CHUNKS * this.chunkBytes) this.free.push(buffer);
  }

  /**
   * Lets the memory of a buffer the pool would not keep (one grown for a long line) go now,
   * while the caller still holds views of it: the views are emptied (its `ArrayBuffer` is
   * handed to a copy that is dropped), so the collector frees it before the batch is done.
   * Buffers of pool size are left alone, to come back with `give`.
   */
  release(bytes: Uint8Array): void {
    const memory = bytes.buffer;
    if (memory instanceof ArrayBuffer && memory.byteLength > MAX_POOLED_CHUNKS * this.chunkBytes) structuredClone(memory, { transfer: [memory] });
  }
}

interface Filled {
  bytes: Buffer;
  filled: number;
  eof: boolean;
}

/**
 * Reads a file as batches of whole lines with no copying of the bulk: each read lands in
 * a buffer right after the partial line left over from the previous one (the only bytes
 * copied), and the next read is already running while the caller works on a batch.
 * `firstLine` is not counted here (it is 0); callers take line numbers from the results.
 * A line longer than a chunk is measured first (read ahead through a chunk-sized scratch
 * buffer to its line break) and then read once into a buffer of its size: its bytes are
 * held once, not in a buffer doubled again and again, each copy alive while the next fills.
 * With a `pool`, buffers come from it, and the caller gives each batch's memory back when
 * done with it (the batch owns its memory either way, so it can be transferred to a worker).
 */
export async function* fileBatches(path: string, pool?: BufferPool, chunkBytes = CHUNK_BYTES): AsyncGenerator<Batch> {
  const handle = await open(path, 'r');
  let consumed = 0;
  /**
   * Bytes from file offset `from` to just past the next line break; with none, one more than
   * the rest of the file, so that the read that fills them also finds the end of the file.
   */
  const toLineEnd = async (from: number): Promise<number> => {
    const scratch = Buffer.allocUnsafe(chunkBytes);
    for (let length = 0; ; ) {
      const { bytesRead } = await handle.read(scratch, 0, chunkBytes, from + length);
      if (bytesRead === 0) return length + 1;
      const newline = scratch.subarray(0, bytesRead).indexOf(10);
      if (newline >= 0) return length + newline + 1;
      length += bytesRead;
    }
  };
  /** A buffer holding `carry` and then up to `room` bytes of the file. */
  const fill = async (carry: Uint8Array, room: number): Promise<Filled> => {
    const size = carry.length + room;
    // Buffer's indexOf finds line breaks many times faster than Uint8Array's.
    const bytes = pool ? pool.take(size) : Buffer.allocUnsafeSlow(size);
    bytes.set(carry); // before the first await: the carry's buffer may be handed back next
    let filled = carry.length;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, null);
      if (bytesRead === 0) return { bytes, filled, eof: true };
      filled += bytesRead;
    }
    return { bytes, filled, eof: false };
  };
  let next: Promise<Filled> | undefined;
  try {
    next = fill(new Uint8Array(0), chunkBytes);
    let room = chunkBytes;
    while (next) {
      const { bytes, filled, eof }: Filled = await next;
      const cut: number = eof ? filled : lastNewline(bytes.subarray(0, filled)) + 1;
      if (cut === 0 && !eof) {
        // No line break in the whole buffer: one very long line, read on with room for the rest of it.
        // (The reads so far have taken the file to `consumed + filled`; a read with a position leaves that alone.)
        room = await toLineEnd(consumed + filled);
        next = fill(bytes.subarray(0, filled), room);
        pool?.give(bytes);
        continue;
      }
      room = chunkBytes;
      next = eof ? undefined : fill(bytes.subarray(cut, filled), room);
      consumed += cut;
      if (cut > 0) yield { bytes: bytes.subarray(0, cut), firstLine: 0, consumed };
      else pool?.give(bytes);
    }
  } finally {
    // A read still running when the caller stops early must end before the file closes.
    await next?.catch(() => undefined);
    await handle.close();
  }
}

/** Reads a file in chunks of fresh memory. */
export async function* fileChunks(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    while (true) {
      const buffer = new Uint8Array(chunkBytes);
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      yield bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Reads a whole input into memory (JSON and .cot documents). */
export async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    total += chunk.length;
  }
  const whole = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

const BOM = [0xef, 0xbb, 0xbf];

/** The first SNIFF_BYTES of a file as text (without a byte order mark), and whether it starts with one. Throws when it cannot be read. */
export function readHeadText(path: string): { head: string; bom: boolean } {
  const bytes = readHead(path);
  const bom = bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b);
  return { head: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bom ? 3 : 0), bom };
}
