/**
 * The WebAssembly form of the text scan (wasm/scan.ts, compiled into scanKernel.wasm.ts). It
 * gives the same sentences, sentence numbers, word hashes and n-gram counts as the JavaScript
 * scan of scan.ts. On the bench's text it takes a fifth to a quarter less time, and its speed
 * does not vary from process to process as the loops' does (docs/performance.md).
 *
 * scan.ts uses it for a well-formed text of at most `KERNEL_MAX_UNITS` units, wherever
 * WebAssembly can be instantiated, and its own loops otherwise. test/unit/trace/scan.test.ts
 * and scanKernel.test.ts hold the two to identical results.
 *
 * The text is copied into the kernel's memory as UTF-8 (`TextEncoder.encodeInto`); the results
 * are read through typed arrays on that memory, valid until the next scan.
 */

import { SCAN_KERNEL_WASM } from './scanKernel.wasm';

/** Longest text the kernel takes, in UTF-16 units (its memory is then about 19 MB at most). */
export const KERNEL_MAX_UNITS = 1 << 18;

/** What the kernel shares with the JavaScript scan: its character tables and how it learns a lower case. */
export interface KernelTables {
  kind: Uint8Array;
  lower: Uint16Array;
  /** Learns the lower case of `unit` into the tables; returns its kind. */
  learn(unit: number): number;
  /** The word hashes `hash` carried over the lower case of `unit`, when it is longer than one unit (one function per hash). */
  foldLowerA(unit: number, hash: number): number;
  foldLowerB(unit: number, hash: number): number;
}

export interface ScanKernel {
  /**
   * Scans `text` (well-formed, at most KERNEL_MAX_UNITS units), the first unit at `offset` of
   * the whole text; returns the number of sentences. Words too when `withWords`.
   */
  scan(text: string, offset: number, withWords: boolean): number;
  /** Words of the last scan with words. */
  readonly words: number;
  /**
   * Distinct n-grams of the first `count` words of the last scan with words (n-grams compared
   * by their pair of combined word hashes, as rewards/openr1.ts compares them); -1 when the
   * kernel has no room for them.
   */
  distinctNgrams(count: number, n: number): number;
  readonly sentenceStart: Int32Array<ArrayBuffer>;
  readonly sentenceEnd: Int32Array<ArrayBuffer>;
  readonly sentenceId: Int32Array<ArrayBuffer>;
  readonly wordA: Uint32Array<ArrayBuffer>;
  readonly wordB: Uint32Array<ArrayBuffer>;
}

interface Exports {
  memory: WebAssembly.Memory;
  TABLES_END: WebAssembly.Global;
  layout(...regions: number[]): void;
  wordCount(): number;
  scanSentences(bytes: number, units: number, offset: number): number;
  scanWithWords(bytes: number, units: number, offset: number): number;
  distinctNgrams(count: number, n: number): number;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return bytes;
}

/** The kernel over `tables`, or undefined where WebAssembly cannot be instantiated (a webview's policy, say). */
export function createScanKernel(tables: KernelTables): ScanKernel | undefined {
  if (typeof WebAssembly !== 'object' || typeof atob !== 'function' || typeof TextEncoder !== 'function') return undefined;
  let kind8: Uint8Array;
  let lower16: Uint16Array;
  let exports: Exports;
  try {
    const module = new WebAssembly.Module(decodeBase64(SCAN_KERNEL_WASM));
    const instance = new WebAssembly.Instance(module, {
      env: {
        learn(unit: number): number {
          const kind = tables.learn(unit);
          kind8[unit] = kind;
          lower16[unit] = tables.lower[unit];
          return kind;
        },
        lowerA: tables.foldLowerA,
        lowerB: tables.foldLowerB,
      },
    });
    exports = instance.exports as unknown as Exports;
  } catch {
    return undefined;
  }
  const memory = exports.memory;
  const tablesEnd = exports.TABLES_END.value as number;
  const encoder = new TextEncoder();
  let capacity = 0;
  let text8 = 0;
  let bytes = new Uint8Array(0);

  const kernel = {
    words: 0,
    sentenceStart: new Int32Array(0),
    sentenceEnd: new Int32Array(0),
    sentenceId: new Int32Array(0),
    wordA: new Uint32Array(0),
    wordB: new Uint32Array(0),
    scan(text: string, offset: number, withWords: boolean): number {
      const units = text.length;
      if (units > capacity) room(units);
      const { written } = encoder.encodeInto(text, bytes.subarray(text8, text8 + 3 * capacity));
      if (!withWords) return exports.scanSentences(written, units, offset);
      const count = exports.scanWithWords(written, units, offset);
      kernel.words = exports.wordCount();
      return count;
    },
    distinctNgrams: (count: number, n: number) => exports.distinctNgrams(count, n),
  };

  /** Lays the memory out for texts of up to `units` units (capacity doubles, never shrinks). */
  function room(units: number): void {
    let next = Math.max(capacity, 1 << 14);
    while (next < units) next *= 2;
    // Per unit: 3 bytes of text, a sentence (start, end, number) and a numbering key (hash,
    // byte range) of 12 bytes each, 4 numbering-table slots (the table stays under half full)
    // of 4 bytes, half a word of 8 bytes, and two n-gram slots of 12 bytes per word (the set
    // stays at most half full).
    const words = (next >> 1) + 2;
    const slots = 4 * next + 64;
    let ngramSlots = 16;
    while (ngramSlots < 2 * words) ngramSlots *= 2;
    const size = tablesEnd + 3 * next + 8 + 6 * 4 * next + 4 * slots + 2 * 4 * words + 12 * ngramSlots;
    const have = memory.buffer.byteLength;
    if (size > have) memory.grow(Math.ceil((size - have) / 65536));
    capacity = next;
    const buffer = memory.buffer;
    const at = [tablesEnd];
    const region = (length: number) => at.push(at[at.length - 1] + length);
    region((3 * next + 8) & ~7);
    for (let k = 0; k < 6; k++) region(4 * next);
    region(4 * slots);
    region(4 * words);
    region(4 * words);
    text8 = at[0];
    bytes = new Uint8Array(buffer);
    kernel.sentenceStart = new Int32Array(buffer, at[1], next);
    kernel.sentenceEnd = new Int32Array(buffer, at[2], next);
    kernel.sentenceId = new Int32Array(buffer, at[3], next);
    kernel.wordA = new Uint32Array(buffer, at[8], words);
    kernel.wordB = new Uint32Array(buffer, at[9], words);
    exports.layout(at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7], at[8], at[9], at[10], ngramSlots);
    kind8 = new Uint8Array(buffer, 0, 0x10000);
    lower16 = new Uint16Array(buffer, 0x10000, 0x10000);
    kind8.set(tables.kind);
    lower16.set(tables.lower);
  }

  room(0);
  return kernel;
}
