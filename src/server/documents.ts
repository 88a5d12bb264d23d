import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { detectKind, looksLikeTraces, readDocument, type DocumentKind, type FieldOverrides } from '../core/documents';
import { JsonlLines, RecordCache, renumberResult, type RecordChecker } from '../core/incremental';
import type { RecordInput, RecordResult, SourceSpan } from '../core/types';
import type { ResolvedConfig } from '../core/config/types';
import { datasetConvention, datasetConventionOfLines, type DatasetConvention } from '../core/trace/datasetConvention';

/** How much of a document decides what it is. */
const HEAD_CHARS = 65536;

/** The first HEAD_CHARS characters of a text given as `count` lines. */
function headOf(count: number, line: (index: number) => string): string {
  let head = '';
  for (let i = 0; i < count && head.length < HEAD_CHARS; i++) head += (i ? '\n' : '') + line(i);
  return head.slice(0, HEAD_CHARS);
}

/** A record's result placed in the document. */
export interface PlacedRecord {
  index: number;
  result: RecordResult;
  /** Line of the record (JSON Lines: the record's only line). */
  line: number;
}

/**
 * An open document and its check results. JSON Lines documents are kept as lines with
 * line-relative results (see JsonlLines); others as a TextDocument re-read as a whole.
 */
export class OpenDocument {
  readonly kind: DocumentKind;
  private lines?: JsonlLines;
  private doc?: TextDocument;
  private cache = new RecordCache();
  private wholeResults: RecordResult[] = [];
  private wholeVersion = -1;
  private pending?: { version: number; records: RecordInput[] };
  /** The config generation the results were computed with. */
  generation = -1;
  /** Whether the document holds traces (decided when opened; JSON files without traces are left alone). */
  active: boolean;
  /** Set while a lint runs: callers share it. */
  linting?: Promise<boolean>;
  /** Set while a scoring run (lint with rewards) runs. */
  scoring?: Promise<boolean>;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    /** The text, or its lines (a large document as the transport split it, see textLinesOf). */
    content: string | string[],
    readonly fsPath: string | undefined,
  ) {
    const name = fsPath ?? uri;
    const head = typeof content === 'string' ? content.slice(0, HEAD_CHARS) : headOf(content.length, (i) => content[i]);
    this.kind = languageId === 'cot-trace' ? 'cot' : languageId === 'jsonl' ? 'jsonl' : detectKind(name, head);
    if (this.kind === 'jsonl') this.lines = new JsonlLines(content);
    else this.doc = TextDocument.create(uri, languageId, version, typeof content === 'string' ? content : content.join('\n'));
    this.active = this.kind === 'cot' || looksLikeTraces(head);
  }

  /** Applies `didChange` content changes. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.version = version;
    if (this.lines) {
      this.lines.apply(changes.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text })));
    } else if (this.doc) {
      this.doc = TextDocument.update(this.doc, changes as TextDocumentContentChangeEvent[], version);
    }
  }

  /** Re-checks the start of a document found inactive (e.g. traces pasted into an empty file). */
  reconsider(include: (fsPath: string) => boolean): void {
    if (this.active) return;
    const head = this.head();
    this.active = looksLikeTraces(head) || (this.fsPath !== undefined && include(this.fsPath));
  }

  /** The dataset's dominant convention, from the document's first traces. */
  datasetConvention(config: ResolvedConfig): DatasetConvention {
    if (this.lines) return datasetConventionOfLines(this.lines.lineCount, (i) => this.lines!.line(i), config);
    return datasetConvention(readDocument(this.doc!.getText(), this.fsPath ?? this.uri, { kind: this.kind, fields: config.fields }), config);
  }

  private head(): string {
    if (this.doc) return this.doc.getText().slice(0, HEAD_CHARS);
    const lines = this.lines!;
    return headOf(lines.lineCount, (i) => lines.line(i));
  }

  /** Whether every record has a result: with scores (`full`), or at least its findings. */
  isComplete(full: boolean): boolean {
    if (this.lines) return full ? this.lines.scoredComplete : this.lines.complete;
    return this.wholeVersion === this.version;
  }

  /** Unchecked JSON Lines lines (0 for other documents, which are checked whole). */
  get uncheckedLines(): number {
    return this.lines ? this.lines.uncheckedHint : 0;
  }

  /** See JsonlLines.takeBatch (JSON Lines only). */
  takeBatch(maxChars: number): Array<{ line: number; raw: string; text: string; start: number }> {
    return this.lines ? this.lines.takeBatch(maxChars) : [];
  }

  deliver(items: ReadonlyArray<{ line: number; raw: string; start: number; result: RecordResult }>): void {
    this.lines?.deliver(items);
  }

  /** Forgets results (configuration changed). */
  invalidate(): void {
    this.lines?.invalidate();
    this.cache.clear();
    this.pending = undefined;
    this.wholeVersion = -1;
  }

  /**
   * Checks what is not checked yet, until `shouldStop` says so. Returns true when the
   * current version is fully checked.
   */
  checkSome(
    read: (text: string, context: { index: number; line: number }) => RecordInput,
    readWhole: (text: string, name: string, kind: DocumentKind) => RecordInput[],
    check: RecordChecker,
    checkWhole: RecordChecker,
    shouldStop: () => boolean,
    full = true,
  ): boolean {
    // JSON Lines may be checked lint-only first (`check`); whole documents are always scored (`checkWhole`).
    if (this.lines) return this.lines.checkSome(read, check, shouldStop, full);
    if (this.wholeVersion === this.version) return true;
    const text = this.doc!.getText();
    // Reading is done once per version; checking may take several slices.
    if (!this.pending || this.pending.version !== this.version) {
      this.pending = { version: this.version, records: readWhole(text, this.fsPath ?? this.uri, this.kind) };
      if (shouldStop()) return false;
    }
    const results = this.cache.checkAll(text, this.pending.records, checkWhole, shouldStop);
    if (!results) return false;
    this.pending = undefined;
    this.wholeResults = results;
    this.wholeVersion = this.version;
    return true;
  }

  /** Gives the record on a JSON Lines line its scores now, if it was only linted. */
  score(line: number, read: (text: string, context: { index: number; line: number }) => RecordInput, check: RecordChecker): void {
    this.lines?.score(line, read, check);
  }

  /** Every checked record, in order. */
  forEach(visit: (record: PlacedRecord) => void): void {
    if (this.lines) {
      this.lines.forEachResult((result, line, index) => visit({ index, line, result }));
      return;
    }
    for (const result of this.wholeResults) visit({ index: result.index, line: result.line, result });
  }

  /**
   * Each checked record's result and line, without making a record object (for passes that
   * run on every pull, like fingerprints). With a shard, only the records whose line falls in
   * the blocks `first`, `first + step`, … of `blockLines` lines each (see features.ts,
   * shards): JSON Lines documents visit only those lines.
   */
  forEachResult(shard: { blockLines: number; first: number; step: number } | undefined, visit: (result: RecordResult, line: number) => void): void {
    const lines = this.lines;
    if (!shard) {
      if (lines) lines.forEachResult(visit);
      else for (const result of this.wholeResults) visit(result, result.line);
      return;
    }
    const { blockLines, first, step } = shard;
    if (!lines) {
      for (const result of this.wholeResults) if (Math.floor(result.line / blockLines) % step === first) visit(result, result.line);
      return;
    }
    const n = lines.lineCount;
    for (let start = first * blockLines; start < n; start += step * blockLines) {
      const end = Math.min(n, start + blockLines);
      for (let line = start; line < end; line++) {
        const result = lines.result(line);
        if (result) visit(result, line);
      }
    }
  }

  /** The checked records of a shard (see forEachResult). */
  forEachInBlocks(blockLines: number, first: number, step: number, visit: (record: PlacedRecord) => void): void {
    const lines = this.lines;
    this.forEachResult({ blockLines, first, step }, (result, line) => visit({ index: lines ? lines.recordIndexOfLine(line) : result.index, line, result }));
  }

  /** Number of records (known without checking for JSON Lines). */
  get recordCount(): number {
    return this.lines ? this.lines.records : this.wholeResults.length;
  }

  /** The record at a position, if checked. */
  recordAt(position: Position): { record: PlacedRecord; offset: number } | undefined {
    if (this.lines) {
      const result = this.lines.result(position.line);
      if (!result) return undefined;
      return { record: { index: this.lines.recordIndexOfLine(position.line), line: position.line, result }, offset: position.character };
    }
    const offset = this.doc!.offsetAt(position);
    const list = this.wholeResults;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const span = list[mid].span;
      if (offset < span.start) hi = mid - 1;
      else if (offset > span.end) lo = mid + 1;
      else return { record: { index: list[mid].index, line: list[mid].line, result: list[mid] }, offset };
    }
    return undefined;
  }

  /** The record with this index, if checked (JSON Lines: renumbered to its current place). */
  record(index: number): PlacedRecord | undefined {
    if (this.lines) {
      const line = this.lines.lineOfRecord(index);
      const result = line >= 0 ? this.lines.result(line) : undefined;
      return result ? { index, line, result: renumberResult(result, index, line) } : undefined;
    }
    const result = this.wholeResults[index];
    return result ? { index, line: result.line, result } : undefined;
  }

  /** Editor position of a source offset of a record's result. */
  position(record: PlacedRecord, offset: number): Position {
    if (this.lines) {
      const max = this.lines.lineLength(record.line);
      return { line: record.line, character: Math.max(0, Math.min(offset, max)) };
    }
    return this.doc!.positionAt(offset);
  }

  range(record: PlacedRecord, span: SourceSpan): Range {
    return { start: this.position(record, span.start), end: this.position(record, Math.max(span.start, span.end)) };
  }

  /** Source offset of a position inside a record (the inverse of `position`). */
  offsetIn(record: PlacedRecord, position: Position): number {
    if (this.lines) return position.line === record.line ? position.character : position.line < record.line ? 0 : this.lines.lineLength(record.line);
    return this.doc!.offsetAt(position);
  }
}

/** Reads a whole (non-JSON Lines) document. */
export function wholeReader(fields: FieldOverrides | undefined): (text: string, name: string, kind: DocumentKind) => RecordInput[] {
  return (text, name, kind) => readDocument(text, name, { fields, kind });
}
