/**
 * Compact summary rows of a dataset under review (one per record), and the filters and sort
 * orders of the review panel. The panel filters these rows; records themselves are fetched
 * one at a time.
 */
import { meanTotal } from '../breakdown';
import type { RecordResult } from '../types';
import type { Localized } from '../messages';
import type { Decision, RecordDecision } from './sidecar';
import type { DatasetColumns } from './columns';
import { isUnboxed, recordVerdict, traceVerdict, verdictCorrect, type Verdict } from '../answer/verdict';

export interface ReviewRow {
  /** 0-based record index. */
  index: number;
  /** 0-based line of the record in the file. */
  line: number;
  /** Mean total reward of the record's traces; null when not scored (yet, or unreadable). */
  total: number | null;
  /** Ids of the rules reporting a problem on the record (sorted, unique). */
  failing: string[];
  /** Length of the record's model output(s), in characters. */
  length: number;
  /** True / false when the answer was judged against a ground truth (all traces correct), else null. */
  correct: boolean | null;
  decision: Decision | null;
  labels: string[];
  /** The decision was taken on an earlier version of the record. */
  stale?: boolean;
  /** The record has been scored. */
  scored: boolean;
  /** The record's own id, when it has one. */
  id?: string;
  /** Our verdict on the final answer (the worst trace's, for a group). */
  verdict?: Verdict;
  /** The first finding, `rule-id: message`, shortened. */
  first?: string;
  /** The first finding's rule and message id and arguments, for a page that shows it in another locale. */
  firstRule?: string;
  firstL10n?: Localized;
  /** What the dataset's own correctness label says (true / false), when it has one. */
  theirs?: boolean | null;
  /** The dataset's label and our verdict disagree on whether the answer is right. */
  disagree?: boolean;
}

/** The row of a record not scored yet. */
export function emptyRow(index: number, line: number): ReviewRow {
  return { index, line, total: null, failing: [], length: 0, correct: null, decision: null, labels: [], scored: false };
}

/** The row of a scored record. */
export function rowFromResult(result: RecordResult, columns?: DatasetColumns): ReviewRow {
  const failing = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const judged = result.traces.filter((t) => t.answer.correct !== null);
  const length = result.traces.reduce((sum, t) => sum + t.stats.thoughtChars + t.stats.answerChars, 0);
  const verdict = recordVerdict(result.traces.map((t) => traceVerdict(t.answer)));
  const row: ReviewRow = {
    index: result.index,
    line: result.line,
    total: meanTotal(result),
    failing,
    length,
    correct: judged.length ? judged.every((t) => t.answer.correct) : null,
    decision: null,
    labels: [],
    scored: true,
    verdict,
  };
  if (result.id !== undefined) row.id = result.id;
  const f = result.findings[0];
  if (f) {
    row.first = `${f.ruleId}: ${shorten(f.message)}`;
    row.firstRule = f.ruleId;
    if (f.l10n) row.firstL10n = f.l10n;
  }
  const theirs = columns?.label?.correct;
  if (theirs !== undefined) {
    row.theirs = theirs;
    const ours = verdictCorrect(verdict);
    row.disagree = theirs !== null && ours !== null && theirs !== ours;
  }
  return row;
}

/** Copies a decision onto a row. */
export function withDecision(row: ReviewRow, decision: RecordDecision | undefined): ReviewRow {
  return {
    ...row,
    decision: decision?.decision ?? null,
    labels: decision?.labels ?? [],
    ...(decision?.match === 'stale' ? { stale: true } : { stale: undefined }),
  };
}

export type DecisionFilter = Decision | 'undecided' | 'stale' | 'any';

export interface RowFilter {
  /** Keep records on which this rule reports a problem (`none` = records with no problem). */
  ruleFailing?: string;
  minReward?: number;
  maxReward?: number;
  decision?: DecisionFilter;
  minLength?: number;
  maxLength?: number;
  label?: string;
  /** Keep only these record indices (e.g. the hits of a text search). */
  only?: ReadonlySet<number>;
  /** Keep records with this verdict (`unboxed` = either unboxed verdict). */
  verdict?: Verdict | 'unboxed';
  /** Keep records whose dataset label disagrees with our verdict. */
  disagree?: boolean;
}

export type SortKey = 'index' | 'reward-asc' | 'reward-desc' | 'length-asc' | 'length-desc' | 'failing-desc';

export function rowMatches(row: ReviewRow, filter: RowFilter): boolean {
  if (filter.ruleFailing) {
    if (filter.ruleFailing === 'none' ? row.failing.length > 0 : !row.failing.includes(filter.ruleFailing)) return false;
  }
  if (filter.minReward !== undefined && (row.total === null || row.total < filter.minReward)) return false;
  if (filter.maxReward !== undefined && (row.total === null || row.total > filter.maxReward)) return false;
  if (filter.minLength !== undefined && row.length < filter.minLength) return false;
  if (filter.maxLength !== undefined && row.length > filter.maxLength) return false;
  if (filter.decision && filter.decision !== 'any') {
    if (filter.decision === 'undecided' ? row.decision !== null : filter.decision === 'stale' ? !row.stale : row.decision !== filter.decision) return false;
  }
  if (filter.label && !row.labels.includes(filter.label)) return false;
  if (filter.only && !filter.only.has(row.index)) return false;
  if (filter.verdict) {
    if (!row.verdict) return false;
    if (filter.verdict === 'unboxed' ? !isUnboxed(row.verdict) : row.verdict !== filter.verdict) return false;
  }
  if (filter.disagree && !row.disagree) return false;
  return true;
}

const byIndex = (a: ReviewRow, b: ReviewRow) => a.index - b.index;
/** Unscored rows sort last whatever the direction. */
function byReward(direction: 1 | -1) {
  return (a: ReviewRow, b: ReviewRow) => {
    if (a.total === null || b.total === null) return (a.total === null ? 1 : 0) - (b.total === null ? 1 : 0) || byIndex(a, b);
    return direction * (a.total - b.total) || byIndex(a, b);
  };
}

/** Indices of the rows passing `filter`, in `sort` order. */
export function filterRows(rows: readonly ReviewRow[], filter: RowFilter, sort: SortKey = 'index'): number[] {
  const kept = rows.filter((row) => rowMatches(row, filter));
  switch (sort) {
    case 'reward-asc':
      kept.sort(byReward(1));
      break;
    case 'reward-desc':
      kept.sort(byReward(-1));
      break;
    case 'length-asc':
      kept.sort((a, b) => a.length - b.length || byIndex(a, b));
      break;
    case 'length-desc':
      kept.sort((a, b) => b.length - a.length || byIndex(a, b));
      break;
    case 'failing-desc':
      kept.sort((a, b) => b.failing.length - a.failing.length || byIndex(a, b));
      break;
    default:
      kept.sort(byIndex);
  }
  return kept.map((row) => row.index);
}

/** A finding's message as the list of records shows it: at most 90 characters. */
export function shorten(message: string): string {
  return message.length > 90 ? `${message.slice(0, 89)}…` : message;
}

/** The first record with no decision (in file order), or undefined when all are decided. */
export function firstUndecided(rows: readonly ReviewRow[]): number | undefined {
  return rows.find((r) => r.decision === null)?.index;
}

export interface Progress {
  total: number;
  done: number;
  accept: number;
  reject: number;
  skip: number;
  stale: number;
}

/** Done / total and counts per decision. */
export function reviewProgress(rows: readonly ReviewRow[]): Progress {
  const p: Progress = { total: rows.length, done: 0, accept: 0, reject: 0, skip: 0, stale: 0 };
  for (const row of rows) {
    if (row.decision) {
      p.done++;
      p[row.decision]++;
    }
    if (row.stale) p.stale++;
  }
  return p;
}
