import type { RecordInput } from '../types';
import { readCot } from './cot';
import { readJsonDocument } from './json';
import { readJsonl } from './jsonl';
import type { FieldOverrides } from './shapes';

export { readCot } from './cot';
export { readJsonDocument } from './json';
export { readJsonl, readJsonlLine, forEachJsonlRecord, forEachJsonlRecordInBytes, readJsonlBytes, decodeLines, firstJsonError, lineCutter, countLineBreaks, isBlank, DETACH_LINE } from './jsonl';
export type { ReleaseOption } from './jsonl';
export { detectShape, type FieldOverrides, type RecordShape } from './shapes';
export { countInferred, inferredFieldNote, mainInferred, traceFieldPin, type InferredField, type TraceFieldPin } from './inferred';
export { READER_RULES, readerFinding, type ReaderRuleId } from './findings';

export type DocumentKind = 'cot' | 'jsonl' | 'json';

/** How much of the start of a file (bytes; of a text, characters) decides its kind and whether it holds traces. */
export const SNIFF_BYTES = 64 * 1024;

/** The kind a file name says, or undefined when it says nothing. */
export function kindFromName(fileName: string): DocumentKind | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.cot') || name.endsWith('.think')) return 'cot';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.jsonlines')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  return undefined;
}

/**
 * Guesses the kind from the first bytes: `[` → JSON; `{` followed, on the same line, by
 * the end of a complete value and then another line starting with `{` → JSON Lines;
 * anything else is a plain trace.
 */
export function sniffKind(head: string): DocumentKind {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const start = text.search(/\S/);
  if (start < 0) return 'cot';
  const c = text[start];
  if (c === '[') return 'json';
  if (c !== '{') return 'cot';
  const newline = text.indexOf('\n', start);
  if (newline < 0) return text.length < head.length ? 'json' : 'jsonl';
  const first = text.slice(start, newline).trim();
  try {
    JSON.parse(first);
    return 'jsonl';
  } catch {
    // A first line that is not a whole value: either a pretty-printed document or a very long line cut by the head.
    return /^\{\s*$/.test(first) || /^\{\s*"[^"]*"\s*:\s*[[{]?\s*$/.test(first) ? 'json' : 'jsonl';
  }
}

/** Kind from the name, falling back to the content. */
export function detectKind(fileName: string, head: string): DocumentKind {
  return kindFromName(fileName) ?? sniffKind(head);
}

const TRACE_MARKERS = /<\/?think>|<\|(?:begin|end)_of_(?:thought|solution)\|>|<\/?reasoning>|reasoning_content|<answer>/;
const TRACE_KEYS =
  /"(?:completion|response|model_output|full_response|generated_text|generations|conversations|messages|thinking_trajectories|reasoning_content|deepseek_reasoning|output)"\s*:/;

/**
 * Cheap test on the start of a JSON / JSON Lines file (SNIFF_BYTES): does it hold traces?
 * True when a reasoning marker or a key the reader takes outputs from appears.
 */
export function looksLikeTraces(head: string): boolean {
  const text = head.length > SNIFF_BYTES ? head.slice(0, SNIFF_BYTES) : head;
  return TRACE_MARKERS.test(text) || TRACE_KEYS.test(text);
}

export interface ReadOptions {
  fields?: FieldOverrides;
  kind?: DocumentKind;
}

/** Reads a whole document held in memory. */
export function readDocument(text: string, fileName: string, options: ReadOptions = {}): RecordInput[] {
  const kind = options.kind ?? detectKind(fileName, text.slice(0, SNIFF_BYTES));
  if (kind === 'cot') return readCot(text);
  if (kind === 'jsonl') return readJsonl(text, { fields: options.fields });
  return readJsonDocument(text, options.fields).records;
}
