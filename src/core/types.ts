/**
 * Shared vocabulary of the CoT Trace engine. Everything in src/core is pure TypeScript
 * (no `vscode`, no Node-only APIs outside src/core/node), so the language server, the
 * CLI and the webviews run the very same code.
 *
 * Offsets: all offsets are UTF-16 code-unit offsets (JavaScript string indices).
 *  - "text offsets" index into a decoded piece of text (a trace, a prompt);
 *  - "source offsets" index into the document as the user sees it (a .cot file, a JSONL
 *    file). `MappedText.toSource` converts the first into the second, through JSON escapes.
 */
import type { Localized } from './messages/format';

/** Severity a finding is reported with. */
export type Severity = 'error' | 'warning' | 'info';
/** What a user may set per rule. */
export type SeveritySetting = Severity | 'off';

/** The reward signals the engine computes for every trace (names as in `cot-trace score`). */
export const REWARD_NAMES = [
  'format',
  'tag_count',
  'language',
  'accuracy',
  'reasoning_steps',
  'repetition',
  'overlong',
] as const;
export type RewardName = (typeof REWARD_NAMES)[number];

/** A reward that does not apply to a trace is `null` (e.g. accuracy without ground truth). */
export type Rewards = Record<RewardName, number | null>;

/**
 * The trace layouts the engine understands.
 *  - `r1`          `<think>…</think>` then a free-form answer (DeepSeek-R1 and its distills)
 *  - `r1-zero`     `<think>…</think><answer>…</answer>` (the R1-Zero RL template)
 *  - `openthoughts` `<|begin_of_thought|>…<|end_of_thought|><|begin_of_solution|>…<|end_of_solution|>`
 *  - `cold-start`  `|special_token|…|special_token|summary`
 *  - `reasoning`   `<reasoning>…</reasoning><answer>…</answer>` (TRL tutorials)
 *  - `prefilled`   R1 layout whose opening `<think>` was put in the prompt by the chat
 *                  template: the stored text starts inside the thought, only `</think>` shows
 *  - `split`       thought and answer in separate fields (`reasoning_content` + `content`)
 *  - `none`        no recognisable layout
 */
export const CONVENTIONS = [
  'r1',
  'r1-zero',
  'openthoughts',
  'cold-start',
  'reasoning',
  'prefilled',
  'split',
  'none',
] as const;
export type Convention = (typeof CONVENTIONS)[number];

/** A half-open range [start, end) of source offsets. */
export interface SourceSpan {
  start: number;
  end: number;
}

/**
 * A piece of text decoded from the document (a JSON string value, or a slice of a plain
 * file), with the way back to the characters the user sees.
 */
export interface MappedText {
  /** The decoded text (JSON escapes resolved). */
  readonly text: string;
  /**
   * Source offset of text offset `offset` (0 ≤ offset ≤ text.length). For an offset that
   * falls on a character written as an escape, the offset of the escape's first character;
   * `toSource(text.length)` is the offset just after the last character (before the
   * closing quote of a JSON string).
   */
  toSource(offset: number): number;
  /** Encode `text` the way it must be written at this place in the source (JSON-escape it inside a JSON string). */
  encode(text: string): string;
}

/** A text edit in the source document. */
export interface SourceEdit {
  span: SourceSpan;
  newText: string;
}

/** A proposed fix for a finding. `safe` fixes are applied by "fix all". */
export interface Fix {
  title: string;
  /** The title as a message of the catalogue (src/core/messages), to render it in another locale. */
  l10n?: Localized;
  edits: SourceEdit[];
  safe: boolean;
}

/** A problem found by a rule (or by reading the document), located in the source. */
export interface Finding {
  ruleId: string;
  /** The message in English (the CLI's and the reward server's output). */
  message: string;
  /** The message as an id of the catalogue (src/core/messages) and its arguments, to render it in another locale. */
  l10n?: Localized;
  severity: Severity;
  span: SourceSpan;
  /** Index of the record in the document (0-based). */
  recordIndex?: number;
  /** Index of the trace inside its record when the record holds several (`generations`). */
  traceIndex?: number;
  fixes?: Fix[];
}

/** Where a piece of a record came from, as a field path such as `messages[2].content`. */
export type FieldPath = string;

/** One model output to be checked. */
export interface TraceInput {
  /** The model output (or, for `split`, the final answer/content). */
  output: MappedText;
  /** The separate reasoning field (`reasoning_content`), when the record keeps one. */
  reasoning?: MappedText;
  /** Field path of `output`. */
  path: FieldPath;
  /** Position of this trace in its record's group (`generations[i]`), when there are several. */
  index?: number;
  /** Text that precedes the output in the prompt, when known (used to detect a prefilled `<think>`). */
  promptSuffix?: string;
}

/** A record of a dataset (one JSONL line, one element of a JSON array, or a whole .cot file). */
export interface RecordInput {
  /** 0-based index of the record in the document. */
  index: number;
  /** The record's extent in the source. */
  span: SourceSpan;
  /** 0-based line of `span.start`. */
  line: number;
  /** The record's id (`id`, `uuid`, `problem_id`, …) when it has one. */
  id?: string;
  /** The user prompt / question, when found. */
  prompt?: MappedText;
  /** The reference answer, when found. */
  groundTruth?: { text: string; path: FieldPath; span?: SourceSpan };
  /** The outputs to check (one, or a group for `generations: [...]`). */
  traces: TraceInput[];
  /** Problems found while reading the record itself (invalid JSON, no trace found, …). */
  problems: Finding[];
  /** The field the trace was read from when no known key held one and it was chosen by its content. */
  inferredTrace?: FieldPath;
  /** The training framework layout the record follows (`verl`, `trl-standard`, …), when recognised. */
  layout?: string;
}

/** A named section of a parsed trace, in text offsets of the trace's output. */
export interface TraceSection {
  kind: 'thought' | 'answer' | 'summary' | 'preamble' | 'trailing';
  /** Text offsets of the content (without tags). */
  start: number;
  end: number;
  /** Text offsets of the opening / closing markers when present. */
  open?: { start: number; end: number };
  close?: { start: number; end: number };
}

/** The result of checking one trace. */
export interface TraceResult {
  traceIndex?: number;
  path: FieldPath;
  convention: Convention;
  rewards: Rewards;
  /** Weighted sum of the non-null rewards. */
  total: number;
  weights: Partial<Record<RewardName, number>>;
  findings: Finding[];
  /** Source span of the whole output, and of its sections. */
  span: SourceSpan;
  sections: Array<{ kind: TraceSection['kind']; span: SourceSpan }>;
  /** Language mix of the thought: share of words per script/language, and the target. */
  language: { target: string; ratio: number | null; mix: Record<string, number> };
  /** The extracted final answer and how it compared with the ground truth. */
  answer: {
    extracted: string | null;
    span?: SourceSpan;
    expected?: string;
    correct: boolean | null;
    /** How the answer was found (`boxed`, `answer-tag`, `phrase`, `hashes`, `bold`, `math`, `sentence`). */
    method?: string;
    /** Both sides as compared. */
    normalized?: { answer: string; reference: string };
    /** Why they match, differ, or cannot be checked (English, as machine output shows it). */
    reason?: string;
    /** The same reason as a message of the catalogue, for the faces that render it in a locale. */
    why?: Localized;
  };
  /** Simple measurements, used by hovers, stats and review. */
  stats: { thoughtChars: number; answerChars: number; reflections: number; words: number };
}

/** The result of checking one record. */
export interface RecordResult {
  index: number;
  line: number;
  id?: string;
  span: SourceSpan;
  traces: TraceResult[];
  /** Record-level findings (reading problems) plus every trace finding, in source order. */
  findings: Finding[];
  /** The field the trace was read from when no known key held one (the record's `inferredTrace`). */
  inferredTrace?: FieldPath;
}

/**
 * The user-facing configuration, as written in `.cot-trace.json` (found by walking up from
 * the file), in the editor settings (`cotTrace.*`) and on the CLI. Every field is optional;
 * `resolveConfig` fills in the defaults from the rule metadata.
 */
export interface CotTraceConfig {
  /** Reward preset: `default`, or `open-r1` (open-r1's format / tag_count / reasoning_steps rules exactly). */
  preset?: 'default' | 'open-r1';
  /** Per-rule severity (`off` disables a rule), keyed by rule id. */
  rules?: Record<string, SeveritySetting | { severity?: SeveritySetting; [option: string]: unknown }>;
  /** Weights of the rewards in the total (TRL `reward_weights` style). Missing = the preset's default. */
  weights?: Partial<Record<RewardName, number>>;
  /** Target language of the chain of thought: `auto` (the prompt's language), or a code such as `en`, `zh`. */
  language?: string;
  /**
   * `auto`: the dataset's dominant convention (from its first traces) judges the outliers;
   * `per-trace`: every trace on its own; or one convention forced on every trace.
   */
  convention?: Convention | 'auto' | 'per-trace';
  /** Field paths (e.g. `results[*].model_output`) for datasets whose shape is not detected. */
  fields?: {
    trace?: string[];
    reasoning?: string[];
    prompt?: string[];
    groundTruth?: string[];
    id?: string[];
  };
  /** Soft overlong punishment (DAPO): maximum length and cache, in characters or tokens estimated from characters. */
  overlong?: { maxLength: number; cache: number; unit?: 'chars' | 'tokens' };
}

/** A config with every default filled in; what the engine runs with. */
export interface ResolvedConfig {
  preset: 'default' | 'open-r1';
  /** Effective severity of every known rule, and of the reader findings' ids (`invalid-json`, …). */
  severities: Record<string, SeveritySetting>;
  /** Options of every rule (metadata defaults merged with the user's). */
  ruleOptions: Record<string, Record<string, unknown>>;
  weights: Record<RewardName, number>;
  language: string;
  convention: Convention | 'auto' | 'per-trace';
  /** The dataset's dominant convention, set per dataset by `withDatasetConvention` (src/core/trace/datasetConvention.ts). */
  datasetConvention?: Convention;
  fields: Required<NonNullable<CotTraceConfig['fields']>>;
  overlong: { maxLength: number; cache: number; unit: 'chars' | 'tokens' };
}
