/**
 * The dataset's own columns, read beside ours: its correctness label (`is_correct`, `correct`,
 * `score`, …), the answer it extracted, level and subject, token counts and the model's name.
 * Pure: takes the record's parsed JSON (or its source text) and never throws.
 */

export interface DatasetColumns {
  /** The dataset's correctness label: the field it came from, its value, and what it says. */
  label?: { field: string; value: boolean | number | string; correct: boolean | null };
  /** The answer the dataset's own checker extracted. */
  extracted?: { field: string; value: string };
  level?: string;
  subject?: string;
  /** Token counts (`prompt_tokens`, `reasoning_tokens`, …). */
  tokens?: Record<string, number>;
  model?: string;
}

const LABEL_FIELDS = ['is_correct', 'correct', 'is_right', 'score', 'accuracy', 'correctness', 'label_correct'];
const EXTRACTED_FIELDS = ['extracted_answer', 'pred', 'prediction', 'predicted_answer', 'parsed_answer', 'model_answer', 'extracted'];
const LEVEL_FIELDS = ['level', 'difficulty'];
const SUBJECT_FIELDS = ['subject', 'topic', 'category', 'domain', 'type'];
const MODEL_FIELDS = ['model_name', 'model', 'generator', 'model_id', 'model_short_name'];
/** Nested objects the columns are also looked for in. */
const NESTED = ['metadata', 'meta', 'info', 'extra_info'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function find(record: Obj, fields: readonly string[]): { field: string; value: unknown } | undefined {
  for (const f of fields) if (record[f] !== undefined && record[f] !== null && record[f] !== '') return { field: f, value: record[f] };
  for (const n of NESTED) {
    const inner = record[n];
    if (!isObj(inner)) continue;
    for (const f of fields) if (inner[f] !== undefined && inner[f] !== null && inner[f] !== '') return { field: `${n}.${f}`, value: inner[f] };
  }
  return undefined;
}

/** What a label value says: booleans as they are, 1/0 scores, "true"/"correct"/"yes"… */
export function labelSays(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value >= 1 ? true : value <= 0 ? false : null;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (['true', 'correct', 'yes', 'right', '1', 'pass'].includes(s)) return true;
    if (['false', 'incorrect', 'wrong', 'no', '0', 'fail'].includes(s)) return false;
  }
  return null;
}

const scalar = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export function datasetColumns(source: unknown): DatasetColumns {
  let record: unknown = source;
  if (typeof source === 'string') {
    try {
      record = JSON.parse(source);
    } catch {
      return {};
    }
  }
  if (!isObj(record)) return {};
  const out: DatasetColumns = {};
  const label = find(record, LABEL_FIELDS);
  if (label && (typeof label.value === 'boolean' || typeof label.value === 'number' || typeof label.value === 'string')) {
    out.label = { field: label.field, value: label.value, correct: labelSays(label.value) };
  }
  const extracted = find(record, EXTRACTED_FIELDS);
  const ev = extracted && scalar(extracted.value);
  if (extracted && ev !== undefined) out.extracted = { field: extracted.field, value: ev };
  const level = scalar(find(record, LEVEL_FIELDS)?.value);
  if (level !== undefined) out.level = level;
  const subject = scalar(find(record, SUBJECT_FIELDS)?.value);
  if (subject !== undefined) out.subject = subject;
  const model = scalar(find(record, MODEL_FIELDS)?.value);
  if (model !== undefined) out.model = model;
  const tokens: Record<string, number> = {};
  const scan = (o: Obj, prefix: string) => {
    for (const [k, v] of Object.entries(o)) if (typeof v === 'number' && Number.isFinite(v) && /(^|_)(tokens?|token_count|num_tokens)$|_tokens?_|^n_tokens/.test(k)) tokens[prefix + k] = v;
  };
  scan(record, '');
  for (const n of NESTED) if (isObj(record[n])) scan(record[n] as Obj, `${n}.`);
  if (Object.keys(tokens).length) out.tokens = tokens;
  return out;
}
