import { createScanKernel, KERNEL_MAX_UNITS, type ScanKernel } from './scanKernel';

/**
 * One pass over a trace's text that yields what several rules and rewards need:
 *
 * - its sentences (cut at `. ! ? ; ,`, their full-width forms, `、` and line breaks, spaces
 *   around them trimmed), each numbered so that equal sentences share a number — for
 *   `repetition-loop` (see loops.ts);
 * - its words as Python's `text.lower().split()` cuts them, each as a pair of 32-bit hashes —
 *   for open-r1's n-gram repetition reward (see rewards/openr1.ts).
 *
 * Each character is read and classified once; no substring is made. The results live in
 * typed arrays shared by every scan and reused from trace to trace: a `TextScan` holds them
 * until another text is scanned, and scans again when asked after that.
 *
 * A well-formed text of up to KERNEL_MAX_UNITS units is scanned by the WebAssembly form of
 * these loops (scanKernel.ts) where it can run, with the same results; the loops below scan
 * the rest, and everything where WebAssembly is not available.
 */

// Character kinds, one byte per UTF-16 unit: bit 1 = space trimmed from a sentence, bit 2 =
// sentence boundary, bit 4 = word separator (Python's str.isspace), bit 8 = lower-cases to
// more than one unit, bit 16 = lower case not learnt yet.
const SENTENCE_SPACE = 1;
const SENTENCE_END = 2;
const WORD_SPACE = 4;
const MULTI = 8;
const UNKNOWN = 16;
const KIND = new Uint8Array(0x10000).fill(UNKNOWN, 0x80);
for (const c of [0x20, 0x09, 0x0d]) KIND[c] |= SENTENCE_SPACE;
KIND[0x0a] |= SENTENCE_SPACE | SENTENCE_END;
for (const c of '.!?;,') KIND[c.charCodeAt(0)] |= SENTENCE_END;
for (const c of [0x3002, 0x3001, 0xff0c, 0xff01, 0xff1f, 0xff1b]) KIND[c] |= SENTENCE_END;
for (let c = 0x09; c <= 0x0d; c++) KIND[c] |= WORD_SPACE;
for (let c = 0x1c; c <= 0x20; c++) KIND[c] |= WORD_SPACE;
for (let c = 0x2000; c <= 0x200a; c++) KIND[c] |= WORD_SPACE;
for (const c of [0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) KIND[c] |= WORD_SPACE;

/** Python's `str.isspace` for one UTF-16 unit (the separators of `str.split()`). */
export const isWordSpace = (c: number): boolean => (KIND[c] & WORD_SPACE) !== 0;

// Lower case of each unit, learnt on first sight; a unit whose lower case is longer (İ) keeps
// its own code here and its lower case in MULTI_LOWER.
const LOWER = new Uint16Array(0x10000);
for (let c = 0; c < 0x80; c++) LOWER[c] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
const MULTI_LOWER = new Map<number, string>();
/** Learns the lower case of `c`; returns its kind. */
function learnLower(c: number): number {
  const lower = String.fromCharCode(c).toLowerCase();
  if (lower.length === 1) LOWER[c] = lower.charCodeAt(0);
  else {
    LOWER[c] = c;
    MULTI_LOWER.set(c, lower);
    KIND[c] |= MULTI;
  }
  return (KIND[c] &= ~UNKNOWN);
}

// The kernel: created on the first scan that can use it; `false` once it is known not to load.
let kernel: ScanKernel | false | undefined;
let kernelAllowed = true;

/** Lets scans use the WebAssembly kernel (the default) or not: for tests and benchmarks. */
export function useScanKernel(allowed: boolean): void {
  kernelAllowed = allowed;
}

/** Whether the next scan of a text of `units` units would go to the kernel (and loads it). */
export function kernelReady(units = 0): boolean {
  if (!kernelAllowed || units > KERNEL_MAX_UNITS) return false;
  if (kernel === undefined) kernel = createScanKernel({ kind: KIND, lower: LOWER, learn: learnLower, foldLowerA, foldLowerB }) ?? false;
  return kernel !== false;
}

// The words in `scratch` are the kernel's (its last scan with words), in its memory.
let wordsInKernel = false;

/**
 * The distinct n-grams of the `count` words in `scratch`, counted by the kernel when they are
 * in its memory; -1 when they are not (the caller counts them).
 */
export function kernelDistinctNgrams(count: number, n: number): number {
  if (!wordsInKernel || !kernel || scratch.wordA !== kernel.wordA || scratch.wordB !== kernel.wordB) return -1;
  return kernel.distinctNgrams(count, n);
}

interface WellFormed {
  isWellFormed?(): boolean;
}

/**
 * Scans text[start, end) with the kernel when it can take it, pointing `scratch` at its
 * results; returns false to leave the scan to the loops below.
 */
function kernelScan(text: string, start: number, end: number, withWords: boolean): boolean {
  if (!kernelReady(end - start)) return false;
  const part = start === 0 && end === text.length ? text : text.slice(start, end);
  // A lone surrogate would reach the kernel as U+FFFD (its UTF-8 has no form for it).
  const check = (part as WellFormed).isWellFormed;
  if (typeof check !== 'function' || !check.call(part)) return false;
  const k = kernel as ScanKernel;
  sentences = k.scan(part, start, withWords);
  scratch.sentenceStart = k.sentenceStart;
  scratch.sentenceEnd = k.sentenceEnd;
  scratch.sentenceId = k.sentenceId;
  if (withWords) {
    wordsInKernel = true;
    words = k.words;
    scratch.wordA = k.wordA;
    scratch.wordB = k.wordB;
  }
  return true;
}

// As int32 (the same bits), so that every hash stays an int32 in optimised code.
const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const WORD_B_SEED = 0x12345;

/**
 * A word's two hashes `h` carried over the lower case of `c` when that is more than one unit
 * (İ): the scan's own loop and the kernel (through its imports) both fold it in here.
 */
function foldLowerA(c: number, h: number): number {
  const lower = MULTI_LOWER.get(c) as string;
  for (let k = 0; k < lower.length; k++) h = Math.imul(h ^ lower.charCodeAt(k), FNV_PRIME);
  return h;
}

function foldLowerB(c: number, h: number): number {
  const lower = MULTI_LOWER.get(c) as string;
  for (let k = 0; k < lower.length; k++) h = Math.imul(h + lower.charCodeAt(k), 0x5bd1e995) ^ (h >>> 15);
  return h;
}

const grow32 = (a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
};

/**
 * The shared arrays. Sentence k is text[sentenceStart[k], sentenceEnd[k]) with number
 * sentenceId[k]; word k has hashes wordA[k], wordB[k]. Replaced when they grow: read them
 * after the scan, not before.
 */
export const scratch = {
  sentenceStart: new Int32Array(1024),
  sentenceEnd: new Int32Array(1024),
  sentenceId: new Int32Array(1024),
  wordA: new Uint32Array(1024),
  wordB: new Uint32Array(1024),
};

// Sentence numbering: an open-addressing table from a sentence's hash to its number; equal
// hashes are confirmed on the text, so equal numbers mean equal sentences.
let keyHash = new Int32Array(1024);
let keyStart = new Int32Array(1024);
let keyEnd = new Int32Array(1024);
let table = new Int32Array(2048);
let mask = 63;
let sentences = 0;
let distinct = 0;
// The scan whose results `scratch` holds.
let owner: object | undefined;

function sameText(text: string, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (text.charCodeAt(a0 + k) !== text.charCodeAt(b0 + k)) return false;
  return true;
}

function startSentences(start: number, end: number): void {
  sentences = 0;
  distinct = 0;
  mask = 63;
  while (mask + 1 < (end - start) >> 4 && mask < 0xfffff) mask = mask * 2 + 1;
  if (table.length <= mask) table = new Int32Array(mask + 1);
  table.fill(0, 0, mask + 1);
}

/** Records the sentence text[a, b) of hash `hash`, numbering it. */
function addSentence(text: string, a: number, b: number, hash: number): void {
  let slot = (hash ^ (hash >>> 15)) & mask;
  let id = -1;
  for (let entry = table[slot]; entry !== 0; entry = table[slot]) {
    const k = entry - 1;
    if (keyHash[k] === hash && sameText(text, keyStart[k], keyEnd[k], a, b)) {
      id = k;
      break;
    }
    slot = (slot + 1) & mask;
  }
  if (id < 0) {
    id = distinct++;
    if (id >= keyHash.length) {
      keyHash = grow32(keyHash, id + 1);
      keyStart = grow32(keyStart, id + 1);
      keyEnd = grow32(keyEnd, id + 1);
    }
    keyHash[id] = hash;
    keyStart[id] = a;
    keyEnd[id] = b;
    table[slot] = id + 1;
    if (distinct * 2 > mask) rehash();
  }
  const s = scratch;
  if (sentences >= s.sentenceId.length) {
    s.sentenceStart = grow32(s.sentenceStart, sentences + 1);
    s.sentenceEnd = grow32(s.sentenceEnd, sentences + 1);
    s.sentenceId = grow32(s.sentenceId, sentences + 1);
  }
  s.sentenceStart[sentences] = a;
  s.sentenceEnd[sentences] = b;
  s.sentenceId[sentences] = id;
  sentences++;
}

/** Doubles the hash table and re-inserts the sentence numbers. */
function rehash(): void {
  const next = mask * 2 + 1;
  if (table.length <= next) table = new Int32Array(next + 1);
  table.fill(0, 0, next + 1);
  for (let k = 0; k < distinct; k++) {
    const h = keyHash[k];
    let slot = (h ^ (h >>> 15)) & next;
    while (table[slot] !== 0) slot = (slot + 1) & next;
    table[slot] = k + 1;
  }
  mask = next;
}

/** The sentences of text[start, end) into `scratch`; returns their number. */
export function scanSentences(text: string, start: number, end: number): number {
  owner = undefined;
  if (kernelScan(text, start, end, false)) return sentences;
  startSentences(start, end);
  let i = start;
  while (i < end) {
    // Skip the spaces before a sentence, then hash it (FNV-1a) up to its boundary (included
    // unless it is a line break); trailing spaces are left out of its range and its hash.
    let c = text.charCodeAt(i);
    if ((KIND[c] & SENTENCE_SPACE) !== 0) {
      i++;
      continue;
    }
    const a = i;
    let h = FNV_BASIS;
    let hb = 0;
    let b = a;
    for (;;) {
      const kind = KIND[c];
      h = Math.imul(h ^ c, FNV_PRIME);
      if ((kind & SENTENCE_SPACE) === 0) {
        hb = h;
        b = i + 1;
      }
      i++;
      if ((kind & SENTENCE_END) !== 0 || i >= end) break;
      c = text.charCodeAt(i);
    }
    addSentence(text, a, b, hb);
  }
  return sentences;
}

/**
 * Room for more words than `count` (the arrays grow by half as the scan needs them, so a long
 * text's arrays are in proportion to its words, not to the at most one word per two units).
 */
function wordRoom(count: number): void {
  const cap = Math.max(1024, count + 1 + (count >> 1));
  const a = new Uint32Array(cap);
  const b = new Uint32Array(cap);
  a.set(scratch.wordA.subarray(0, count));
  b.set(scratch.wordB.subarray(0, count));
  scratch.wordA = a;
  scratch.wordB = b;
}

let words = 0;

/**
 * Sentences and words of text[start, end) in one pass, into `scratch`. Word hashes are of the
 * lower-cased word (FNV-1a and a multiply-rotate hash, independent of each other).
 */
export function scanSentencesAndWords(text: string, start: number, end: number): void {
  owner = undefined;
  if (kernelScan(text, start, end, true)) return;
  wordsInKernel = false;
  startSentences(start, end);
  let a = scratch.wordA;
  let b = scratch.wordB;
  let count = 0;
  let ha = FNV_BASIS;
  let hb = WORD_B_SEED;
  let inWord = false;
  let inSentence = false;
  let sa = 0;
  let sb = 0;
  let sh = 0;
  let shb = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let kind = KIND[c];
    // The sentence: spaces before it skipped, spaces after it out of its range and hash.
    // Spaces come every few units, so whether this one is a space is applied as a mask
    // (all ones for any other unit), not a branch.
    if (inSentence) {
      sh = Math.imul(sh ^ c, FNV_PRIME);
      if ((kind & SENTENCE_SPACE) === 0) {
        shb = sh;
        sb = i + 1;
      }
      if ((kind & SENTENCE_END) !== 0) {
        addSentence(text, sa, sb, shb);
        inSentence = false;
      }
    } else if ((kind & SENTENCE_SPACE) === 0) {
      sa = i;
      sb = i + 1;
      sh = shb = Math.imul(FNV_BASIS ^ c, FNV_PRIME);
      if ((kind & SENTENCE_END) !== 0) addSentence(text, sa, sb, shb);
      else inSentence = true;
    }
    if ((kind & (MULTI | UNKNOWN)) !== 0) {
      if ((kind & UNKNOWN) !== 0) kind = learnLower(c);
      if ((kind & MULTI) !== 0) {
        // İ: the lower case of one unit is two (never a separator). Outside a word the
        // hashes are at their seeds already.
        ha = foldLowerA(c, ha);
        hb = foldLowerB(c, hb);
        inWord = true;
        continue;
      }
    }
    // The word: a separator ends it (its hashes are stored when a word was open), any other
    // unit is hashed lower-cased.
    if ((kind & WORD_SPACE) !== 0) {
      if (inWord) {
        if (count === a.length) {
          wordRoom(count);
          a = scratch.wordA;
          b = scratch.wordB;
        }
        a[count] = ha;
        b[count] = hb;
        count++;
        ha = FNV_BASIS;
        hb = WORD_B_SEED;
        inWord = false;
      }
    } else {
      const l = LOWER[c];
      ha = Math.imul(ha ^ l, FNV_PRIME);
      hb = Math.imul(hb + l, 0x5bd1e995) ^ (hb >>> 15);
      inWord = true;
    }
  }
  if (inSentence) addSentence(text, sa, sb, shb);
  if (inWord) {
    if (count === a.length) wordRoom(count);
    scratch.wordA[count] = ha;
    scratch.wordB[count] = hb;
    count++;
  }
  words = count;
}

/**
 * A text at least this long (in UTF-16 units) is a long one: its words are hashed a window at
 * a time (`wordWindows`) instead of all kept at once, and `releaseScratch` gives back what
 * its scan grew. Ordinary traces are far shorter; the results are the same either way.
 */
export const LONG_TEXT = 1 << 23;
/** Units per window of `wordWindows` (a window ends at the next word separator after that). */
const WINDOW_CHARS = 1 << 21;

/**
 * The words of text[start, end) a window at a time, in order: for each window `onWords(count)`
 * with its words' hashes in `scratch.wordA/wordB` (valid until the next window). Windows are cut
 * at word separators, so the words are those of one scan of the whole range. The sentences in
 * `scratch` are overwritten (by the windows' own).
 */
export function wordWindows(text: string, start: number, end: number, onWords: (count: number) => void): void {
  for (let from = start; from < end; ) {
    let to = Math.min(end, from + WINDOW_CHARS);
    while (to < end && !isWordSpace(text.charCodeAt(to))) to++;
    scanSentencesAndWords(text, from, to);
    onWords(words);
    from = to;
  }
}

const SMALL = 1024;

/**
 * Gives back the memory the scan of a long text grew (the arrays return to their first size;
 * the next scan grows them again as it needs). A `TextScan` asked again scans again.
 */
export function releaseScratch(): void {
  owner = undefined;
  wordsInKernel = false;
  if (scratch.sentenceId.length > SMALL) {
    scratch.sentenceStart = new Int32Array(SMALL);
    scratch.sentenceEnd = new Int32Array(SMALL);
    scratch.sentenceId = new Int32Array(SMALL);
  }
  if (scratch.wordA.length > SMALL) {
    scratch.wordA = new Uint32Array(SMALL);
    scratch.wordB = new Uint32Array(SMALL);
  }
  if (keyHash.length > SMALL) {
    keyHash = new Int32Array(SMALL);
    keyStart = new Int32Array(SMALL);
    keyEnd = new Int32Array(SMALL);
  }
  if (table.length > 2 * SMALL) table = new Int32Array(2 * SMALL);
}

/**
 * What one pass gives for one text, computed when first asked and shared by every rule and
 * reward that asks. `withWords` makes the first pass collect the words too (for a caller that
 * will need both, such as `score`).
 */
export class TextScan {
  /** Marks the results in `scratch` as this scan's. */
  private readonly token = {};
  private sentenceCount = -1;
  private wordCount = -1;

  constructor(
    readonly text: string,
    private readonly withWords = false,
  ) {}

  /** Number of sentences; `scratch` holds them until the next scan of another text. */
  sentences(): number {
    // A long text's words are not gathered with its sentences: its repetition reward hashes
    // them a window at a time (`wordWindows`).
    if (owner !== this.token || this.sentenceCount < 0) this.scan(this.withWords && this.text.length < LONG_TEXT);
    return this.sentenceCount;
  }

  /** Number of words; `scratch` holds their hashes until the next scan of another text. */
  words(): number {
    if (owner !== this.token || this.wordCount < 0) this.scan(true);
    return this.wordCount;
  }

  private scan(withWords: boolean): void {
    const text = this.text;
    if (withWords) {
      scanSentencesAndWords(text, 0, text.length);
      this.wordCount = words;
    } else {
      scanSentences(text, 0, text.length);
      this.wordCount = -1;
    }
    this.sentenceCount = sentences;
    owner = this.token;
  }
}
