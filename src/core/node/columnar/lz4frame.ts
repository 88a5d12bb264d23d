/**
 * An LZ4 *frame* decoder (the LZ4_FRAME codec of Arrow IPC body compression), after the
 * frame format of the LZ4 project (lz4_Frame_format.md) and its block format.
 *
 * Why it is written here: the block decoder hyparquet-compressors exports decodes one block
 * into a buffer of its own, so the matches of *linked* blocks, which refer back into the blocks
 * before them, cannot be resolved with it, and Arrow's C++ writer (pyarrow) compresses every
 * buffer over 64 KB as linked 64 KB blocks. The one pure-JavaScript frame decoder on npm
 * (lz4js 0.2.0) has had no release for years, reads a block checksum from before the block
 * instead of after it and ignores dictionary frames. This one decodes every block into one
 * output, so a match may reach back into earlier blocks, and checks every length and offset
 * against the bytes there are, so damaged input is an error, never garbage. Checksums
 * (xxHash32) are skipped, not verified: Arrow's writer does not write them.
 */

const MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];

export class Lz4FrameError extends Error {}

const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

interface Header {
  blockChecksum: boolean;
  contentChecksum: boolean;
  blockMax: number;
  contentSize?: number;
  /** Offset of the first block header. */
  start: number;
}

function readHeader(input: Uint8Array): Header {
  if (input.length < 7 || u32(input, 0) !== MAGIC) throw new Lz4FrameError('not an LZ4 frame (no magic number)');
  const flg = input[4];
  const bd = input[5];
  if (flg >> 6 !== 1) throw new Lz4FrameError(`LZ4 frame version ${flg >> 6} is not known`);
  if (flg & 0x02 || bd & 0x8f) throw new Lz4FrameError('LZ4 frame header has reserved bits set');
  const blockMax = BLOCK_MAX[(bd >> 4) & 7];
  if (!blockMax) throw new Lz4FrameError('LZ4 frame has an unknown block size');
  if (flg & 0x01) throw new Lz4FrameError('LZ4 frame needs a dictionary');
  let at = 6;
  let contentSize: number | undefined;
  if (flg & 0x08) {
    if (input.length < at + 8) throw new Lz4FrameError('LZ4 frame header is cut short');
    contentSize = u32(input, at) + u32(input, at + 4) * 2 ** 32;
    at += 8;
  }
  at++; // header checksum
  return { blockChecksum: (flg & 0x10) !== 0, contentChecksum: (flg & 0x04) !== 0, blockMax, contentSize, start: at };
}

/** How many bytes the frame's blocks can decode to at most (its content size when it states one). */
function outputBound(input: Uint8Array, header: Header): number {
  const bound = blocksBound(input, header);
  if (header.contentSize === undefined) return bound;
  if (header.contentSize > bound) throw new Lz4FrameError(`LZ4 frame states ${header.contentSize} bytes, more than its blocks can hold`);
  return header.contentSize;
}

function blocksBound(input: Uint8Array, header: Header): number {
  let bound = 0;
  for (let at = header.start; ; ) {
    if (at + 4 > input.length) throw new Lz4FrameError('LZ4 frame is cut short (no end mark)');
    const word = u32(input, at);
    if (word === 0) return bound;
    const size = word & 0x7fffffff;
    bound += word & 0x80000000 ? size : header.blockMax;
    at += 4 + size + (header.blockChecksum ? 4 : 0);
  }
}

/** Decodes one LZ4 block (`input[from, to)`) into `output` at `at`; returns the new output position. */
function decodeBlock(input: Uint8Array, from: number, to: number, output: Uint8Array, at: number, limit: number): number {
  let i = from;
  let o = at;
  while (i < to) {
    const token = input[i++];
    let literals = token >> 4;
    if (literals === 15) {
      let byte: number;
      do {
        if (i >= to) throw new Lz4FrameError('LZ4 block is cut short');
        byte = input[i++];
        literals += byte;
      } while (byte === 255);
    }
    if (i + literals > to || o + literals > limit) throw new Lz4FrameError('LZ4 block literals run past the block');
    output.set(input.subarray(i, i + literals), o);
    i += literals;
    o += literals;
    if (i === to) return o; // the last sequence has literals only
    if (i + 2 > to) throw new Lz4FrameError('LZ4 block is cut short');
    const offset = input[i] | (input[i + 1] << 8);
    i += 2;
    if (offset === 0 || offset > o) throw new Lz4FrameError('LZ4 match refers before the start of the data');
    let length = token & 15;
    if (length === 15) {
      let byte: number;
      do {
        if (i >= to) throw new Lz4FrameError('LZ4 block is cut short');
        byte = input[i++];
        length += byte;
      } while (byte === 255);
    }
    length += 4;
    if (o + length > limit) throw new Lz4FrameError('LZ4 match runs past the stated size');
    let from2 = o - offset;
    if (offset >= length) {
      output.copyWithin(o, from2, from2 + length);
      o += length;
    } else {
      // An overlapping match repeats the last `offset` bytes: byte by byte.
      const end = o + length;
      while (o < end) output[o++] = output[from2++];
    }
  }
  return o;
}

/** The bytes one LZ4 frame holds (trailing bytes after the frame are an error). */
export function decompressLz4Frame(input: Uint8Array): Uint8Array {
  const header = readHeader(input);
  const limit = outputBound(input, header);
  const output = new Uint8Array(limit);
  let o = 0;
  let at = header.start;
  for (;;) {
    const word = u32(input, at);
    at += 4;
    if (word === 0) break;
    const size = word & 0x7fffffff;
    if (size > header.blockMax || at + size > input.length) throw new Lz4FrameError('LZ4 block runs past the frame');
    if (word & 0x80000000) {
      if (o + size > limit) throw new Lz4FrameError('LZ4 frame holds more than its stated size');
      output.set(input.subarray(at, at + size), o);
      o += size;
    } else {
      o = decodeBlock(input, at, at + size, output, o, Math.min(limit, o + header.blockMax));
    }
    at += size + (header.blockChecksum ? 4 : 0);
  }
  if (header.contentChecksum) at += 4;
  if (at !== input.length) throw new Lz4FrameError(at > input.length ? 'LZ4 frame is cut short' : 'bytes follow the LZ4 frame');
  if (header.contentSize !== undefined && o !== header.contentSize) throw new Lz4FrameError(`LZ4 frame holds ${o} bytes, not the ${header.contentSize} it states`);
  return o === limit ? output : output.subarray(0, o);
}
