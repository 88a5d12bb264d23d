import { SCRIPTS, SCRIPT_COUNT, type Script, guessLanguage, scanWords, scriptsOf } from './script';

export { SCRIPTS, type Script, scanWords, scriptsOf, guessLanguage } from './script';

/** The language mix of a piece of text against a target. */
export interface LanguageMix {
  /** Language code (or script name) the text should be written in. */
  target: string;
  /** Words in the target's scripts / all words; null when the text has no words. */
  ratio: number | null;
  /** Share of words per script (only scripts that occur). */
  mix: Record<string, number>;
  words: number;
  targetWords: number;
}

function targetMask(scripts: readonly Script[]): boolean[] {
  return SCRIPTS.map((s) => scripts.includes(s));
}

/** Counts words per script in `text[start, end)` and the share written in the target's scripts. */
export function measureLanguage(text: string, start: number, end: number, target: string): LanguageMix {
  const counts = new Int32Array(SCRIPT_COUNT);
  const words = scanWords(text, start, end, counts);
  const mask = targetMask(scriptsOf(target) ?? []);
  let targetWords = 0;
  const mix: Record<string, number> = {};
  for (let s = 0; s < SCRIPT_COUNT; s++) {
    if (counts[s] === 0) continue;
    if (mask[s]) targetWords += counts[s];
    mix[SCRIPTS[s]] = counts[s] / words;
  }
  return { target, ratio: words === 0 ? null : targetWords / words, mix, words, targetWords };
}

/** A stretch of consecutive off-target words (no target word in between). */
export interface OffTargetSpan {
  start: number;
  end: number;
  words: number;
  script: Script;
}

/**
 * The stretches of `text[start, end)` written in scripts other than the target's. Adjacent
 * off-target words merge into one span until a target-language word intervenes. Stops
 * collecting after `max` spans (the count of all spans is still returned).
 */
export function offTargetSpans(
  text: string,
  start: number,
  end: number,
  target: string,
  max: number,
): { spans: OffTargetSpan[]; total: number } {
  const mask = targetMask(scriptsOf(target) ?? []);
  const spans: OffTargetSpan[] = [];
  let total = 0;
  let current: OffTargetSpan | undefined;
  const counts = new Int32Array(SCRIPT_COUNT);
  scanWords(text, start, end, counts, (script, s, e) => {
    if (mask[script]) {
      current = undefined;
      return;
    }
    if (current) {
      current.end = e;
      current.words++;
      return;
    }
    total++;
    current = { start: s, end: e, words: 1, script: SCRIPTS[script] };
    if (spans.length < max) spans.push(current);
  });
  return { spans, total };
}

/**
 * The target language for `auto`: the prompt's language, else the answer's, else the
 * thought's own dominant language, else English.
 */
export function autoTarget(candidates: Array<{ text: string; start?: number; end?: number } | undefined>): string {
  for (const c of candidates) {
    if (!c) continue;
    const found = guessLanguage(c.text, c.start ?? 0, c.end ?? c.text.length);
    if (found) return found;
  }
  return 'en';
}
