/**
 * The reward functions of open-r1 (src/open_r1/rewards.py) and TRL, reproduced exactly,
 * without regular-expression backtracking: each is one or two linear `indexOf` walks.
 */

import { scratch, TextScan } from '../trace/scan';

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
  return ngramPenalty(scanWordsOf(text, start, end), ngramSize, maxPenalty);
}

/** `repetitionPenalty` of a scanned text (its words shared with whatever else reads the scan). */
export function repetitionOf(scan: TextScan, ngramSize = 3, maxPenalty = -1): number {
  if (scan.text.length === 0) return 0;
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
  const a = scratch.wordA;
  const b = scratch.wordB;
  const total = count - ngramSize + 1;
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
  const scaling = 1 - distinct / total;
  return scaling === 0 ? 0 : scaling * maxPenalty;
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
