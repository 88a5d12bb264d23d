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
import { SECTIONS, sectionIndex, sectionMarkdown, sectionsFor } from './content';
import { format, htmlLang, isLocale, pageLocale, type Locale } from '../common/locale';
import { languageSwitch } from '../common/languageSwitch';
import { PIPELINE_STRINGS } from './strings';

interface PipelineState {
  section: string;
  /** The language picked with the switch (absent: VS Code's display language). */
  lang?: Locale;
}

type Incoming = { type: 'goto'; section: string } | { type: 'language'; lang: unknown };

const start = startState<PipelineState>({ section: SECTIONS[0]?.id ?? '' });
let current = Math.max(0, sectionIndex(start.section));
let chosen: Locale | undefined = isLocale(start.lang) ? start.lang : undefined;
let locale: Locale = chosen ?? pageLocale();
let text = PIPELINE_STRINGS[locale];
let sections = sectionsFor(locale);
const pageState = (): PipelineState => ({ section: SECTIONS[current]?.id ?? '', ...(chosen ? { lang: chosen } : {}) });

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
app.removeAttribute('aria-live');

const progress = h('vscode-progress-bar');
const stepText = h('p', { className: 'step-count muted', id: 'step-count' });
const live = h('p', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'announce' });
const toc = h('ol', { className: 'toc' });
const strip = h('ol', { className: 'stage-strip' });
const article = h('article', { className: 'section markdown', id: 'section', tabindex: '-1' });
const prevButton = h('vscode-button', { id: 'prev', secondary: true });
const nextButton = h('vscode-button', { id: 'next' });
const heading = h('h1', {});
const sidebar = h('nav', { className: 'sidebar' }, toc);
const stagesNav = h('nav', { className: 'stages' }, strip);
const pager = h('div', { className: 'pager', role: 'group' }, prevButton, nextButton);
const switcher = languageSwitch((next) => {
  switchLanguage(next);
  post({ type: 'language', lang: next });
});

/** The reader picked `next` (here, or in the quiz: the extension passes it on). */
function switchLanguage(next: Locale): void {
  chosen = next;
  setLanguage(next);
  saveState<PipelineState>(pageState());
  render();
  live.textContent = format(text.sectionOfTitled, current + 1, sections.length, sections[current].title);
}

prevButton.addEventListener('click', () => go(current - 1, true));
nextButton.addEventListener('click', () => go(current + 1, true));

/** Labels everything in `next`'s language and rebuilds the table of contents and the stage strip. */
function setLanguage(next: Locale): void {
  locale = next;
  text = PIPELINE_STRINGS[locale];
  sections = sectionsFor(locale);
  document.documentElement.lang = htmlLang(locale);
  heading.textContent = text.heading;
  progress.setAttribute('aria-label', text.progressLabel);
  strip.setAttribute('aria-label', text.stripLabel);
  sidebar.setAttribute('aria-label', text.sidebarLabel);
  stagesNav.setAttribute('aria-label', text.stagesLabel);
  pager.setAttribute('aria-label', text.pagerLabel);
  prevButton.setAttribute('aria-label', text.previousLabel);
  prevButton.textContent = text.previous;
  nextButton.setAttribute('aria-label', text.nextLabel);
  nextButton.textContent = text.next;
  switcher.update(locale, text.languageLabel);

  toc.replaceChildren();
  sections.forEach((section, i) => {
    const button = h('button', { type: 'button', className: 'toc-link', 'data-section': section.id }, section.title);
    button.addEventListener('click', () => go(i, true));
    toc.appendChild(h('li', {}, button));
  });

  strip.replaceChildren();
  [text.stage1, text.stage2, text.stage3, text.stage4].forEach((name, i) => {
    const target = sections.findIndex((s) => s.stage === i + 1);
    const button = h(
      'button',
      { type: 'button', className: 'stage', 'data-stage': String(i + 1), disabled: target < 0 },
      h('span', { className: 'stage-number', 'aria-hidden': 'true' }, String(i + 1)),
      h('span', { className: 'stage-name' }, format(text.stage, i + 1, name)),
    );
    button.addEventListener('click', () => go(target, true));
    strip.appendChild(h('li', {}, button));
  });
}
setLanguage(locale);

replaceChildren(
  app,
  h(
    'header',
    { className: 'top' },
    heading,
    stepText,
    switcher.element,
    progress,
  ),
  h('div', { className: 'layout' }, sidebar, h('div', { className: 'main-column' }, stagesNav, article, pager)),
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
    const source = (code.textContent ?? '').replace(/\n$/, '');
    const trace = renderTrace(source, text.exampleOutput, { boxed: text.titleBoxed, reflection: text.titleReflection });
    const figure = h('figure', { className: 'trace-figure' }, trace);
    const kinds = new Set(tokenizeTrace(source).map((t) => t.kind));
    const legend = renderTraceLegend(kinds, {
      tag: text.legendTag,
      thoughtSample: text.legendThoughtSample,
      thought: text.legendThought,
      reflectionSample: text.legendReflectionSample,
      reflection: text.legendReflection,
      boxed: text.legendBoxed,
    });
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
    const canvas = h('canvas', { role: 'img', 'aria-label': describeChart(data, options, { chart: text.chart, summary: text.chartSummary, separator: text.listSeparator }) });
    const figure = h(
      'figure',
      { className: 'chart-figure' },
      options.title ? h('figcaption', {}, options.title) : null,
      h('div', { className: 'chart' }, canvas),
    );
    pre.replaceWith(figure);
    if (!table.caption && options.title) table.createCaption().textContent = format(text.chartNumbers, options.title);
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
  const section = sections[current];
  if (!section) return;
  replaceChildren(article, renderMarkdown(sectionMarkdown(section, locale)));
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

  const step = format(text.sectionOf, current + 1, SECTIONS.length);
  stepText.textContent = format(text.sectionOfTitled, current + 1, SECTIONS.length, section.title);
  (progress as unknown as { value: number; max: number }).value = current + 1;
  (progress as unknown as { value: number; max: number }).max = SECTIONS.length;
  progress.setAttribute('aria-valuetext', step);
  toggle(prevButton, current === 0);
  toggle(nextButton, current === SECTIONS.length - 1);
  document.title = format(text.documentTitle, section.title);
}

function toggle(button: HTMLElement, disabled: boolean): void {
  if (disabled) button.setAttribute('disabled', '');
  else button.removeAttribute('disabled');
}

function go(index: number, focus: boolean): void {
  if (index < 0 || index >= SECTIONS.length || index === current) return;
  current = index;
  saveState<PipelineState>(pageState());
  render();
  live.textContent = format(text.sectionOfTitled, current + 1, sections.length, sections[current].title);
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
  } else if (message?.type === 'language' && isLocale(message.lang) && message.lang !== locale) {
    switchLanguage(message.lang);
  }
});

// VS Code switches the body's theme class (and the --vscode-* variables): redraw the charts.
new MutationObserver(() => {
  applyReadableColours();
  drawCharts();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });
applyReadableColours();

saveState<PipelineState>(pageState());
render();
post({ type: 'ready' });
