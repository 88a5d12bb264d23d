/**
 * The R1 pipeline walkthrough: one section at a time (R1-Zero vs R1, the "aha" moment, GRPO,
 * the four training stages, results, distillation, FAQ) with previous/next buttons, ←/→ keys,
 * a table of contents, a stage strip and a progress bar. Content is the Markdown of
 * content/learn/, rendered through the shared sanitiser; ```cot blocks become highlighted
 * traces and ```chart blocks become bar charts of the table that follows them.
 */
import '../common/base.css';
import './pipeline.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { onMessage, post, saveState, startState } from '../common/api';
import { h, replaceChildren } from '../common/dom';
import { renderMarkdown } from '../common/markdown';
import { renderTrace, renderTraceLegend, tokenizeTrace } from '../common/traceView';
import { applyReadableColours } from '../common/contrast';
import { interceptLinks } from './commandLinks';
import { describeChart, drawBarChart, readTable, type ChartOptions } from './charts';
import { SECTIONS, sectionIndex, sectionMarkdown } from './content';

interface PipelineState {
  section: string;
}

type Incoming = { type: 'goto'; section: string };

const STAGE_NAMES = ['Cold start', 'Reasoning RL', 'Rejection sampling + SFT', 'RL for all scenarios'];

const start = startState<PipelineState>({ section: SECTIONS[0]?.id ?? '' });
let current = Math.max(0, sectionIndex(start.section));

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
app.removeAttribute('aria-live');

const progress = h('vscode-progress-bar', { 'aria-label': 'Progress through the walkthrough' });
const stepText = h('p', { className: 'step-count muted', id: 'step-count' });
const live = h('p', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'announce' });
const toc = h('ol', { className: 'toc' });
const strip = h('ol', { className: 'stage-strip', 'aria-label': 'The four training stages' });
const article = h('article', { className: 'section markdown', id: 'section', tabindex: '-1' });
const prevButton = h('vscode-button', { id: 'prev', secondary: true, 'aria-label': 'Previous section' }, '← Previous');
const nextButton = h('vscode-button', { id: 'next', 'aria-label': 'Next section' }, 'Next →');

prevButton.addEventListener('click', () => go(current - 1, true));
nextButton.addEventListener('click', () => go(current + 1, true));

SECTIONS.forEach((section, i) => {
  const button = h('button', { type: 'button', className: 'toc-link', 'data-section': section.id }, section.title);
  button.addEventListener('click', () => go(i, true));
  toc.appendChild(h('li', {}, button));
});

STAGE_NAMES.forEach((name, i) => {
  const target = SECTIONS.findIndex((s) => s.stage === i + 1);
  const button = h(
    'button',
    { type: 'button', className: 'stage', 'data-stage': String(i + 1), disabled: target < 0 },
    h('span', { className: 'stage-number', 'aria-hidden': 'true' }, String(i + 1)),
    h('span', { className: 'stage-name' }, `Stage ${i + 1}: ${name}`),
  );
  button.addEventListener('click', () => go(target, true));
  strip.appendChild(h('li', {}, button));
});

replaceChildren(
  app,
  h(
    'header',
    { className: 'top' },
    h('h1', {}, 'How DeepSeek-R1 was trained'),
    stepText,
    progress,
  ),
  h(
    'div',
    { className: 'layout' },
    h('nav', { className: 'sidebar', 'aria-label': 'Walkthrough sections' }, toc),
    h(
      'div',
      { className: 'main-column' },
      h('nav', { className: 'stages', 'aria-label': 'Training stages' }, strip),
      article,
      h('div', { className: 'pager', role: 'group', 'aria-label': 'Walkthrough navigation' }, prevButton, nextButton),
    ),
  ),
  live,
);

interceptLinks(article, (id) => {
  const index = sectionIndex(id);
  if (index < 0) return false;
  go(index, true);
  return true;
});

const charts: Array<{ canvas: HTMLCanvasElement; table: HTMLTableElement; options: ChartOptions }> = [];

function enhance(root: HTMLElement): void {
  // Each example gets a key naming only the highlights it contains, so the key always
  // matches the example above it.
  for (const code of Array.from(root.querySelectorAll('pre > code.language-cot'))) {
    const pre = code.parentElement as HTMLElement;
    const text = (code.textContent ?? '').replace(/\n$/, '');
    const trace = renderTrace(text, 'Example model output');
    const figure = h('figure', { className: 'trace-figure' }, trace);
    const kinds = new Set(tokenizeTrace(text).map((t) => t.kind));
    const legend = renderTraceLegend(kinds);
    if (legend) figure.appendChild(legend);
    pre.replaceWith(figure);
  }
  charts.length = 0;
  for (const code of Array.from(root.querySelectorAll('pre > code.language-chart'))) {
    const pre = code.parentElement as HTMLElement;
    let options: ChartOptions = {};
    try {
      options = JSON.parse(code.textContent ?? '{}') as ChartOptions;
    } catch {
      options = {};
    }
    let table = pre.nextElementSibling;
    while (table && table.tagName !== 'TABLE') table = table.nextElementSibling;
    if (!(table instanceof HTMLTableElement)) {
      pre.remove();
      continue;
    }
    const data = readTable(table, options.columns);
    const canvas = h('canvas', { role: 'img', 'aria-label': describeChart(data, options) });
    const figure = h(
      'figure',
      { className: 'chart-figure' },
      options.title ? h('figcaption', {}, options.title) : null,
      h('div', { className: 'chart' }, canvas),
    );
    pre.replaceWith(figure);
    if (!table.caption && options.title) table.createCaption().textContent = `${options.title}: the numbers`;
    charts.push({ canvas, table, options });
  }
  for (const table of Array.from(root.querySelectorAll('table'))) {
    for (const row of Array.from(table.rows)) {
      for (const cell of Array.from(row.cells)) {
        if (/^[+-]?\d[\d.,]*%?$/.test(cell.textContent?.trim() ?? '')) cell.classList.add('num');
      }
    }
  }
}

function drawCharts(): void {
  for (const chart of charts) drawBarChart(chart.canvas, readTable(chart.table, chart.options.columns), chart.options);
}

function render(): void {
  const section = SECTIONS[current];
  if (!section) return;
  replaceChildren(article, renderMarkdown(sectionMarkdown(section)));
  article.setAttribute('aria-labelledby', 'section-title');
  article.querySelector('h1')?.setAttribute('id', 'section-title');
  enhance(article);
  drawCharts();

  toc.querySelectorAll('button').forEach((button, i) => {
    if (i === current) button.setAttribute('aria-current', 'step');
    else button.removeAttribute('aria-current');
    button.classList.toggle('visited', i < current);
  });
  strip.querySelectorAll<HTMLButtonElement>('button.stage').forEach((button) => {
    const stage = Number(button.dataset.stage);
    const here = section.stage === stage;
    if (here) button.setAttribute('aria-current', 'step');
    else button.removeAttribute('aria-current');
    const done = section.stage ? stage < section.stage : current > SECTIONS.findIndex((s) => s.stage === 4);
    button.classList.toggle('done', done);
  });
  strip.parentElement?.classList.toggle('active', section.stage !== undefined);

  const text = `Section ${current + 1} of ${SECTIONS.length}`;
  stepText.textContent = `${text}: ${section.title}`;
  (progress as unknown as { value: number; max: number }).value = current + 1;
  (progress as unknown as { value: number; max: number }).max = SECTIONS.length;
  progress.setAttribute('aria-valuetext', text);
  toggle(prevButton, current === 0);
  toggle(nextButton, current === SECTIONS.length - 1);
  document.title = `R1 pipeline: ${section.title}`;
}

function toggle(button: HTMLElement, disabled: boolean): void {
  if (disabled) button.setAttribute('disabled', '');
  else button.removeAttribute('disabled');
}

function go(index: number, focus: boolean): void {
  if (index < 0 || index >= SECTIONS.length || index === current) return;
  current = index;
  saveState<PipelineState>({ section: SECTIONS[current].id });
  render();
  live.textContent = `Section ${current + 1} of ${SECTIONS.length}: ${SECTIONS[current].title}`;
  window.scrollTo(0, 0);
  if (focus) article.focus({ preventScroll: true });
}

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  if (event.key === 'ArrowRight') {
    event.preventDefault();
    go(current + 1, false);
  } else if (event.key === 'ArrowLeft') {
    event.preventDefault();
    go(current - 1, false);
  }
});

onMessage<Incoming>((message) => {
  if (message?.type === 'goto') {
    const index = sectionIndex(message.section);
    if (index >= 0) go(index, true);
  }
});

// VS Code switches the body's theme class (and the --vscode-* variables): redraw the charts.
new MutationObserver(() => {
  applyReadableColours();
  drawCharts();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });
applyReadableColours();

saveState<PipelineState>({ section: SECTIONS[current]?.id ?? '' });
render();
post({ type: 'ready' });
