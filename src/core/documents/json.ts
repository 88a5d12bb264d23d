import { arrayElements, findValue, skipSpace } from '../json/locate';
import { isObject, parseFieldPath } from '../json/path';
import { LineIndex } from '../text/lineIndex';
import type { RecordInput } from '../types';
import { msg, ref } from '../messages';
import { kindOf, readerFinding } from './findings';
import { firstJsonError } from './jsonl';
import { buildRecord, textLocator } from './record';
import { detectShape, type FieldOverrides } from './shapes';

export interface JsonDocument {
  records: RecordInput[];
  /** Path of the array that holds the records (`results`), empty for a top-level array. */
  container: string;
}

/** The leading `name[*].` of a configured trace path names the records array. */
function containerFromFields(fields: FieldOverrides | undefined): { key: string; rest: FieldOverrides } | undefined {
  const first = fields?.trace?.[0];
  if (!first) return undefined;
  const segments = parseFieldPath(first);
  if (!segments || segments.length < 2 || !('key' in segments[0]) || !('all' in segments[1])) return undefined;
  const key = segments[0].key;
  const strip = (paths?: string[]) =>
    paths?.map((p) => {
      const m = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\[\\s*\\*\\s*\\]\\.?`).exec(p);
      return m ? p.slice(m[0].length) : p;
    });
  const rest: FieldOverrides = {};
  for (const name of ['trace', 'reasoning', 'prompt', 'groundTruth', 'id'] as const) {
    const paths = strip(fields?.[name]);
    if (paths) rest[name] = paths;
  }
  return { key, rest };
}

function looksLikeRecords(items: unknown[], fields?: FieldOverrides): boolean {
  const sample = items.slice(0, 5);
  return sample.some((item) => detectShape(item, fields).traces.length > 0);
}

/** Finds the array of records in a parsed document: the root, or an array property (depth ≤ 3). */
function findContainer(value: unknown, fields?: FieldOverrides): (string | number)[] | null {
  if (Array.isArray(value)) return [];
  if (!isObject(value)) return null;
  let level: Array<{ path: (string | number)[]; value: Record<string, unknown> }> = [{ path: [], value }];
  let fallback: (string | number)[] | null = null;
  for (let depth = 0; depth < 3 && level.length; depth++) {
    const next: typeof level = [];
    for (const { path, value: object } of level) {
      for (const [key, child] of Object.entries(object)) {
        if (Array.isArray(child) && child.length && child.some((item) => isObject(item))) {
          if (looksLikeRecords(child, fields)) return [...path, key];
          fallback ??= [...path, key];
        } else if (isObject(child)) next.push({ path: [...path, key], value: child });
      }
    }
    level = next;
  }
  return fallback;
}

/**
 * Reads a JSON document: an array of records, or an object holding one (`{"results": [...]}`).
 * An object that is itself a record (has a trace) is read as one record.
 *
 * `JSON.parse` builds the value and the raw text is only skipped through to find where
 * records and strings are, so no step recurses over the nesting: a document nested a million
 * levels deep is read (or reported) like any other. A byte order mark at the start is skipped.
 */
export function readJsonDocument(text: string, fields?: FieldOverrides): JsonDocument {
  const lines = new LineIndex(text);
  const whole = { start: 0, end: text.length };
  // Same length as the text, so offsets in one are offsets in the other.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    const error = firstJsonError(source);
    const at = lines.position(error.offset);
    const finding = readerFinding(
      'invalid-json',
      msg('reader.invalid-json', { error: error.l10n, line: at.line + 1, column: at.character + 1 }),
      { start: error.offset, end: Math.min(text.length, error.offset + error.length) },
    );
    return { records: [{ index: 0, line: at.line, span: whole, traces: [], problems: [finding] }], container: '' };
  }
  const root = skipSpace(source, 0);

  const forced = containerFromFields(fields);
  let containerPath: (string | number)[] | null;
  let recordFields = fields;
  if (forced && isObject(value) && Array.isArray(value[forced.key])) {
    containerPath = [forced.key];
    recordFields = forced.rest;
  } else if (isObject(value) && detectShape(value, fields).traces.length) {
    // The document is a single record.
    return { records: [buildRecord(value, textLocator(source, 0, root), { index: 0, line: lines.position(root).line, span: whole, fields })], container: '' };
  } else {
    containerPath = findContainer(value, fields);
  }
  const open = containerPath ? findValue(source, containerPath, root) : -1;
  const elements = open >= 0 ? arrayElements(source, open) : null;
  if (!containerPath || !elements) {
    const kind = ref(Array.isArray(value) ? 'kind.array' : isObject(value) ? 'kind.object-without-records' : kindOf(value, 'kind.a-null'));
    const finding = readerFinding(
      'unsupported-document',
      msg('reader.unsupported-document', { kind }),
      { start: root, end: Math.min(text.length, root + 1) },
    );
    return { records: [{ index: 0, line: 0, span: whole, traces: [], problems: [finding] }], container: '' };
  }
  let items: unknown[] = value as unknown[];
  for (const key of containerPath) items = (items as unknown as Record<string | number, unknown>)[key] as unknown[];
  const records: RecordInput[] = elements.map((span, index) =>
    buildRecord(items[index], textLocator(source, 0, span.start), { index, line: lines.position(span.start).line, span, fields: recordFields }),
  );
  return { records, container: containerPath.join('.') };
}
