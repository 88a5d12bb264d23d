import type { RewardName, Rewards } from '../types';
import type { ResolvedConfig } from '../types';
import type { ParsedTrace } from '../trace/parse';
import type { TraceAnalysis } from '../trace/analysis';
import { markerText } from '../trace/markers';
import {
  countOccurrences,
  countSteps,
  openR1Format,
  openR1ReasoningSteps,
  openR1TagCount,
  repetitionOf,
  softOverlong,
} from './openr1';

export * from './openr1';

/**
 * The default format reward: 1 when the trace follows its convention completely — a thought
 * opened and closed once, nothing before it, an answer after it (closed when its layout has
 * answer markers), nothing after the answer, no stray, nested or repeated markers — else 0.
 */
export function structuralFormat(parsed: ParsedTrace): number {
  const { thought, answer } = parsed;
  if (!thought || !answer) return 0;
  if (parsed.thoughtUnclosed || parsed.truncated || parsed.misordered) return 0;
  if (parsed.preamble || parsed.trailing || parsed.anomalies.length > 0) return 0;
  if (answer.open && !answer.close) return 0;
  return /\S/.test(parsed.text.slice(answer.start, answer.end)) ? 1 : 0;
}

/**
 * The default tag-count reward, open-r1's idea for every convention: each marker the layout
 * expects scores an equal share when it occurs exactly once (cold start: the special token
 * exactly twice). Traces without markers (`split`) get null, `none` gets 0.
 */
export function structuralTagCount(parsed: ParsedTrace): number | null {
  const { convention, text } = parsed;
  if (convention === 'split') return null;
  if (convention === 'none') return 0;
  if (convention === 'cold-start') return countOccurrences(text, markerText('special', 'open')) === 2 ? 1 : 0;
  const expected: string[] = [];
  const { thought, answer } = parsed.layout;
  if (thought) {
    if (convention !== 'prefilled') expected.push(markerText(thought, 'open'));
    expected.push(markerText(thought, 'close'));
  }
  if (answer) expected.push(markerText(answer, 'open'), markerText(answer, 'close'));
  if (expected.length === 0) return 0;
  let score = 0;
  for (const marker of expected) if (countOccurrences(text, marker) === 1) score += 1 / expected.length;
  return Math.round(score * 1e12) / 1e12;
}

/** All rewards of one trace. */
export function computeRewards(
  parsed: ParsedTrace,
  analysis: TraceAnalysis,
  config: ResolvedConfig,
  repetitionOptions: { ngramSize: number; maxPenalty: number },
): Rewards {
  const text = parsed.text;
  const openR1 = config.preset === 'open-r1';
  const thought = analysis.thoughtRange;
  const { maxLength, cache } = config.overlong;
  const length = analysis.overlongLength;
  return {
    format: openR1 ? openR1Format(text) : structuralFormat(parsed),
    tag_count: openR1 ? openR1TagCount(text) : structuralTagCount(parsed),
    language: analysis.language.ratio,
    accuracy: analysis.answer.correct === null ? null : analysis.answer.correct ? 1 : 0,
    reasoning_steps: openR1
      ? openR1ReasoningSteps(text)
      : Math.min(1, countSteps(text.slice(thought.start, thought.end)) / 3),
    repetition: repetitionOf(analysis.scan, repetitionOptions.ngramSize, repetitionOptions.maxPenalty),
    overlong: softOverlong(length, maxLength, cache),
  };
}

/** Weighted sum of the non-null rewards. */
export function weightedTotal(rewards: Rewards, weights: Record<RewardName, number>): number {
  let total = 0;
  for (const name of Object.keys(rewards) as RewardName[]) {
    const value = rewards[name];
    const weight = weights[name] ?? 0;
    if (value !== null && weight !== 0) total += weight * value;
  }
  return total;
}
