import { open } from 'node:fs/promises';

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

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  let at = bytes.indexOf(10);
  while (at >= 0) {
    count++;
    at = bytes.indexOf(10, at + 1);
  }
  return count;
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
    firstLine += countNewlines(bytes);
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
