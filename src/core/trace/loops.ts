/**
 * Finding repetition loops: a sentence, or a cycle of up to `maxPeriod` sentences, repeated
 * back to back, a sentence possibly occurring twice inside one cycle, with a few sentences of
 * other text allowed between repeats. Linear in the text: sentences are cut at `. ! ? ; ,`
 * (and their CJK forms) and line breaks, hashed and numbered by the one-pass scan (scan.ts: no
 * substrings, equal hashes confirmed on the text); then, for every period p ≤ maxPeriod, a loop
 * is a stretch where each sentence equals the one p sentences before it (see `selectLoops`).
 * The work per sentence is the number of its equal sentences within maxPeriod + maxNoise
 * before it, plus the runs it ends: constant for ordinary text.
 */

import { scanSentences, scratch, type TextScan } from './scan';

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

/** The loops of text[start, end). */
export function findLoops(text: string, start: number, end: number, options: LoopOptions): Loop[] {
  return selectLoops(scanSentences(text, start, end), options);
}

/** The loops of a scanned text (its sentences shared with whatever else reads the scan). */
export function loopsOf(scan: TextScan, options: LoopOptions): Loop[] {
  return selectLoops(scan.sentences(), options);
}

/** More sentences than this: the per-sentence arrays are not kept for the next call. */
const LONG_SENTENCES = 1 << 20;

// Per-distance state of the second pass, reused from call to call.
let runStart = new Int32Array(68);
let prevOf = new Int32Array(1024);
let stamp = new Int32Array(68);
let active = new Int32Array(68);
let matches = new Int32Array(68);
let covered = new Uint8Array(1024);
let last = new Int32Array(1024);

// The chains of the second pass, reset by each call: open chains by the start of their last
// copy and their period, `[first, lastStart, period, copies]`; every chain made, in order.
// Module functions over module state, not closures made per call: closures new to each call
// made optimised code give up on them (V8 ties a call's feedback to the closure it saw).
const chains = new Map<number, number[]>();
const done: number[][] = [];
let chainPeriods = 65;

/** A start holds one open chain per period: the one with more copies (the earlier on a tie). */
function keepChain(chain: number[]): void {
  const k = chain[1] * chainPeriods + chain[2];
  const there = chains.get(k);
  if (!there || there[3] < chain[3]) chains.set(k, chain);
}

/** `copies` copies of sentences [from, from + period), each `period + gap` after the last. */
function linkCopies(from: number, period: number, copies: number, gap: number): void {
  const k = from * chainPeriods + period;
  const prev = chains.get(k);
  const step = period + gap;
  if (prev) {
    chains.delete(k);
    prev[1] = from + (copies - 1) * step;
    prev[3] += copies - 1;
    keepChain(prev);
  } else {
    const chain = [from, from + (copies - 1) * step, period, copies];
    keepChain(chain);
    done.push(chain);
  }
}

/** Ends the run at distance q before sentence i, chaining what it makes. */
function closeRun(q: number, i: number, maxPeriod: number, maxNoise: number): void {
  const s = runStart[q];
  runStart[q] = -1;
  const length = i - s;
  if (length >= q) {
    if (q <= maxPeriod) linkCopies(s - q, q, ((length + q) / q) | 0, 0);
  } else if (length <= maxPeriod && q - length <= maxNoise && 2 * (q - length) <= length) linkCopies(s - q, length, 2, q - length);
}

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
  const ids = scratch.sentenceId;
  const maxPeriod = Math.max(1, Math.floor(options.maxPeriod)) | 0;
  const maxNoise = Math.max(0, Math.floor(options.maxNoise ?? 0)) | 0;
  const maxDistance = maxPeriod + maxNoise;
  if (runStart.length <= maxDistance) runStart = new Int32Array(maxDistance + 1);
  runStart.fill(-1, 0, maxDistance + 1);
  if (last.length < count) last = new Int32Array(Math.max(count, last.length * 2));
  last.fill(-1, 0, count);
  chains.clear();
  done.length = 0;
  chainPeriods = maxPeriod + 1;
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
      if (length >= q || (length >= 2 && 2 * (q - length) <= length && q - length <= maxNoise)) closeRun(q, i, maxPeriod, maxNoise);
      else runStart[q] = -1;
    }
    for (let k = 0; k < nMatches; k++) {
      const q = matches[k];
      if (runStart[q] < 0) runStart[q] = i;
      active[k] = q;
    }
    nActive = nMatches;
  }
  for (let k = 0; k < nActive; k++) closeRun(active[k], count, maxPeriod, maxNoise);
  chains.clear();
  // The per-sentence arrays of a very long text are given back (the next call grows them again).
  if (count > LONG_SENTENCES) {
    last = new Int32Array(1024);
    prevOf = new Int32Array(1024);
  }
  // Most texts make no chain: what follows is kept out of this function, whose loop is hot,
  // so that its optimised code is not thrown away the first time a text has a loop.
  return done.length === 0 ? [] : loopsFromChains(count, options);
}

/** The loops of the chains in `done`, for the sentences in `scratch` (`count` of them). */
function loopsFromChains(count: number, options: LoopOptions): Loop[] {
  const { sentenceStart: starts, sentenceEnd: ends } = scratch;
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
  const coveredNow = covered;
  if (count > LONG_SENTENCES) covered = new Uint8Array(1024);
  const loops: Loop[] = [];
  next: for (const k of order) {
    const from = found[k];
    const to = found[k + 1];
    for (let j = from; j < to; j++) if (coveredNow[j]) continue next;
    coveredNow.fill(1, from, to);
    const p = found[k + 2];
    loops.push({ start: starts[from], end: ends[to - 1], period: p, repeats: found[k + 3], unitStart: starts[from], unitEnd: ends[from + p - 1] });
  }
  return loops.sort((a, b) => a.start - b.start);
}
