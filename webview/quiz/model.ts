/** The shape of `content/quiz/questions.json` (validated by its schema and by test/unit/content). */
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
