/** The bar chart of the active group's advantages (Chart.js), coloured from the theme. */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from 'chart.js';
import { h } from '../common/dom';
import { cssVar } from '../common/theme';
import { formatAdvantage } from '../../src/core/grpo/format';
import { chartLimit } from '../../src/core/grpo/panel';
import { fmt } from './controls';
import { compared, results, state } from './store';
import { S, format } from './l10n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

let chart: Chart | undefined;
const canvas = h('canvas', { id: 'chart', role: 'img' });
export const chartBox = h('div', { className: 'chart-box' }, canvas);

function colours() {
  return {
    positive: cssVar('--cot-positive', cssVar('--calc-positive', '#388a34')),
    negative: cssVar('--cot-negative', cssVar('--calc-negative', '#e51400')),
    neutral: cssVar('--cot-neutral', cssVar('--calc-neutral', '#888888')),
    mean: cssVar('--cot-mean', cssVar('--vscode-charts-blue', '#3794ff')),
    text: cssVar('--vscode-foreground', getComputedStyle(document.body).color || '#808080'),
    grid: cssVar('--calc-grid', 'rgba(128,128,128,0.35)'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

/** Draws each bar's value at its end and a dashed line at A = 0, the group mean. */
const labelsPlugin: Plugin<'bar'> = {
  id: 'cotValueLabels',
  afterDatasetsDraw(c) {
    const ctx = c.ctx;
    const col = colours();
    const y = c.scales.y;
    const x = c.scales.x;
    const zero = y.getPixelForValue(0);
    ctx.save();
    ctx.strokeStyle = col.mean;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.moveTo(x.left, zero);
    ctx.lineTo(x.right, zero);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = `12px ${col.font}`;
    ctx.fillStyle = col.mean;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    const g = results.groups[state.active];
    ctx.fillText(format(S.chartMean, fmt(g?.mean ?? 0)), x.right - 2, zero - 3);
    ctx.fillStyle = col.text;
    ctx.textAlign = 'center';
    const meta = c.getDatasetMeta(0);
    const drawn: string[] = [];
    meta.data.forEach((bar, i) => {
      const value = Number(c.data.datasets[0].data[i]);
      if (!Number.isFinite(value)) return;
      const { x: bx, y: by } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
      const above = value >= 0;
      ctx.textBaseline = above ? 'bottom' : 'top';
      ctx.fillText(formatAdvantage(value), bx, above ? by - 3 : by + 3);
      drawn.push(formatAdvantage(value));
    });
    ctx.restore();
    // What was written on the picture, for tests and for anyone inspecting the page.
    (c.canvas as HTMLCanvasElement).dataset.valueLabels = JSON.stringify(drawn);
  },
};

export function drawChart(): void {
  const g = results.groups[state.active];
  const values = g.outputs.map((o) => Number(o.advantage.toFixed(6)));
  const labels = g.outputs.map((o, i) => `${i + 1}. ${o.label}`);
  const c = colours();
  const fill = values.map((v) => (v > 0 ? c.positive : v < 0 ? c.negative : c.neutral));
  canvas.dataset.values = JSON.stringify(values);
  canvas.dataset.colours = JSON.stringify(fill);
  canvas.setAttribute('aria-label', format(S.chartLabel, g.outputs.map((o, i) => `${labels[i]} ${formatAdvantage(o.advantage)}`).join('; ')));
  // One scale for every preset (the largest |A| of any convention), with room for the labels.
  const nice = chartLimit(state, compared);
  const limit = nice + Math.max(0.25, nice * 0.1);
  canvas.dataset.limit = String(limit);
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets[0].data = values;
    chart.data.datasets[0].backgroundColor = fill;
    chart.data.datasets[0].borderColor = fill;
    const scales = chart.options.scales as Record<string, { min?: number; max?: number; ticks?: { color?: string }; grid?: { color?: string } }>;
    scales.y.min = -limit;
    scales.y.max = limit;
    for (const axis of ['x', 'y']) {
      scales[axis].ticks = { ...scales[axis].ticks, color: c.text };
      scales[axis].grid = { ...scales[axis].grid, color: c.grid };
    }
    chart.update();
    return;
  }
  chart = new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: S.chartSeries, data: values, backgroundColor: fill, borderColor: fill, borderWidth: 1 }] },
    plugins: [labelsPlugin],
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      font: { family: c.font },
      plugins: { tooltip: { callbacks: { label: (item) => `A = ${formatAdvantage(Number(item.raw), 4)}` } } },
      scales: {
        x: { ticks: { color: c.text }, grid: { color: c.grid } },
        y: {
          min: -limit,
          max: limit,
          // Labels on the halves only; the margin beyond the largest advantage holds the value labels.
          ticks: { color: c.text, stepSize: 0.25, autoSkip: false, callback: (v) => (Math.abs(Number(v) * 2 - Math.round(Number(v) * 2)) < 1e-9 && Math.abs(Number(v)) <= limit - 0.2 ? String(Number(v)) : '') },
          grid: { color: c.grid },
          title: { display: true, text: S.chartAxis, color: c.text },
        },
      },
    },
  });
}

/** After a theme change: a new chart with the new colours. */
export function redrawChart(): void {
  chart?.destroy();
  chart = undefined;
  drawChart();
}
