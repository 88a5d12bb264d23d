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
import data from '../../content/quiz/questions.json';
import learnIndex from '../../content/learn/index.json';
import type { Choice, Question } from './model';

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
}
type Incoming = { type: 'best'; best: Best | null };

const QUESTIONS: readonly Question[] = (data as { questions: Question[] }).questions;
const BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));
const SECTION_TITLES = new Map((learnIndex as { sections: Array<{ id: string; title: string }> }).sections.map((s) => [s.id, s.title]));

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
function newAttempt(best: Best | null | undefined, ids: readonly string[] = QUESTIONS.map((q) => q.id)): QuizState {
  const order = shuffled(ids);
  const choiceOrder: Record<string, number[]> = {};
  for (const id of order) choiceOrder[id] = shuffled(BY_ID.get(id)!.choices.map((_, i) => i));
  return { order, choiceOrder, index: 0, answers: {}, finished: false, best, ...(ids.length < QUESTIONS.length ? { retry: true } : {}) };
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
let state: QuizState = isValid(started) ? started : newAttempt(started.best);

const correctIndex = (q: Question): number => q.choices.findIndex((c) => c.correct === true);
const score = (): number => state.order.filter((id) => state.answers[id] !== undefined && state.answers[id] === correctIndex(BY_ID.get(id)!)).length;
const answeredCount = (): number => state.order.filter((id) => state.answers[id] !== undefined).length;

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
app.removeAttribute('aria-live');
const progress = h('vscode-progress-bar', { 'aria-label': 'Questions answered' });
const counter = h('span', { id: 'counter' });
const scoreText = h('span', { id: 'score' });
const bestText = h('span', { id: 'best', className: 'muted' });
const live = h('p', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'announce' });
const body = h('section', { id: 'quiz-body', className: 'quiz-body', 'aria-labelledby': 'counter' });

replaceChildren(
  app,
  h('header', { className: 'top' }, h('h1', {}, 'R1 quiz'), h('p', { className: 'stats' }, counter, scoreText, bestText), progress),
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
  const link = h('a', { href: '#', className: 'section-link' }, label ?? `Read about it: ${title}`);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    runCommandLink({ command: 'cotTrace.openPipeline', args: [sectionId] });
  });
  return link;
}

function choiceContent(choice: Choice): HTMLElement {
  const wrap = h('span', { className: 'choice-content' });
  if (choice.text) wrap.appendChild(markdown(choice.text, 'choice-text'));
  if (choice.trace) wrap.appendChild(renderTrace(choice.trace, 'Candidate output'));
  return wrap;
}

function renderHeader(): void {
  const total = state.order.length;
  const answered = answeredCount();
  const kind = state.retry ? 'Retry: ' : '';
  counter.textContent = state.finished ? `${kind}finished: ${total} ${total === 1 ? 'question' : 'questions'}` : `${kind}question ${state.index + 1} of ${total}`;
  if (!state.retry) counter.textContent = counter.textContent.charAt(0).toUpperCase() + counter.textContent.slice(1);
  scoreText.textContent = `Score: ${score()}`;
  bestText.textContent = state.best ? `Best: ${state.best.score} / ${state.best.total}` : 'No best score yet';
  const bar = progress as unknown as { value: number; max: number };
  bar.max = total;
  bar.value = answered;
  progress.setAttribute('aria-valuetext', `${answered} of ${total} answered`);
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
      status === 'correct' ? h('span', { className: 'verdict positive' }, '✓ correct answer') : null,
      status === 'wrong' ? h('span', { className: 'verdict negative' }, '✗ your answer') : null,
    );
    button.addEventListener('click', () => answer(original));
    list.appendChild(button);
  });

  const children: Array<HTMLElement | null> = [
    h('div', { className: 'question', id: promptId, 'data-question': id }, markdown(q.prompt, 'prompt'), q.trace ? renderTrace(q.trace, 'Output in question') : null),
    list,
  ];
  if (answered) {
    const ok = chosen === right;
    const next = h('vscode-button', { id: 'next' }, state.index + 1 < state.order.length ? 'Next question (Enter)' : 'See results (Enter)');
    next.addEventListener('click', () => advance());
    children.push(
      h(
        'div',
        { className: `feedback ${ok ? 'is-correct' : 'is-wrong'}`, id: 'feedback' },
        h('p', { className: `verdict-line ${ok ? 'positive' : 'negative'}` }, ok ? 'Correct.' : 'Not quite.'),
        markdown(q.explanation, 'explanation'),
        h('p', {}, sectionLink(q.section)),
      ),
      h('div', { className: 'actions' }, next),
    );
  } else {
    children.push(h('p', { className: 'hint muted' }, 'Press 1–', String(q.choices.length), ' to answer.'));
  }
  replaceChildren(body, ...children);
}

function renderSummary(): void {
  const total = state.order.length;
  const s = score();
  const mistakes = state.order.filter((id) => state.answers[id] !== correctIndex(BY_ID.get(id)!));
  const again = h('vscode-button', { id: 'restart', secondary: mistakes.length > 0 }, 'Start again with every question');
  again.addEventListener('click', () => restart());
  const retry = mistakes.length
    ? h('vscode-button', { id: 'retry' }, mistakes.length === 1 ? 'Retry the one I got wrong' : `Retry the ${mistakes.length} I got wrong`)
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
      h('p', { className: 'negative' }, 'Your answer:'),
      yours ? choiceContent(yours) : h('p', {}, '(none)'),
      h('p', { className: 'positive' }, 'Correct answer:'),
      choiceContent(right),
      markdown(q.explanation, 'explanation'),
      h('p', {}, sectionLink(q.section)),
    );
  });
  replaceChildren(
    body,
    h('h2', { id: 'result', tabindex: '-1' }, `You scored ${s} out of ${total}`),
    state.retry ? h('p', { className: 'muted' }, 'A retry of earlier mistakes: it does not change the best score.') : null,
    !state.retry && state.best && state.best.score === s && state.best.total === total && s > 0 ? h('p', { className: 'positive' }, 'That is your best score.') : null,
    sectionScores(),
    mistakes.length
      ? h('div', {}, h('h2', {}, `Review: ${mistakes.length} to look at again`), h('ol', { className: 'review' }, ...review))
      : h('p', { className: 'positive' }, 'No mistakes: every answer was right.'),
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
    h('caption', {}, 'Score per section'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Section'), h('th', { scope: 'col' }, 'Right'))),
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
  live.textContent = `${ok ? 'Correct.' : 'Not quite.'} Score ${score()} of ${answeredCount()} answered.`;
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
    live.textContent = `Question ${state.index + 1} of ${state.order.length}`;
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
  live.textContent = `Finished. You scored ${s} out of ${total}.`;
  (document.getElementById('result') as HTMLElement | null)?.focus();
}

function restart(ids?: readonly string[]): void {
  state = newAttempt(state.best, ids);
  save();
  render();
  live.textContent = ids ? `Retrying ${ids.length} ${ids.length === 1 ? 'question' : 'questions'}.` : 'New attempt started.';
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
  }
});

save();
render();
post({ type: 'ready' });
