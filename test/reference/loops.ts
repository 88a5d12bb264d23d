/**
 * Finding repetition loops: a sentence, or a cycle of up to `maxPeriod` sentences, repeated
 * back to back, a sentence possibly occurring twice inside one cycle, with a few sentences of
 * other text allowed between repeats. Linear in the text: sentences are cut at `. ! ? ; ,`
 * (and their CJK forms) and line breaks, hashed while they are read (no substrings; equal
 * hashes are confirmed on the text) and numbered; then, for every period p ≤ maxPeriod, a loop
 * is a stretch where each sentence equals the one p sentences before it (see `selectLoops`).
 * The work per sentence is the number of its equal sentences within maxPeriod + maxNoise
 * before it, plus the runs it ends: constant for ordinary text.
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
  /** Sentences of other text allowed between two copies of a cycle (default 0), at most half the cycle. */
  maxNoise?: number;
  /** A cycle shorter than this many characters (default 0)… */
  shortChars?: number;
  /** …must occur at least this many times (default minRepeats). */
  minRepeatsShort?: number;
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
  return selectLoops(count, options);
}

// Per-distance state of the second pass, reused from call to call.
let runStart = new Int32Array(68);
let prevOf = new Int32Array(1024);
let stamp = new Int32Array(68);
let active = new Int32Array(68);
let matches = new Int32Array(68);
let covered = new Uint8Array(1024);

/**
 * The second pass. For every distance q up to maxPeriod + maxNoise, a run is a maximal
 * stretch of sentences each equal to the one q before it. A run of L ≥ q sentences is a loop
 * of period q by itself: ⌊(L + q) / q⌋ copies back to back. A shorter run (L ≤ maxPeriod,
 * q − L ≤ maxNoise) is a copy of the L sentences q before it, with q − L sentences of other
 * text in between; copies of the same cycle chain into one loop when each starts where the
 * previous one was copied to (the other text at most half a cycle). Only a sentence seen again within the largest distance can
 * continue a run: following the chain of its earlier occurrences gives the distances it matches
 * at, and every other open run ends there.
 * Overlapping loops: the one covering more sentences wins, then the shorter period.
 */
function selectLoops(count: number, options: LoopOptions): Loop[] {
  const maxPeriod = Math.max(1, Math.floor(options.maxPeriod));
  const maxNoise = Math.max(0, Math.floor(options.maxNoise ?? 0));
  const maxDistance = maxPeriod + maxNoise;
  if (runStart.length <= maxDistance) runStart = new Int32Array(maxDistance + 1);
  runStart.fill(-1, 0, maxDistance + 1);
  if (last.length < count) last = new Int32Array(Math.max(count, last.length * 2));
  last.fill(-1, 0, count);
  // Open chains by the start of their last copy and their period: [first, lastStart, period, copies].
  const chains = new Map<number, number[]>();
  const done: number[][] = [];
  const key = (lastStart: number, period: number) => lastStart * (maxPeriod + 1) + period;
  // A start holds one open chain per period: the one with more copies (the earlier on a tie).
  const keep = (chain: number[]) => {
    const k = key(chain[1], chain[2]);
    const there = chains.get(k);
    if (!there || there[3] < chain[3]) chains.set(k, chain);
  };
  const link = (from: number, period: number, copies: number, gap: number) => {
    // `copies` copies of sentences [from, from + period), each `period + gap` after the last.
    const k = key(from, period);
    const prev = chains.get(k);
    const step = period + gap;
    if (prev) {
      chains.delete(k);
      prev[1] = from + (copies - 1) * step;
      prev[3] += copies - 1;
      keep(prev);
    } else {
      const chain = [from, from + (copies - 1) * step, period, copies];
      keep(chain);
      done.push(chain);
    }
  };
  const close = (q: number, i: number) => {
    const s = runStart[q];
    runStart[q] = -1;
    const length = i - s;
    if (length >= q) {
      if (q <= maxPeriod) link(s - q, q, Math.floor((length + q) / q), 0);
    } else if (length <= maxPeriod && q - length <= maxNoise && 2 * (q - length) <= length) link(s - q, length, 2, q - length);
  };
  // Per sentence, the distances at which it repeats an earlier sentence (following the chain
  // of earlier occurrences of the same sentence) are the runs it continues or opens; the runs
  // open before and not among them end here. Work per sentence: its matches plus the open runs.
  if (prevOf.length < count) prevOf = new Int32Array(Math.max(count, prevOf.length * 2));
  if (stamp.length <= maxDistance) {
    stamp = new Int32Array(maxDistance + 1);
    active = new Int32Array(maxDistance + 1);
    matches = new Int32Array(maxDistance + 1);
  }
  stamp.fill(-1, 0, maxDistance + 1);
  let nActive = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    const prev = last[id];
    last[id] = i;
    prevOf[i] = prev;
    let nMatches = 0;
    for (let j = prev; j >= 0 && i - j <= maxDistance; j = prevOf[j]) {
      const q = i - j;
      matches[nMatches++] = q;
      stamp[q] = i;
    }
    for (let k = 0; k < nActive; k++) {
      const q = active[k];
      if (stamp[q] === i) continue;
      // Most runs are a lone coincidence (one sentence at some distance): they end here, making nothing.
      const length = i - runStart[q];
      if (length >= q || (length >= 2 && 2 * (q - length) <= length && q - length <= maxNoise)) close(q, i);
      else runStart[q] = -1;
    }
    for (let k = 0; k < nMatches; k++) {
      const q = matches[k];
      if (runStart[q] < 0) runStart[q] = i;
      active[k] = q;
    }
    nActive = nMatches;
  }
  for (let k = 0; k < nActive; k++) close(active[k], count);
  // Candidates: sentence range [from, to), period, repeats.
  const found: number[] = [];
  const shortChars = options.shortChars ?? 0;
  const minRepeatsShort = options.minRepeatsShort ?? options.minRepeats;
  for (const [from, lastStart, period, copies] of done) {
    if (copies < options.minRepeats) continue;
    let unitChars = 0;
    for (let k = from; k < from + period; k++) unitChars += ends[k] - starts[k];
    if (unitChars >= options.minChars && (unitChars >= shortChars || copies >= minRepeatsShort)) found.push(from, lastStart + period, period, copies);
  }
  if (found.length === 0) return [];
  // The widest loops first; a loop overlapping one already taken is dropped.
  const order = Array.from({ length: found.length / 4 }, (_, k) => k * 4);
  order.sort((x, y) => found[y + 1] - found[y] - (found[x + 1] - found[x]) || found[x + 2] - found[y + 2] || found[x] - found[y]);
  if (covered.length < count) covered = new Uint8Array(Math.max(count, covered.length * 2));
  covered.fill(0, 0, count);
  const loops: Loop[] = [];
  next: for (const k of order) {
    const from = found[k];
    const to = found[k + 1];
    for (let j = from; j < to; j++) if (covered[j]) continue next;
    covered.fill(1, from, to);
    const p = found[k + 2];
    loops.push({ start: starts[from], end: ends[to - 1], period: p, repeats: found[k + 3], unitStart: starts[from], unitEnd: ends[from + p - 1] });
  }
  return loops.sort((a, b) => a.start - b.start);
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
