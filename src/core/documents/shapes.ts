import { formatPath, isObject, parseFieldPath, resolvePath, type PathKey } from '../json/path';

/** A string value found in a record, with its path from the record's root. */
export interface FoundText {
  path: PathKey[];
  text: string;
}

/** What was found in one record, before it is tied to the source. */
export interface RecordShape {
  traces: Array<{ output: FoundText; reasoning?: FoundText; index?: number }>;
  prompt?: FoundText;
  system?: FoundText;
  groundTruth?: FoundText;
  id?: string;
  /** Name of the shape that matched (for messages and tests). */
  shape: string;
  /**
   * When no known key held a trace and one was chosen by what the values hold: the field
   * path used (`generated_output`, `responses[*]`), to report and pin in the config.
   */
  inferred?: string;
  /** A training framework's layout recognised in the record (see docs/reading.md). */
  layout?: Layout;
}

/**
 * Layouts of the training frameworks:
 *  - `verl`: `data_source`, `prompt` as a message list, `ability`, `reward_model` ({style, ground_truth}), `extra_info`;
 *  - `trl-standard`: `prompt` / `completion` strings; `trl-conversational`: both as message lists;
 *  - `openrlhf`: `input` with `output` and/or `label` (its default keys; others are set by its
 *    `--input_key` / `--output_key` / `--label_key` flags, mirrored here by `fields`).
 */
export type Layout = 'verl' | 'trl-standard' | 'trl-conversational' | 'openrlhf';

/** Field paths that replace detection (from the config's `fields`). */
export interface FieldOverrides {
  trace?: string[];
  reasoning?: string[];
  prompt?: string[];
  groundTruth?: string[];
  id?: string[];
}

const SINGLE_TRACE_FIELDS = [
  'completion',
  'response',
  'output',
  'model_output',
  'full_response',
  'generated_text',
  'generation',
  'text',
];
const GROUND_TRUTH_FIELDS = [
  'answer',
  'ground_truth',
  'gt',
  'expected_answer',
  'reference_answer',
  'final_answer',
  'target',
  'label',
  'solution',
  'ground_truth_solution',
];
const PROMPT_FIELDS = ['problem', 'question', 'prompt', 'query', 'instruction', 'input'];
const ID_FIELDS = ['id', 'uuid', 'problem_id', 'item_id', 'idx', 'unique_id'];

const USER_ROLES = new Set(['user', 'human']);
const ASSISTANT_ROLES = new Set(['assistant', 'gpt', 'model', 'bot']);

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function field(record: Record<string, unknown>, key: string, prefix: PathKey[] = []): FoundText | undefined {
  const text = str(record[key]);
  return text === undefined ? undefined : { path: [...prefix, key], text };
}

/** A chat message's role and content keys (`role`/`content` or `from`/`value`). */
function messageParts(message: unknown): { role: string; contentKey: string; content: string } | undefined {
  if (!isObject(message)) return undefined;
  const role = str(message.role) ?? str(message.from);
  const contentKey = typeof message.content === 'string' ? 'content' : typeof message.value === 'string' ? 'value' : undefined;
  if (role === undefined || contentKey === undefined) return undefined;
  return { role: role.toLowerCase(), contentKey, content: message[contentKey] as string };
}

/** In a chat list: the last assistant message, the user message before it, the system message. */
function fromChat(list: unknown[], prefix: PathKey[]): Pick<RecordShape, 'traces' | 'prompt' | 'system'> | undefined {
  let assistant = -1;
  for (let i = list.length - 1; i >= 0; i--) {
    const parts = messageParts(list[i]);
    if (parts && ASSISTANT_ROLES.has(parts.role)) {
      assistant = i;
      break;
    }
  }
  if (assistant < 0) return undefined;
  const a = messageParts(list[assistant])!;
  const result: Pick<RecordShape, 'traces' | 'prompt' | 'system'> = {
    traces: [{ output: { path: [...prefix, assistant, a.contentKey], text: a.content } }],
  };
  const message = list[assistant] as Record<string, unknown>;
  if (typeof message.reasoning_content === 'string') {
    result.traces[0].reasoning = { path: [...prefix, assistant, 'reasoning_content'], text: message.reasoning_content };
  }
  for (let i = assistant - 1; i >= 0; i--) {
    const parts = messageParts(list[i]);
    if (parts && USER_ROLES.has(parts.role)) {
      result.prompt = { path: [...prefix, i, parts.contentKey], text: parts.content };
      break;
    }
  }
  const first = messageParts(list[0]);
  if (first && first.role === 'system') result.system = { path: [...prefix, 0, first.contentKey], text: first.content };
  return result;
}

/** `reasoning_content` + `content` in an object (the DeepSeek API's message). */
function splitMessage(message: unknown, prefix: PathKey[]): RecordShape['traces'][number] | undefined {
  if (!isObject(message)) return undefined;
  const reasoning = field(message, 'reasoning_content', prefix) ?? field(message, 'reasoning', prefix);
  const content = field(message, 'content', prefix);
  if (!reasoning || !content) return undefined;
  return { output: content, reasoning };
}

function firstOf(record: Record<string, unknown>, keys: readonly string[]): FoundText | undefined {
  for (const key of keys) {
    const found = field(record, key);
    if (found) return found;
  }
  return undefined;
}

/** Values reached by the override paths that are strings (numbers are turned into text). */
function overrides(record: unknown, paths: readonly string[] | undefined): FoundText[] {
  const out: FoundText[] = [];
  for (const path of paths ?? []) {
    const segments = parseFieldPath(path);
    if (!segments) continue;
    for (const hit of resolvePath(record, segments)) {
      if (typeof hit.value === 'string') out.push({ path: hit.path, text: hit.value });
      else if (typeof hit.value === 'number') out.push({ path: hit.path, text: String(hit.value) });
    }
    if (out.length) break;
  }
  return out;
}

/** Detects the traces, prompt, ground truth and id of one record. */
export function detectShape(record: unknown, fields: FieldOverrides = {}): RecordShape {
  const shape: RecordShape = { traces: [], shape: 'none' };
  if (typeof record === 'string') {
    // A bare string record is itself one output.
    shape.traces.push({ output: { path: [], text: record } });
    shape.shape = 'string';
    return shape;
  }
  if (!isObject(record)) return shape;

  const forced = overrides(record, fields.trace);
  if (forced.length) {
    const reasoning = overrides(record, fields.reasoning);
    shape.traces = forced.map((output, i) => ({
      output,
      ...(reasoning[i] ? { reasoning: reasoning[i] } : {}),
      ...(forced.length > 1 ? { index: i } : {}),
    }));
    shape.shape = 'fields';
  } else {
    detectTraces(record, shape);
    if (!shape.traces.length) inferTraces(record, shape);
  }
  const layout = detectLayout(record);
  if (layout) shape.layout = layout;

  const prompt = overrides(record, fields.prompt)[0];
  if (prompt) shape.prompt = prompt;
  else if (!shape.prompt) shape.prompt = detectPrompt(record);

  shape.groundTruth = overrides(record, fields.groundTruth)[0] ?? detectGroundTruth(record, shape);

  const id = overrides(record, fields.id)[0];
  if (id) shape.id = id.text;
  else {
    for (const key of ID_FIELDS) {
      const value = record[key];
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
        shape.id = String(value);
        break;
      }
    }
  }
  return shape;
}

function detectTraces(record: Record<string, unknown>, shape: RecordShape): void {
  // A group of generations for one problem (OpenR1-Math).
  const generations = record.generations;
  if (Array.isArray(generations) && generations.length && generations.every((g) => typeof g === 'string')) {
    shape.traces = generations.map((text, index) => ({ output: { path: ['generations', index], text: text as string }, index }));
    shape.shape = 'generations';
    return;
  }
  // The DeepSeek API: reasoning_content beside content, at the top, in message, or in choices[0].message.
  const split =
    splitMessage(record, []) ??
    splitMessage(record.message, ['message']) ??
    (Array.isArray(record.choices) ? splitMessage((record.choices[0] as Record<string, unknown>)?.message, ['choices', 0, 'message']) : undefined);
  if (split) {
    shape.traces = [split];
    shape.shape = 'split';
    return;
  }
  // Chat lists.
  for (const key of ['messages', 'conversations', 'conversation', 'dialog']) {
    const list = record[key];
    if (!Array.isArray(list)) continue;
    const chat = fromChat(list, [key]);
    if (chat) {
      Object.assign(shape, chat);
      shape.shape = key === 'messages' ? 'messages' : 'conversations';
      if (!shape.system) {
        const system = field(record, 'system');
        if (system) shape.system = system;
      }
      return;
    }
  }
  // TRL prompt/completion, where completion may be a chat list.
  if (Array.isArray(record.completion)) {
    const chat = fromChat(record.completion, ['completion']);
    if (chat) {
      shape.traces = chat.traces;
      if (Array.isArray(record.prompt)) {
        const prompt = fromChat([...record.prompt, { role: 'assistant', content: '' }], ['prompt']);
        if (prompt?.prompt) shape.prompt = prompt.prompt;
        if (prompt?.system) shape.system = prompt.system;
      }
      shape.shape = 'prompt-completion';
      return;
    }
  }
  // s1K: thinking_trajectories[0] is the thought, attempt the answer.
  const trajectories = record.thinking_trajectories;
  if (Array.isArray(trajectories) && typeof trajectories[0] === 'string') {
    const reasoning: FoundText = { path: ['thinking_trajectories', 0], text: trajectories[0] };
    const attempt = field(record, 'attempt');
    shape.traces = [attempt ? { output: attempt, reasoning } : { output: reasoning }];
    shape.shape = attempt ? 'split' : 'thinking_trajectories';
    return;
  }
  // Common single fields.
  const single = firstOf(record, SINGLE_TRACE_FIELDS);
  if (single) {
    shape.traces = [{ output: single }];
    shape.shape = single.path[0] as string;
    return;
  }
  // SkyThought evaluation logs: code[0].
  if (Array.isArray(record.code) && typeof record.code[0] === 'string') {
    shape.traces = [{ output: { path: ['code', 0], text: record.code[0] } }];
    shape.shape = 'code';
    return;
  }
  // OpenThoughts metadata: deepseek_reasoning + deepseek_solution.
  const dsReasoning = field(record, 'deepseek_reasoning');
  if (dsReasoning) {
    const solution = field(record, 'deepseek_solution');
    shape.traces = [solution ? { output: solution, reasoning: dsReasoning } : { output: dsReasoning }];
    shape.shape = 'split';
  }
}

function detectPrompt(record: Record<string, unknown>): FoundText | undefined {
  for (const key of PROMPT_FIELDS) {
    const value = record[key];
    if (typeof value === 'string') return { path: [key], text: value };
    if (isObject(value)) {
      // `question: {question: "...", ...}` (R1-V logs) and similar.
      for (const inner of PROMPT_FIELDS) {
        const found = field(value, inner, [key]);
        if (found) return found;
      }
    }
    if (Array.isArray(value)) {
      const chat = fromChat([...value, { role: 'assistant', content: '' }], [key]);
      if (chat?.prompt) return chat.prompt;
    }
  }
  return undefined;
}

/** A ground-truth value: a non-empty string, a finite number, or the first of a list of them. */
function truthAt(value: unknown, path: PathKey[]): FoundText | undefined {
  if (typeof value === 'string') return value.trim() ? { path, text: value } : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? { path, text: String(value) } : undefined;
  if (Array.isArray(value) && value.length) return truthAt(value[0], [...path, 0]);
  return undefined;
}

/** Keys that name a reference answer (`expected_answer`, `gold`, `label`, `target_solution`, …). */
const TRUTH_KEY = /answer|solution|gold|label|target|expected/i;
/** Keys among those that name something else: the model's own answer, a type, a format. */
const NOT_TRUTH_KEY = /extract|pred|model|generat|response|output|completion|trace|reason|think|text$|type|format|method|style|correct|length|tokens|count|score/i;
/** Keys that say "reference" outright come first. */
const SURE_TRUTH_KEY = /gold|expected|target|ground|reference|label/i;

function detectGroundTruth(record: Record<string, unknown>, shape: RecordShape): FoundText | undefined {
  // Never a field that is (or holds) a trace itself.
  const traceRoots = new Set(shape.traces.flatMap((t) => [t.output.path[0], t.reasoning?.path[0]]).filter((k) => typeof k === 'string'));
  const usable = (key: string) => !traceRoots.has(key);
  for (const key of GROUND_TRUTH_FIELDS) {
    if (!usable(key)) continue;
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return { path: [key], text: value };
    if (typeof value === 'number' && Number.isFinite(value)) return { path: [key], text: String(value) };
  }
  if (isObject(record.question)) {
    for (const key of GROUND_TRUTH_FIELDS) {
      const found = field(record.question, key, ['question']);
      if (found && found.text.trim()) return found;
    }
  }
  // verl: reward_model.ground_truth (a string, a number or a list of them).
  if (isObject(record.reward_model) && usable('reward_model')) {
    const found = truthAt(record.reward_model.ground_truth, ['reward_model', 'ground_truth']);
    if (found) return found;
  }
  // Any other key that names a reference answer, at the top and then one level down.
  const candidates = (object: Record<string, unknown>) =>
    Object.keys(object)
      .filter((key) => TRUTH_KEY.test(key) && !NOT_TRUTH_KEY.test(key))
      .sort((a, b) => Number(SURE_TRUTH_KEY.test(b)) - Number(SURE_TRUTH_KEY.test(a)));
  for (const key of candidates(record)) {
    if (!usable(key)) continue;
    const found = truthAt(record[key], [key]);
    if (found) return found;
  }
  for (const [outer, value] of Object.entries(record)) {
    if (!isObject(value) || !usable(outer)) continue;
    for (const key of candidates(value)) {
      const found = truthAt(value[key], [outer, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Markers that only a reasoning trace holds. */
const TRACE_MARKER = /<\/?think>|<answer>|<\/answer>|<\|(?:begin|end)_of_(?:thought|solution)\|>|<\/?reasoning>/;
/** Free text: long enough, and words (not a URL, an id, base64). */
const FREE_TEXT_CHARS = 200;
const NOT_TRACE_KEY = new Set([...PROMPT_FIELDS, ...GROUND_TRUTH_FIELDS, ...ID_FIELDS, 'system', 'system_prompt', 'instruction', 'context', 'problem_statement']);

function isFreeText(text: string): boolean {
  if (text.length < FREE_TEXT_CHARS) return false;
  let spaces = 0;
  for (let i = 0; i < text.length && spaces < 20; i++) if (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10) spaces++;
  return spaces >= 20 || /[\u3000-\u9fff]/.test(text.slice(0, 400));
}

/**
 * No known key holds a trace: pick the string field (or list of strings) whose values hold
 * trace markers, else the longest free text, leaving out the prompt, the ground truth and
 * ids. Looks at the record's own keys and one level into objects.
 */
function inferTraces(record: Record<string, unknown>, shape: RecordShape): void {
  type Candidate = { path: PathKey[]; texts: string[]; list: boolean; marked: boolean; length: number };
  const candidates: Candidate[] = [];
  const consider = (key: string, value: unknown, prefix: PathKey[]) => {
    if (NOT_TRACE_KEY.has(key) || (TRUTH_KEY.test(key) && !/response|output|completion|generat/i.test(key))) return;
    const path = [...prefix, key];
    if (typeof value === 'string') {
      candidates.push({ path, texts: [value], list: false, marked: TRACE_MARKER.test(value), length: value.length });
    } else if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string')) {
      const texts = value as string[];
      candidates.push({ path, texts, list: true, marked: texts.some((t) => TRACE_MARKER.test(t)), length: Math.max(...texts.map((t) => t.length)) });
    }
  };
  for (const [key, value] of Object.entries(record)) {
    if (isObject(value)) for (const [inner, v] of Object.entries(value)) consider(inner, v, [key]);
    else consider(key, value, []);
  }
  const marked = candidates.filter((c) => c.marked);
  const pool = marked.length ? marked : candidates.filter((c) => c.texts.some(isFreeText));
  if (!pool.length) return;
  const best = pool.reduce((a, b) => (b.length > a.length ? b : a));
  if (best.list) {
    shape.traces = best.texts.map((text, index) => ({ output: { path: [...best.path, index], text }, index }));
    shape.inferred = `${formatPath(best.path)}[*]`;
  } else {
    shape.traces = [{ output: { path: best.path, text: best.texts[0] } }];
    shape.inferred = formatPath(best.path);
  }
  shape.shape = 'inferred';
}

function isChatList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((m) => messageParts(m) !== undefined);
}

/** The training framework whose layout the record follows, if any. */
function detectLayout(record: Record<string, unknown>): Layout | undefined {
  if (typeof record.data_source === 'string' && (isObject(record.reward_model) || typeof record.ability === 'string')) return 'verl';
  if ('completion' in record && 'prompt' in record) {
    if (typeof record.prompt === 'string' && typeof record.completion === 'string') return 'trl-standard';
    if (isChatList(record.prompt) && isChatList(record.completion)) return 'trl-conversational';
  }
  if (typeof record.input === 'string' && (typeof record.output === 'string' || 'label' in record)) return 'openrlhf';
  return undefined;
}

/** Cheap test on a parsed value: is it a record that holds a trace? */
export function hasTrace(record: unknown): boolean {
  return detectShape(record).traces.length > 0;
}
