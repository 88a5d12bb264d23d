/**
 * The reward functions of open-r1 (src/open_r1/rewards.py) and TRL, reproduced exactly,
 * without regular-expression backtracking: each is one or two linear `indexOf` walks.
 */

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

// Python str.split() separators (str.isspace).
function isPySpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

const lowerCache = new Map<number, string>();
function lowerOf(c: number): string {
  let l = lowerCache.get(c);
  if (l === undefined) {
    l = String.fromCharCode(c).toLowerCase();
    lowerCache.set(c, l);
  }
  return l;
}

/** Grown on demand and reused between calls: scoring a dataset allocates no arrays per trace. */
let hashA = new Uint32Array(1024);
let hashB = new Uint32Array(1024);

/**
 * Hashes of the lower-cased whitespace-separated words of `text` (two independent 32-bit
 * hashes per word), as Python's `text.lower().split()` would cut them. The arrays returned
 * are shared: valid until the next call.
 */
export function wordHashes(text: string, start = 0, end = text.length): { a: Uint32Array; b: Uint32Array; count: number } {
  // At most one word per two characters (a character and a separator).
  const cap = ((end - start) >> 1) + 1;
  if (hashA.length < cap) {
    hashA = new Uint32Array(cap + (cap >> 1));
    hashB = new Uint32Array(hashA.length);
  }
  const a = hashA;
  const b = hashB;
  let count = 0;
  let ha = 0x811c9dc5;
  let hb = 0x12345;
  let inWord = false;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    // Printable ASCII, the common case: a word character, upper case folded.
    if (c > 0x20 && c < 0x7f) {
      if (c <= 0x5a && c >= 0x41) c |= 0x20;
      ha = Math.imul(ha ^ c, 0x01000193);
      hb = Math.imul(hb + c, 0x5bd1e995) ^ (hb >>> 15);
      inWord = true;
      continue;
    }
    if (c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x1c : c >= 0x85 && isPySpace(c)) {
      if (inWord) {
        a[count] = ha >>> 0;
        b[count] = hb >>> 0;
        count++;
        inWord = false;
        ha = 0x811c9dc5;
        hb = 0x12345;
      }
      continue;
    }
    inWord = true;
    if (c >= 0x80) {
      const l = lowerOf(c);
      if (l.length === 1) c = l.charCodeAt(0);
      else {
        for (let k = 0; k < l.length; k++) {
          ha = Math.imul(ha ^ l.charCodeAt(k), 0x01000193);
          hb = Math.imul(hb + l.charCodeAt(k), 0x5bd1e995) ^ (hb >>> 15);
        }
        continue;
      }
    }
    ha = Math.imul(ha ^ c, 0x01000193);
    hb = Math.imul(hb + c, 0x5bd1e995) ^ (hb >>> 15);
  }
  if (inWord) {
    a[count] = ha >>> 0;
    b[count] = hb >>> 0;
    count++;
  }
  return { a, b, count };
}

// The n-gram set's table, reused between calls; a slot is taken when its stamp is the call's.
let setX = new Uint32Array(1 << 12);
let setY = new Uint32Array(1 << 12);
let setStamp = new Uint32Array(1 << 12);
let stamp = 0;

/**
 * open-r1 `repetition_penalty_reward` (n-gram repetition, arXiv 2502.03373 App. C.2):
 * (1 − distinct n-grams / n-grams) × maxPenalty over `text.lower().split()`; 0 for an empty
 * text or fewer than n words. N-grams are compared by a pair of 32-bit hashes of their words.
 */
export function repetitionPenalty(text: string, ngramSize = 3, maxPenalty = -1, start = 0, end = text.length): number {
  if (start >= end) return 0;
  const { a, b, count } = wordHashes(text, start, end);
  if (count < ngramSize || ngramSize < 1) return 0;
  const total = count - ngramSize + 1;
  // Open-addressing set of (x, y) hash pairs: no boxed numbers, no allocation per n-gram.
  let cap = 16;
  while (cap < total * 2) cap *= 2;
  if (setX.length < cap) {
    setX = new Uint32Array(cap);
    setY = new Uint32Array(cap);
    setStamp = new Uint32Array(cap);
    stamp = 0;
  }
  if (++stamp === 0xffffffff) {
    setStamp.fill(0);
    stamp = 1;
  }
  const mask = cap - 1;
  const keysX = setX;
  const keysY = setY;
  const used = setStamp;
  const now = stamp;
  let distinct = 0;
  for (let i = 0; i < total; i++) {
    let x = 0;
    let y = 0;
    for (let k = 0; k < ngramSize; k++) {
      x = (Math.imul(x, 0x9e3779b1) + a[i + k]) >>> 0;
      y = (Math.imul(y, 0x85ebca6b) + b[i + k]) >>> 0;
    }
    let slot = (x ^ (y >>> 7)) & mask;
    while (used[slot] === now && (keysX[slot] !== x || keysY[slot] !== y)) slot = (slot + 1) & mask;
    if (used[slot] !== now) {
      used[slot] = now;
      keysX[slot] = x;
      keysY[slot] = y;
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
