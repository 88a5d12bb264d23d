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
  private constructor(
    private readonly textAt: Int32Array,
    private readonly sourceAt: Int32Array,
    /** Length of the decoded text. */
    readonly textLength: number,
  ) {}

  /**
   * Scans the literal whose opening quote is at `quote` in `source`. Stops at the closing
   * quote (or the end of the source for an unterminated literal).
   */
  static fromLiteral(source: string, quote: number): EscapeMap {
    const textAt: number[] = [0];
    const sourceAt: number[] = [quote + 1];
    let text = 0;
    let i = quote + 1;
    const end = source.length;
    while (i < end) {
      // Jump straight to the next quote or backslash: long escape-free runs cost one search.
      const nextQuote = source.indexOf('"', i);
      const nextSlash = source.indexOf('\\', i);
      const stop = nextQuote < 0 ? end : nextQuote;
      if (nextSlash < 0 || nextSlash > stop) {
        text += stop - i;
        i = stop;
        break;
      }
      text += nextSlash - i;
      i = nextSlash;
      const kind = source.charCodeAt(i + 1);
      const width = kind === 0x75 /* u */ ? 6 : 2;
      i = Math.min(end, i + width);
      text += 1;
      textAt.push(text);
      sourceAt.push(i);
    }
    return new EscapeMap(Int32Array.from(textAt), Int32Array.from(sourceAt), text);
  }

  /** Source offset of text offset `offset` (clamped to the text). */
  toSource(offset: number): number {
    const t = Math.max(0, Math.min(offset, this.textLength));
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
    private readonly locate: () => LiteralPlace | null,
    private readonly fallback: number,
  ) {}

  toSource(offset: number): number {
    if (this.map === undefined) {
      const place = this.locate();
      this.map = place ? EscapeMap.fromLiteral(place.text, place.quote) : null;
      this.base = place ? place.base : 0;
    }
    return this.map ? this.base + this.map.toSource(offset) : this.fallback;
  }

  encode(value: string): string {
    return encodeJsonString(value);
  }
}

/** A MappedText for a JSON string literal already located at `quote` in `source`. */
export function jsonStringText(text: string, source: string, quote: number): MappedText {
  return new LazyJsonText(text, () => ({ text: source, quote, base: 0 }), quote);
}
