/**
 * The verdict on a trace's final answer, as the review panel and the dataset summary show it.
 * An answer that is not in `\boxed{}` (read from "the answer is …", a `####` line, a bold value
 * or the last math) is still checked: it is *unboxed*, a fact about its form, and shown apart
 * from *incorrect*, a fact about its value. A trace whose answer could not be found at all is
 * *no answer*, not *incorrect* either.
 */
import type { TraceResult } from '../types';

export type Verdict = 'correct' | 'unboxed-correct' | 'unboxed-incorrect' | 'incorrect' | 'no-answer' | 'unjudged';

export const VERDICTS: readonly Verdict[] = ['correct', 'unboxed-correct', 'unboxed-incorrect', 'incorrect', 'no-answer', 'unjudged'];

/** Methods that read the answer from a box or the answer tags; the others are "unboxed". */
const BOXED = new Set(['boxed', 'answer-tag']);

export const VERDICT_TEXT: Record<Verdict, string> = {
  correct: 'correct',
  'unboxed-correct': 'correct, not boxed',
  'unboxed-incorrect': 'incorrect, not boxed',
  incorrect: 'incorrect',
  'no-answer': 'no final answer found',
  unjudged: 'not judged (no ground truth)',
};

export function traceVerdict(answer: Pick<TraceResult['answer'], 'extracted' | 'expected' | 'correct' | 'method'>): Verdict {
  if (answer.expected === undefined) return 'unjudged';
  if (answer.extracted === null) return 'no-answer';
  if (answer.correct === null) return 'unjudged';
  const boxed = answer.method === undefined || BOXED.has(answer.method);
  if (answer.correct) return boxed ? 'correct' : 'unboxed-correct';
  return boxed ? 'incorrect' : 'unboxed-incorrect';
}

/** Worst first: a record with several traces shows its worst one. */
const RANK: Record<Verdict, number> = { incorrect: 0, 'unboxed-incorrect': 1, 'no-answer': 2, 'unboxed-correct': 3, correct: 4, unjudged: 5 };

export function recordVerdict(verdicts: readonly Verdict[]): Verdict {
  let worst: Verdict = 'unjudged';
  for (const v of verdicts) if (RANK[v] < RANK[worst]) worst = v;
  return worst;
}

/** True / false for a verdict that says whether the value is right; null otherwise. */
export function verdictCorrect(v: Verdict): boolean | null {
  if (v === 'correct' || v === 'unboxed-correct') return true;
  if (v === 'incorrect' || v === 'unboxed-incorrect') return false;
  return null;
}

export const isUnboxed = (v: Verdict) => v === 'unboxed-correct' || v === 'unboxed-incorrect';
