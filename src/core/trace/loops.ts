/**
 * Finding repetition loops: a sentence, or a cycle of up to `maxPeriod` sentences, repeated
 * back to back. Linear: sentences are cut at `. ! ? ; ,` (and their CJK forms) and line
 * breaks, hashed (no substrings; equal hashes are confirmed on the text) and numbered, and each sentence looks up where the same sentence was last
 * seen; a loop is a stretch where that distance stays the same period.
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

const isBoundary = (c: number) =>
  c === 0x0a || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x2c ||
  c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0xff0c || c === 0x3001;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

function sameText(text: string, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (text.charCodeAt(a0 + k) !== text.charCodeAt(b0 + k)) return false;
  return true;
}

export function findLoops(text: string, start: number, end: number, options: LoopOptions): Loop[] {
  const starts: number[] = [];
  const ends: number[] = [];
  const ids: number[] = [];
  const idOf = new Map<number, number>();
  const keyStart: number[] = [];
  const keyEnd: number[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i < end && !isBoundary(text.charCodeAt(i))) continue;
    let a = s;
    let b = i < end ? i + 1 : end; // keep the terminator with its sentence
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    s = i + 1;
    if (b <= a) continue;
    // Two 32-bit hashes of the sentence stand for its text (no substring is made).
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let k = a; k < b; k++) {
      const c = text.charCodeAt(k);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 13);
    }
    // A small-integer key keeps the map fast; equal keys are confirmed on the text itself.
    const key = (h1 ^ (h2 >>> 3)) & 0x3fffffff;
    let id = idOf.get(key);
    if (id === undefined || !sameText(text, keyStart[id], keyEnd[id], a, b)) {
      id = keyStart.length;
      keyStart.push(a);
      keyEnd.push(b);
      idOf.set(key, id); // on a rare hash collision the newer sentence takes the key
    }
    starts.push(a);
    ends.push(b);
    ids.push(id);
  }
  const last = new Int32Array(keyStart.length).fill(-1);
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
  for (let i = 0; i < ids.length; i++) {
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
