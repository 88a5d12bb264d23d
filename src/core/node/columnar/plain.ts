/**
 * Values read from Parquet or Arrow turned into plain JSON values, so a row goes through the
 * same record reader as a JSON Lines record: 64-bit integers become numbers (or decimal
 * strings past 2^53), dates ISO strings, binary values a short placeholder, Arrow vectors and
 * rows arrays and objects.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A Parquet text value not decoded yet: the UTF-8 bytes of the value, a view into its
 * decompressed page. A row group read this way holds its text as bytes outside the JS heap,
 * and each row's strings are made when the row is turned into plain values, just before it is
 * checked, so they die young like a JSON Lines record's instead of being copied by the garbage
 * collector while the rest of the group waits.
 */
export class LazyText {
  constructor(
    readonly page: Buffer,
    readonly start: number,
    readonly end: number,
  ) {}
  text(): string {
    return this.page.toString('utf8', this.start, this.end);
  }
}

let lastPage: ArrayBufferLike | undefined;
let lastBuffer: Buffer | undefined;
/**
 * Text values this short are decoded at once: their string costs no more memory than a
 * `LazyText` would, and the row group then holds fewer objects for the collector to copy.
 */
const SHORT_TEXT = 32;
/** A text value's bytes as a `LazyText` (one Buffer per decompressed page, shared by its values), or a short one's string. */
export function lazyText(bytes: Uint8Array): LazyText | string {
  if (bytes.buffer !== lastPage) {
    lastPage = bytes.buffer;
    lastBuffer = Buffer.from(bytes.buffer);
  }
  const end = bytes.byteOffset + bytes.byteLength;
  return bytes.byteLength < SHORT_TEXT ? lastBuffer!.toString('utf8', bytes.byteOffset, end) : new LazyText(lastBuffer!, bytes.byteOffset, end);
}

/**
 * A lazily read Parquet value as plain JSON values: the same as `toPlain(value, false)`, with
 * the shapes hyparquet builds rows of (text, plain objects, arrays) taken first and walked
 * without `Object.entries`' pairs: this runs once per row of every `lint` and `score`.
 */
export function lazyToPlain(value: unknown): unknown {
  if (value instanceof LazyText) return value.text();
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = lazyToPlain(value[i]);
    return out;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) out[key] = lazyToPlain(record[key]);
    return out;
  }
  return toPlain(value, false);
}

interface ArrowLike {
  toJSON?(): unknown;
}

/**
 * The same text in V8's compact form. apache-arrow's decoder hands out strings in two bytes
 * per character even when the text is ASCII, and the rules' passes over
 * such a string run two to three times slower than over the one-byte string a JSON Lines
 * line decodes to; Node's UTF-8 decoder gives the compact form (about 10 ms per MB).
 */
function compact(text: string): string {
  return text.length < 64 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/** A JSON value equal to `value` as far as JSON can tell. */
export function toPlain(value: unknown, compactStrings = true): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return compactStrings ? compact(value) : value;
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof LazyText) return value.text();
  if (Array.isArray(value)) return value.map((v) => toPlain(v, compactStrings));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint>, (v) => toPlain(v));
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toPlain(v, compactStrings);
    return out;
  }
  // An Arrow vector (a list cell) or struct / map row: its JSON form holds the raw cells.
  const like = value as ArrowLike;
  if (typeof like.toJSON === 'function' && Object.getPrototypeOf(value) !== Object.prototype) {
    const json = like.toJSON();
    if (json !== value) return toPlain(json, compactStrings);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v, compactStrings);
  return out;
}
