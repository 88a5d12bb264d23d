import type { PathKey } from './path';

/**
 * Finding a value in JSON text by path without parsing it: the scanner only skips. Strings
 * are jumped over with `indexOf` (no decoding), containers by counting brackets, and no value
 * is ever built. Made for text that `JSON.parse` already accepted (a JSON Lines record);
 * on anything else it gives up (-1) instead of guessing.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** Offset just past the string literal whose opening quote is at `quote` (-1 if unterminated). */
export function skipString(text: string, quote: number): number {
  let at = quote + 1;
  for (;;) {
    const close = text.indexOf('"', at);
    if (close < 0) return -1;
    // The quote is escaped when an odd number of backslashes precede it.
    let slashes = 0;
    for (let k = close - 1; k > quote && text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if ((slashes & 1) === 0) return close + 1;
    at = close + 1;
  }
}

/** Offset just past the value starting at `i` (-1 when the text is not valid there). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
    let depth = 0;
    const length = text.length;
    while (i < length) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) {
        i = skipString(text, i);
        if (i < 0) return -1;
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  // A number or a literal: runs to the next delimiter.
  const start = i;
  const length = text.length;
  while (i < length) {
    const d = text.charCodeAt(i);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
    i++;
  }
  return i > start ? i : -1;
}

/** Does the key literal text[quote, end) (quotes included) spell `key`? */
function keyEquals(text: string, quote: number, end: number, key: string): boolean {
  const inner = end - quote - 2;
  const raw = text.indexOf('\\', quote + 1);
  if (raw < 0 || raw >= end - 1) return inner === key.length && text.startsWith(key, quote + 1);
  try {
    return JSON.parse(text.slice(quote, end)) === key;
  } catch {
    return false;
  }
}

/**
 * Offset of the value at `path` inside the JSON value that starts at `start` (after
 * spaces), or -1. Keys select object members (the last of duplicates, as `JSON.parse`
 * keeps it), numbers select array elements.
 */
export function findValue(text: string, path: readonly PathKey[], start = 0): number {
  let i = skipSpace(text, start);
  for (const step of path) {
    const open = text.charCodeAt(i);
    if (typeof step === 'string') {
      if (open !== 0x7b) return -1;
      let found = -1;
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === 0x7d) return -1;
      for (;;) {
        if (text.charCodeAt(i) !== QUOTE) return -1;
        const keyEnd = skipString(text, i);
        if (keyEnd < 0) return -1;
        const match = keyEquals(text, i, keyEnd, step);
        i = skipSpace(text, keyEnd);
        if (text.charCodeAt(i) !== 0x3a /* : */) return -1;
        i = skipSpace(text, i + 1);
        if (match) found = i;
        i = skipValue(text, i);
        if (i < 0) return -1;
        i = skipSpace(text, i);
        const next = text.charCodeAt(i);
        if (next === 0x2c) {
          i = skipSpace(text, i + 1);
          continue;
        }
        if (next !== 0x7d) return -1;
        break;
      }
      if (found < 0) return -1;
      i = found;
    } else {
      if (open !== 0x5b || !Number.isInteger(step) || step < 0) return -1;
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === 0x5d) return -1;
      for (let k = 0; k < step; k++) {
        i = skipValue(text, i);
        if (i < 0) return -1;
        i = skipSpace(text, i);
        if (text.charCodeAt(i) !== 0x2c) return -1;
        i = skipSpace(text, i + 1);
      }
    }
  }
  return i;
}

/** Offset of the opening quote of the string at `path`, or -1 when there is none. */
export function findStringLiteral(text: string, path: readonly PathKey[], start = 0): number {
  const at = findValue(text, path, start);
  return at >= 0 && text.charCodeAt(at) === QUOTE ? at : -1;
}

/**
 * Where each element of the array whose `[` is at `open` starts and ends (end exclusive),
 * or null when the text there is not an array accepted by `JSON.parse`.
 */
export function arrayElements(text: string, open: number): Array<{ start: number; end: number }> | null {
  if (text.charCodeAt(open) !== 0x5b) return null;
  const elements: Array<{ start: number; end: number }> = [];
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === 0x5d) return elements;
  for (;;) {
    const end = skipValue(text, i);
    if (end < 0) return null;
    elements.push({ start: i, end });
    i = skipSpace(text, end);
    const next = text.charCodeAt(i);
    if (next === 0x5d) return elements;
    if (next !== 0x2c) return null;
    i = skipSpace(text, i + 1);
  }
}
