/**
 * Text and HTML views of dataset statistics. The HTML report is self-contained and static:
 * charts are inline SVG drawn here, there is no script at all, and its Content-Security-Policy
 * forbids loading anything, so it can be opened or mailed anywhere.
 */
import { checkpointOrder, type DatasetStats, type Distribution, type Histogram } from './stats';
import { REWARD_NAMES } from '../types';
import { translator, type Locale, type MessageId, type MessageArg } from '../messages';

type T = (id: MessageId, args?: Record<string, MessageArg>) => string;
const EN = translator('en');

export function fmt(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') || '0' : fixed;
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** Characters a terminal draws two columns wide (CJK ideographs, kana, hangul, full-width forms). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

/** The columns a text takes in a terminal (a Chinese label is twice as wide as its length). */
function columns(text: string): number {
  return text.length + (text.match(WIDE)?.length ?? 0);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(columns(h), ...rows.map((r) => columns(r[c] ?? ''))));
  const pad = (cell: string, c: number) => ' '.repeat(widths[c] - columns(cell));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell + pad(cell, c) : pad(cell, c) + cell)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const distRow = (name: string, d: (s: DatasetStats) => Distribution, all: DatasetStats[], digits = 1, t: T = EN) => [
  name,
  ...all.map((s) => {
    const x = d(s);
    return t('stats.mean-median', { mean: fmt(x.mean, digits), median: fmt(x.median, digits) });
  }),
];

/** The first rows of both summaries: counts, conventions and accuracy per file (labels in English unless `t` renders another locale). */
function countRows(all: DatasetStats[], t: T = EN): string[][] {
  return [
    [t('stats.records'), ...all.map((s) => String(s.records))],
    [t('stats.traces'), ...all.map((s) => String(s.traces))],
    [t('stats.unreadable'), ...all.map((s) => String(s.unreadable))],
    [t('stats.conventions'), ...all.map((s) => Object.entries(s.conventions).map(([c, n]) => `${c} ${n}`).join(', ') || '–')],
    [t('stats.convention-assumed'), ...all.map((s) => s.assumedConvention ?? '–')],
    [t('stats.accuracy'), ...all.map((s) => (s.accuracy.judged ? t('stats.accuracy.of', { rate: pct(s.accuracy.rate), judged: s.accuracy.judged }) : t('stats.no-ground-truth')))],
    // Not boxed is a matter of form and no answer is not a wrong value: each counted apart.
    [t('stats.correct-unboxed'), ...all.map((s) => String(s.verdicts?.['unboxed-correct'] ?? 0))],
    [t('stats.incorrect'), ...all.map((s) => `${s.verdicts?.incorrect ?? 0} / ${s.verdicts?.['unboxed-incorrect'] ?? 0}`)],
    [t('stats.no-answer'), ...all.map((s) => String(s.verdicts?.['no-answer'] ?? 0))],
    [
      t('stats.their-label'),
      ...all.map((s) => (s.theirs ? t('stats.their-label.value', { rate: pct(s.theirs.correct / s.theirs.labelled), field: s.theirs.field, disagree: s.theirs.disagree }) : t('stats.none'))),
    ],
  ];
}

/** Plain-text summary of one or more files (side by side), its labels in `locale` (English by default). */
export function formatStatsText(all: DatasetStats[], locale: Locale = 'en'): string {
  const t = translator(locale);
  const out: string[] = [];
  const names = all.map((s) => s.file);
  out.push(
    table(
      ['', ...names],
      [
        ...countRows(all, t),
        distRow(t('stats.total-reward'), (s) => s.reward, all, 2, t),
        distRow(t('stats.thought-chars'), (s) => s.thoughtChars, all, 0, t),
        distRow(t('stats.reflection-rate'), (s) => s.reflectionRate, all, 2, t),
        [t('stats.language-mix'), ...all.map((s) => Object.entries(s.languageMix).slice(0, 3).map(([l, v]) => `${l} ${pct(v)}`).join(', ') || '–')],
      ],
    ),
  );
  out.push('', t('stats.reward-means'));
  out.push(table([t('stats.reward'), ...names], REWARD_NAMES.map((name) => [name, ...all.map((s) => fmt(s.rewardMeans[name], 3))])));
  const ruleIds = [...new Set(all.flatMap((s) => s.rules.map((r) => r.id)))].sort();
  if (ruleIds.length) {
    out.push('', t('stats.pass-rates'));
    out.push(table([t('stats.rule'), ...names], ruleIds.map((id) => [id, ...all.map((s) => pct(s.rules.find((r) => r.id === id)?.passRate ?? 1))])));
  }
  for (const s of all) {
    if (!s.reward.histogram.counts.length) continue;
    out.push('', t('stats.histogram', { file: s.file }));
    out.push(textHistogram(s.reward.histogram));
  }
  return out.join('\n') + '\n';
}

/** Bars of # characters, one line per bin. */
export function textHistogram(h: Histogram, width = 40): string {
  const top = Math.max(1, ...h.counts);
  return h.counts
    .map((n, k) => `${`[${fmt(h.edges[k])}, ${fmt(h.edges[k + 1])}${k === h.counts.length - 1 ? ']' : ')'}`.padEnd(20)} ${String(n).padStart(7)} ${'#'.repeat(Math.round((n / top) * width))}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------
// HTML report

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const PALETTE = ['#3794ff', '#f28c28', '#4caf50', '#d16ba5', '#c5b358', '#8a63d2', '#e05252', '#2bb3a3'];
const W = 460;
const H = 220;
const PAD = { l: 48, r: 12, t: 12, b: 38 };

/** An SVG bar chart of a histogram. */
export function svgHistogram(h: Histogram, title: string, colour = PALETTE[0]): string {
  const n = h.counts.length;
  if (!n) return `<p class="muted">${escapeXml(title)}: no data</p>`;
  const top = Math.max(1, ...h.counts);
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const bw = iw / n;
  const bars = h.counts
    .map((c, k) => {
      const bh = (c / top) * ih;
      const x = PAD.l + k * bw;
      const y = PAD.t + ih - bh;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${bh.toFixed(1)}" fill="${colour}"><title>[${fmt(h.edges[k])}, ${fmt(h.edges[k + 1])}): ${c}</title></rect>`;
    })
    .join('');
  const step = Math.max(1, Math.ceil(n / 6));
  const xLabels = h.edges
    .map((e, k) => (k % step === 0 || k === n ? `<text x="${(PAD.l + k * bw).toFixed(1)}" y="${H - PAD.b + 16}" text-anchor="middle">${escapeXml(fmt(e))}</text>` : ''))
    .join('');
  const yLabels = [0, top / 2, top].map((v) => `<text x="${PAD.l - 6}" y="${(PAD.t + ih - (v / top) * ih + 4).toFixed(1)}" text-anchor="end">${fmt(v, 0)}</text>`).join('');
  return svgFrame(title, `${bars}${axes()}${xLabels}${yLabels}`);
}

function axes(): string {
  return `<line x1="${PAD.l}" y1="${H - PAD.b}" x2="${W - PAD.r}" y2="${H - PAD.b}" class="axis"/><line x1="${PAD.l}" y1="${PAD.t}" x2="${PAD.l}" y2="${H - PAD.b}" class="axis"/>`;
}

function svgFrame(title: string, inner: string): string {
  return `<figure><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(title)}" xmlns="http://www.w3.org/2000/svg">${inner}</svg><figcaption>${escapeXml(title)}</figcaption></figure>`;
}

/** An SVG line chart: one point per file (x = file order). */
export function svgLine(labels: string[], values: Array<number | null>, title: string, colour = PALETTE[1]): string {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!finite.length) return `<p class="muted">${escapeXml(title)}: no data</p>`;
  const top = Math.max(...finite) * 1.1 || 1;
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const xAt = (k: number) => PAD.l + (labels.length === 1 ? iw / 2 : (k / (labels.length - 1)) * iw);
  const yAt = (v: number) => PAD.t + ih - (v / top) * ih;
  const points = values.map((v, k) => (v === null ? null : `${xAt(k).toFixed(1)},${yAt(v).toFixed(1)}`)).filter(Boolean);
  const dots = values
    .map((v, k) => (v === null ? '' : `<circle cx="${xAt(k).toFixed(1)}" cy="${yAt(v).toFixed(1)}" r="3.5" fill="${colour}"><title>${escapeXml(labels[k])}: ${fmt(v)}</title></circle>`))
    .join('');
  const xLabels = labels.map((l, k) => `<text x="${xAt(k).toFixed(1)}" y="${H - PAD.b + 16}" text-anchor="middle">${escapeXml(l.length > 18 ? `${l.slice(0, 17)}…` : l)}</text>`).join('');
  const yLabels = [0, top / 2, top].map((v) => `<text x="${PAD.l - 6}" y="${(yAt(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v, 1)}</text>`).join('');
  return svgFrame(title, `<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}${axes()}${xLabels}${yLabels}`);
}

/** An SVG horizontal bar chart of values in 0…1 (pass rates, language shares). */
export function svgShares(entries: Array<[string, number]>, title: string, colour = PALETTE[2]): string {
  if (!entries.length) return `<p class="muted">${escapeXml(title)}: no data</p>`;
  const rowH = 18;
  const h = entries.length * rowH + 16;
  const labelW = 170;
  const iw = W - labelW - 50;
  const rows = entries
    .map(([label, v], k) => {
      const y = 8 + k * rowH;
      return `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${escapeXml(label)}</text><rect x="${labelW}" y="${y + 2}" width="${(Math.max(0, Math.min(1, v)) * iw).toFixed(1)}" height="${rowH - 5}" fill="${colour}"/><text x="${(labelW + Math.max(0, Math.min(1, v)) * iw + 4).toFixed(1)}" y="${y + 12}">${pct(v)}</text>`;
    })
    .join('');
  return `<figure><svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${escapeXml(title)}" xmlns="http://www.w3.org/2000/svg">${rows}</svg><figcaption>${escapeXml(title)}</figcaption></figure>`;
}

const STYLE = `
body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{font-size:.9em;color:#555;text-align:center}
svg text{font-size:11px;fill:#444}svg .axis{stroke:#999}.muted{color:#777}
@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}th,td{border-color:#444}svg text{fill:#bbb}figcaption,.muted{color:#aaa}}
`;

function htmlTable(header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((h, c) => `<th${c ? ' class="num"' : ''}>${escapeXml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((cell, c) => `<td${c ? ' class="num"' : ''}>${escapeXml(cell)}</td>`).join('')}</tr>`).join('');
  return `<table>${head}${body}</table>`;
}

/** A self-contained HTML report (no script, nothing loaded from anywhere). */
export function renderStatsHtml(all: DatasetStats[], title = 'Dataset summary'): string {
  const names = all.map((s) => s.file);
  const parts: string[] = [];
  parts.push(`<h1>${escapeXml(title)}</h1>`);
  parts.push(
    htmlTable(
      ['', ...names],
      [
        ...countRows(all),
        ['mean total reward', ...all.map((s) => fmt(s.reward.mean, 3))],
        ['mean thought length (chars)', ...all.map((s) => fmt(s.thoughtChars.mean, 0))],
        ['median thought length (chars)', ...all.map((s) => fmt(s.thoughtChars.median, 0))],
        ['reflection words per 1k words (mean)', ...all.map((s) => fmt(s.reflectionRate.mean, 2))],
      ],
    ),
  );
  // Trend lines only across checkpoints of one run (every file name carries a training step), in step order.
  const order = checkpointOrder(all);
  if (order) {
    const steps = order.map((k) => `step ${all[k].step}`);
    parts.push('<h2>Across checkpoints</h2><div class="charts">');
    parts.push(svgLine(steps, order.map((k) => all[k].thoughtChars.mean), 'Mean thought length (characters) per step'));
    parts.push(svgLine(steps, order.map((k) => all[k].reflectionRate.mean), 'Reflection words per 1k words per step', PALETTE[3]));
    parts.push('</div>');
  } else if (all.length > 1) {
    parts.push('<p class="muted">No trend line: the file names carry no training steps (such as global_step_500), so they are not read as checkpoints of one run.</p>');
  }
  for (const s of all) {
    parts.push(`<h2>${escapeXml(s.file)}</h2><div class="charts">`);
    parts.push(svgHistogram(s.reward.histogram, 'Total reward'));
    parts.push(svgHistogram(s.thoughtChars.histogram, 'Thought length (characters)', PALETTE[1]));
    parts.push(svgHistogram(s.reflectionRate.histogram, 'Reflection words per 1k words', PALETTE[3]));
    parts.push(svgShares(s.rules.map((r) => [r.id, r.passRate]), 'Pass rate per rule'));
    parts.push(svgShares(Object.entries(s.languageMix).slice(0, 8), 'Language mix of the thoughts', PALETTE[5]));
    parts.push('</div>');
    parts.push(htmlTable(['reward', 'mean'], REWARD_NAMES.map((n) => [n, fmt(s.rewardMeans[n], 3)])));
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeXml(title)}</title><style>${STYLE}</style></head>
<body>${parts.join('\n')}</body></html>
`;
}
