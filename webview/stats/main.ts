/**
 * Dataset summary page: numbers in tables and charts (Chart.js, coloured from the theme's
 * --vscode-* variables). Several files are drawn on the same bins, overlaid, with a
 * difference column in the rule table; files named as checkpoints of one run
 * (`global_step_500`) get trend lines of thought length and reflection-word rate per step —
 * the growth R1 reports during RL, on the user's own data. A click on a reward bar, a
 * verdict count or a rule's rate opens those records in the review panel.
 */
import '../common/base.css';
import './stats.css';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { onMessage, post } from '../common/api';
import { h, replaceChildren, formatNodes } from '../common/dom';
import { CHART_SERIES, cssVar } from '../common/theme';
import type { ReviewFilterRequest, StatsFromPage, StatsToPage } from '../../src/core/review/protocol';
import { checkpointOrder, type DatasetStats, type Histogram } from '../../src/core/review/stats';
import type { Verdict } from '../../src/core/answer/verdict';
import { fmt, pct } from '../../src/core/review/report';
import { REWARD_NAMES } from '../../src/core/types';
import { rewardName } from '../common/strings';
import { format, pageLocale } from '../common/locale';
import { STATS_STRINGS } from './strings';

/** The labels in the page's language (`<html lang>`, from VS Code's display language). */
const S = STATS_STRINGS[pageLocale()];

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const send = (message: StatsFromPage) => post(message);
const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
const progressBar = h('progress', { id: 'progress-bar', max: 1, value: 0 });
const progressText = h('span', { id: 'progress-text', className: 'muted' }, S.computing);
const errorsBox = h('ul', { id: 'errors', className: 'warning' });
const content = h('div', { id: 'content' });
const saveButton = h('button', { id: 'save-html', type: 'button', disabled: true, onclick: () => send({ type: 'exportHtml' }) }, S.saveHtml);
replaceChildren(app, h('h1', {}, S.heading), h('div', { className: 'row' }, progressBar, progressText, saveButton), errorsBox, content);

const charts: Chart[] = [];

function theme() {
  return {
    series: CHART_SERIES.map((c) => cssVar(c.variable, c.fallback)),
    text: cssVar('--vscode-foreground', getComputedStyle(document.body).color || '#808080'),
    grid: cssVar('--vscode-widget-border', 'rgba(128,128,128,0.3)'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

function chart(id: string, label: string, config: (t: ReturnType<typeof theme>) => ChartConfiguration, values: unknown): HTMLElement {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': label });
  canvas.dataset.values = JSON.stringify(values);
  const box = h('figure', { className: 'chart' }, h('div', { className: 'chart-box' }, canvas), h('figcaption', {}, label));
  queueMicrotask(() => {
    const t = theme();
    Chart.defaults.color = t.text;
    Chart.defaults.borderColor = t.grid;
    Chart.defaults.font.family = t.font;
    charts.push(new Chart(canvas, config(t)));
  });
  return box;
}

const binLabels = (hist: Histogram) =>
  hist.kind === 'discrete' && hist.values ? hist.values.map((v) => fmt(v)) : hist.counts.map((_, k) => `${fmt(hist.edges[k])}–${fmt(hist.edges[k + 1])}`);

/** The review filter of a reward bar: its value, or its range. */
function rewardFilter(hist: Histogram, k: number): { minReward: number; maxReward: number; text: string } {
  if (hist.kind === 'discrete' && hist.values) return { minReward: hist.values[k], maxReward: hist.values[k], text: format(S.totalRewardValue, fmt(hist.values[k])) };
  return { minReward: hist.edges[k], maxReward: hist.edges[k + 1], text: format(S.totalRewardRange, fmt(hist.edges[k]), fmt(hist.edges[k + 1])) };
}


/**
 * A histogram, one dataset per file on the same bins (overlaid bars). `onBar(file, bin)`
 * makes the bars clickable.
 */
function histogramChart(id: string, label: string, hists: Histogram[], files: string[], colour: number, onBar?: (file: number, bin: number) => void): HTMLElement {
  const first = hists[0] ?? { edges: [], counts: [] };
  const many = hists.length > 1;
  const figure = chart(
    id,
    label,
    (t) => ({
      type: 'bar',
      data: {
        labels: binLabels(first),
        // Compared, file k has the same colour in every chart.
        datasets: hists.map((hist, k) => ({ label: files[k], data: hist.counts, backgroundColor: t.series[(many ? k : colour) % t.series.length], categoryPercentage: many ? 0.9 : 1, barPercentage: 0.92 })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: many } },
        // A click anywhere in a bar's column picks it (a bar of one record is a few pixels high).
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { title: { display: first.kind === 'log', text: S.logBins } } },
        onClick: onBar
          ? (_event, elements) => {
              const hit = elements[0];
              if (hit) onBar(hit.datasetIndex, hit.index);
            }
          : undefined,
        onHover: onBar ? (event, elements) => ((event.native?.target as HTMLElement | undefined)?.style.setProperty('cursor', elements.length ? 'pointer' : 'default')) : undefined,
      },
    }),
    many ? hists.map((x) => x.counts) : first.counts,
  );
  const canvas = figure.querySelector('canvas');
  if (canvas) {
    canvas.dataset.kind = first.kind ?? 'linear';
    canvas.dataset.labels = JSON.stringify(binLabels(first));
  }
  if (onBar) figure.querySelector('figcaption')?.append(h('span', { className: 'muted' }, ` · ${S.clickBar}`));
  return figure;
}

function sharesChart(id: string, label: string, entries: Array<[string, number]>, colour: number): HTMLElement {
  const figure = chart(
    id,
    label,
    (t) => ({
      type: 'bar',
      data: { labels: entries.map((e) => e[0]), datasets: [{ label, data: entries.map((e) => Math.round(e[1] * 1000) / 10), backgroundColor: t.series[colour] }] },
      options: { indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } }, y: { ticks: { autoSkip: false } } } },
    }),
    entries.map((e) => e[1]),
  );
  // One readable row per entry.
  (figure.firstElementChild as HTMLElement).style.height = `${Math.max(120, entries.length * 18 + 50)}px`;
  return figure;
}

function lineChart(id: string, label: string, steps: number[], values: Array<number | null>, colour: number): HTMLElement {
  return chart(
    id,
    label,
    (t) => ({
      type: 'line',
      data: { labels: steps.map(String), datasets: [{ label, data: values, borderColor: t.series[colour], backgroundColor: t.series[colour], pointRadius: 4, tension: 0 }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true }, x: { title: { display: true, text: S.trainingStep } } } },
    }),
    values,
  );
}

type Cell = string | Node;

/** Identifiers (layouts, scripts) with a count or share each: `r1 20, deepseek 3`, the identifiers as code. */
function codeList(items: Array<[string, string]>): Cell {
  if (!items.length) return '–';
  return h('span', {}, ...items.flatMap(([id, value], i) => [i ? ', ' : '', h('code', {}, id), ` ${value}`]));
}

function table(id: string, header: string[], rows: Cell[][]): HTMLTableElement {
  return h(
    'table',
    { id },
    h('thead', {}, h('tr', {}, ...header.map((c, i) => h('th', { className: i ? 'num' : '' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { className: i ? 'num' : '' }, c))))),
  );
}

/** A value that opens the records behind it in the review panel. */
function link(text: string, title: string, open: () => void, id?: string): HTMLButtonElement {
  return h('button', { type: 'button', className: 'link', title, onclick: () => open(), ...(id ? { id } : {}) }, text);
}

const signed = (v: number) => format(S.points, `${v > 0 ? '+' : v < 0 ? '−' : '±'}${(Math.abs(v) * 100).toFixed(1)}`);

function render(given: DatasetStats[]): void {
  charts.splice(0).forEach((c) => c.destroy());
  // Checkpoints of one run are shown in step order; `source[k]` is the file's place in the message.
  const order = checkpointOrder(given);
  const source = order ?? given.map((_, k) => k);
  const all = source.map((k) => given[k]);
  const openRecords = (k: number, filter: ReviewFilterRequest) => send({ type: 'openRecords', file: source[k], filter });
  const files = all.map((s) => s.file);
  const parts: Node[] = [];
  const verdictRow = (name: string, verdict: Verdict) => [
    name,
    ...all.map((s, k) => {
      const n = s.verdicts?.[verdict] ?? 0;
      const text = `${n.toLocaleString()}${s.traces ? ` (${pct(n / s.traces)})` : ''}`;
      return n ? link(text, format(S.reviewVerdict, name, s.file), () => openRecords(k, { verdict, note: format(S.noteIn, name, s.file) }), `verdict-${verdict}-${k}`) : text;
    }),
  ];
  parts.push(
    h('h2', {}, S.overview),
    table('summary', ['', ...files], [
      [S.records, ...all.map((s) => s.records.toLocaleString())],
      [S.traces, ...all.map((s) => s.traces.toLocaleString())],
      [S.unreadable, ...all.map((s) => s.unreadable.toLocaleString())],
      [S.conventions, ...all.map((s) => codeList(Object.entries(s.conventions).map(([c, n]) => [c, n.toLocaleString()])))],
      [S.accuracy, ...all.map((s) => (s.accuracy.judged ? format(S.accuracyOf, pct(s.accuracy.rate), s.accuracy.judged) : S.noGroundTruth))],
      [S.meanReward, ...all.map((s) => fmt(s.reward.mean, 3))],
      [S.thoughtLength, ...all.map((s) => `${fmt(s.thoughtChars.mean, 0)} (${fmt(s.thoughtChars.median, 0)})`)],
      [S.reflectionRate, ...all.map((s) => fmt(s.reflectionRate.mean, 2))],
      [S.languageMix, ...all.map((s) => codeList(Object.entries(s.languageMix).slice(0, 3).map(([l, v]) => [l, pct(v)])))],
    ]),
    h('h2', {}, S.answers),
    h('p', { className: 'muted' }, S.answersNote),
    table('answers', ['', ...files], [
      verdictRow(S.verdictCorrect, 'correct'),
      verdictRow(S.verdictUnboxedCorrect, 'unboxed-correct'),
      verdictRow(S.verdictIncorrect, 'incorrect'),
      verdictRow(S.verdictUnboxedIncorrect, 'unboxed-incorrect'),
      verdictRow(S.verdictNoAnswer, 'no-answer'),
      verdictRow(S.verdictUnjudged, 'unjudged'),
      [
        S.theirLabel,
        ...all.map((s) => (s.theirs ? h('span', {}, formatNodes(S.theirLabelValue, pct(s.theirs.correct / s.theirs.labelled), h('code', {}, s.theirs.field), s.theirs.correct, s.theirs.labelled)) : S.none)),
      ],
      [
        S.disagreeRow,
        ...all.map((s, k) =>
          s.theirs ? (s.theirs.disagree ? link(s.theirs.disagree === 1 ? S.disagreeOne : format(S.disagreeMany, s.theirs.disagree), format(S.reviewDisagree, s.file), () => openRecords(k, { disagree: true, note: format(S.noteDisagree, s.file) }), `disagree-${k}`) : S.none) : '–',
        ),
      ],
    ]),
  );
  const many = all.length > 1;
  parts.push(
    h('h2', {}, many ? S.compared : S.distributions),
    h(
      'div',
      { className: 'charts' },
      histogramChart('reward-0', S.totalReward, all.map((s) => s.reward.histogram), files, 0, (k, bin) => {
        const f = rewardFilter(all[k].reward.histogram, bin);
        openRecords(k, { minReward: f.minReward, maxReward: f.maxReward, note: format(S.noteIn, f.text, all[k].file) });
      }),
      histogramChart('length-0', S.thoughtChars, all.map((s) => s.thoughtChars.histogram), files, 1),
      histogramChart('reflection-0', S.reflectionWords, all.map((s) => s.reflectionRate.histogram), files, 3),
    ),
  );
  if (order) {
    const steps = all.map((s) => s.step!);
    parts.push(
      h('h2', {}, S.checkpoints),
      h('p', { className: 'muted' }, S.checkpointsNote),
      h(
        'div',
        { className: 'charts' },
        lineChart('trend-response', S.trendResponse, steps, all.map((s) => s.responseChars?.mean ?? null), 2),
        lineChart('trend-length', S.trendThought, steps, all.map((s) => s.thoughtChars.mean), 0),
        lineChart('trend-reflection', S.trendReflection, steps, all.map((s) => s.reflectionRate.mean), 1),
      ),
    );
  } else if (many) {
    parts.push(h('p', { id: 'no-trend', className: 'muted' }, S.noTrend));
  }
  all.forEach((s, k) => {
    parts.push(
      h('h2', {}, s.file),
      h(
        'div',
        { className: 'charts' },
        sharesChart(`rules-${k}`, S.passRate, s.rules.map((r) => [r.id, r.passRate]), 2),
        sharesChart(`language-${k}`, S.languageOfThoughts, Object.entries(s.languageMix).slice(0, 8), 5),
      ),
    );
  });
  const ruleIds = [...new Set(all.flatMap((s) => s.rules.map((r) => r.id)))];
  const pass = (s: DatasetStats, id: string) => s.rules.find((r) => r.id === id)?.passRate ?? 1;
  const failing = (s: DatasetStats, id: string) => s.rules.find((r) => r.id === id)?.failing ?? 0;
  const diff = (id: string) => pass(all[all.length - 1], id) - pass(all[0], id);
  // With several files, the rules that changed most come first.
  if (many) ruleIds.sort((a, b) => Math.abs(diff(b)) - Math.abs(diff(a)) || a.localeCompare(b));
  else ruleIds.sort();
  const ruleRows = ruleIds.map((id) => [
    h('code', {}, id),
    ...all.map((s, k) => (failing(s, id) ? link(pct(pass(s, id)), format(S.reviewFailing, failing(s, id), s.file, id), () => openRecords(k, { rule: id, note: format(S.noteFailing, id, s.file) })) : pct(pass(s, id)))),
    ...(many ? [signed(diff(id))] : []),
  ]);
  parts.push(
    h('h2', {}, S.passRate),
    many ? h('p', { className: 'muted' }, format(S.differenceNote, files[files.length - 1], files[0])) : h('p', { className: 'muted' }, S.clickRate),
    table('rules', [S.rule, ...files, ...(many ? [S.difference] : [])], ruleRows),
    h('h2', {}, S.rewardMeans),
    table('reward-means', [S.reward, ...files], REWARD_NAMES.map((n) => [h('span', {}, rewardName(n, pageLocale()), ' ', h('code', {}, n)), ...all.map((s) => fmt(s.rewardMeans[n], 3))])),
  );
  replaceChildren(content, ...parts);
}

onMessage<StatsToPage>((message) => {
  if (message.type === 'progress') {
    const frac = message.total ? message.done / message.total : 1;
    progressBar.value = (message.fileIndex + frac) / message.files;
    progressText.textContent = format(S.reading, message.file, message.fileIndex + 1, message.files, Math.round(frac * 100));
  } else if (message.type === 'stats') {
    progressBar.value = 1;
    progressText.textContent = message.stats.length === 1 ? S.summarisedOne : format(S.summarisedMany, message.stats.length);
    saveButton.disabled = !message.stats.length;
    replaceChildren(errorsBox, ...message.errors.map((e) => h('li', {}, e)));
    render(message.stats);
  }
});

send({ type: 'ready' });
