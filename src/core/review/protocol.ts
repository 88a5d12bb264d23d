/**
 * Messages between the review / dataset-summary panels and the extension host. The host
 * keeps the dataset; the review page only ever holds one record plus a compact row per record.
 */
import type { Convention, RewardName, Severity } from '../types';
import type { ReviewRow } from './rows';
import type { Decision } from './sidecar';
import type { DatasetStats } from './stats';
import type { DatasetColumns } from './columns';
import type { Verdict } from '../answer/verdict';
import type { Localized } from '../messages';

export interface TraceView {
  path: string;
  convention: Convention;
  /** Text before the thought, the thought and the answer (decoded), when the layout has them. */
  preamble?: string;
  thought?: string;
  answer?: string;
  /** The whole output when it has no recognisable sections. */
  raw?: string;
  thoughtOpen?: string;
  thoughtClose?: string;
  rewards: Record<RewardName, number | null>;
  weights: Partial<Record<RewardName, number>>;
  total: number;
  extracted: string | null;
  expected?: string;
  correct: boolean | null;
  /** Our verdict: correct / incorrect, each boxed or not, no answer, not judged. */
  verdict: Verdict;
  /** How the answer was found (`boxed`, `answer-tag`, `phrase`, …). */
  method?: string;
  /** Both sides as compared (normalised), and why they match or not. */
  normalized?: { answer: string; reference: string };
  reason?: string;
  /** The reason as a message of the catalogue (the page renders it in its locale). */
  why?: Localized;
  language: { target: string; ratio: number | null; mix: Record<string, number> };
  stats: { thoughtChars: number; answerChars: number; reflections: number; words: number };
}

export interface FindingView {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The message's id and arguments in the engine's catalogue, to show it in the page's locale. */
  l10n?: Localized;
  trace?: number;
}

export interface RecordView {
  index: number;
  line: number;
  id?: string;
  prompt?: string;
  groundTruth?: string;
  traces: TraceView[];
  findings: FindingView[];
  decision: Decision | null;
  labels: string[];
  comment: string;
  stale: boolean;
  /** The dataset's own columns (its label, extracted answer, level, tokens, model). */
  columns?: DatasetColumns;
}

/** A filter set from outside the page (a click in the dataset summary). */
export interface ReviewFilterRequest {
  rule?: string;
  minReward?: number;
  maxReward?: number;
  verdict?: string;
  disagree?: boolean;
  /** A short description shown above the records ("reward 1–1.5 in the summary"). */
  note?: string;
}

export interface BulkItem {
  index: number;
  decision: Decision | null;
  labels: string[];
}

/**
 * No known key held the traces: the field the reader chose by what the values hold (most
 * records' choice), over how many of the records read so far, and the lines that pin it.
 */
export interface InferredFieldNote {
  field: string;
  records: number;
  of: number;
  /** For the editor's settings.json: `"cotTrace.fields": {"trace": ["…"]}`. */
  setting: string;
  /** For `.cot-trace.json`: `{"fields":{"trace":["…"]}}`. */
  config: string;
}

export type ReviewToPage =
  | { type: 'init'; file: string; path: string; total: number; labels: string[]; rules: string[]; sidecar: string; kind: 'jsonl' | 'json'; position?: number; reviewer?: string; inferred?: InferredFieldNote }
  | { type: 'inferred'; inferred: InferredFieldNote }
  | { type: 'progress'; phase: 'index' | 'score' | 'done'; done: number; total: number; note?: string }
  | { type: 'rows'; rows: ReviewRow[] }
  | { type: 'record'; view: RecordView }
  | { type: 'search'; query: string; hits: number[] }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string }
  | { type: 'filter'; filter: ReviewFilterRequest }
  | { type: 'guidelines'; name: string; markdown: string }
  | { type: 'undoable'; count: number; what?: string };

export type ReviewFromPage =
  | { type: 'ready' }
  | { type: 'get'; index: number }
  | { type: 'decide'; index: number; decision: Decision | null; labels: string[]; comment: string }
  | { type: 'reveal'; index: number }
  | { type: 'search'; query: string }
  | { type: 'export'; indices: number[]; what: 'accepted' | 'filtered' }
  | { type: 'compact' }
  | { type: 'bulk'; items: BulkItem[]; what: string }
  | { type: 'undo' };

export interface ReviewPageState {
  /** Record being viewed. */
  position?: number;
  /** Dataset under review (reopened when the window reloads). */
  path?: string;
  filter?: Record<string, string>;
  /** Which folding parts are open (controls, list). */
  open?: Record<string, boolean>;
}

export type StatsToPage =
  | { type: 'progress'; file: string; done: number; total: number; fileIndex: number; files: number }
  | { type: 'stats'; stats: DatasetStats[]; errors: string[] };

export type StatsFromPage = { type: 'ready' } | { type: 'exportHtml' } | { type: 'openRecords'; file: number; filter: ReviewFilterRequest };
