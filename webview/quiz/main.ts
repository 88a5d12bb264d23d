/**
 * The R1 quiz: questions from content/quiz/questions.json in a fresh random order per
 * attempt (choices shuffled too), an explanation and a link to the teaching section after
 * each answer, score and progress, a score per section and a review of mistakes at the end,
 * a retry of just the mistakes, and the best score kept by the extension across sessions.
 * The attempt in progress is handed to the extension after every answer, so closing the
 * panel and opening it again resumes it. Keys: 1–4 choose, Enter goes on.
 */
import '../common/base.css';
import './quiz.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { onMessage, post, saveState, startState } from '../common/api';
import { h, replaceChildren } from '../common/dom';
import { renderMarkdown } from '../common/markdown';
import { renderTrace } from '../common/traceView';
import { interceptLinks, runCommandLink } from '../pipeline/commandLinks';
import learnIndex from '../../content/learn/index.json';
import learnIndexZh from '../../content/learn/zh-cn/index.json';
import { format, htmlLang, isLocale, pageLocale, type Locale } from '../common/locale';
import { languageSwitch } from '../common/languageSwitch';
import { questionsFor, type Choice, type Question } from './model';
import { QUIZ_STRINGS } from './strings';

interface Best {
  score: number;
  total: number;
}
interface QuizState {
  /** Question ids in this attempt's order. */
  order: string[];
  /** Per question: the original index of each displayed choice. */
  choiceOrder: Record<string, number[]>;
  /** Position in `order`. */
  index: number;
  /** Per question: the original index of the chosen answer. */
  answers: Record<string, number>;
  finished: boolean;
  best?: Best | null;
  /** Whether this attempt's result was sent to the extension. */
  reported?: boolean;
  /** A retry of the questions answered wrongly: it does not count for the best score. */
  retry?: boolean;
  /** The language picked with the switch (absent: VS Code's display language). */
  lang?: Locale;
}
type Incoming = { type: 'best'; best: Best | null } | { type: 'language'; lang: unknown };

/** The attempt's structure (ids, choices, right answers) is the same in every language. */
const QUESTIONS: readonly Question[] = questionsFor('en');
let BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));
type SectionIndex = { sections: Array<{ id: string; title: string }> };
const sectionTitles = (locale: Locale): Map<string, string> => {
  const titles = new Map((learnIndex as SectionIndex).sections.map((s) => [s.id, s.title]));
  if (locale === 'zh-cn') for (const s of (learnIndexZh as SectionIndex).sections) if (titles.has(s.id)) titles.set(s.id, s.title);
  return titles;
};
let SECTION_TITLES = sectionTitles('en');
let locale: Locale = 'en';
let text = QUIZ_STRINGS.en;

/** Shows questions, section titles and labels in `next`. */
function setLanguage(next: Locale): void {
  locale = next;
  text = QUIZ_STRINGS[locale];
  BY_ID = new Map(questionsFor(locale).map((q) => [q.id, q]));
  SECTION_TITLES = sectionTitles(locale);
  document.documentElement.lang = htmlLang(locale);
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  const random = new Uint32Array(out.length);
  crypto.getRandomValues(random);
  for (let i = out.length - 1; i > 0; i--) {
    const j = random[i] % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A new attempt over `ids` (every question by default), in a fresh order. */
function newAttempt(best: Best | null | undefined, ids: readonly string[] = QUESTIONS.map((q) => q.id), lang?: Locale): QuizState {
  const order = shuffled(ids);
  const choiceOrder: Record<string, number[]> = {};
  for (const id of order) choiceOrder[id] = shuffled(BY_ID.get(id)!.choices.map((_, i) => i));
  return { order, choiceOrder, index: 0, answers: {}, finished: false, best, ...(ids.length < QUESTIONS.length ? { retry: true } : {}), ...(lang ? { lang } : {}) };
}

/** A saved attempt still fits the questions (they may have changed since it was saved). */
function isValid(state: Partial<QuizState> | undefined): state is QuizState {
  return (
    !!state &&
    Array.isArray(state.order) &&
    state.order.length > 0 &&
    new Set(state.order).size === state.order.length &&
    (state.retry === true || state.order.length === QUESTIONS.length) &&
    state.order.every((id) => BY_ID.has(id) && Array.isArray(state.choiceOrder?.[id]) && state.choiceOrder[id].length === BY_ID.get(id)!.choices.length) &&
    typeof state.index === 'number' &&
    state.index >= 0 &&
    state.index < state.order.length &&
    !!state.answers &&
    typeof state.answers === 'object'
  );
}

const started = startState<Partial<QuizState>>({});
let state: QuizState = isValid(started) ? started : newAttempt(started.best, undefined, isLocale(started.lang) ? started.lang : undefined);
if (!isLocale(state.lang)) delete state.lang;
setLanguage(state.lang ?? pageLocale());

const correctIndex = (q: Question): number => q.choices.findIndex((c) => c.correct === true);
const score = (): number => state.order.filter((id) => state.answers[id] !== undefined && state.answers[id] === correctIndex(BY_ID.get(id)!)).length;
const answeredCount = (): number => state.order.filter((id) => state.answers[id] !== undefined).length;

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
app.removeAttribute('aria-live');
const progress = h('vscode-progress-bar');
const heading = h('h1', {});
const switcher = languageSwitch((next) => {
  switchLanguage(next);
  post({ type: 'language', lang: next });
});

/** The reader picked `next` (here, or in the walkthrough: the extension passes it on). */
function switchLanguage(next: Locale): void {
  state.lang = next;
  setLanguage(next);
  save();
  render();
}
const counter = h('span', { id: 'counter' });
const scoreText = h('span', { id: 'score' });
const bestText = h('span', { id: 'best', className: 'muted' });
const live = h('p', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'announce' });
const body = h('section', { id: 'quiz-body', className: 'quiz-body', 'aria-labelledby': 'counter' });

replaceChildren(
  app,
  h('header', { className: 'top' }, heading, switcher.element, h('p', { className: 'stats' }, counter, scoreText, bestText), progress),
  body,
  live,
);
interceptLinks(body);

function save(): void {
  saveState<QuizState>(state);
  // The extension keeps the attempt, so it survives the panel being closed.
  post({ type: 'attempt', state });
}

function markdown(text: string, className: string): HTMLElement {
  const div = h('div', { className });
  div.appendChild(renderMarkdown(text));
  return div;
}

function sectionLink(sectionId: string, label?: string): HTMLElement {
  const title = SECTION_TITLES.get(sectionId) ?? sectionId;
  const link = h('a', { href: '#', className: 'section-link' }, label ?? format(text.readAbout, title));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    runCommandLink({ command: 'cotTrace.openPipeline', args: [sectionId] });
  });
  return link;
}

function choiceContent(choice: Choice): HTMLElement {
  const wrap = h('span', { className: 'choice-content' });
  if (choice.text) wrap.appendChild(markdown(choice.text, 'choice-text'));
  if (choice.trace) wrap.appendChild(renderTrace(choice.trace, text.candidateOutput, traceTitles()));
  return wrap;
}

const traceTitles = () => ({ boxed: text.titleBoxed, reflection: text.titleReflection });

function renderHeader(): void {
  const total = state.order.length;
  const answered = answeredCount();
  heading.textContent = text.heading;
  progress.setAttribute('aria-label', text.progressLabel);
  switcher.update(locale, text.languageLabel);
  if (state.finished) {
    const one = total === 1;
    counter.textContent = state.retry ? (one ? text.retryFinishedOne : format(text.retryFinishedMany, total)) : one ? text.finishedOne : format(text.finishedMany, total);
  } else {
    counter.textContent = format(state.retry ? text.retryQuestionOf : text.questionOf, state.index + 1, total);
  }
  scoreText.textContent = format(text.score, score());
  bestText.textContent = state.best ? format(text.best, state.best.score, state.best.total) : text.noBest;
  const bar = progress as unknown as { value: number; max: number };
  bar.max = total;
  bar.value = answered;
  progress.setAttribute('aria-valuetext', format(text.answeredOf, answered, total));
}

function renderQuestion(): void {
  const id = state.order[state.index];
  const q = BY_ID.get(id)!;
  const chosen = state.answers[id];
  const answered = chosen !== undefined;
  const right = correctIndex(q);
  const promptId = `prompt-${id}`;
  const list = h('div', { className: 'choices', role: 'group', 'aria-labelledby': promptId });
  state.choiceOrder[id].forEach((original, shown) => {
    const choice = q.choices[original];
    const status = !answered ? '' : original === right ? 'correct' : original === chosen ? 'wrong' : '';
    const button = h(
      'button',
      {
        type: 'button',
        className: `choice ${status}`,
        'data-choice': String(original),
        'aria-keyshortcuts': String(shown + 1),
        'aria-disabled': answered ? 'true' : null,
        'aria-pressed': answered ? String(original === chosen) : null,
      },
      h('span', { className: 'key', 'aria-hidden': 'true' }, String(shown + 1)),
      choiceContent(choice),
      status === 'correct' ? h('span', { className: 'verdict positive' }, text.correctMark) : null,
      status === 'wrong' ? h('span', { className: 'verdict negative' }, text.yourMark) : null,
    );
    button.addEventListener('click', () => answer(original));
    list.appendChild(button);
  });

  const children: Array<HTMLElement | null> = [
    h('div', { className: 'question', id: promptId, 'data-question': id }, markdown(q.prompt, 'prompt'), q.trace ? renderTrace(q.trace, text.outputInQuestion, traceTitles()) : null),
    list,
  ];
  if (answered) {
    const ok = chosen === right;
    const next = h('vscode-button', { id: 'next' }, state.index + 1 < state.order.length ? text.nextQuestion : text.seeResults);
    next.addEventListener('click', () => advance());
    children.push(
      h(
        'div',
        { className: `feedback ${ok ? 'is-correct' : 'is-wrong'}`, id: 'feedback' },
        h('p', { className: `verdict-line ${ok ? 'positive' : 'negative'}` }, ok ? text.correct : text.notQuite),
        markdown(q.explanation, 'explanation'),
        h('p', {}, sectionLink(q.section)),
      ),
      h('div', { className: 'actions' }, next),
    );
  } else {
    children.push(h('p', { className: 'hint muted' }, format(text.hint, q.choices.length)));
  }
  replaceChildren(body, ...children);
}

function renderSummary(): void {
  const total = state.order.length;
  const s = score();
  const mistakes = state.order.filter((id) => state.answers[id] !== correctIndex(BY_ID.get(id)!));
  const again = h('vscode-button', { id: 'restart', secondary: mistakes.length > 0 }, text.restart);
  again.addEventListener('click', () => restart());
  const retry = mistakes.length
    ? h('vscode-button', { id: 'retry' }, mistakes.length === 1 ? text.retryOne : format(text.retryMany, mistakes.length))
    : null;
  retry?.addEventListener('click', () => restart(mistakes));
  const review = mistakes.map((id) => {
    const q = BY_ID.get(id)!;
    const yours = q.choices[state.answers[id]];
    const right = q.choices[correctIndex(q)];
    return h(
      'li',
      { className: 'mistake', 'data-question': id },
      markdown(q.prompt, 'prompt'),
      h('p', { className: 'negative' }, text.yourAnswer),
      yours ? choiceContent(yours) : h('p', {}, text.noAnswer),
      h('p', { className: 'positive' }, text.correctAnswer),
      choiceContent(right),
      markdown(q.explanation, 'explanation'),
      h('p', {}, sectionLink(q.section)),
    );
  });
  replaceChildren(
    body,
    h('h2', { id: 'result', tabindex: '-1' }, format(text.scored, s, total)),
    state.retry ? h('p', { className: 'muted' }, text.retryNote) : null,
    !state.retry && state.best && state.best.score === s && state.best.total === total && s > 0 ? h('p', { className: 'positive' }, text.bestNote) : null,
    sectionScores(),
    mistakes.length
      ? h('div', {}, h('h2', {}, format(text.review, mistakes.length)), h('ol', { className: 'review' }, ...review))
      : h('p', { className: 'positive' }, text.noMistakes),
    h('div', { className: 'actions' }, retry, again),
  );
}

/** Right answers per walkthrough section, in the walkthrough's order, weakest marked. */
function sectionScores(): HTMLElement {
  const rows = new Map<string, { right: number; total: number }>();
  for (const id of SECTION_TITLES.keys()) rows.set(id, { right: 0, total: 0 });
  for (const id of state.order) {
    const q = BY_ID.get(id)!;
    const row = rows.get(q.section) ?? { right: 0, total: 0 };
    row.total++;
    if (state.answers[id] === correctIndex(q)) row.right++;
    rows.set(q.section, row);
  }
  const body = [...rows].filter(([, r]) => r.total > 0).map(([section, r]) =>
    h(
      'tr',
      { 'data-section': section, className: r.right < r.total ? 'weak' : '' },
      h('th', { scope: 'row' }, sectionLink(section, SECTION_TITLES.get(section) ?? section)),
      h('td', {}, `${r.right} / ${r.total}`),
    ),
  );
  return h(
    'table',
    { className: 'section-scores', id: 'section-scores' },
    h('caption', {}, text.sectionScores),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, text.sectionColumn), h('th', { scope: 'col' }, text.rightColumn))),
    h('tbody', {}, ...body),
  );
}

function render(): void {
  renderHeader();
  if (state.finished) renderSummary();
  else renderQuestion();
}

function answer(original: number): void {
  if (state.finished) return;
  const id = state.order[state.index];
  if (state.answers[id] !== undefined) return;
  state.answers[id] = original;
  save();
  render();
  const ok = original === correctIndex(BY_ID.get(id)!);
  live.textContent = `${ok ? text.correct : text.notQuite} ${format(text.liveScore, score(), answeredCount())}`;
  document.getElementById('feedback')?.focus();
  (document.getElementById('next') as HTMLElement | null)?.focus();
}

function advance(): void {
  const id = state.order[state.index];
  if (state.finished || state.answers[id] === undefined) return;
  if (state.index + 1 < state.order.length) {
    state.index++;
    save();
    render();
    live.textContent = format(text.questionOf, state.index + 1, state.order.length);
    (body.querySelector('button.choice') as HTMLElement | null)?.focus();
    return;
  }
  state.finished = true;
  const s = score();
  const total = state.order.length;
  if (!state.retry && (!state.best || s / total > state.best.score / state.best.total)) state.best = { score: s, total };
  if (!state.reported && !state.retry) {
    post({ type: 'result', score: s, total });
    state.reported = true;
  }
  save();
  render();
  live.textContent = format(text.liveFinished, s, total);
  (document.getElementById('result') as HTMLElement | null)?.focus();
}

function restart(ids?: readonly string[]): void {
  state = newAttempt(state.best, ids, state.lang);
  save();
  render();
  live.textContent = ids ? (ids.length === 1 ? text.liveRetryOne : format(text.liveRetryMany, ids.length)) : text.liveNew;
  (body.querySelector('button.choice') as HTMLElement | null)?.focus();
}

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  if (state.finished) return;
  const id = state.order[state.index];
  const answered = state.answers[id] !== undefined;
  if (!answered && /^[1-4]$/.test(event.key)) {
    const shown = Number(event.key) - 1;
    const original = state.choiceOrder[id][shown];
    if (original !== undefined) {
      event.preventDefault();
      answer(original);
    }
  } else if (answered && event.key === 'Enter') {
    // Enter on a link or a button (Next included) keeps the element's own meaning.
    if (target && (/^(A|VSCODE-BUTTON)$/.test(target.tagName) || (target.tagName === 'BUTTON' && !target.classList.contains('choice')))) return;
    event.preventDefault();
    advance();
  }
});

onMessage<Incoming>((message) => {
  if (message?.type === 'best') {
    state.best = message.best;
    save();
    renderHeader();
  } else if (message?.type === 'language' && isLocale(message.lang) && message.lang !== locale) {
    switchLanguage(message.lang);
  }
});

save();
render();
post({ type: 'ready' });
