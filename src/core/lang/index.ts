import { SCRIPTS, SCRIPT_COUNT, type Script, type WordCollector, guessLanguage, mayHaveOtherScripts, scanWords, scriptsOf } from './script';

export { SCRIPTS, type Script, scanWords, scriptsOf, guessLanguage, mayHaveOtherScripts } from './script';

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

/**
 * Counts words per script in `text[start, end)` and the share written in the target's
 * scripts. With `offTarget` (made for the same target), the same scan also collects the
 * off-target spans.
 */
export function measureLanguage(text: string, start: number, end: number, target: string, offTarget?: OffTargetCollector): LanguageMix {
  // A target of one script and no letter of any other: every word is the target's, so the
  // ratio is 1 (null without words), the mix that one script and there is nothing off target.
  // One word decides; the words are counted only when the count is read.
  const scripts = scriptsOf(target) ?? [];
  if (scripts.length === 1 && !mayHaveOffTarget(text, start, end, target)) {
    const any = scanWords(text, start, end, new Int32Array(SCRIPT_COUNT), undefined, undefined, 1) > 0;
    return new SingleScriptMix(target, any ? { [scripts[0]]: 1 } : {}, text, start, end, any);
  }
  return countLanguage(text, start, end, target, offTarget);
}

/** The language mix of a text written in its target's one script; the words are counted on first read. */
class SingleScriptMix implements LanguageMix {
  readonly ratio: number | null;
  private count = -1;

  constructor(
    readonly target: string,
    readonly mix: Record<string, number>,
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    any: boolean,
  ) {
    this.ratio = any ? 1 : null;
    if (!any) this.count = 0;
  }

  get words(): number {
    if (this.count < 0) this.count = scanWords(this.text, this.start, this.end, new Int32Array(SCRIPT_COUNT));
    return this.count;
  }

  get targetWords(): number {
    return this.words;
  }
}

/** `measureLanguage` without the shortcut: every word scanned and counted (the reference the shortcut is tested against). */
export function countLanguage(text: string, start: number, end: number, target: string, offTarget?: OffTargetCollector): LanguageMix {
  const counts = new Int32Array(SCRIPT_COUNT);
  const words = scanWords(text, start, end, counts, undefined, offTarget);
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

/**
 * False when `text[start, end)` surely has no word outside the target's scripts (so its
 * ratio is 1, or null without words): no letter of another script occurs at all.
 */
export function mayHaveOffTarget(text: string, start: number, end: number, target: string): boolean {
  let mask = masks.get(target);
  if (!mask) masks.set(target, (mask = targetMask(scriptsOf(target) ?? [])));
  return mayHaveOtherScripts(text, start, end, mask);
}

const masks = new Map<string, boolean[]>();

/** A stretch of consecutive off-target words (no target word in between). */
export interface OffTargetSpan {
  start: number;
  end: number;
  words: number;
  script: Script;
}

/**
 * Gathers the off-target spans of a word scan: adjacent off-target words merge into one
 * span until a target-language word intervenes; keeps the first `max` spans and counts all.
 */
export class OffTargetCollector implements WordCollector {
  readonly spans: OffTargetSpan[] = [];
  total = 0;
  private current: OffTargetSpan | undefined;
  private readonly mask: boolean[];

  constructor(
    target: string,
    readonly max: number,
  ) {
    this.mask = targetMask(scriptsOf(target) ?? []);
  }

  add(script: number, start: number, end: number): void {
    if (this.mask[script]) {
      this.current = undefined;
      return;
    }
    const current = this.current;
    if (current) {
      current.end = end;
      current.words++;
      return;
    }
    this.total++;
    const span: OffTargetSpan = { start, end, words: 1, script: SCRIPTS[script] };
    this.current = span;
    if (this.spans.length < this.max) this.spans.push(span);
  }
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
  const collector = new OffTargetCollector(target, max);
  scanWords(text, start, end, new Int32Array(SCRIPT_COUNT), undefined, collector);
  return { spans: collector.spans, total: collector.total };
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
