/**
 * Finding repetition loops: a sentence, or a cycle of up to `maxPeriod` sentences, repeated
 * back to back. Linear: sentences are cut at `. ! ? ; ,` (and their CJK forms) and line
 * breaks, numbered by a hash map, and each sentence looks up where the same sentence was last
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

export function findLoops(text: string, start: number, end: number, options: LoopOptions): Loop[] {
  const starts: number[] = [];
  const ends: number[] = [];
  const ids: number[] = [];
  const idOf = new Map<string, number>();
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i < end && !isBoundary(text.charCodeAt(i))) continue;
    let a = s;
    let b = i < end ? i + 1 : end; // keep the terminator with its sentence
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    s = i + 1;
    if (b <= a) continue;
    const key = text.slice(a, b);
    let id = idOf.get(key);
    if (id === undefined) {
      id = idOf.size;
      idOf.set(key, id);
    }
    starts.push(a);
    ends.push(b);
    ids.push(id);
  }
  const last = new Int32Array(idOf.size).fill(-1);
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
