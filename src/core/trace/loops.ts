/**
 * Finding repetition loops: a sentence, or a cycle of up to `maxPeriod` sentences, repeated
 * back to back. Linear: sentences are cut at `. ! ? ; ,` (and their CJK forms) and line
 * breaks, hashed while they are read (no substrings; equal hashes are confirmed on the text)
 * and numbered, and each sentence looks up where the same sentence was last seen; a loop is
 * a stretch where that distance stays the same period.
 */

export interface Loop {
  /** Text offsets from the start of the first repetition to the end of the last. */
  start: number;
  end: number;
  /** Number of sentences in one cycle. */
  period: number;
  /** How many times the cycle occurs. */
  repeats: number;
  /** Text offsets of one cycle (the first). */
  unitStart: number;
  unitEnd: number;
}

export interface LoopOptions {
  /** A cycle must occur at least this many times in a row. */
  minRepeats: number;
  /** A cycle must be at least this many characters long (ignores "Wait, wait, wait"). */
  minChars: number;
  /** Longest cycle, in sentences. */
  maxPeriod: number;
}

// Character classes below 0x80: bit 1 = space (trimmed from sentences), bit 2 = boundary.
const SPACE = 1;
const BOUNDARY = 2;
const CLASS = new Uint8Array(0x80);
CLASS[0x20] = SPACE;
CLASS[0x09] = SPACE;
CLASS[0x0d] = SPACE;
CLASS[0x0a] = SPACE | BOUNDARY;
for (const c of '.!?;,') CLASS[c.charCodeAt(0)] = BOUNDARY;
const isWideBoundary = (c: number) => c === 0x3002 || c === 0x3001 || c === 0xff0c || c === 0xff01 || c === 0xff1f || c === 0xff1b;

function sameText(text: string, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (text.charCodeAt(a0 + k) !== text.charCodeAt(b0 + k)) return false;
  return true;
}

// Scratch memory reused from call to call (grown when a text needs more): sentence
// offsets and ids, and an open-addressing table from sentence hash to sentence id.
let starts = new Int32Array(1024);
let ends = new Int32Array(1024);
let ids = new Int32Array(1024);
let keyHash = new Int32Array(1024);
let keyStart = new Int32Array(1024);
let keyEnd = new Int32Array(1024);
let table = new Int32Array(2048);
let last = new Int32Array(1024);

const grow = (a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
};

export function findLoops(text: string, start: number, end: number, options: LoopOptions): Loop[] {
  let count = 0; // sentences
  let distinct = 0; // sentence ids
  let mask = 63;
  while (mask + 1 < (end - start) >> 4 && mask < 0xfffff) mask = mask * 2 + 1;
  if (table.length <= mask) table = new Int32Array(mask + 1);
  table.fill(0, 0, mask + 1);
  // One pass: each sentence is trimmed and hashed (FNV-1a) as it is read; equal hashes are
  // confirmed on the text itself, so equal ids mean equal sentences.
  let i = start;
  while (i < end) {
    // Skip the spaces before a sentence, then hash it up to its boundary (included unless it
    // is a line break); trailing spaces are left out of its range and of its hash.
    let c = text.charCodeAt(i);
    if (c < 0x80 && (CLASS[c] & SPACE) !== 0) {
      i++;
      continue;
    }
    const a = i;
    let h = 0x811c9dc5;
    let hb = 0;
    let b = a;
    for (;;) {
      const cls = c < 0x80 ? CLASS[c] : isWideBoundary(c) ? BOUNDARY : 0;
      if ((cls & SPACE) === 0) {
        h = Math.imul(h ^ c, 0x01000193);
        hb = h;
        b = i + 1;
      } else h = Math.imul(h ^ c, 0x01000193);
      i++;
      if ((cls & BOUNDARY) !== 0 || i >= end) break;
      c = text.charCodeAt(i);
    }
    // A sentence text[a, b) ends here: find (or assign) its id.
    let slot = (hb ^ (hb >>> 15)) & mask;
    let id = -1;
    for (let entry = table[slot]; entry !== 0; entry = table[slot]) {
      const k = entry - 1;
      if (keyHash[k] === hb && sameText(text, keyStart[k], keyEnd[k], a, b)) {
        id = k;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (id < 0) {
      id = distinct++;
      if (id >= keyHash.length) {
        keyHash = grow(keyHash, id + 1);
        keyStart = grow(keyStart, id + 1);
        keyEnd = grow(keyEnd, id + 1);
      }
      keyHash[id] = hb;
      keyStart[id] = a;
      keyEnd[id] = b;
      table[slot] = id + 1;
      if (distinct * 2 > mask) mask = rehash(distinct, mask);
    }
    if (count >= ids.length) {
      starts = grow(starts, count + 1);
      ends = grow(ends, count + 1);
      ids = grow(ids, count + 1);
    }
    starts[count] = a;
    ends[count] = b;
    ids[count] = id;
    count++;
  }
  if (last.length < distinct) last = new Int32Array(Math.max(distinct, last.length * 2));
  last.fill(-1, 0, distinct);
  const loops: Loop[] = [];
  let period = 0;
  let runStart = 0;
  let runLen = 0;
  const close = () => {
    if (period === 0) return;
    const repeats = Math.floor((runLen + period) / period);
    const first = runStart - period;
    const unitStart = starts[first];
    const unitEnd = ends[first + period - 1];
    let unitChars = 0;
    for (let k = first; k < first + period; k++) unitChars += ends[k] - starts[k];
    if (repeats >= options.minRepeats && unitChars >= options.minChars) {
      loops.push({ start: unitStart, end: ends[first + repeats * period - 1], period, repeats, unitStart, unitEnd });
    }
    period = 0;
  };
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    const prev = last[id];
    last[id] = i;
    const d = prev >= 0 ? i - prev : 0;
    if (d > 0 && d === period && runStart + runLen === i) {
      runLen++;
      continue;
    }
    close();
    if (d > 0 && d <= options.maxPeriod) {
      period = d;
      runStart = i;
      runLen = 1;
    }
  }
  close();
  return loops;
}

/** Doubles the hash table and re-inserts the `distinct` sentence ids; returns the new mask. */
function rehash(distinct: number, mask: number): number {
  const next = mask * 2 + 1;
  if (table.length <= next) table = new Int32Array(next + 1);
  table.fill(0, 0, next + 1);
  for (let k = 0; k < distinct; k++) {
    const hb = keyHash[k];
    let slot = (hb ^ (hb >>> 15)) & next;
    while (table[slot] !== 0) slot = (slot + 1) & next;
    table[slot] = k + 1;
  }
  return next;
}
