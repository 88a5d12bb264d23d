import type { RecordInput, TraceInput } from '../types';
import type { ResolvedConfig } from '../types';
import { autoTarget, mayHaveOffTarget, measureLanguage, OffTargetCollector, offTargetSpans, type LanguageMix, type OffTargetSpan } from '../lang';
import { lastBoxed, referenceAnswer, sentenceAnswer, unboxedAnswer, type AnswerMethod } from '../answer/extract';
import { compareAnswers, isWordAnswer, referenceParses } from '../answer/compare';
import { estimateTokens } from '../text/tokens';
import type { ParsedTrace } from './parse';
import { TextScan } from './scan';
import { ref, render, type Localized } from '../messages';

/** The final answer of a trace and how it compares with the record's reference. */
export interface AnswerCheck {
  /** The extracted answer, or null when none could be found. */
  extracted: string | null;
  /** Text offsets of the extracted answer. */
  start?: number;
  end?: number;
  /** The reference answer (from the ground truth), when the record has one. */
  expected?: string;
  /** 1 right, 0 wrong (or no answer), null when there is no reference to check against. */
  correct: boolean | null;
  /** How the answer was found. */
  method?: AnswerMethod;
  /** Both sides as compared, and why they match or not. */
  normalized?: { answer: string; reference: string };
  reason?: string;
  /** The reason as a message of the catalogue, to render in the user's locale. */
  why?: Localized;
}

/**
 * Facts about one trace that several rules and rewards need, each computed at most once and
 * only when asked for.
 */
export class TraceAnalysis {
  private languageMix?: LanguageMix;
  private answerCheck?: AnswerCheck;
  private target?: string;

  constructor(
    readonly text: string,
    readonly parsed: ParsedTrace,
    readonly record: RecordInput,
    readonly trace: TraceInput,
    readonly config: ResolvedConfig,
    /** The words will be needed too (rewards are computed): the first pass over the text collects them with the sentences. */
    private readonly withWords = false,
  ) {}

  private textScan?: TextScan;

  /** Sentences and words of the whole text, one pass shared by `repetition-loop` and the repetition reward. */
  get scan(): TextScan {
    return (this.textScan ??= new TextScan(this.text, this.withWords));
  }

  private measuredLength?: number;

  /** Length of the whole output in the overlong unit (tokens are estimated once, only for long texts). */
  get overlongLength(): number {
    if (this.measuredLength === undefined) {
      const { maxLength, cache, unit } = this.config.overlong;
      this.measuredLength = unit === 'tokens' && this.text.length > maxLength - cache ? estimateTokens(this.text) : this.text.length;
    }
    return this.measuredLength;
  }

  /** The range of the chain of thought (empty when the trace has none). */
  get thoughtRange(): { start: number; end: number } {
    return this.parsed.thought ?? { start: 0, end: 0 };
  }

  /** The target language of the chain of thought (resolving `auto`). */
  get targetLanguage(): string {
    if (this.target === undefined) {
      const setting = this.config.language;
      if (setting && setting !== 'auto') this.target = setting;
      else {
        const answer = this.parsed.answer;
        this.target = autoTarget([
          this.record.prompt ? { text: this.record.prompt.text } : undefined,
          answer ? { text: this.text, start: answer.start, end: answer.end } : undefined,
          { text: this.text, start: this.thoughtRange.start, end: this.thoughtRange.end },
        ]);
      }
    }
    return this.target;
  }

  private offTarget?: OffTargetCollector;

  /**
   * The language mix of the chain of thought. The same scan gathers the off-target spans the
   * language-mixing rule reports (as many as its `maxReports` option asks for).
   */
  get language(): LanguageMix {
    if (!this.languageMix) {
      const { start, end } = this.thoughtRange;
      const target = this.targetLanguage;
      const max = this.config.ruleOptions['language-mixing']?.maxReports;
      this.offTarget = new OffTargetCollector(target, Math.max(1, typeof max === 'number' && Number.isFinite(max) ? max : 10));
      this.languageMix = measureLanguage(this.text, start, end, target, this.offTarget);
    }
    return this.languageMix;
  }

  /**
   * False when the thought surely holds no word outside the target language (no letter of
   * another script occurs in it), so its language ratio is 1 or null: lets a rule skip the
   * word scan. True means "maybe".
   */
  get mayMixLanguages(): boolean {
    if (this.languageMix) return this.languageMix.ratio !== null && this.languageMix.ratio < 1;
    const { start, end } = this.thoughtRange;
    return mayHaveOffTarget(this.text, start, end, this.targetLanguage);
  }

  /** The first `max` stretches of the thought outside the target language, and how many there are. */
  offTargetSpans(max: number): { spans: OffTargetSpan[]; total: number } {
    const collected = this.language && this.offTarget;
    if (collected && collected.max >= max) return { spans: collected.spans.slice(0, max), total: collected.total };
    const { start, end } = this.thoughtRange;
    return offTargetSpans(this.text, start, end, this.targetLanguage, max);
  }

  /** The final answer and its comparison with the ground truth. */
  get answer(): AnswerCheck {
    if (!this.answerCheck) this.answerCheck = this.checkAnswer();
    return this.answerCheck;
  }

  private checkAnswer(): AnswerCheck {
    const { parsed, text } = this;
    const result: AnswerCheck = { extracted: null, correct: null };
    const part = parsed.answer;
    const truth = this.record.groundTruth?.text;
    const expected = truth !== undefined && truth.trim() !== '' ? referenceAnswer(truth) : undefined;
    const question = this.record.prompt?.text;
    // A word or a name from the final sentence only when the reference is one (or there is none).
    const words = expected === undefined ? 'word' : isWordAnswer(expected);
    if (part) {
      const boxed = lastBoxed(text, part.start, part.end);
      if (boxed) {
        result.extracted = boxed.value.trim();
        result.start = boxed.start;
        result.end = boxed.end;
        result.method = 'boxed';
      } else if (part.open && (parsed.layout.answer === 'answer' || parsed.layout.answer === 'solution')) {
        // `<answer>42</answer>`: the tag content is the answer; a longer one is searched like
        // a free-form answer ("the answer is …", its last math).
        if (parsed.layout.answer === 'answer') {
          let s = part.start;
          let e = part.end;
          while (s < e && /\s/.test(text[s])) s++;
          while (e > s && /\s/.test(text[e - 1])) e--;
          if (e > s && e - s <= 200 && !/[.。]\s/.test(text.slice(s, e))) {
            // `<answer>So the winner is Evelyn.</answer>` for a word reference: the name it states.
            const stated = words && !parsed.truncated && /\s/.test(text.slice(s, e)) ? sentenceAnswer(text, s, e, words) : undefined;
            result.extracted = stated ? stated.value : text.slice(s, e);
            result.start = stated ? stated.start : s;
            result.end = stated ? stated.end : e;
            result.method = 'answer-tag';
          }
        }
      }
      if (result.extracted === null && !parsed.truncated) {
        // Never from a trace that was cut off, never from the thought.
        const found = unboxedAnswer(text, part.start, part.end, words);
        if (found) {
          result.extracted = found.value;
          result.start = found.start;
          result.end = found.end;
          result.method = found.method;
        }
      }
    }
    if (expected !== undefined) {
      result.expected = expected;
      if (this.config.preset === 'open-r1' && !referenceParses(result.expected)) {
        // open-r1: a reference that cannot be parsed gives no reward at all (None).
        result.correct = null;
        result.why = ref('reason.open-r1-unparsable');
        result.reason = render(result.why);
      } else if (result.extracted === null) {
        result.correct = false;
        result.why = ref('reason.no-answer');
        result.reason = render(result.why);
      } else {
        const c = compareAnswers(result.extracted, result.expected, question);
        result.correct = c.equal;
        result.normalized = { answer: c.answer, reference: c.reference };
        result.reason = c.reason;
        result.why = c.why;
      }
    }
    return result;
  }
}
