import { isObject, parseFieldPath, resolvePath, type PathKey } from '../json/path';

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
}

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
  }

  const prompt = overrides(record, fields.prompt)[0];
  if (prompt) shape.prompt = prompt;
  else if (!shape.prompt) shape.prompt = detectPrompt(record);

  shape.groundTruth = overrides(record, fields.groundTruth)[0] ?? detectGroundTruth(record);

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

function detectGroundTruth(record: Record<string, unknown>): FoundText | undefined {
  for (const key of GROUND_TRUTH_FIELDS) {
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
  return undefined;
}

/** Cheap test on a parsed value: is it a record that holds a trace? */
export function hasTrace(record: unknown): boolean {
  return detectShape(record).traces.length > 0;
}
