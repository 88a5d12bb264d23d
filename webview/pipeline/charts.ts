/**
 * Bar charts drawn from the Markdown tables that follow a ```chart block. The table stays on
 * the page as the accessible version of the numbers; the canvas is a picture of it. Colours
 * come from the theme's --vscode-* variables and are re-read when the theme changes.
 */
import { format } from '../common/locale';
import { CHART_SERIES, cssVar } from '../common/theme';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type Plugin } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ChartOptions {
  title?: string;
  unit?: string;
  /** Name of the value axis ("pass@1 / accuracy (%)", "percentile"). */
  axis?: string;
  /** Top of the value axis (default: chosen by the chart). */
  max?: number;
  /** Header texts of the columns to plot (default: every numeric column). */
  columns?: string[];
}

export interface TableData {
  labels: string[];
  series: Array<{ name: string; values: number[] }>;
}

/** Reads a rendered Markdown table: first column = labels, numeric columns = series. */
export function readTable(table: HTMLTableElement, columns?: string[]): TableData {
  const headers = Array.from(table.tHead?.rows[0]?.cells ?? []).map((c) => c.textContent?.trim() ?? '');
  const rows = Array.from(table.tBodies[0]?.rows ?? []).map((r) => Array.from(r.cells).map((c) => c.textContent?.trim() ?? ''));
  const labels = rows.map((r) => r[0] ?? '');
  const series: TableData['series'] = [];
  headers.forEach((name, col) => {
    if (col === 0 || (columns && !columns.includes(name))) return;
    const values = rows.map((r) => Number.parseFloat(r[col] ?? ''));
    if (values.every((v) => Number.isFinite(v))) series.push({ name, values });
  });
  return { labels, series };
}

export function themeColours(): { series: string[]; text: string; grid: string; font: string } {
  return {
    // The readable versions (contrast.ts) when the page set them, else the theme's own.
    series: CHART_SERIES.map((c, i) => cssVar(`--cot-series-${i}`, cssVar(c.variable, c.fallback))),
    text: cssVar('--vscode-foreground', '#cccccc'),
    grid: cssVar('--vscode-widget-border', cssVar('--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

/** Writes each bar's value above it, in the text colour. */
const valueLabels: Plugin<'bar'> = {
  id: 'cotValueLabels',
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    const colours = themeColours();
    const drawn: string[] = [];
    ctx.save();
    ctx.fillStyle = colours.text;
    ctx.font = `11px ${colours.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      if (meta.hidden) return;
      meta.data.forEach((bar, i) => {
        const value = Number(dataset.data[i]);
        if (!Number.isFinite(value)) return;
        const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
        const text = String(value);
        ctx.fillText(text, x, y - 2);
        drawn.push(text);
      });
    });
    ctx.restore();
    (chart.canvas as HTMLCanvasElement).dataset.valueLabels = JSON.stringify(drawn);
  },
};

/** Draws (or redraws) a bar chart of `data` into `canvas`. */
export function drawBarChart(canvas: HTMLCanvasElement, data: TableData, options: ChartOptions): Chart {
  Chart.getChart(canvas)?.destroy();
  const colours = themeColours();
  const unit = options.unit ?? '';
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({
        label: s.name,
        data: s.values,
        backgroundColor: colours.series[i % colours.series.length],
        borderColor: colours.series[i % colours.series.length],
        borderWidth: 1,
      })),
    },
    plugins: [valueLabels],
    options: {
      animation: false,
      layout: { padding: { top: 16 } },
      responsive: true,
      maintainAspectRatio: false,
      color: colours.text,
      font: { family: colours.font },
      plugins: {
        legend: { labels: { color: colours.text } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue}${unit}` } },
      },
      scales: {
        x: { ticks: { color: colours.text }, grid: { color: colours.grid } },
        y: {
          beginAtZero: true,
          ...(options.max !== undefined ? { max: options.max } : {}),
          ticks: { color: colours.text },
          grid: { color: colours.grid },
          title: { display: Boolean(options.axis), text: options.axis ?? '', color: colours.text },
        },
      },
    },
  });
}

/** Wording of a chart's description (`summary`: {0} title, {1} series names, {2} number of entries). */
export interface ChartText {
  chart: string;
  summary: string;
  separator: string;
}
const CHART_TEXT: ChartText = { chart: 'Bar chart', summary: '{0}: {1} for {2} entries. The table below lists the same numbers.', separator: ', ' };

/** Short text description of a chart for its `aria-label`. */
export function describeChart(data: TableData, options: ChartOptions, text: ChartText = CHART_TEXT): string {
  return format(text.summary, options.title ?? text.chart, data.series.map((s) => s.name).join(text.separator), data.labels.length);
}
