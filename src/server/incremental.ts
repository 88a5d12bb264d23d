import { isBlank } from '../core/documents';
import type { Finding, RecordInput, RecordResult, SourceSpan } from '../core/types';

/**
 * Incremental checking of datasets held in an editor.
 *
 * JSON Lines documents are kept as an array of lines; every line is checked on its own with
 * offsets relative to the line's first character, so its result stays valid wherever the
 * line moves: an edit re-checks only the lines it touched. Other documents (JSON, plain
 * traces) are re-read whole, and records whose text did not change reuse their previous
 * result with its offsets shifted.
 */

/** Checks one record under a configuration (one of a Checker's, see core/engine.ts). */
export type RecordChecker = (record: RecordInput) => RecordResult;

/** A position as editors count it: 0-based line, UTF-16 character in the line. */
export interface LinePosition {
  line: number;
  character: number;
}

/** A text change in editor coordinates (`range` absent: the whole text is replaced). */
export interface LineChange {
  range?: { start: LinePosition; end: LinePosition };
  text: string;
}

/**
 * One change of a JSON Lines document's lines or of their results, for readers that keep
 * something per line and bring it up to date from the changes alone: the `removed` lines
 * from `start` were replaced by `added` lines (the same count: only their results changed).
 */
export interface LineSplice {
  start: number;
  removed: number;
  added: number;
  /** Lines became blank or records in place: the records below are numbered anew. */
  renumbers?: boolean;
}

/** Changes kept for readers; a reader further behind starts over (see `changesSince`). */
const MAX_JOURNAL = 1024;

/** Results computed without rewards (lint-only): enough for diagnostics, not for scores. */
const lintOnly = new WeakSet<RecordResult>();

/** True for a result computed without rewards. */
export function isLintOnly(result: RecordResult): boolean {
  return lintOnly.has(result);
}

/** The text of a JSON Lines line without a trailing `\r`, and without a byte order mark on line 0. */
function recordTextOfLine(line: string, lineNumber: number): { text: string; start: number } {
  let start = 0;
  let end = line.length;
  if (lineNumber === 0 && line.charCodeAt(0) === 0xfeff) start = 1;
  if (end > start && line.charCodeAt(end - 1) === 13) end--;
  return { text: start === 0 && end === line.length ? line : line.slice(start, end), start };
}

/**
 * Cuts lines that were cut at `\n` only at each lone `\r` too (one not followed by `\n`;
 * on the last line, which no `\n` follows, every `\r`). A line ended by `\r\n` keeps its
 * `\r`; a line ended by a lone `\r` does not, and is marked in `lone`. Returns the input
 * array itself (and no marks) when it holds no lone `\r`, the common case.
 */
function cutAtLoneCr(pieces: string[]): { lines: string[]; lone: boolean[] | null } {
  const last = pieces.length - 1;
  let first = -1;
  for (let i = 0; i <= last && first < 0; i++) {
    const at = pieces[i].indexOf('\r');
    if (at >= 0 && (i === last || at < pieces[i].length - 1)) first = i;
  }
  if (first < 0) return { lines: pieces, lone: null };
  const lines = pieces.slice(0, first);
  const lone: boolean[] = new Array<boolean>(first).fill(false);
  for (let i = first; i <= last; i++) {
    const piece = pieces[i];
    // The `\r` of a `\r\n` (the piece's last character, when a `\n` follows) stays.
    const stop = i === last ? piece.length : piece.length - 1;
    let start = 0;
    for (let at = piece.indexOf('\r'); at >= 0 && at < stop; at = piece.indexOf('\r', start)) {
      lines.push(piece.slice(start, at));
      lone.push(true);
      start = at + 1;
    }
    lines.push(start ? piece.slice(start) : piece);
    lone.push(false);
  }
  return { lines, lone };
}

/**
 * A JSON Lines document as lines, each with its check result. Lines end where LSP says:
 * at `\n`, `\r\n` or a lone `\r`, so line numbers are the editor's; each line is one
 * record. A line ended by `\r\n` keeps the `\r` (the reader ignores it).
 */
export class JsonlLines {
  private lines: string[];
  /** Which lines end with a lone `\r` (null while none does). */
  private lone: boolean[] | null;
  /** Result per line, in line-relative offsets; `undefined` = not checked yet, `null` = blank line. */
  private results: Array<RecordResult | null | undefined>;
  /** Record index of each line (valid when `indexDirty` is false); -1 for blank lines. */
  private indices: Int32Array = new Int32Array(0);
  private indexDirty = true;
  private recordCount = 0;
  /** Lines not checked yet, from this one on (a hint; everything before it is checked). */
  private firstUnchecked = 0;
  /** Lines without a full (scored) result, from this one on (a hint, like `firstUnchecked`). */
  private firstUnscored = 0;
  /** Results of lines recently removed by edits, by text (an undo or a retyped line costs nothing). */
  private recent = new Map<string, RecordResult>();
  /** Lines handed out by `takeBatch` and not delivered yet (by raw text). */
  private inFlight = new Set<string>();
  /** Delivered results whose line moved meanwhile, by raw text: placed when that text is met. */
  private adopted = new Map<string, RecordResult>();
  /** Where `takeBatch` continues scanning. */
  private batchCursor = 0;
  /** Changes since revision `journalStart` (see `changesSince`). */
  private journal: LineSplice[] = [];
  private journalStart = 0;
  /** Entries before this one were handed to a reader: they are no longer extended. */
  private journalRead = 0;

  /** `content`: the whole text, or its lines (as `text.split('\n')` gives them; kept as they are). */
  constructor(content: string | string[]) {
    ({ lines: this.lines, lone: this.lone } = cutAtLoneCr(typeof content === 'string' ? content.split('\n') : content));
    this.results = new Array(this.lines.length);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  line(index: number): string {
    return this.lines[index] ?? '';
  }

  /** Length of a line's text without its line end (what an LSP position's character is clamped to). */
  lineLength(index: number): number {
    const line = this.lines[index] ?? '';
    return line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
  }

  /** What ends line `index` (not the last): `\r` for a lone carriage return, else `\n` (after the kept `\r` of a `\r\n`). */
  private breakAfter(index: number): string {
    return this.lone?.[index] ? '\r' : '\n';
  }

  /** The whole text (costly on big documents: used for whole-document operations only). */
  text(): string {
    if (!this.lone) return this.lines.join('\n');
    let out = '';
    const last = this.lines.length - 1;
    for (let i = 0; i < last; i++) out += this.lines[i] + this.breakAfter(i);
    return out + this.lines[last];
  }

  /** Applies editor changes in order (as LSP `didChange` sends them). */
  apply(changes: readonly LineChange[]): void {
    for (const change of changes) {
      if (!change.range) {
        const before = this.lines.length;
        ({ lines: this.lines, lone: this.lone } = cutAtLoneCr(change.text.split('\n')));
        this.note(0, before, this.lines.length);
        this.results = new Array(this.lines.length);
        this.recent.clear();
        this.firstUnchecked = 0;
        this.firstUnscored = 0;
        this.batchCursor = 0;
        this.indexDirty = true;
        continue;
      }
      const { start, end } = change.range;
      const last = this.lines.length - 1;
      let startLine = Math.max(0, Math.min(start.line, last));
      const endLine = Math.max(startLine, Math.min(end.line, last));
      // Characters past a line's text (or lines past the end) mean the end of that line (of the text).
      const head = this.lines[startLine].slice(0, start.line > last ? this.lineLength(startLine) : Math.min(Math.max(0, start.character), this.lineLength(startLine)));
      const from = end.line > last ? this.lines[endLine].length : Math.min(Math.max(0, end.character), this.lineLength(endLine));
      // The replaced stretch runs to the end of its last line, line break included, so that it is cut again exactly.
      let changed = head + change.text + this.lines[endLine].slice(from) + (endLine < last ? this.breakAfter(endLine) : '');
      // A lone `\r` ending the line before, now followed by a `\n`, makes one `\r\n`: those lines join.
      if (startLine > 0 && this.lone?.[startLine - 1] && changed.charCodeAt(0) === 10) {
        startLine--;
        changed = this.lines[startLine] + '\r' + changed;
      }
      const cut = cutAtLoneCr(changed.split('\n'));
      const replacement = cut.lines;
      let loneMarks = cut.lone;
      if (endLine < last) {
        // What follows the last line break is the start of the next (untouched) line.
        replacement.pop();
        loneMarks?.pop();
      }
      let recordsBefore = 0;
      for (let i = startLine; i <= endLine; i++) {
        const old = this.results[i];
        if (old) this.remember(this.lines[i], old);
        if (!isBlank(this.lines[i])) recordsBefore++;
      }
      let recordsAfter = 0;
      for (const line of replacement) if (!isBlank(line)) recordsAfter++;
      const fresh: Array<RecordResult | null | undefined> = replacement.map((line) => this.recent.get(line));
      const count = endLine - startLine + 1;
      if (loneMarks || this.lone) {
        this.lone ??= new Array<boolean>(this.lines.length).fill(false);
        loneMarks ??= new Array<boolean>(replacement.length).fill(false);
      }
      if (replacement.length === count) {
        for (let i = 0; i < replacement.length; i++) {
          this.lines[startLine + i] = replacement[i];
          this.results[startLine + i] = fresh[i];
          if (this.lone) this.lone[startLine + i] = loneMarks![i];
        }
      } else {
        this.lines.splice(startLine, count, ...replacement);
        this.results.splice(startLine, count, ...fresh);
        if (this.lone) this.lone.splice(startLine, count, ...loneMarks!);
      }
      this.note(startLine, count, replacement.length, recordsBefore !== recordsAfter);
      this.firstUnchecked = Math.min(this.firstUnchecked, startLine);
      this.firstUnscored = Math.min(this.firstUnscored, startLine);
      this.batchCursor = Math.min(this.batchCursor, startLine);
      this.indexDirty = true;
    }
  }

  /**
   * The current revision: `changesSince` it gives every later change. (Reading it closes the
   * entries so far: later changes are not merged into them, which would hide them.)
   */
  get revision(): number {
    this.journalRead = this.journal.length;
    return this.journalStart + this.journal.length;
  }

  /**
   * The changes since `revision` (a value of `revision` read earlier), in order, or undefined
   * when they are no longer kept (the reader recomputes what it keeps from the lines).
   */
  changesSince(revision: number): readonly LineSplice[] | undefined {
    if (revision < this.journalStart || revision > this.revision) return undefined;
    return this.journal.slice(revision - this.journalStart);
  }

  /** Notes a change for readers. Results set one line after another make one entry. */
  private note(start: number, removed: number, added: number, renumbers = false): void {
    const last = this.journal.length > this.journalRead ? this.journal[this.journal.length - 1] : undefined;
    if (last && removed === 1 && added === 1 && !renumbers && last.removed === last.added) {
      if (start >= last.start && start < last.start + last.added) return;
      if (start === last.start + last.added) {
        last.removed++;
        last.added++;
        return;
      }
    }
    if (this.journal.length >= MAX_JOURNAL) {
      this.journalStart += this.journal.length;
      this.journal = [];
      this.journalRead = 0;
    }
    this.journal.push(renumbers ? { start, removed, added, renumbers } : { start, removed, added });
  }

  /** Sets the result of a line (every change of `results` after the constructor goes through here or `note`). */
  private setResult(line: number, result: RecordResult | null | undefined): void {
    this.results[line] = result;
    this.note(line, 1, 1);
  }

  private remember(text: string, result: RecordResult): void {
    if (this.recent.size >= 64) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    this.recent.set(text, result);
  }

  /** Forgets every result (the configuration changed). */
  invalidate(): void {
    this.results = new Array(this.lines.length);
    this.note(0, this.lines.length, this.lines.length);
    this.recent.clear();
    this.adopted.clear();
    this.inFlight.clear();
    this.firstUnchecked = 0;
    this.firstUnscored = 0;
    this.batchCursor = 0;
  }

  /** Lines not checked yet (an upper bound while batches are out). */
  get uncheckedHint(): number {
    return this.lines.length - this.firstUnchecked;
  }

  /**
   * Hands out up to `maxChars` of unchecked lines to be checked elsewhere (a worker thread);
   * give the results back with `deliver`. Lines already out are not handed out twice.
   */
  takeBatch(maxChars: number): Array<{ line: number; raw: string; text: string; start: number }> {
    const out: Array<{ line: number; raw: string; text: string; start: number }> = [];
    let chars = 0;
    const n = this.lines.length;
    let i = Math.max(this.batchCursor, this.firstUnchecked);
    for (; i < n && chars < maxChars; i++) {
      if (this.results[i] !== undefined) continue;
      const raw = this.lines[i];
      if (isBlank(raw)) {
        this.setResult(i, null);
        continue;
      }
      const known = this.adopted.get(raw);
      if (known) {
        this.setResult(i, known);
        continue;
      }
      if (this.inFlight.has(raw)) continue;
      this.inFlight.add(raw);
      const { text, start } = recordTextOfLine(raw, i);
      out.push({ line: i, raw, text, start });
      chars += raw.length;
    }
    this.batchCursor = i;
    return out;
  }

  /** Results of a batch from `takeBatch` (line-relative offsets, record text starting at 0). */
  deliver(items: ReadonlyArray<{ line: number; raw: string; start: number; result: RecordResult }>): void {
    for (const item of items) {
      this.inFlight.delete(item.raw);
      const result = item.start ? shiftResult(item.result, item.start) : item.result;
      if (this.lines[item.line] === item.raw && this.results[item.line] === undefined) this.setResult(item.line, result);
      else this.adopted.set(item.raw, result);
    }
    while (this.firstUnchecked < this.lines.length && this.results[this.firstUnchecked] !== undefined) this.firstUnchecked++;
  }

  /** True while batches are out. */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  private reindex(): void {
    if (!this.indexDirty) return;
    const n = this.lines.length;
    if (this.indices.length !== n) this.indices = new Int32Array(n);
    let index = 0;
    for (let i = 0; i < n; i++) {
      const r = this.results[i];
      const blank = r === null || (r === undefined && isBlank(this.lines[i]));
      this.indices[i] = blank ? -1 : index++;
    }
    this.recordCount = index;
    this.indexDirty = false;
  }

  /** Number of records (non-blank lines). */
  get records(): number {
    this.reindex();
    return this.recordCount;
  }

  /** Record index of a line, or -1 for a blank line. */
  recordIndexOfLine(line: number): number {
    this.reindex();
    return line >= 0 && line < this.indices.length ? this.indices[line] : -1;
  }

  /** The line of record `index`, or -1. */
  lineOfRecord(index: number): number {
    this.reindex();
    // Records are in line order: binary search over the indices, skipping blank lines.
    let lo = 0;
    let hi = this.indices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      let probe = mid;
      while (probe <= hi && this.indices[probe] < 0) probe++;
      if (probe > hi) {
        hi = mid - 1;
        continue;
      }
      const at = this.indices[probe];
      if (at === index) return probe;
      if (at < index) lo = probe + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** True when every line has a result (lint-only or full). */
  get complete(): boolean {
    return this.firstUnchecked >= this.lines.length;
  }

  /** True when every line has a full (scored) result. */
  get scoredComplete(): boolean {
    return this.firstUnscored >= this.lines.length;
  }

  /**
   * Checks lines, in order, until `shouldStop()` says so (asked after every line). With
   * `full` false, `check` is a lint-only checker: lines without any result are checked and
   * their results marked lint-only. With `full` true, lint-only results are replaced too.
   * Returns true when every line has a result of the kind asked for. `read` turns a line's
   * text into a record (offsets from 0 = the line's first character).
   */
  checkSome(
    read: (text: string, context: { index: number; line: number }) => RecordInput,
    check: RecordChecker,
    shouldStop: () => boolean,
    full = true,
  ): boolean {
    const n = this.lines.length;
    let i = full ? this.firstUnscored : this.firstUnchecked;
    for (; i < n; i++) {
      const known = this.results[i];
      if (known === null || (known !== undefined && (!full || !lintOnly.has(known)))) continue;
      if (this.checkLine(i, read, check, full) && shouldStop()) {
        i++;
        break;
      }
    }
    const needs = (r: RecordResult | null | undefined) => r === undefined || (full && r !== null && lintOnly.has(r));
    while (i < n && !needs(this.results[i])) i++;
    if (full) {
      this.firstUnscored = i;
      if (i > this.firstUnchecked) this.firstUnchecked = i;
    } else this.firstUnchecked = i;
    return i >= n;
  }

  /** Checks one line now; returns false when there was nothing to check (blank, or adopted). */
  private checkLine(i: number, read: (text: string, context: { index: number; line: number }) => RecordInput, check: RecordChecker, full: boolean): boolean {
    const raw = this.lines[i];
    if (isBlank(raw)) {
      this.setResult(i, null);
      return false;
    }
    const adopted = this.adopted.get(raw);
    if (adopted) {
      this.setResult(i, adopted);
      return false;
    }
    const { text, start } = recordTextOfLine(raw, i);
    this.reindex();
    const record = read(text, { index: this.indices[i], line: 0 });
    let result = check(record);
    result = start ? shiftResult(result, start) : settleResult(result);
    if (!full) lintOnly.add(result);
    this.setResult(i, result);
    return true;
  }

  /** Gives a line a full result now if it has a lint-only one (a hover on it, say). */
  score(line: number, read: (text: string, context: { index: number; line: number }) => RecordInput, check: RecordChecker): void {
    const known = this.results[line];
    if (known === undefined || (known && lintOnly.has(known))) this.checkLine(line, read, check, true);
  }

  /** The result of a line (line-relative offsets), when checked. */
  result(line: number): RecordResult | null | undefined {
    return this.results[line];
  }

  /** Calls `visit` for every checked record, in order. */
  forEachResult(visit: (result: RecordResult, line: number, index: number) => void): void {
    this.reindex();
    for (let i = 0; i < this.lines.length; i++) {
      const r = this.results[i];
      if (r) visit(r, i, this.indices[i]);
    }
  }
}

/**
 * The result as plain data, for keeping: the engine locates a trace's own span and sections
 * lazily, which keeps the record's decoded text alive; a result held for the life of an
 * editor document must not (on a big dataset that is more memory than the document).
 */
function settleResult(result: RecordResult): RecordResult {
  return { ...result, traces: result.traces.map((t) => ({ ...t })) };
}

/** A copy of `span` moved by `delta`. */
function move(span: SourceSpan, delta: number): SourceSpan {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftFinding(finding: Finding, delta: number): Finding {
  const out: Finding = { ...finding, span: move(finding.span, delta) };
  if (finding.fixes) out.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ span: move(e.span, delta), newText: e.newText })) }));
  return out;
}

/** A copy of a result with every source offset moved by `delta`. */
export function shiftResult(result: RecordResult, delta: number): RecordResult {
  if (delta === 0) return result;
  return {
    ...result,
    span: move(result.span, delta),
    findings: result.findings.map((f) => shiftFinding(f, delta)),
    traces: result.traces.map((t) => ({
      ...t,
      span: move(t.span, delta),
      findings: t.findings.map((f) => shiftFinding(f, delta)),
      sections: t.sections.map((s) => ({ kind: s.kind, span: move(s.span, delta) })),
      answer: t.answer.span ? { ...t.answer, span: move(t.answer.span, delta) } : t.answer,
    })),
  };
}

/** A copy of a result renumbered as record `index` starting on `line`. */
export function renumberResult(result: RecordResult, index: number, line: number): RecordResult {
  if (result.index === index && result.line === line) return result;
  const renumber = (f: Finding): Finding => (f.recordIndex === undefined || f.recordIndex === index ? f : { ...f, recordIndex: index });
  return {
    ...result,
    index,
    line,
    findings: result.findings.map(renumber),
    traces: result.traces.map((t) => ({ ...t, findings: t.findings.map(renumber) })),
  };
}

/**
 * Results of whole-document reads, reused by record text: a record whose text is unchanged
 * keeps its result, shifted to where it now starts.
 */
export class RecordCache {
  private previous = new Map<string, RecordResult>();

  /**
   * Checks `records` of `text`, reusing the results of the previous call for records whose
   * text is the same. `shouldStop` is asked after each record actually checked; when it
   * says stop, returns null (call again to continue: finished records are kept).
   */
  checkAll(text: string, records: readonly RecordInput[], check: RecordChecker, shouldStop: () => boolean = () => false): RecordResult[] | null {
    const next = new Map<string, RecordResult>();
    const out: RecordResult[] = [];
    let stopped = false;
    for (const record of records) {
      const key = text.slice(record.span.start, record.span.end);
      const cached = this.previous.get(key) ?? next.get(key);
      let result: RecordResult;
      if (cached) {
        result = renumberResult(shiftResult(cached, record.span.start - cached.span.start), record.index, record.line);
      } else {
        if (stopped) continue;
        result = settleResult(check(record));
        if (shouldStop()) stopped = true;
      }
      next.set(key, result);
      out.push(result);
    }
    if (stopped) {
      for (const [key, value] of next) this.previous.set(key, value);
      return null;
    }
    this.previous = next;
    return out;
  }

  clear(): void {
    this.previous.clear();
  }
}
