import { LazyJsonText, type LiteralPlace } from '../json/escapes';
import { findStringLiteral } from '../json/locate';
import { formatPath, isObject, type PathKey } from '../json/path';
import type { MappedText, RecordInput, SourceSpan, TraceInput } from '../types';
import { msg, ref, type MessageId } from '../messages';
import { kindOf, readerFinding } from './findings';
import { detectShape, type FieldOverrides, type FoundText } from './shapes';

/**
 * Finds where a value's literal is inside a record, by path. Nothing is scanned until a
 * finding needs a source position, so records nobody asks about cost nothing beyond
 * `JSON.parse`.
 */
export interface Locator {
  find(path: readonly PathKey[]): LiteralPlace | null;
}

/**
 * A locator over text already accepted by `JSON.parse` (one record's line, or a whole
 * document), whose offset 0 is document offset `base`; the record's value starts at
 * `start` in it. Each lookup walks the raw text to the path, skipping what lies before it
 * without building any value (and without recursion, however deep the value).
 */
export function textLocator(recordText: string, base: number, start = 0): Locator {
  return {
    find(path) {
      const quote = findStringLiteral(recordText, path, start);
      return quote >= 0 ? { text: recordText, quote, base } : null;
    },
  };
}

const THINK_AT_END = /<think>\s*$/;

/** What a record without outputs is, when its layout says so. */
const LAYOUT_HINT: Record<string, MessageId> = {
  verl: 'reader.no-trace.verl',
  openrlhf: 'reader.no-trace.openrlhf',
};

function mapped(found: FoundText, locator: Locator, fallback: number): MappedText {
  return new LazyJsonText(found.text, () => locator.find(found.path), fallback);
}

export interface BuildOptions {
  index: number;
  line: number;
  span: SourceSpan;
  fields?: FieldOverrides;
}

/** Turns a parsed record value into a RecordInput tied to the source through `locator`. */
export function buildRecord(value: unknown, locator: Locator, options: BuildOptions): RecordInput {
  const { index, line, span } = options;
  const shape = detectShape(value, options.fields);
  const record: RecordInput = { index, line, span, traces: [], problems: [] };
  if (shape.id !== undefined) record.id = shape.id;
  if (shape.prompt) record.prompt = mapped(shape.prompt, locator, span.start);
  if (shape.inferred) record.inferredTrace = shape.inferred;
  if (shape.layout) record.layout = shape.layout;
  if (shape.groundTruth) record.groundTruth = { text: shape.groundTruth.text, path: formatPath(shape.groundTruth.path) };

  // A prompt rendered by a chat template that ends with `<think>`: the tag was prefilled.
  const promptText = shape.prompt?.text;
  const prefilled = promptText !== undefined ? THINK_AT_END.exec(promptText.slice(-200)) : null;

  for (const trace of shape.traces) {
    const input: TraceInput = { output: mapped(trace.output, locator, span.start), path: formatPath(trace.output.path) };
    if (trace.reasoning) input.reasoning = mapped(trace.reasoning, locator, span.start);
    if (trace.index !== undefined) input.index = trace.index;
    if (prefilled) input.promptSuffix = prefilled[0];
    record.traces.push(input);
  }
  if (!record.traces.length) {
    const keys = isObject(value) ? Object.keys(value) : [];
    const what = isObject(value)
      ? keys.length
        ? ref('reader.no-trace.keys', { keys: `${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''}` })
        : ref('reader.no-trace.empty')
      : ref('reader.no-trace.not-object', { kind: ref(Array.isArray(value) ? 'kind.array' : kindOf(value, 'kind.null')) });
    const hint = LAYOUT_HINT[shape.layout ?? ''];
    record.problems.push(
      readerFinding(
        'no-trace',
        msg('reader.no-trace', { what, hint: hint ? ref(hint) : '' }),
        span,
        index,
      ),
    );
  }
  return record;
}

/**
 * Lets a record stop holding the text it was read from: each of its mapped values keeps
 * only the escape map of its literal (see `LazyJsonText.detach`). For a record read from a
 * very long line, whose decoded line would otherwise live as long as the record.
 */
export function detachRecord(record: RecordInput): void {
  const detach = (text: MappedText | undefined) => {
    if (text instanceof LazyJsonText) text.detach();
  };
  detach(record.prompt);
  for (const trace of record.traces) {
    detach(trace.output);
    detach(trace.reasoning);
  }
}
