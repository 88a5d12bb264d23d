import type { Convention, RecordInput, RewardName, SeveritySetting, TraceInput } from '../types';
import type { ResolvedConfig } from '../types';
import type { ParsedTrace } from '../trace/parse';
import type { TraceAnalysis } from '../trace/analysis';
import type { Text } from '../messages';

export type RuleTag = 'format' | 'language' | 'accuracy' | 'readability';

/** One option of a rule: default, JSON schema, and what it does. */
export interface RuleOption {
  default: unknown;
  schema: Record<string, unknown>;
  description: string;
}

/** Everything known about a rule besides its code: the source of the docs, the schema and the settings. */
// A type alias (not an interface) so that it stays assignable to `Record<string, unknown>`.
export type RuleMeta = {
  /** kebab-case identifier, as used in `.cot-trace.json` and in findings. */
  id: string;
  title: string;
  /** One sentence: what the rule reports. */
  description: string;
  /** Simplified Chinese title and description (settings and, later, the language server); the rule page stays English. */
  zh: { title: string; description: string };
  /** Severity when the user sets nothing. */
  severity: SeveritySetting;
  /** The reward the rule's check feeds (its findings explain that reward), or null. */
  reward: RewardName | null;
  tags: RuleTag[];
  /** The trace conventions the rule applies to. */
  conventions: readonly Convention[];
  options: Record<string, RuleOption>;
  /** Markdown body of docs/rules/<id>.md: what it checks, why (R1 background), bad/good examples. */
  docs: string;
};

/** An edit in text offsets of the trace, turned into a source edit by the engine. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * What a rule reports: a message of the catalogue (`msg(id, args)` from src/core/messages, so
 * that every finding can be shown in every locale), where, and perhaps a fix.
 */
export interface Report extends Text {
  start: number;
  end: number;
  fix?: { title: Text; edits: TextEdit[]; safe: boolean };
}

/** What a rule sees of one trace. */
export interface RuleContext {
  /** The trace's text (for `split`, reasoning + "\n" + answer). */
  text: string;
  parsed: ParsedTrace;
  analysis: TraceAnalysis;
  record: RecordInput;
  trace: TraceInput;
  config: ResolvedConfig;
  /** This rule's options (defaults merged with the user's). */
  options: Record<string, unknown>;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Every convention that has a chain of thought. */
export const THOUGHT_CONVENTIONS: readonly Convention[] = [
  'r1',
  'r1-zero',
  'openthoughts',
  'cold-start',
  'reasoning',
  'prefilled',
  'split',
];
/** Conventions whose markers are written in the text. */
export const TAGGED_CONVENTIONS: readonly Convention[] = ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled'];
export const ALL_CONVENTIONS: readonly Convention[] = [...THOUGHT_CONVENTIONS, 'none'];

export function numberOption(options: Record<string, unknown>, name: string, fallback: number): number {
  const v = options[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
