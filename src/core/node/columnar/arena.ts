/**
 * Reused memory for the decompressed pages of Parquet row groups read lazily (`lint`, `score`).
 *
 * A lazily read row group keeps its decompressed pages alive until its last row is checked
 * (its text values are views into them, see `LazyText`). Allocated fresh for every group,
 * those pages are `ArrayBuffer`s outside the JS heap that outlive a few young-generation
 * collections, are promoted, and are freed only by a full mark-compact — and V8 starts
 * mark-compacts by the growth of such external memory, so a Parquet run paid for several
 * more of them than the same records as JSON Lines. Here each group's pages are carved out of
 * a few large chunks, and a group's chunks go back to a shared pool once the reader of the
 * group says that nothing read from it is held any more (`PageArena.release`); the next group
 * decompresses into them, and steady state allocates no new external memory for pages.
 *
 * Only compressed pages go through here (the decoders write into the arena); an UNCOMPRESSED
 * page stays a view into hyparquet's copy of its column chunk, which is garbage-collected as
 * before.
 */
import type { Compressors } from 'hyparquet';

/** Size of one chunk of arena memory; a page larger than this gets memory of its own. */
const CHUNK_BYTES = 4 << 20;
/** Chunks kept for reuse at most (the rest are left to the collector). */
const POOL_MAX = 16;
const pool: ArrayBuffer[] = [];

/** The memory of one row group's decompressed pages. */
export class PageArena {
  private chunks: ArrayBuffer[] = [];
  private current: Uint8Array | undefined;
  private used = 0;
  private released = false;

  /** `length` bytes (contents undefined) that stay this group's until `release`. */
  alloc(length: number): Uint8Array {
    if (this.released || length > CHUNK_BYTES) return new Uint8Array(length);
    if (!this.current || this.used + length > this.current.length) {
      const buffer = pool.pop() ?? new ArrayBuffer(CHUNK_BYTES);
      this.chunks.push(buffer);
      this.current = new Uint8Array(buffer);
      this.used = 0;
    }
    const start = this.used;
    // 8-byte aligned starts: hyparquet reads aligned numeric values as typed-array views.
    this.used = (start + length + 7) & ~7;
    return this.current.subarray(start, start + length);
  }

  /**
   * Hands the memory back for later groups. Call only when no value read from the group (a
   * `LazyText`, a binary value, a row) is held any more: their bytes will be overwritten.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const chunk of this.chunks) if (pool.length < POOL_MAX) pool.push(chunk);
    this.chunks = [];
    this.current = undefined;
  }
}

/** A decoder that writes its output into memory it is given (and returns it). */
export type DecodeInto = (input: Uint8Array, output: Uint8Array) => Uint8Array;

/**
 * The decoders of `base`, those that can write into given memory made to write into `arena`
 * (the others unchanged: their pages are allocated as before).
 */
export function arenaCompressors(base: Compressors, into: Partial<Record<keyof Compressors, DecodeInto>>, arena: PageArena): Compressors {
  const out: Compressors = { ...base };
  for (const [codec, decode] of Object.entries(into) as [keyof Compressors, DecodeInto][]) {
    out[codec] = (input: Uint8Array, outputLength: number) => decode(input, arena.alloc(outputLength));
  }
  return out;
}

/**
 * hysnappy's wasm SNAPPY decoder made to hand its output over into given memory instead of a
 * fresh copy. hysnappy only exposes a function that returns `slice`d output, so the wasm
 * instance it makes is caught as it is made (the constructor is swapped for the duration of
 * that synchronous call) and driven the way hysnappy drives it: input copied in at a fixed
 * offset past the C stack, output decoded right after it, then copied out (the layout of
 * hysnappy 1.1.1, the version package.json pins). Undefined if the instance does not look as
 * expected (the caller keeps hysnappy's own decoder).
 */
export function snappyInto(makeDecoder: () => unknown): DecodeInto | undefined {
  const wasm = WebAssembly as unknown as { Instance: typeof WebAssembly.Instance };
  const Instance = wasm.Instance;
  let made: WebAssembly.Instance | undefined;
  wasm.Instance = function (module: WebAssembly.Module, imports?: WebAssembly.Imports) {
    made = new Instance(module, imports);
    return made;
  } as unknown as typeof WebAssembly.Instance;
  try {
    makeDecoder();
  } catch {
    return undefined;
  } finally {
    wasm.Instance = Instance;
  }
  const exports = made?.exports as { memory?: unknown; uncompress?: unknown } | undefined;
  const memory = exports?.memory;
  const uncompress = exports?.uncompress;
  if (!(memory instanceof WebAssembly.Memory) || typeof uncompress !== 'function') return undefined;
  const INPUT_START = 68000; // hysnappy's offset: below it the C code's own memory
  return (input, output) => {
    const outputStart = INPUT_START + input.byteLength;
    const needed = outputStart + output.byteLength;
    if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    new Uint8Array(memory.buffer).set(input, INPUT_START);
    const result = (uncompress as (at: number, length: number, to: number) => number)(INPUT_START, input.byteLength, outputStart);
    if (result === -1) throw new Error('invalid snappy length header');
    if (result === -2) throw new Error('missing eof marker');
    if (result === -3) throw new Error('premature end of input');
    if (result) throw new Error(`failed to uncompress data ${result}`);
    output.set(new Uint8Array(memory.buffer, outputStart, output.byteLength));
    return output;
  };
}
