import { plainText } from '../text/plain';
import type { RecordInput } from '../types';
import { msg } from '../messages';
import { readerFinding } from './findings';

type Role = 'user' | 'assistant' | 'expected' | 'system';

const HEADER = /^(User|Assistant|Expected|System)[ \t]*:/gim;

interface Block {
  role: Role;
  /** Offset of the header's first character. */
  header: number;
  /** Content extent (line breaks at its end removed). */
  start: number;
  end: number;
}

function trimBreaks(text: string, start: number, end: number): number {
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

/**
 * Reads a plain trace file (`.cot`, `.think`). Role headers at the start of a line —
 * `User:`, `Assistant:`, `Expected:`, `System:` — split it into records: each `User:`
 * starts a new one. A file without headers is one model output. Line breaks at the end of
 * a block are not part of it; one space (or the line break) after a header is skipped.
 */
export function readCot(text: string): RecordInput[] {
  const headers: Array<{ role: Role; header: number; after: number }> = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
    const at = m.index;
    if (at !== bom && at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') continue;
    headers.push({ role: m[1].toLowerCase() as Role, header: at, after: at + m[0].length });
  }
  if (!headers.length) {
    if (!text.slice(bom).trim()) return [];
    const end = trimBreaks(text, bom, text.length);
    return [{ index: 0, line: 0, span: { start: bom, end: text.length }, traces: [{ output: plainText(text.slice(bom, end), bom), path: 'output' }], problems: [] }];
  }
  const blocks: Block[] = headers.map((h, i) => {
    const limit = i + 1 < headers.length ? headers[i + 1].header : text.length;
    let start = h.after;
    if (text[start] === ' ' || text[start] === '\t') start++;
    if (text[start] === '\r' && text[start + 1] === '\n') start += 2;
    else if (text[start] === '\n' || text[start] === '\r') start++;
    start = Math.min(start, limit);
    return { role: h.role, header: h.header, start, end: trimBreaks(text, start, limit) };
  });

  // Group blocks into records: a record starts at a User block (or the first block).
  const groups: Block[][] = [];
  for (const block of blocks) {
    const current = groups[groups.length - 1];
    const hasUser = current?.some((b) => b.role === 'user');
    const hasAssistant = current?.some((b) => b.role === 'assistant');
    if (!current || (block.role === 'user' && (hasUser || hasAssistant)) || (block.role === 'system' && hasAssistant)) groups.push([block]);
    else current.push(block);
  }
  const lineOf = lineCounter(text);
  const records: RecordInput[] = [];
  for (const group of groups) {
    const index = records.length;
    const first = group[0];
    const last = group[group.length - 1];
    const span = { start: first.header, end: last.end };
    const record: RecordInput = { index, line: lineOf(first.header), span, traces: [], problems: [] };
    const user = group.find((b) => b.role === 'user');
    if (user) record.prompt = plainText(text.slice(user.start, user.end), user.start);
    const expected = group.find((b) => b.role === 'expected');
    if (expected) {
      record.groundTruth = { text: text.slice(expected.start, expected.end).trim(), path: 'Expected', span: { start: expected.start, end: expected.end } };
    }
    const assistants = group.filter((b) => b.role === 'assistant');
    assistants.forEach((block, i) => {
      const trace = { output: plainText(text.slice(block.start, block.end), block.start), path: 'Assistant', ...(assistants.length > 1 ? { index: i } : {}) };
      record.traces.push(trace);
    });
    const prompt = record.prompt?.text;
    const prefilled = prompt !== undefined ? /<think>\s*$/.exec(prompt) : null;
    if (prefilled) for (const trace of record.traces) trace.promptSuffix = prefilled[0];
    if (!record.traces.length) {
      record.problems.push(readerFinding('no-trace', msg('reader.no-assistant'), { start: first.header, end: first.start }, index));
    }
    records.push(record);
  }
  return records;
}

/** Line numbers of increasing offsets, counted incrementally. */
function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 0;
  return (offset: number) => {
    for (; at < offset; at++) {
      const c = text.charCodeAt(at);
      if (c === 10 || (c === 13 && text.charCodeAt(at + 1) !== 10)) line++;
    }
    return line;
  };
}
