/**
 * JSON.parse for a message that arrived as UTF-8 bytes, without first turning the whole
 * message into a string.
 *
 * The stock path (decode the body, then JSON.parse) holds three copies of a `didOpen` at
 * once: the bytes, the decoded message (UTF-16 as soon as one character is outside Latin-1)
 * and the document text parsed out of it. For a 20 MB dataset that is over 100 MB of
 * transient memory before the server sees the text. Here every JSON string is unescaped in
 * place inside the byte buffer (an escape is never shorter than the UTF-8 it stands for) and
 * decoded straight from those bytes, so the peak is the bytes plus the values themselves.
 *
 * No JSON library parses from bytes this way (all of them start from a string), which is why
 * this small parser exists. It is used only for large messages; it gives the same values as
 * `JSON.parse(bytes.toString('utf8'))` for valid JSON (a string with a lone surrogate escape,
 * which has no UTF-8 form, is handed to JSON.parse on its own) and throws on malformed input.
 */

export class JsonBytesError extends Error {}

/**
 * A long string value returned as its lines (cut at "\n", like `text.split('\n')`), each
 * decoded on its own: a line of plain ASCII then takes one byte per character even when
 * another line of the same text needs two. See `splitLinesFrom`.
 */
export class SplitLines {
  constructor(readonly lines: string[]) {}
  join(): string {
    return this.lines.join('\n');
  }
  toString(): string {
    return this.join();
  }
}

export interface JsonBytesOptions {
  /** Strings of at least this many bytes (as written in the JSON) come back as SplitLines. */
  splitLinesFrom?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** The byte each one-letter escape stands for (0: not an escape). */
const ESCAPED = new Uint8Array(128);
ESCAPED[QUOTE] = QUOTE;
ESCAPED[BACKSLASH] = BACKSLASH;
ESCAPED[0x2f] = 0x2f;
ESCAPED[0x62] = 0x08;
ESCAPED[0x66] = 0x0c;
ESCAPED[0x6e] = 0x0a;
ESCAPED[0x72] = 0x0d;
ESCAPED[0x74] = 0x09;

const fail = (message: string, at: number): never => {
  throw new JsonBytesError(`${message} at byte ${at}`);
};

/**
 * Parses `bytes` as one JSON value. The buffer is modified: string contents are unescaped in
 * place, so it must not be used afterwards.
 *
 * One long function on purpose: the reader of every large message the server gets, its helpers
 * share the position and the buffer as local variables (closures over them), which keeps the
 * loop over a hundred-megabyte document free of property lookups and calls across modules.
 */
export function parseJsonBytes(bytes: Buffer, options: JsonBytesOptions = {}): unknown {
  let pos = 0;
  const end = bytes.length;
  const splitFrom = options.splitLinesFrom ?? Infinity;

  /** Decodes bytes[from, to) as a string, or as its lines when it is long. */
  const decode = (from: number, to: number, written: number): string | SplitLines => {
    if (written < splitFrom) return bytes.toString('utf8', from, to);
    const lines: string[] = [];
    let at = from;
    for (;;) {
      const newline = bytes.indexOf(0x0a, at);
      if (newline < 0 || newline >= to) {
        lines.push(bytes.toString('utf8', at, to));
        return new SplitLines(lines);
      }
      lines.push(bytes.toString('utf8', at, newline));
      at = newline + 1;
    }
  };

  const skipSpace = () => {
    while (pos < end) {
      const c = bytes[pos];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };

  const hex4 = (at: number): number => {
    if (at + 4 > end) fail('truncated \\u escape', at);
    let value = 0;
    for (let k = at; k < at + 4; k++) {
      const c = bytes[k];
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
      if (digit < 0) fail('bad \\u escape', at);
      value = value * 16 + digit;
    }
    return value;
  };

  const isLowSurrogate = (at: number): boolean => {
    try {
      const unit = hex4(at);
      return unit >= 0xdc00 && unit <= 0xdfff;
    } catch {
      return false;
    }
  };

  /** Writes a code point as UTF-8 at `w`; returns the new write position. */
  const putUtf8 = (w: number, cp: number): number => {
    if (cp < 0x80) bytes[w++] = cp;
    else if (cp < 0x800) {
      bytes[w++] = 0xc0 | (cp >> 6);
      bytes[w++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      bytes[w++] = 0xe0 | (cp >> 12);
      bytes[w++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[w++] = 0x80 | (cp & 0x3f);
    } else {
      bytes[w++] = 0xf0 | (cp >> 18);
      bytes[w++] = 0x80 | ((cp >> 12) & 0x3f);
      bytes[w++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[w++] = 0x80 | (cp & 0x3f);
    }
    return w;
  };

  /** Reads the string whose opening quote is at `pos`. */
  const string = (): string | SplitLines => {
    const start = pos + 1;
    let quote = bytes.indexOf(QUOTE, start);
    let slash = bytes.indexOf(BACKSLASH, start);
    if (quote < 0) fail('unterminated string', pos);
    if (slash < 0 || slash > quote) {
      pos = quote + 1;
      return decode(start, quote, quote - start);
    }
    // First walk from escape to escape (the native indexOf finds each next one) to find the
    // closing quote and to check that every escape has an exact UTF-8 form.
    const first = slash;
    let exact = true;
    let r = first;
    for (;;) {
      const e = bytes[r + 1];
      if (e === 0x75) {
        const unit = hex4(r + 2);
        r += 6;
        if (unit >= 0xd800 && unit <= 0xdbff) {
          if (bytes[r] === BACKSLASH && bytes[r + 1] === 0x75 && r + 6 <= end && isLowSurrogate(r + 2)) r += 6;
          else exact = false;
        } else if (unit >= 0xdc00 && unit <= 0xdfff) exact = false;
      } else {
        if (!(e < 0x80 && ESCAPED[e] !== 0)) exact = false;
        r += 2;
      }
      if (quote < r) quote = bytes.indexOf(QUOTE, r);
      if (quote < 0) fail('unterminated string', start - 1);
      slash = bytes.indexOf(BACKSLASH, r);
      if (slash < 0 || slash > quote) break;
      r = slash;
    }
    pos = quote + 1;
    // A lone surrogate (or a bad escape, which JSON.parse reports) is left to JSON.parse.
    if (!exact) return JSON.parse(bytes.toString('utf8', start - 1, quote + 1)) as string;
    // Then unescape in place: the text before the first escape stays where it is.
    let w = first;
    r = first;
    while (r < quote) {
      if (bytes[r] !== BACKSLASH) {
        let next = bytes.indexOf(BACKSLASH, r);
        if (next < 0 || next > quote) next = quote;
        bytes.copy(bytes, w, r, next);
        w += next - r;
        r = next;
        continue;
      }
      const e = bytes[r + 1];
      r += 2;
      if (e === 0x75) {
        let cp = hex4(r);
        r += 4;
        if (cp >= 0xd800 && cp <= 0xdbff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (hex4(r + 2) - 0xdc00);
          r += 6;
        }
        w = putUtf8(w, cp);
      } else bytes[w++] = ESCAPED[e];
    }
    return decode(start, w, quote - start);
  };

  const literal = (word: string, value: unknown): unknown => {
    for (let k = 0; k < word.length; k++) if (bytes[pos + k] !== word.charCodeAt(k)) fail('unexpected token', pos);
    pos += word.length;
    return value;
  };

  const number = (): number => {
    const start = pos;
    while (pos < end) {
      const c = bytes[pos];
      // digits, - + . e E
      if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45) pos++;
      else break;
    }
    const text = bytes.toString('latin1', start, pos);
    // JSON's number grammar, so that e.g. "01", "+1" or "1." are refused as JSON.parse does.
    if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) fail('bad number', start);
    return Number(text);
  };

  const value = (): unknown => {
    skipSpace();
    const c = bytes[pos];
    if (c === QUOTE) return string();
    if (c === 0x7b) {
      pos++;
      const object: Record<string, unknown> = {};
      skipSpace();
      if (bytes[pos] === 0x7d) {
        pos++;
        return object;
      }
      for (;;) {
        skipSpace();
        if (bytes[pos] !== QUOTE) fail('expected a property name', pos);
        const key = String(string());
        skipSpace();
        if (bytes[pos] !== 0x3a) fail('expected ":"', pos);
        pos++;
        const item = value();
        // As JSON.parse does: "__proto__" becomes an own property, not the prototype.
        if (key === '__proto__') Object.defineProperty(object, key, { value: item, enumerable: true, writable: true, configurable: true });
        else object[key] = item;
        skipSpace();
        const next = bytes[pos++];
        if (next === 0x7d) return object;
        if (next !== 0x2c) fail('expected "," or "}"', pos - 1);
      }
    }
    if (c === 0x5b) {
      pos++;
      const array: unknown[] = [];
      skipSpace();
      if (bytes[pos] === 0x5d) {
        pos++;
        return array;
      }
      for (;;) {
        array.push(value());
        skipSpace();
        const next = bytes[pos++];
        if (next === 0x5d) return array;
        if (next !== 0x2c) fail('expected "," or "]"', pos - 1);
      }
    }
    if (c === 0x74) return literal('true', true);
    if (c === 0x66) return literal('false', false);
    if (c === 0x6e) return literal('null', null);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number();
    return fail('unexpected token', pos);
  };

  // A byte order mark is not JSON; the stock decoder would not strip it either.
  const result = value();
  skipSpace();
  if (pos !== end) fail('unexpected data after the value', pos);
  return result;
}
