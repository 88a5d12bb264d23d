import type { MappedText } from '../types';

/**
 * Offsets through JSON string escapes.
 *
 * A JSON string literal such as `"a\nb"` decodes to fewer characters than it occupies in
 * the source. The map is a sorted list of breakpoints: from text offset `textAt[k]` on,
 * `source = sourceAt[k] + (text - textAt[k])`, until the next breakpoint. A breakpoint is
 * added right after every escape, so a character written as an escape maps to the first
 * character of its escape (the run before it ends there).
 */
export class EscapeMap {
  // Breakpoints found so far; the literal is scanned only as far as the offsets asked for.
  private textAt: number[] = [0];
  private sourceAt: number[];
  /** Decoded length up to `at`, the source offset scanned to (a breakpoint or the end). */
  private text = 0;
  private at: number;
  private done = false;
  /** Next quote at or after `at` that may close the literal (cached: escapes are often many). */
  private quote = -1;

  private constructor(
    private source: string,
    open: number,
  ) {
    this.at = open + 1;
    this.sourceAt = [open + 1];
  }

  /**
   * The map of the literal whose opening quote is at `quote` in `source`. It stops at the
   * closing quote (or the end of the source for an unterminated literal); nothing is
   * scanned until an offset is asked for.
   */
  static fromLiteral(source: string, quote: number): EscapeMap {
    return new EscapeMap(source, quote);
  }

  /** Length of the decoded text (scans the whole literal). */
  get textLength(): number {
    while (!this.done) this.step();
    return this.text;
  }

  /**
   * Scans the rest of the literal and lets its source go: the map answers from its
   * breakpoints alone from then on (two numbers per escape, against the whole source).
   */
  complete(): void {
    while (!this.done) this.step();
    this.source = '';
  }

  /** Scans the next run of plain characters and the escape after it (or the end). */
  private step(): void {
    const source = this.source;
    const end = source.length;
    let i = this.at;
    if (this.quote < i) {
      const q = source.indexOf('"', i);
      this.quote = q < 0 ? end : q;
    }
    const stop = this.quote;
    const slash = source.indexOf('\\', i);
    if (slash < 0 || slash > stop) {
      this.text += stop - i;
      this.at = stop;
      this.done = true;
      return;
    }
    this.text += slash - i;
    const kind = source.charCodeAt(slash + 1);
    i = Math.min(end, slash + (kind === 0x75 /* u */ ? 6 : 2));
    this.text += 1;
    this.at = i;
    this.textAt.push(this.text);
    this.sourceAt.push(i);
  }

  /** Source offset of text offset `offset` (clamped to the text). */
  toSource(offset: number): number {
    let t = Math.max(0, offset);
    while (!this.done && this.text <= t) this.step();
    if (this.done && t > this.text) t = this.text;
    const at = this.textAt;
    // Last breakpoint with textAt <= t.
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return this.sourceAt[lo] + (t - at[lo]);
  }
}

/** JSON-escapes `text` for insertion inside a JSON string literal (no surrounding quotes). */
export function encodeJsonString(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.slice(1, quoted.length - 1);
}

/**
 * Where a string literal sits: the text it was scanned from, the offset of its opening
 * quote in that text, and the shift from that text's offsets to document offsets.
 */
export interface LiteralPlace {
  text: string;
  quote: number;
  base: number;
}

/**
 * A decoded JSON string value whose place in the source is found only when first asked
 * for. `locate` returns where its literal is (or null when it cannot be found, in which
 * case every offset maps to `fallback`).
 */
export class LazyJsonText implements MappedText {
  private map: EscapeMap | null | undefined;
  private base = 0;

  constructor(
    readonly text: string,
    private locate: () => LiteralPlace | null,
    private readonly fallback: number,
  ) {}

  private located(): EscapeMap | null {
    if (this.map === undefined) {
      const place = this.locate();
      this.map = place ? EscapeMap.fromLiteral(place.text, place.quote) : null;
      this.base = place ? place.base : 0;
    }
    return this.map;
  }

  toSource(offset: number): number {
    const map = this.located();
    return map ? this.base + map.toSource(offset) : this.fallback;
  }

  /**
   * Finds the literal now and keeps only its escape map, so the source it was found in (a
   * record's whole line) is no longer held through this value. Offsets map as before.
   */
  detach(): void {
    this.located()?.complete();
    this.locate = () => null;
  }

  encode(value: string): string {
    return encodeJsonString(value);
  }
}

/** A MappedText for a JSON string literal already located at `quote` in `source`. */
export function jsonStringText(text: string, source: string, quote: number): MappedText {
  return new LazyJsonText(text, () => ({ text: source, quote, base: 0 }), quote);
}
