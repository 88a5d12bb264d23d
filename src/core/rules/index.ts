import type { Rule } from './types';
import { missingThought } from './missing-thought';
import { unclosedThought } from './unclosed-thought';
import { truncated } from './truncated';
import { duplicateTag } from './duplicate-tag';
import { strayClosingTag } from './stray-closing-tag';
import { nestedThought } from './nested-thought';
import { emptyThought } from './empty-thought';
import { misorderedSections } from './misordered-sections';
import { missingAnswerSection } from './missing-answer-section';
import { textAfterAnswer } from './text-after-answer';
import { textBeforeThought } from './text-before-thought';
import { languageMixing } from './language-mixing';
import { answerIncorrect } from './answer-incorrect';
import { answerMissing } from './answer-missing';
import { answerUnchecked } from './answer-unchecked';
import { answerUnboxed } from './answer-unboxed';
import { longParagraph } from './long-paragraph';
import { codeInThought } from './code-in-thought';
import { missingSummary } from './missing-summary';
import { repetitionLoop } from './repetition-loop';
import { overlong } from './overlong';

export type { Rule, RuleMeta, RuleContext, RuleOption, RuleTag } from './types';

/** Every rule, in documentation order: format, language, accuracy, readability. */
export const RULES: readonly Rule[] = [
  missingThought,
  textBeforeThought,
  unclosedThought,
  strayClosingTag,
  nestedThought,
  duplicateTag,
  misorderedSections,
  missingAnswerSection,
  textAfterAnswer,
  emptyThought,
  languageMixing,
  answerIncorrect,
  answerMissing,
  answerUnchecked,
  answerUnboxed,
  truncated,
  repetitionLoop,
  longParagraph,
  codeInThought,
  missingSummary,
  overlong,
];

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));
