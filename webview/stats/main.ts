/**
 * Dataset summary page: numbers in tables and charts (Chart.js, coloured from the theme's
 * --vscode-* variables). With several files, mean thought length and reflection-word rate per
 * file are drawn as lines — the growth R1 reports during RL, shown on the user's own data.
 */
import '../common/base.css';
import './stats.css';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { onMessage, post } from '../common/api';
import { h, replaceChildren } from '../common/dom';
import type { StatsFromPage, StatsToPage } from '../../src/core/review/protocol';
import type { DatasetStats, Histogram } from '../../src/core/review/stats';
import { fmt, pct } from '../../src/core/review/report';
import { REWARD_NAMES } from '../../src/core/types';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const send = (message: StatsFromPage) => post(message);
const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
const progressBar = h('progress', { id: 'progress-bar', max: 1, value: 0 });
const progressText = h('span', { id: 'progress-text', className: 'muted' }, 'Computing…');
const errorsBox = h('ul', { id: 'errors', className: 'warning' });
const content = h('div', { id: 'content' });
const saveButton = h('button', { id: 'save-html', type: 'button', disabled: true, onclick: () => send({ type: 'exportHtml' }) }, 'Save HTML report…');
replaceChildren(app, h('h1', {}, 'Dataset summary'), h('div', { className: 'row' }, progressBar, progressText, saveButton), errorsBox, content);

const charts: Chart[] = [];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function theme() {
  return {
    series: ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'].map((v, i) =>
      cssVar(v, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][i]),
    ),
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

const binLabels = (hist: Histogram) => hist.counts.map((_, k) => `${fmt(hist.edges[k])}–${fmt(hist.edges[k + 1])}`);

function histogramChart(id: string, label: string, hist: Histogram, colour: number): HTMLElement {
  return chart(
    id,
    label,
    (t) => ({
      type: 'bar',
      data: { labels: binLabels(hist), datasets: [{ label: 'records', data: hist.counts, backgroundColor: t.series[colour], categoryPercentage: 1, barPercentage: 0.92 }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    hist.counts,
  );
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

function lineChart(id: string, label: string, files: string[], values: Array<number | null>, colour: number): HTMLElement {
  return chart(
    id,
    label,
    (t) => ({
      type: 'line',
      data: { labels: files, datasets: [{ label, data: values, borderColor: t.series[colour], backgroundColor: t.series[colour], pointRadius: 4, tension: 0 }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    }),
    values,
  );
}

function table(id: string, header: string[], rows: string[][]): HTMLTableElement {
  return h(
    'table',
    { id },
    h('thead', {}, h('tr', {}, ...header.map((c, i) => h('th', { className: i ? 'num' : '' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { className: i ? 'num' : '' }, c))))),
  );
}

function render(all: DatasetStats[]): void {
  charts.splice(0).forEach((c) => c.destroy());
  const files = all.map((s) => s.file);
  const parts: Node[] = [];
  parts.push(
    h('h2', {}, 'Overview'),
    table('summary', ['', ...files], [
      ['records', ...all.map((s) => s.records.toLocaleString())],
      ['traces', ...all.map((s) => s.traces.toLocaleString())],
      ['unreadable records', ...all.map((s) => s.unreadable.toLocaleString())],
      ['conventions', ...all.map((s) => Object.entries(s.conventions).map(([c, n]) => `${c} ${n}`).join(', ') || '–')],
      ['accuracy', ...all.map((s) => (s.accuracy.judged ? `${pct(s.accuracy.rate)} of ${s.accuracy.judged}` : 'no ground truth'))],
      ['mean total reward', ...all.map((s) => fmt(s.reward.mean, 3))],
      ['thought length, mean (median)', ...all.map((s) => `${fmt(s.thoughtChars.mean, 0)} (${fmt(s.thoughtChars.median, 0)})`)],
      ['reflection words / 1k words, mean', ...all.map((s) => fmt(s.reflectionRate.mean, 2))],
      ['language mix', ...all.map((s) => Object.entries(s.languageMix).slice(0, 3).map(([l, v]) => `${l} ${pct(v)}`).join(', ') || '–')],
    ]),
  );
  if (all.length > 1) {
    parts.push(
      h('h2', {}, 'Across files'),
      h('p', { className: 'muted' }, 'In file order — for checkpoints of one run, R1 reports both rising as RL proceeds.'),
      h(
        'div',
        { className: 'charts' },
        lineChart('trend-length', 'Mean thought length (characters)', files, all.map((s) => s.thoughtChars.mean), 0),
        lineChart('trend-reflection', 'Reflection words per 1k words', files, all.map((s) => s.reflectionRate.mean), 1),
      ),
    );
  }
  all.forEach((s, k) => {
    parts.push(
      h('h2', {}, s.file),
      h(
        'div',
        { className: 'charts' },
        histogramChart(`reward-${k}`, 'Total reward', s.reward.histogram, 0),
        histogramChart(`length-${k}`, 'Thought length (characters)', s.thoughtChars.histogram, 1),
        histogramChart(`reflection-${k}`, 'Reflection words per 1k words', s.reflectionRate.histogram, 3),
        sharesChart(`rules-${k}`, 'Pass rate per rule', s.rules.map((r) => [r.id, r.passRate]), 2),
        sharesChart(`language-${k}`, 'Language mix of the thoughts', Object.entries(s.languageMix).slice(0, 8), 5),
      ),
    );
  });
  const ruleIds = [...new Set(all.flatMap((s) => s.rules.map((r) => r.id)))].sort();
  parts.push(
    h('h2', {}, 'Pass rate per rule'),
    table('rules', ['rule', ...files], ruleIds.map((id) => [id, ...all.map((s) => pct(s.rules.find((r) => r.id === id)?.passRate ?? 1))])),
    h('h2', {}, 'Mean of each reward'),
    table('reward-means', ['reward', ...files], REWARD_NAMES.map((n) => [n, ...all.map((s) => fmt(s.rewardMeans[n], 3))])),
  );
  replaceChildren(content, ...parts);
}

onMessage<StatsToPage>((message) => {
  if (message.type === 'progress') {
    const frac = message.total ? message.done / message.total : 1;
    progressBar.value = (message.fileIndex + frac) / message.files;
    progressText.textContent = `Reading ${message.file} (${message.fileIndex + 1} of ${message.files}) · ${Math.round(frac * 100)}%`;
  } else if (message.type === 'stats') {
    progressBar.value = 1;
    progressText.textContent = `${message.stats.length} file${message.stats.length === 1 ? '' : 's'} summarised`;
    saveButton.disabled = !message.stats.length;
    replaceChildren(errorsBox, ...message.errors.map((e) => h('li', {}, e)));
    render(message.stats);
  }
});

send({ type: 'ready' });
