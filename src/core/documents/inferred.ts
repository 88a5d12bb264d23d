/**
 * The field a dataset's traces were read from when no known key held them and the reader
 * chose one by what the values hold (`RecordShape.inferred`): counted over records, and the
 * lines that pin it, so that every face (the CLI's note, the language status item, the review
 * panel's header) says the same thing.
 */

/** The field most records' traces were inferred from, with how many records it was used for. */
export interface InferredField {
  field: string;
  records: number;
  /** Every inferred field with its record count, most used first (usually just one). */
  all: Array<{ field: string; records: number }>;
}

/** Counts records by the field their trace was inferred from (`inferredTrace`); records that name none are skipped. */
export function countInferred(items: Iterable<{ inferredTrace?: string }>, into: Map<string, number> = new Map()): Map<string, number> {
  for (const item of items) if (item.inferredTrace !== undefined) into.set(item.inferredTrace, (into.get(item.inferredTrace) ?? 0) + 1);
  return into;
}

/** The most used inferred field of a count (ties: the first seen), or undefined when none was inferred. */
export function mainInferred(counts: Map<string, number> | Record<string, number> | undefined): InferredField | undefined {
  if (!counts) return undefined;
  const entries = counts instanceof Map ? [...counts] : Object.entries(counts);
  if (!entries.length) return undefined;
  const all = entries.map(([field, records]) => ({ field, records })).sort((a, b) => b.records - a.records);
  return { field: all[0].field, records: all[0].records, all };
}

/** The ways to pin a trace field: in `.cot-trace.json`, in the editor settings, on the command line. */
export interface TraceFieldPin {
  /** `{"fields":{"trace":["generated_output"]}}` — for `.cot-trace.json`. */
  config: string;
  /** `"cotTrace.fields": {"trace": ["generated_output"]}` — for the editor's settings.json. */
  setting: string;
  /** `--field trace=generated_output` — for the command line. */
  flag: string;
}

export function traceFieldPin(field: string): TraceFieldPin {
  return {
    config: JSON.stringify({ fields: { trace: [field] } }),
    setting: `"cotTrace.fields": ${JSON.stringify({ trace: [field] }).replace(/^\{"trace":/, '{"trace": ')}`,
    flag: `--field trace=${field}`,
  };
}

/** What a face shows of an inferred field: the field, over how many of `of` records, and the pin lines. */
export function inferredFieldNote(counts: Map<string, number>, of: number): { field: string; records: number; of: number; setting: string; config: string } | undefined {
  const main = mainInferred(counts);
  if (!main) return undefined;
  const pin = traceFieldPin(main.field);
  return { field: main.field, records: main.records, of, setting: pin.setting, config: pin.config };
}
