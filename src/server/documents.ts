import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { detectKind, looksLikeTraces, readDocument, readJsonlLine, SNIFF_BYTES, type DocumentKind } from '../core/documents';
import { createChecker } from '../core/engine';
import type { RecordInput, RecordResult, ResolvedConfig, SourceSpan } from '../core/types';
import { JsonlLines, RecordCache, renumberResult, type RecordChecker } from './incremental';
import { datasetConvention, datasetConventionOfLines, type DatasetConvention } from '../core/trace/datasetConvention';

/** How much of a document decides what it is (as much text as the sniffed head of a file holds bytes). */
const HEAD_CHARS = SNIFF_BYTES;

/**
 * Reads and checks the records of open documents under one configuration: the engine's
 * checker, with the two ways an open document is read (a JSON Lines line at a time, with
 * offsets from the line's start; other documents whole).
 */
export interface DocumentChecker {
  readLine(text: string, context: { index: number; line: number }): RecordInput;
  readWhole(text: string, name: string, kind: DocumentKind): RecordInput[];
  /** Rules and rewards. */
  check: RecordChecker;
  /** Rules only. */
  lint: RecordChecker;
}

const documentCheckers = new WeakMap<ResolvedConfig, DocumentChecker>();

/** The document checker of a configuration (one per configuration object). */
export function documentChecker(config: ResolvedConfig): DocumentChecker {
  let checker = documentCheckers.get(config);
  if (!checker) {
    const { check, lint } = createChecker(config);
    const fields = config.fields;
    checker = {
      readLine: (text, context) => readJsonlLine(text, { index: context.index, line: context.line, offset: 0, fields }),
      readWhole: (text, name, kind) => readDocument(text, name, { fields, kind }),
      check,
      lint,
    };
    documentCheckers.set(config, checker);
  }
  return checker;
}

/** The first HEAD_CHARS characters of a text given as `count` lines. */
function headOf(count: number, line: (index: number) => string): string {
  let head = '';
  for (let i = 0; i < count && head.length < HEAD_CHARS; i++) head += (i ? '\n' : '') + line(i);
  return head.slice(0, HEAD_CHARS);
}

/**
 * A part of a document's diagnostics. A client that takes several diagnostic reports per
 * document (one per registered provider) gets each record's diagnostics in exactly one
 * part, chosen by the record's line in blocks of SHARD_BLOCK_LINES: an edit inside one
 * record changes one part, and the others answer "unchanged".
 */
export interface Shard {
  index: number;
  count: number;
}

/** Lines per block of a shard. */
export const SHARD_BLOCK_LINES = 8;

/** A record's result placed in the document. */
export interface PlacedRecord {
  index: number;
  result: RecordResult;
  /** Line of the record (JSON Lines: the record's only line). */
  line: number;
}

/** The text of a document and its check results, kept the way its kind wants (see JsonlDocument, WholeDocument). */
interface DocumentModel {
  /** Applies `didChange` content changes (the new version is set on the OpenDocument). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void;
  /** The first HEAD_CHARS characters. */
  head(): string;
  /** Whether every record of `version` has a result: with scores (`full`), or at least its findings. */
  isComplete(full: boolean, version: number): boolean;
  /** Checks what is not checked yet, until `shouldStop` says so; true when `version` is fully checked. */
  checkSome(checker: DocumentChecker, shouldStop: () => boolean, full: boolean, version: number, name: string): boolean;
  /** Forgets results (the configuration changed). */
  invalidate(): void;
  /** The dataset's dominant convention, from the first traces. */
  datasetConvention(config: ResolvedConfig): DatasetConvention;
  forEach(visit: (record: PlacedRecord) => void, shard?: Shard): void;
  forEachResult(shard: Shard | undefined, visit: (result: RecordResult, line: number) => void): void;
  readonly recordCount: number;
  recordAt(position: Position): { record: PlacedRecord; offset: number } | undefined;
  record(index: number): PlacedRecord | undefined;
  position(record: PlacedRecord, offset: number): Position;
  offsetIn(record: PlacedRecord, position: Position): number;
}

/** A JSON Lines document: kept as lines, each checked on its own with line-relative offsets (see JsonlLines). */
class JsonlDocument implements DocumentModel {
  readonly lines: JsonlLines;

  constructor(content: string | string[]) {
    this.lines = new JsonlLines(content);
  }

  datasetConvention(config: ResolvedConfig): DatasetConvention {
    return datasetConventionOfLines(this.lines.lineCount, (i) => this.lines.line(i), config);
  }

  update(changes: readonly TextDocumentContentChangeEvent[]): void {
    this.lines.apply(changes.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text })));
  }

  head(): string {
    return headOf(this.lines.lineCount, (i) => this.lines.line(i));
  }

  isComplete(full: boolean): boolean {
    return full ? this.lines.scoredComplete : this.lines.complete;
  }

  checkSome(checker: DocumentChecker, shouldStop: () => boolean, full: boolean): boolean {
    // Linted first (rules only), scored later.
    return this.lines.checkSome(checker.readLine, full ? checker.check : checker.lint, shouldStop, full);
  }

  invalidate(): void {
    this.lines.invalidate();
  }

  forEach(visit: (record: PlacedRecord) => void, shard?: Shard): void {
    if (shard) this.forEachResult(shard, (result, line) => visit({ index: this.lines.recordIndexOfLine(line), line, result }));
    else this.lines.forEachResult((result, line, index) => visit({ index, line, result }));
  }

  /** With a shard, only the lines of its blocks are visited. */
  forEachResult(shard: Shard | undefined, visit: (result: RecordResult, line: number) => void): void {
    const lines = this.lines;
    if (!shard) return lines.forEachResult(visit);
    const n = lines.lineCount;
    for (let start = shard.index * SHARD_BLOCK_LINES; start < n; start += shard.count * SHARD_BLOCK_LINES) {
      const end = Math.min(n, start + SHARD_BLOCK_LINES);
      for (let line = start; line < end; line++) {
        const result = lines.result(line);
        if (result) visit(result, line);
      }
    }
  }

  get recordCount(): number {
    return this.lines.records;
  }

  recordAt(position: Position): { record: PlacedRecord; offset: number } | undefined {
    const result = this.lines.result(position.line);
    if (!result) return undefined;
    return { record: { index: this.lines.recordIndexOfLine(position.line), line: position.line, result }, offset: position.character };
  }

  /** Renumbered to its current place. */
  record(index: number): PlacedRecord | undefined {
    const line = this.lines.lineOfRecord(index);
    const result = line >= 0 ? this.lines.result(line) : undefined;
    return result ? { index, line, result: renumberResult(result, index, line) } : undefined;
  }

  position(record: PlacedRecord, offset: number): Position {
    return { line: record.line, character: Math.max(0, Math.min(offset, this.lines.lineLength(record.line))) };
  }

  offsetIn(record: PlacedRecord, position: Position): number {
    return position.line === record.line ? position.character : position.line < record.line ? 0 : this.lines.lineLength(record.line);
  }
}

/** A JSON or `.cot` document: a TextDocument, re-read whole; records whose text is unchanged keep their results (see RecordCache). */
class WholeDocument implements DocumentModel {
  private doc: TextDocument;
  private cache = new RecordCache();
  private results: RecordResult[] = [];
  private checkedVersion = -1;
  private pending?: { version: number; records: RecordInput[] };

  constructor(
    uri: string,
    languageId: string,
    version: number,
    content: string | string[],
    private readonly kind: DocumentKind,
  ) {
    this.doc = TextDocument.create(uri, languageId, version, typeof content === 'string' ? content : content.join('\n'));
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.doc = TextDocument.update(this.doc, changes as TextDocumentContentChangeEvent[], version);
  }

  head(): string {
    return this.doc.getText().slice(0, HEAD_CHARS);
  }

  datasetConvention(config: ResolvedConfig): DatasetConvention {
    return datasetConvention(readDocument(this.doc.getText(), this.doc.uri, { kind: this.kind, fields: config.fields }), config);
  }

  isComplete(_full: boolean, version: number): boolean {
    return this.checkedVersion === version;
  }

  /** Always scored (whole documents are small). Reading is done once per version; checking may take several slices. */
  checkSome(checker: DocumentChecker, shouldStop: () => boolean, _full: boolean, version: number, name: string): boolean {
    if (this.checkedVersion === version) return true;
    const text = this.doc.getText();
    if (!this.pending || this.pending.version !== version) {
      this.pending = { version, records: checker.readWhole(text, name, this.kind) };
      if (shouldStop()) return false;
    }
    const results = this.cache.checkAll(text, this.pending.records, checker.check, shouldStop);
    if (!results) return false;
    this.pending = undefined;
    this.results = results;
    this.checkedVersion = version;
    return true;
  }

  invalidate(): void {
    this.cache.clear();
    this.pending = undefined;
    this.checkedVersion = -1;
  }

  forEach(visit: (record: PlacedRecord) => void, shard?: Shard): void {
    if (shard) this.forEachResult(shard, (result, line) => visit({ index: result.index, line, result }));
    else for (const result of this.results) visit({ index: result.index, line: result.line, result });
  }

  forEachResult(shard: Shard | undefined, visit: (result: RecordResult, line: number) => void): void {
    for (const result of this.results) if (!shard || Math.floor(result.line / SHARD_BLOCK_LINES) % shard.count === shard.index) visit(result, result.line);
  }

  get recordCount(): number {
    return this.results.length;
  }

  recordAt(position: Position): { record: PlacedRecord; offset: number } | undefined {
    const offset = this.doc.offsetAt(position);
    const list = this.results;
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

  record(index: number): PlacedRecord | undefined {
    const result = this.results[index];
    return result ? { index, line: result.line, result } : undefined;
  }

  position(_record: PlacedRecord, offset: number): Position {
    return this.doc.positionAt(offset);
  }

  offsetIn(_record: PlacedRecord, position: Position): number {
    return this.doc.offsetAt(position);
  }
}

/** The kind of an open document: by its language, else by its name and start. */
function kindOf(languageId: string, name: string, head: string): DocumentKind {
  return languageId === 'cot-trace' ? 'cot' : languageId === 'jsonl' ? 'jsonl' : detectKind(name, head);
}

/**
 * An open document and its check results, whatever its kind: JSON Lines documents are kept
 * as lines with line-relative results (JsonlDocument); others as a text re-read as a whole
 * (WholeDocument). Both are behind DocumentModel; this class adds what the server tracks.
 */
export class OpenDocument {
  readonly kind: DocumentKind;
  private model: DocumentModel;
  private jsonl?: JsonlDocument;
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
    const head = typeof content === 'string' ? content.slice(0, HEAD_CHARS) : headOf(content.length, (i) => content[i]);
    this.kind = kindOf(languageId, fsPath ?? uri, head);
    if (this.kind === 'jsonl') this.model = this.jsonl = new JsonlDocument(content);
    else this.model = new WholeDocument(uri, languageId, version, content, this.kind);
    this.active = this.kind === 'cot' || looksLikeTraces(head);
  }

  /** Applies `didChange` content changes. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.version = version;
    this.model.update(changes, version);
  }

  /** Re-checks the start of a document found inactive (e.g. traces pasted into an empty file). */
  reconsider(include: (fsPath: string) => boolean): void {
    if (this.active) return;
    this.active = looksLikeTraces(this.model.head()) || (this.fsPath !== undefined && include(this.fsPath));
  }

  /** The dataset's dominant convention, from the document's first traces. */
  datasetConvention(config: ResolvedConfig): DatasetConvention {
    return this.model.datasetConvention(config);
  }

  /** Whether every record has a result: with scores (`full`), or at least its findings. */
  isComplete(full: boolean): boolean {
    return this.model.isComplete(full, this.version);
  }

  /** The lines of a JSON Lines document (undefined for other documents). */
  get jsonlLines(): JsonlLines | undefined {
    return this.jsonl?.lines;
  }

  /** Unchecked JSON Lines lines (0 for other documents, which are checked whole). */
  get uncheckedLines(): number {
    return this.jsonl ? this.jsonl.lines.uncheckedHint : 0;
  }

  /** See JsonlLines.takeBatch (JSON Lines only). */
  takeBatch(maxChars: number): Array<{ line: number; raw: string; text: string; start: number }> {
    return this.jsonl ? this.jsonl.lines.takeBatch(maxChars) : [];
  }

  deliver(items: ReadonlyArray<{ line: number; raw: string; start: number; result: RecordResult }>): void {
    this.jsonl?.lines.deliver(items);
  }

  /** Forgets results (configuration changed). */
  invalidate(): void {
    this.model.invalidate();
  }

  /** Checks what is not checked yet, until `shouldStop` says so. Returns true when the current version is fully checked. */
  checkSome(checker: DocumentChecker, shouldStop: () => boolean, full = true): boolean {
    return this.model.checkSome(checker, shouldStop, full, this.version, this.fsPath ?? this.uri);
  }

  /** Gives the record on a JSON Lines line its scores now, if it was only linted. */
  score(line: number, checker: DocumentChecker): void {
    this.jsonl?.lines.score(line, checker.readLine, checker.check);
  }

  /** Every checked record (of a shard, when given), in order. */
  forEach(visit: (record: PlacedRecord) => void, shard?: Shard): void {
    this.model.forEach(visit, shard);
  }

  /**
   * Each checked record's result and line (of a shard, when given), without making a record
   * object (for passes that run on every pull, like fingerprints).
   */
  forEachResult(shard: Shard | undefined, visit: (result: RecordResult, line: number) => void): void {
    this.model.forEachResult(shard, visit);
  }

  /** Number of records (known without checking for JSON Lines). */
  get recordCount(): number {
    return this.model.recordCount;
  }

  /** The record at a position, if checked. */
  recordAt(position: Position): { record: PlacedRecord; offset: number } | undefined {
    return this.model.recordAt(position);
  }

  /** The record with this index, if checked (JSON Lines: renumbered to its current place). */
  record(index: number): PlacedRecord | undefined {
    return this.model.record(index);
  }

  /** Editor position of a source offset of a record's result. */
  position(record: PlacedRecord, offset: number): Position {
    return this.model.position(record, offset);
  }

  range(record: PlacedRecord, span: SourceSpan): Range {
    return { start: this.position(record, span.start), end: this.position(record, Math.max(span.start, span.end)) };
  }

  /** Source offset of a position inside a record (the inverse of `position`). */
  offsetIn(record: PlacedRecord, position: Position): number {
    return this.model.offsetIn(record, position);
  }
}
