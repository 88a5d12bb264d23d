/**
 * The reward functions of open-r1 (src/open_r1/rewards.py) and TRL, reproduced exactly,
 * without regular-expression backtracking: each is one or two linear `indexOf` walks.
 */

import { kernelDistinctNgrams, LONG_TEXT, releaseScratch, scratch, TextScan, wordWindows } from '../trace/scan';

const FORMAT_MIDDLE = '\n</think>\n<answer>\n';
const FORMAT_END = '\n</answer>';

/**
 * open-r1 `format_reward`: `re.match(r"^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$", s,
 * re.DOTALL | re.MULTILINE)`. `re.match` anchors at offset 0; `$` under MULTILINE matches at
 * the end or before any `\n` (a `\r` does not count). 1 or 0.
 */
export function openR1Format(text: string): number {
  if (!text.startsWith('<think>\n')) return 0;
  // The first `\n</think>\n<answer>\n` leaves the most room for the rest; `.*?` may be empty.
  const middle = text.indexOf(FORMAT_MIDDLE, 8);
  if (middle === -1) return 0;
  let end = text.indexOf(FORMAT_END, middle + FORMAT_MIDDLE.length);
  while (end !== -1) {
    const after = end + FORMAT_END.length;
    if (after === text.length || text.charCodeAt(after) === 0x0a) return 1;
    end = text.indexOf(FORMAT_END, end + 1);
  }
  return 0;
}

/** Python `str.count`: non-overlapping occurrences. */
export function countOccurrences(text: string, needle: string): number {
  let count = 0;
  let at = text.indexOf(needle);
  while (at !== -1) {
    count++;
    at = text.indexOf(needle, at + needle.length);
  }
  return count;
}

/** open-r1 `tag_count_reward`: 0.25 for each of `<think>\n`, `\n</think>\n`, `\n<answer>\n`, `\n</answer>` found exactly once. */
export function openR1TagCount(text: string): number {
  let score = 0;
  if (countOccurrences(text, '<think>\n') === 1) score += 0.25;
  if (countOccurrences(text, '\n</think>\n') === 1) score += 0.25;
  if (countOccurrences(text, '\n<answer>\n') === 1) score += 0.25;
  if (countOccurrences(text, '\n</answer>') === 1) score += 0.25;
  return score;
}

// Python's `\d` on str matches any Unicode decimal digit; no flags, so `^` is the start of the text only.
const STEP_PATTERN = /Step \p{Nd}+:|^\p{Nd}+\.|\n-|\n\*|First,|Second,|Next,|Finally,/gu;

/** Number of open-r1 step markers (`re.findall` of its pattern, no flags). */
export function countSteps(text: string): number {
  STEP_PATTERN.lastIndex = 0;
  let count = 0;
  while (STEP_PATTERN.exec(text) !== null) count++;
  return count;
}

/** open-r1 `reasoning_steps_reward`: min(1, steps / 3). */
export function openR1ReasoningSteps(text: string): number {
  return Math.min(1, countSteps(text) / 3);
}

/**
 * TRL `think_format_reward`: `re.match(r"^<think>(?!.*<think>)(.*?)</think>.*$", s, DOTALL | MULTILINE)`:
 * starts with `<think>`, no second `<think>`, and a `</think>` somewhere after. 1 or 0.
 */
export function trlThinkFormat(text: string): number {
  if (!text.startsWith('<think>')) return 0;
  if (text.indexOf('<think>', 7) !== -1) return 0;
  return text.indexOf('</think>', 7) !== -1 ? 1 : 0;
}

/**
 * Hashes of the lower-cased whitespace-separated words of text[start, end) (two independent
 * 32-bit hashes per word), as Python's `text.lower().split()` would cut them. The arrays
 * returned are shared: valid until the next scan.
 */
export function wordHashes(text: string, start = 0, end = text.length): { a: Uint32Array; b: Uint32Array; count: number } {
  const count = scanWordsOf(text, start, end);
  return { a: scratch.wordA, b: scratch.wordB, count };
}

function scanWordsOf(text: string, start: number, end: number): number {
  const scan = new TextScan(text.slice(start, end), true);
  return scan.words();
}

/**
 * open-r1 `repetition_penalty_reward` (n-gram repetition, arXiv 2502.03373 App. C.2):
 * (1 − distinct n-grams / n-grams) × maxPenalty over `text.lower().split()`; 0 for an empty
 * text or fewer than n words. N-grams are compared by a pair of 32-bit hashes of their words.
 */
export function repetitionPenalty(text: string, ngramSize = 3, maxPenalty = -1, start = 0, end = text.length): number {
  if (start >= end) return 0;
  if (end - start >= LONG_TEXT) return longPenalty(text, start, end, ngramSize, maxPenalty);
  return ngramPenalty(scanWordsOf(text, start, end), ngramSize, maxPenalty);
}

/** `repetitionPenalty` of a scanned text (its words shared with whatever else reads the scan). */
export function repetitionOf(scan: TextScan, ngramSize = 3, maxPenalty = -1): number {
  if (scan.text.length === 0) return 0;
  if (scan.text.length >= LONG_TEXT) return longPenalty(scan.text, 0, scan.text.length, ngramSize, maxPenalty);
  return ngramPenalty(scan.words(), ngramSize, maxPenalty);
}

// The n-gram set's table, reused between calls: per slot its stamp and the n-gram's two
// hashes side by side (one cache line per probe), all int32 so that optimised code never
// boxes a number. A slot is taken when its stamp is the call's.
let set = new Int32Array(3 << 12);
let stamp = 0;

/** The penalty of the `count` words in `scratch`. */
function ngramPenalty(count: number, ngramSize: number, maxPenalty: number): number {
  if (count < ngramSize || ngramSize < 1) return 0;
  const total = count - ngramSize + 1;
  const counted = kernelDistinctNgrams(count, ngramSize);
  return penaltyOf(counted >= 0 ? counted : distinctNgrams(ngramSize, total), total, maxPenalty);
}

/** The distinct n-grams of the words in `scratch` (`total` n-grams of `ngramSize` words). */
function distinctNgrams(ngramSize: number, total: number): number {
  const a = scratch.wordA;
  const b = scratch.wordB;
  // Open addressing over (x, y) hash pairs: no boxed numbers, no allocation per n-gram.
  let cap = 16;
  while (cap < total * 2) cap *= 2;
  if (set.length < cap * 3) {
    set = new Int32Array(cap * 3);
    stamp = 0;
  }
  if (++stamp === 0x7fffffff) {
    set.fill(0);
    stamp = 1;
  }
  const mask = cap - 1;
  const last = mask * 3;
  const keys = set;
  const now = stamp;
  let distinct = 0;
  for (let i = 0; i < total; i++) {
    let x = 0;
    let y = 0;
    for (let k = 0; k < ngramSize; k++) {
      x = (Math.imul(x, 0x9e3779b1) + a[i + k]) | 0;
      y = (Math.imul(y, 0x85ebca6b) + b[i + k]) | 0;
    }
    let slot = ((x ^ (y >>> 7)) & mask) * 3;
    while (keys[slot] === now && (keys[slot + 1] !== x || keys[slot + 2] !== y)) slot = slot === last ? 0 : slot + 3;
    if (keys[slot] !== now) {
      keys[slot] = now;
      keys[slot + 1] = x;
      keys[slot + 2] = y;
      distinct++;
    }
  }
  return distinct;
}

/** The penalty for `distinct` n-grams out of `total` (open-r1's formula; 0 rather than −0). */
function penaltyOf(distinct: number, total: number, maxPenalty: number): number {
  const scaling = 1 - distinct / total;
  return scaling === 0 ? 0 : scaling * maxPenalty;
}

/**
 * The set of n-grams of a long text: open addressing over the (x, y) hash pairs only, two
 * int32 per slot, grown (doubled) as distinct n-grams come, so its memory follows the distinct
 * n-grams (8 bytes per slot, at most half the slots taken) rather than all of them. The pair
 * (0, 0) marks a free slot; an n-gram hashing to it is counted on the side.
 */
class NgramSet {
  private keys = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;
  private inTable = 0;
  private zero = false;

  get size(): number {
    return this.inTable + (this.zero ? 1 : 0);
  }

  add(x: number, y: number): void {
    if (x === 0 && y === 0) {
      this.zero = true;
      return;
    }
    const keys = this.keys;
    const wrap = keys.length - 1;
    let slot = ((x ^ (y >>> 7)) & this.mask) << 1;
    for (let kx = keys[slot], ky = keys[slot + 1]; kx !== 0 || ky !== 0; kx = keys[slot], ky = keys[slot + 1]) {
      if (kx === x && ky === y) return;
      slot = (slot + 2) & wrap;
    }
    keys[slot] = x;
    keys[slot + 1] = y;
    if (++this.inTable * 2 > this.mask) this.grow();
  }

  private grow(): void {
    const old = this.keys;
    const mask = this.mask * 2 + 1;
    const keys = new Int32Array((mask + 1) * 2);
    const wrap = keys.length - 1;
    for (let k = 0; k < old.length; k += 2) {
      const x = old[k];
      const y = old[k + 1];
      if (x === 0 && y === 0) continue;
      let slot = ((x ^ (y >>> 7)) & mask) << 1;
      while (keys[slot] !== 0 || keys[slot + 1] !== 0) slot = (slot + 2) & wrap;
      keys[slot] = x;
      keys[slot + 1] = y;
    }
    this.keys = keys;
    this.mask = mask;
  }
}

/**
 * `repetitionPenalty` of a long text[start, end): its words hashed a window at a time
 * (`wordWindows`), the last n − 1 words of one window carried into the next, so every n-gram
 * is hashed once, exactly as the whole text's word arrays would give it (same hashes, same
 * comparison of pairs, same count). What the scans grew is given back before and after.
 */
function longPenalty(text: string, start: number, end: number, ngramSize: number, maxPenalty: number): number {
  if (ngramSize < 1) return 0;
  releaseScratch();
  const set = new NgramSet();
  const keep = ngramSize - 1;
  let tailA = new Uint32Array(keep);
  let tailB = new Uint32Array(keep);
  let tail = 0;
  let words = 0;
  wordWindows(text, start, end, (count) => {
    const a = scratch.wordA;
    const b = scratch.wordB;
    // Word j of the carried words followed by this window's.
    const wa = (j: number) => (j < tail ? tailA[j] : a[j - tail]);
    const wb = (j: number) => (j < tail ? tailB[j] : b[j - tail]);
    const all = tail + count;
    for (let i = 0; i + ngramSize <= all; i++) {
      let x = 0;
      let y = 0;
      for (let k = 0; k < ngramSize; k++) {
        x = (Math.imul(x, 0x9e3779b1) + wa(i + k)) | 0;
        y = (Math.imul(y, 0x85ebca6b) + wb(i + k)) | 0;
      }
      set.add(x, y);
    }
    const kept = Math.min(keep, all);
    const nextA = new Uint32Array(keep);
    const nextB = new Uint32Array(keep);
    for (let k = 0; k < kept; k++) {
      nextA[k] = wa(all - kept + k);
      nextB[k] = wb(all - kept + k);
    }
    tailA = nextA;
    tailB = nextB;
    tail = kept;
    words += count;
  });
  releaseScratch();
  if (words < ngramSize) return 0;
  return penaltyOf(set.size, words - ngramSize + 1, maxPenalty);
}

/**
 * DAPO soft overlong punishment: 0 up to Lmax − Lcache, then linear down to −1 at Lmax, −1 beyond.
 */
export function softOverlong(length: number, maxLength: number, cache: number): number {
  const expected = maxLength - cache;
  if (length <= expected) return 0;
  if (length <= maxLength) return cache > 0 ? (expected - length) / cache : -1;
  return -1;
}
