/**
 * The shape of `content/quiz/questions.json` (validated by its schema and by test/unit/content),
 * and the questions in each language: `questions.zh-cn.json` has the same ids, sections, choice
 * order and correct answers as the English file, in Simplified Chinese.
 */
import en from '../../content/quiz/questions.json';
import zhCn from '../../content/quiz/questions.zh-cn.json';
import type { Locale } from '../common/locale';

export interface Choice {
  text?: string;
  /** A trace shown as the choice (for "which trace gets reward 1?" questions). */
  trace?: string;
  correct?: boolean;
}

export interface Question {
  id: string;
  /** Id of the walkthrough section that teaches it (content/learn/index.json). */
  section: string;
  prompt: string;
  trace?: string;
  choices: Choice[];
  explanation: string;
}

const ENGLISH: readonly Question[] = (en as { questions: Question[] }).questions;
const CHINESE = new Map((zhCn as { questions: Question[] }).questions.map((q) => [q.id, q]));

/** The questions in `locale`, in the English order; a question not translated stays English. */
export function questionsFor(locale: Locale): readonly Question[] {
  if (locale === 'en') return ENGLISH;
  return ENGLISH.map((q) => {
    const t = CHINESE.get(q.id);
    // The attempt in progress stores choice positions: a translation must offer the same choices.
    return t && t.choices.length === q.choices.length ? t : q;
  });
}
