import { jsonSyntax } from '../json/syntax';
import type { Finding, RecordInput } from '../types';
import { msg, MESSAGES, type Localized, type MessageId } from '../messages';
import { readerFinding } from './findings';
import { buildRecord, detachRecord, textLocator } from './record';
import type { FieldOverrides } from './shapes';

export interface LineContext {
  /** 0-based index of the record (non-blank lines counted). */
  index: number;
  /** 0-based line number. */
  line: number;
  /** Document offset of the line's first character. */
  offset: number;
  fields?: FieldOverrides;
}

/** The parser's error codes are messages of the catalogue (`json.InvalidSymbol`, …). */

/**
 * Describes the first JSON syntax error of `text` (strict JSON), with its offset in `text`.
 * Any nesting depth is fine: the check keeps open brackets on a list, not on the call stack.
 */
export function firstJsonError(text: string): { offset: number; length: number; message: string; l10n: Localized } {
  const { error } = jsonSyntax(text);
  if (!error) return { offset: 0, length: text.length, ...msg('json.invalid') };
  const id = `json.${error.code}`;
  return { offset: error.offset, length: Math.max(1, error.length), ...(id in MESSAGES ? msg(id as MessageId) : { message: error.code, l10n: { id: error.code } }) };
}

/** True for a line of only spaces, tabs, carriage returns and byte order marks (a blank JSON Lines line: no record). */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}

/**
 * Reads one JSON Lines line (without its line break) as a record. `JSON.parse` does the
 * work; source positions are found later, only for the values a finding points into.
 */
export function readJsonlLine(lineText: string, ctx: LineContext): RecordInput {
  const span = { start: ctx.offset, end: ctx.offset + lineText.length };
  let value: unknown;
  try {
    value = JSON.parse(lineText);
  } catch {
    const error = firstJsonError(lineText);
    const start = ctx.offset + Math.min(error.offset, lineText.length);
    const finding = readerFinding(
      'invalid-json',
      msg('reader.invalid-json-line', { error: error.l10n, column: error.offset + 1 }),
      { start, end: Math.min(span.end, start + error.length) },
      ctx.index,
    );
    return { index: ctx.index, line: ctx.line, span, traces: [], problems: [finding] };
  }
  return buildRecord(value, textLocator(lineText, ctx.offset), { index: ctx.index, line: ctx.line, span, fields: ctx.fields });
}

export interface JsonlOptions {
  fields?: FieldOverrides;
  /** Line number of the text's first line (streaming). */
  firstLine?: number;
  /** Record index of the text's first record (streaming). */
  firstIndex?: number;
  /** Document offset of the text's first character. */
  offset?: number;
  /** Findings to attach to the record of a line (e.g. `invalid-utf8` from decoding), by line number. */
  lineProblems?: ReadonlyMap<number, Finding[]>;
}

/**
 * Calls `onRecord` for every non-blank line of `text`. Lines end at `\n`, `\r\n` or a lone
 * `\r` (as in lineCutter). A byte order mark at the very start is skipped.
 * Returns the number of records read.
 */
export function forEachJsonlRecord(text: string, options: JsonlOptions, onRecord: (record: RecordInput) => void): number {
  let index = options.firstIndex ?? 0;
  let line = options.firstLine ?? 0;
  const base = options.offset ?? 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  let cr = -2;
  while (start <= length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    let stop = end;
    let next = end + 1;
    if (cr >= 0 && cr < end) {
      stop = cr;
      if (cr !== end - 1 || end === length) {
        end = cr; // a lone \r ends the line
        next = cr + 1;
      }
    }
    if (stop > start) {
      const lineText = text.slice(start, stop);
      if (!isBlank(lineText)) {
        const record = readJsonlLine(lineText, { index, line, offset: base + start, fields: options.fields });
        const extra = options.lineProblems?.get(line);
        if (extra) for (const finding of extra) record.problems.unshift({ ...finding, recordIndex: index });
        onRecord(record);
        index++;
      }
    }
    if (end >= length) break;
    start = next;
    line++;
  }
  return index - (options.firstIndex ?? 0);
}

/** Reads a whole JSON Lines document. */
export function readJsonl(text: string, options: JsonlOptions = {}): RecordInput[] {
  const records: RecordInput[] = [];
  forEachJsonlRecord(text, options, (record) => records.push(record));
  return records;
}

/** Result of decoding a chunk of bytes. */
export interface DecodedChunk {
  text: string;
  /** `invalid-utf8` findings, one per line holding bad bytes (offsets into `text`). */
  problems: Array<{ line: number; finding: Finding }>;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Decodes UTF-8 bytes that hold whole lines. Invalid sequences become U+FFFD, and every
 * line that held some is reported once (`firstLine` = line number of the first line).
 */
export function decodeLines(bytes: Uint8Array, firstLine = 0): DecodedChunk {
  try {
    return { text: strict.decode(bytes), problems: [] };
  } catch {
    // Slow path, only for broken files: decode line by line to know which lines are bad.
    const parts: string[] = [];
    const problems: DecodedChunk['problems'] = [];
    let offset = 0;
    let line = firstLine;
    let start = 0;
    while (start <= bytes.length) {
      let end = bytes.indexOf(10, start);
      const last = end < 0;
      if (last) end = bytes.length;
      const slice = bytes.subarray(start, last ? end : end + 1);
      let text: string;
      try {
        text = strict.decode(slice);
      } catch {
        text = lenient.decode(slice);
        const bad = text.indexOf('\ufffd');
        const at = offset + Math.max(0, bad);
        problems.push({
          line,
          finding: readerFinding('invalid-utf8', msg('reader.invalid-utf8', { line: line + 1 }), { start: at, end: at + 1 }),
        });
      }
      parts.push(text);
      offset += text.length;
      if (last) break;
      start = end + 1;
      line++;
    }
    return { text: parts.join(''), problems };
  }
}

function blankBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

export interface ReleaseOption {
  /**
   * Called once the bytes are no longer read: when the last line of the bytes has been
   * decoded, before it is parsed (not when blank lines follow it). A caller that owns the
   * bytes may let their memory go then.
   */
  release?: () => void;
  /**
   * Called when a record read from a line of `DETACH_LINE` units or more has let go of its
   * decoded line (see `detachRecord`), just before the record is handed over: the line is
   * garbage from then on, and a caller may ask for it to be collected before the checks
   * allocate.
   */
  settle?: () => void;
}

/**
 * Lines this long (UTF-16 units) are not held by their record: its values keep the escape
 * maps of their literals instead (a few bytes per escape), so a 200 MB record is held once,
 * as its parsed values, not also as its line, while it is checked.
 */
export const DETACH_LINE = 1 << 22;

/**
 * Reads the records of UTF-8 bytes holding whole JSON Lines lines (a streaming batch).
 * Each line is decoded on its own — lines of pure ASCII stay compact strings, which makes
 * `JSON.parse` faster than on slices of one big decoded chunk — and a line with invalid
 * UTF-8 is decoded with U+FFFD and gets an `invalid-utf8` finding. Offsets count UTF-16
 * code units from the start of the batch (the byte order mark, when the batch starts with
 * one, is skipped). Returns the number of records.
 */
export function forEachJsonlRecordInBytes(
  bytes: Uint8Array,
  options: Pick<JsonlOptions, 'fields' | 'firstLine' | 'firstIndex'>,
  onRecord: (record: RecordInput) => void,
): number {
  return readJsonlBytes(bytes, options, onRecord).records;
}

/**
 * Like `forEachJsonlRecordInBytes`, and also tells how many lines the bytes hold (line
 * breaks counted, plus one for a last line without one), so a caller need not count them.
 */
export function readJsonlBytes(
  bytes: Uint8Array,
  options: Pick<JsonlOptions, 'fields' | 'firstLine' | 'firstIndex'> & ReleaseOption,
  onRecord: (record: RecordInput) => void,
): { records: number; lines: number } {
  let index = options.firstIndex ?? 0;
  let line = options.firstLine ?? 0;
  let offset = 0;
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const length = bytes.length;
  const cut = lineCutter(bytes);
  while (start < length) {
    const { stop, next } = cut(start);
    let text = '';
    if (stop > start && !blankBytes(bytes, start, stop)) {
      let bad = false;
      try {
        text = strict.decode(bytes.subarray(start, stop));
      } catch {
        text = lenient.decode(bytes.subarray(start, stop));
        bad = true;
      }
      // The last line decoded: its bytes are not read again (a 200 MB line need not be held twice while it is parsed).
      if (next >= length) options.release?.();
      const record = readJsonlLine(text, { index, line, offset, fields: options.fields });
      if (bad) {
        const at = offset + Math.max(0, text.indexOf('\ufffd'));
        record.problems.unshift(
          readerFinding('invalid-utf8', msg('reader.invalid-utf8', { line: line + 1 }), { start: at, end: at + 1 }, index),
        );
      }
      const units = text.length;
      if (units >= DETACH_LINE) {
        detachRecord(record);
        text = ''; // the last reference to the line
        options.settle?.();
      }
      onRecord(record);
      index++;
      offset += units;
    } else {
      // Blank: only ASCII whitespace, one code unit per byte.
      offset += stop - start;
    }
    // The line break: ASCII, one code unit per byte.
    offset += next - stop;
    line++;
    start = next;
  }
  return { records: index - (options.firstIndex ?? 0), lines: line - (options.firstLine ?? 0) };
}

/**
 * Where lines end in UTF-8 bytes, the way editors (and LSP) count them: at `\n`, `\r\n` or a
 * lone `\r`. Returns a function giving, for a line starting at `start`, the end of its text
 * (`stop`, before the line break) and the start of the next line (`next`; the end of the
 * bytes for the last line). Every reader of files cuts lines with it.
 */
export function lineCutter(bytes: Uint8Array): (start: number) => { stop: number; next: number } {
  const length = bytes.length;
  let cr = -2; // position of the next \r at or after the last start (-1: none left)
  return (start) => {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = length;
    if (cr !== -1 && cr < start) cr = bytes.indexOf(13, start);
    if (cr >= 0 && cr < end) {
      // A \r right before the \n is part of a \r\n; any other ends its line.
      if (cr === end - 1 && end < length) return { stop: cr, next: end + 1 };
      return { stop: cr, next: cr + 1 };
    }
    return { stop: end, next: end < length ? end + 1 : length };
  };
}

/** Number of line breaks in UTF-8 bytes (see lineCutter). */
export function countLineBreaks(bytes: Uint8Array): number {
  let count = 0;
  if (bytes.indexOf(13) < 0) {
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count++;
    return count;
  }
  const cut = lineCutter(bytes);
  for (let start = 0; start < bytes.length; ) {
    const { stop, next } = cut(start);
    if (next > stop) count++;
    start = next;
  }
  return count;
}
