/**
 * The GRPO calculator: edit a group of outputs and their rewards (one or several reward
 * columns with weights), pick a trainer's normalisation, and read each output's advantage as
 * a number and as a bar. Optional clipped surrogate per output. Several groups arrive from
 * the "advantages from selection" command; rows that came from a record can reveal it.
 */
import '../common/base.css';
import './calculator.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from 'chart.js';
import { onMessage, post, saveState, startState } from '../common/api';
import { h, replaceChildren } from '../common/dom';
import { applyReadableColours } from '../common/contrast';
import { PRESET_DESCRIPTIONS, PRESET_NAMES, type PresetName } from '../../src/core/grpo/advantages';
import { formatAdvantage } from '../../src/core/grpo/format';
import {
  applyPreset,
  chartLimit,
  compareConventions,
  defaultState,
  evaluate,
  normaliseState,
  pasteRewards,
  PRESET_LABELS,
  resultsJson,
  type CalcResults,
  type CalculatorState,
  type FromPage,
  type ToPage,
} from '../../src/core/grpo/panel';
import { parseSelection } from '../../src/core/grpo/selection';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

let state: CalculatorState = normaliseState(startState<unknown>(defaultState()));
let results: CalcResults = evaluate(state);
let chart: Chart | undefined;

const send = (message: FromPage) => post(message);
const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
app.removeAttribute('aria-live');

// ----------------------------------------------------------------------------- helpers

const fmt = (value: number | null | undefined, digits = 4): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const r = Number(value.toFixed(digits));
  return Object.is(r, -0) ? '0' : String(r);
};

let uid = 0;
const nextId = (prefix: string) => `${prefix}-${++uid}`;

function labelled(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || nextId('f');
  control.id = id;
  return h('div', { className: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { className: 'muted hint' }, hint) : null);
}

function select(id: string, value: string, choices: Array<[string, string]>, onChange: (v: string) => void): HTMLSelectElement {
  const el = h('select', { id });
  for (const [v, text] of choices) el.appendChild(h('option', { value: v, selected: v === value }, text));
  el.value = value;
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

function textInput(id: string, value: string, onInput: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const el = h('input', { id, type: 'text', value, spellcheck: 'false', autocomplete: 'off', ...attrs });
  el.value = value;
  el.addEventListener('input', () => onInput(el.value));
  return el;
}

function button(text: string, onClick: () => void, attrs: Record<string, string | boolean> = {}): HTMLElement {
  const el = h('vscode-button', { ...attrs }, text);
  el.addEventListener('click', onClick);
  return el;
}

function persist(): void {
  saveState(state);
}

/** Something changed that only affects numbers: recompute and refresh the result parts in place. */
function changed(): void {
  results = evaluate(state);
  persist();
  renderResults();
}

/** Something changed the shape of the page: rebuild the editor too. */
function rebuild(focusId?: string): void {
  results = evaluate(state);
  persist();
  render();
  if (focusId) (document.getElementById(focusId) as HTMLElement | null)?.focus();
}

const group = () => state.groups[state.active];

// ----------------------------------------------------------------------------- options

function renderOptions(): HTMLElement {
  const presetChoices: Array<[string, string]> = PRESET_NAMES.map((p) => [p, PRESET_LABELS[p]]);
  if (state.preset === 'custom') presetChoices.push(['custom', 'Custom']);
  const preset = select('preset', state.preset, presetChoices, (v) => {
    state = applyPreset(state, v as PresetName);
    rebuild('preset');
  });
  const custom = (fn: () => void) => () => {
    fn();
    const match = evaluate(state).preset;
    const before = state.preset;
    state.preset = match ?? 'custom';
    if ((before === 'custom') !== (state.preset === 'custom')) rebuild(document.activeElement?.id);
    else {
      (document.getElementById('preset-description') as HTMLElement).textContent = presetDescription();
      changed();
    }
  };
  const std = select('opt-std', state.options.std, [['sample', 'sample (n − 1)'], ['population', 'population (n)']], (v) => custom(() => (state.options.std = v as 'sample'))());
  const eps = textInput('opt-eps', state.options.epsilon, (v) => custom(() => (state.options.epsilon = v))(), { inputmode: 'decimal', size: '8' });
  const scale = select('opt-scale', state.options.scale, [['group', 'group std'], ['batch', 'batch std'], ['none', 'none (mean only)']], (v) => custom(() => (state.options.scale = v as 'group'))());
  const single = select('opt-single', state.options.singleton, [['zero', 'advantage 0 (TRL)'], ['raw', 'raw reward (verl)']], (v) => custom(() => (state.options.singleton = v as 'zero'))());
  const drop = h('input', { id: 'opt-drop', type: 'checkbox', checked: state.options.dropZeroSignal });
  drop.addEventListener('change', custom(() => (state.options.dropZeroSignal = drop.checked)));
  const agg = select('opt-agg', state.options.aggregation, [['sum', 'sum, then normalise (TRL default)'], ['normalize', 'normalise each, then sum']], (v) => custom(() => (state.options.aggregation = v as 'sum'))());
  const missing = select('opt-missing', state.options.missing, [['zero', 'score 0 (TRL nansum)'], ['exclude', 'leave out, advantage 0']], (v) => custom(() => (state.options.missing = v as 'zero'))());
  return h(
    'section',
    { className: 'options', 'aria-labelledby': 'options-title' },
    h('h2', { id: 'options-title' }, 'Normalisation'),
    h(
      'div',
      { className: 'row' },
      labelled('Preset', preset),
      labelled('Std', std),
      labelled('Epsilon', eps),
      labelled('Divide by', scale),
      labelled('Group of one', single),
      labelled('Several reward functions', agg, 'TRL multi_objective_aggregation'),
      labelled('Unscorable output', missing, 'every reward missing (None, NaN)'),
      h('div', { className: 'field check' }, drop, h('label', { for: 'opt-drop' }, 'Leave zero-signal groups out of the batch std')),
    ),
    h('p', { className: 'muted', id: 'preset-description' }, presetDescription()),
  );
}

function presetDescription(): string {
  return state.preset === 'custom' ? 'Custom options: they match no preset.' : PRESET_DESCRIPTIONS[state.preset];
}

// ----------------------------------------------------------------------------- editor

function renderGroupPicker(): HTMLElement | null {
  if (state.groups.length < 2) return null;
  const choices: Array<[string, string]> = state.groups.map((g, i) => {
    const r = results.groups[i];
    return [String(i), `${i + 1}. ${g.prompt || '(no prompt)'}${r?.zeroSignal ? ' — no signal' : ''}`];
  });
  const picker = select('group-picker', String(state.active), choices, (v) => {
    state.active = Number(v);
    rebuild('group-picker');
  });
  return h(
    'div',
    { className: 'row group-nav' },
    labelled(`Group (${state.groups.length})`, picker),
    button('Previous group', () => {
      state.active = (state.active - 1 + state.groups.length) % state.groups.length;
      rebuild('group-picker');
    }, { secondary: true, id: 'group-prev' }),
    button('Next group', () => {
      state.active = (state.active + 1) % state.groups.length;
      rebuild('group-picker');
    }, { secondary: true, id: 'group-next' }),
  );
}

function renderColumns(): HTMLElement {
  const list = h('div', { className: 'columns row' });
  state.columns.forEach((c, k) => {
    const name = textInput(`col-name-${k}`, c.name, (v) => {
      c.name = v;
      (document.getElementById(`col-head-${k}`) as HTMLElement).textContent = v || `reward ${k + 1}`;
      changed();
    }, { size: '12', 'aria-label': `Name of reward column ${k + 1}` });
    const weight = textInput(`col-weight-${k}`, c.weight, (v) => {
      c.weight = v;
      changed();
    }, { size: '5', inputmode: 'decimal', 'aria-label': `Weight of ${c.name || `reward column ${k + 1}`}` });
    list.appendChild(
      h(
        'fieldset',
        { className: 'column' },
        h('legend', { className: 'visually-hidden' }, `Reward column ${k + 1}`),
        name,
        h('span', { 'aria-hidden': 'true' }, '×'),
        weight,
        state.columns.length > 1
          ? button('Remove', () => {
              state.columns.splice(k, 1);
              for (const g of state.groups) for (const o of g.outputs) o.cells.splice(k, 1);
              rebuild('add-column');
            }, { secondary: true, 'aria-label': `Remove reward column ${c.name}` })
          : null,
      ),
    );
  });
  list.appendChild(
    button('Add reward column', () => {
      state.columns.push({ name: `reward ${state.columns.length + 1}`, weight: '1' });
      for (const g of state.groups) for (const o of g.outputs) o.cells.push('');
      rebuild(`col-name-${state.columns.length - 1}`);
    }, { secondary: true, id: 'add-column' }),
  );
  return h('div', {}, h('h3', {}, 'Reward functions and their weights'), list);
}

function renderTable(): HTMLElement {
  const g = group();
  const clip = state.clip.enabled;
  const overlong = state.overlong.enabled;
  const combinedColumn = state.columns.length > 1 || overlong;
  // The result first: the advantage (and the combined reward) before the reward columns, so a
  // narrow panel with many reward functions still shows it.
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, '#'),
    h('th', { scope: 'col' }, 'Output'),
    h('th', { scope: 'col', className: 'num', id: 'advantage-head' }, 'Advantage'),
    combinedColumn ? h('th', { scope: 'col', className: 'num' }, 'Reward') : null,
    ...state.columns.map((c, k) => h('th', { scope: 'col', className: 'num', id: `col-head-${k}` }, c.name || `reward ${k + 1}`)),
    overlong ? h('th', { scope: 'col', className: 'num' }, 'Length') : null,
    overlong ? h('th', { scope: 'col', className: 'num' }, 'Overlong') : null,
    clip ? h('th', { scope: 'col', className: 'num' }, 'Ratio ρ') : null,
    clip ? h('th', { scope: 'col', className: 'num' }, 'Surrogate') : null,
    h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, 'Actions')),
  );
  const body = h('tbody', {});
  g.outputs.forEach((o, i) => {
    const n = i + 1;
    const label = textInput(`label-${i}`, o.label, (v) => {
      o.label = v;
      changed();
    }, { 'aria-label': `Label of output ${n}`, size: '14' });
    const cells = state.columns.map((c, k) =>
      h(
        'td',
        { className: 'num' },
        textInput(`reward-${i}-${k}`, o.cells[k] ?? '', (v) => {
          o.cells[k] = v;
          changed();
        }, { 'aria-label': `${c.name || 'Reward'} of output ${n}`, size: '6', inputmode: 'decimal', className: 'reward' }),
      ),
    );
    const actions = h('td', { className: 'actions' });
    if (o.source) {
      actions.appendChild(
        button('Go to record', () => send({ type: 'reveal', source: o.source! }), { secondary: true, 'aria-label': `Go to the record of output ${n} (line ${o.source.line + 1})`, className: 'goto' }),
      );
    }
    actions.appendChild(
      button('Remove', () => {
        g.outputs.splice(i, 1);
        rebuild(g.outputs.length ? `label-${Math.min(i, g.outputs.length - 1)}` : 'add-output');
      }, { secondary: true, 'aria-label': `Remove output ${n}`, className: 'remove' }),
    );
    body.appendChild(
      h(
        'tr',
        { 'data-row': String(i) },
        h('td', { className: 'num muted' }, String(n)),
        h('td', {}, label),
        h('td', { className: 'num advantage', 'data-cell': 'advantage' }),
        combinedColumn ? h('td', { className: 'num combined', 'data-cell': 'reward' }) : null,
        ...cells,
        overlong
          ? h('td', { className: 'num' }, textInput(`length-${i}`, o.length ?? '', (v) => {
              o.length = v;
              changed();
            }, { 'aria-label': `Length in tokens of output ${n}`, size: '6', inputmode: 'decimal', className: 'reward' }))
          : null,
        overlong ? h('td', { className: 'num', 'data-cell': 'overlong' }) : null,
        clip
          ? h('td', { className: 'num' }, textInput(`ratio-${i}`, o.ratio, (v) => {
              o.ratio = v;
              changed();
            }, { 'aria-label': `Probability ratio of output ${n}`, size: '5', inputmode: 'decimal' }))
          : null,
        clip ? h('td', { className: 'num surrogate', 'data-cell': 'surrogate' }) : null,
        actions,
      ),
    );
  });
  return h(
    'div',
    { className: 'table-scroll' },
    h('table', { id: 'outputs', className: 'outputs' }, h('caption', { className: 'visually-hidden' }, 'Outputs of the group, their advantages and rewards'), h('thead', {}, head), body),
  );
}

function renderPaste(): HTMLElement {
  const area = h('textarea', { id: 'paste', rows: '2', cols: '40', spellcheck: 'false', placeholder: '0, 1, 1, 0   — one group per line', 'aria-describedby': 'paste-help' });
  const message = h('p', { id: 'paste-message', className: 'muted', role: 'status' });
  const apply = () => {
    const parsed = parseSelection(area.value);
    if (parsed.kind !== 'numbers') {
      message.textContent = parsed.kind === 'invalid' ? parsed.message : parsed.kind === 'records' ? 'Records go through the "Compute Group Advantages from Selection" command.' : 'Nothing to read.';
      message.className = 'warning';
      return;
    }
    state = pasteRewards(state, parsed.groups);
    rebuild('paste');
    const after = document.getElementById('paste-message');
    if (after) after.textContent = `Read ${parsed.groups.reduce((n, g) => n + g.length, 0)} rewards in ${parsed.groups.length} group${parsed.groups.length > 1 ? 's' : ''}.`;
  };
  return h(
    'div',
    { className: 'paste' },
    h('label', { for: 'paste' }, 'Paste rewards'),
    h('p', { id: 'paste-help', className: 'muted hint' }, 'Each line is one group (0,1,1,0 or [0,1,1,0]); a column of single numbers is one group. Labels and prompts are kept.'),
    h('div', { className: 'row' }, area, button('Use these rewards', apply, { id: 'paste-apply' })),
    message,
  );
}

function renderOverlong(): HTMLElement {
  const enabled = h('input', { id: 'overlong-enabled', type: 'checkbox', checked: state.overlong.enabled });
  enabled.addEventListener('change', () => {
    state.overlong.enabled = enabled.checked;
    rebuild('overlong-enabled');
  });
  const fields = state.overlong.enabled
    ? h(
        'div',
        { className: 'row' },
        labelled('Max length', textInput('overlong-max', state.overlong.maxLength, (v) => ((state.overlong.maxLength = v), changed()), { size: '7', inputmode: 'decimal' })),
        labelled('Buffer', textInput('overlong-buffer', state.overlong.buffer, (v) => ((state.overlong.buffer = v), changed()), { size: '7', inputmode: 'decimal' })),
        labelled('Penalty factor', textInput('overlong-factor', state.overlong.factor, (v) => ((state.overlong.factor = v), changed()), { size: '4', inputmode: 'decimal' })),
      )
    : null;
  return h(
    'div',
    { className: 'overlong' },
    h('h3', {}, 'DAPO overlong buffer'),
    h('div', { className: 'field check' }, enabled, h('label', { for: 'overlong-enabled' }, 'Add the soft overlong penalty: 0 up to max − buffer, then down to −factor at the max length (type a length per output)')),
    fields,
  );
}

function renderEditor(): HTMLElement {
  const g = group();
  const prompt = textInput('prompt', g.prompt, (v) => {
    g.prompt = v;
    persist();
  }, { size: '50' });
  return h(
    'section',
    { className: 'editor', 'aria-labelledby': 'group-title' },
    h('h2', { id: 'group-title' }, 'Group'),
    renderGroupPicker(),
    labelled('Prompt', prompt),
    renderTable(),
    h(
      'div',
      { className: 'row' },
      button('Add output', () => {
        g.outputs.push({ label: `output ${g.outputs.length + 1}`, cells: state.columns.map(() => '0'), ratio: '1' });
        rebuild(`reward-${g.outputs.length - 1}-0`);
      }, { id: 'add-output' }),
    ),
    renderPaste(),
    renderColumns(),
    renderOverlong(),
  );
}

// ----------------------------------------------------------------------------- results

const stats = h('div', { id: 'stats', className: 'stats', role: 'status', 'aria-live': 'polite' });
const notice = h('p', { id: 'notice', className: 'notice' });
const problemsBox = h('ul', { id: 'problems', className: 'warning' });
const canvas = h('canvas', { id: 'chart', role: 'img' });
const chartBox = h('div', { className: 'chart-box' }, canvas);
const batchBox = h('div', { id: 'batch' });
const clipSummary = h('p', { id: 'clip-summary' });
const compareBox = h('div', { id: 'compare', className: 'table-scroll' });

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

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
    ctx.fillText(`group mean ${fmt(g?.mean ?? 0)} → A = 0`, x.right - 2, zero - 3);
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

function drawChart(): void {
  const g = results.groups[state.active];
  const values = g.outputs.map((o) => Number(o.advantage.toFixed(6)));
  const labels = g.outputs.map((o, i) => `${i + 1}. ${o.label}`);
  const c = colours();
  const fill = values.map((v) => (v > 0 ? c.positive : v < 0 ? c.negative : c.neutral));
  canvas.dataset.values = JSON.stringify(values);
  canvas.dataset.colours = JSON.stringify(fill);
  canvas.setAttribute('aria-label', `Bar chart of the advantages: ${g.outputs.map((o, i) => `${labels[i]} ${formatAdvantage(o.advantage)}`).join('; ')}.`);
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
    data: { labels, datasets: [{ label: 'Advantage', data: values, backgroundColor: fill, borderColor: fill, borderWidth: 1 }] },
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
          title: { display: true, text: 'advantage A', color: c.text },
        },
      },
    },
  });
}

let compared = compareConventions(state);

function renderCompare(): void {
  const g = results.groups[state.active];
  if (!g || !g.outputs.length) {
    replaceChildren(compareBox);
    return;
  }
  const current = compared.find((c) => c.id === results.preset);
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Output'),
    h('th', { scope: 'col', className: 'num' }, 'Reward'),
    ...compared.map((c) => h('th', { scope: 'col', className: `num${c === current ? ' current' : ''}`, 'data-convention': c.id, title: c.id }, c.label)),
  );
  const rows = g.outputs.map((o, i) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, `${i + 1}. ${o.label}`),
      h('td', { className: 'num' }, o.missing ? '—' : fmt(o.reward)),
      ...compared.map((c) => {
        const a = c.advantages[i] ?? 0;
        return h('td', { className: `num ${a > 0 ? 'positive' : a < 0 ? 'negative' : 'muted'}${c === current ? ' current' : ''}`, 'data-convention': c.id, 'data-value': String(a) }, formatAdvantage(a, 4));
      }),
    ),
  );
  replaceChildren(
    compareBox,
    h(
      'table',
      { className: 'compare-table' },
      h('caption', {}, 'The same group under every convention'),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    ),
  );
}

function renderResults(): void {
  const g = results.groups[state.active];
  if (!g) return;
  compared = compareConventions(state);
  const divisorText = g.divisor === null ? 'none (all advantages 0)' : fmt(g.divisor, 6);
  replaceChildren(
    stats,
    h(
      'dl',
      { className: 'stat-list' },
      h('dt', {}, 'Outputs'),
      h('dd', { id: 'stat-size' }, String(g.outputs.length)),
      h('dt', {}, 'Mean reward'),
      h('dd', { id: 'stat-mean' }, fmt(g.mean)),
      h('dt', {}, `Std (${results.options.std})`),
      h('dd', { id: 'stat-std' }, fmt(g.std)),
      h('dt', {}, 'Divided by'),
      h('dd', { id: 'stat-divisor' }, divisorText),
    ),
  );
  let text = '';
  if (!g.outputs.length) text = 'Add outputs to see their advantages.';
  else if (g.allMissing) text = 'Every reward of this group is missing: its advantages are all 0.';
  else if (g.singleton && results.options.singleton === 'zero') text = 'A group of one output is its own baseline: its advantage is 0 and it teaches nothing.';
  else if (g.zeroSignal) text = 'Zero signal: every output got the same reward, so every advantage is 0 and this group does not change the policy. DAPO’s dynamic sampling drops such groups.';
  else text = 'Outputs above the group mean are encouraged (positive advantage); outputs below it are suppressed (negative).';
  notice.textContent = text;
  notice.className = g.zeroSignal || g.allMissing ? 'notice warning' : 'notice muted';
  notice.dataset.zeroSignal = String(g.zeroSignal);
  replaceChildren(problemsBox, ...results.problems.map((p) => h('li', {}, p)));

  // In-place cells of the editable table.
  const rows = document.querySelectorAll<HTMLTableRowElement>('#outputs tbody tr');
  rows.forEach((row, i) => {
    const o = g.outputs[i];
    if (!o) return;
    const adv = row.querySelector<HTMLElement>('[data-cell="advantage"]');
    if (adv) {
      adv.textContent = formatAdvantage(o.advantage, 4);
      adv.className = `num advantage ${o.advantage > 0 ? 'positive' : o.advantage < 0 ? 'negative' : 'muted'}`;
      adv.dataset.value = String(o.advantage);
    }
    const combined = row.querySelector<HTMLElement>('[data-cell="reward"]');
    if (combined) combined.textContent = o.missing ? (results.options.missing === 'exclude' ? 'missing (left out)' : '0 (all missing)') : fmt(o.reward);
    const over = row.querySelector<HTMLElement>('[data-cell="overlong"]');
    if (over) over.textContent = o.overlong === undefined ? '—' : fmt(o.overlong);
    o.invalid.forEach((bad, k) => {
      const input = document.getElementById(`reward-${i}-${k}`);
      if (!input) return;
      if (bad) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      input.title = bad ? 'Not a number: counted as missing' : '';
    });
    const sur = row.querySelector<HTMLElement>('[data-cell="surrogate"]');
    if (sur && o.surrogate) {
      const s = o.surrogate;
      sur.textContent = s.surrogate === null ? '—' : `${fmt(s.surrogate)}${s.clipped ? ' (clipped)' : ''}`;
      sur.className = `num surrogate${s.clipped ? ' warning' : ''}`;
      sur.title = s.clipped ? 'The ratio left the clip range in the direction of the advantage: no gradient from this output.' : '';
    }
  });

  if (state.clip.enabled) {
    clipSummary.textContent = `Group objective (1/G Σ min(ρA, clip(ρ)A) − β·KL): ${fmt(g.objective ?? null)}; clipped outputs: ${Math.round((g.clippedFraction ?? 0) * 100)}%.`;
  } else clipSummary.textContent = '';

  if (results.groups.length > 1) {
    const list = h('ol', { className: 'batch-list' });
    results.groups.forEach((r, i) =>
      list.appendChild(
        h('li', { className: r.zeroSignal ? 'warning' : '' }, `${r.prompt || '(no prompt)'} — ${r.outputs.length} outputs, mean ${fmt(r.mean)}, std ${fmt(r.std)}${r.zeroSignal ? ', no signal' : ''}${i === state.active ? ' (shown)' : ''}`),
      ),
    );
    replaceChildren(
      batchBox,
      h('h3', {}, 'Batch'),
      h('p', {}, `${results.groups.length} groups, ${results.zeroSignalGroups} without signal${results.batchStd !== null ? `; batch std ${fmt(results.batchStd)}` : ''}.`),
      list,
    );
  } else replaceChildren(batchBox);
  renderCompare();
  drawChart();
}

function renderClip(): HTMLElement {
  const enabled = h('input', { id: 'clip-enabled', type: 'checkbox', checked: state.clip.enabled });
  enabled.addEventListener('change', () => {
    state.clip.enabled = enabled.checked;
    rebuild('clip-enabled');
  });
  const fields = state.clip.enabled
    ? h(
        'div',
        { className: 'row' },
        labelled('ε low', textInput('clip-low', state.clip.epsLow, (v) => ((state.clip.epsLow = v), changed()), { size: '5', inputmode: 'decimal' })),
        labelled('ε high', textInput('clip-high', state.clip.epsHigh, (v) => ((state.clip.epsHigh = v), changed()), { size: '5', inputmode: 'decimal' })),
        labelled('β (KL)', textInput('clip-beta', state.clip.beta, (v) => ((state.clip.beta = v), changed()), { size: '5', inputmode: 'decimal' })),
        button('PPO 0.2 / 0.2', () => ((state.clip.epsLow = '0.2'), (state.clip.epsHigh = '0.2'), rebuild('clip-low')), { secondary: true }),
        button('DAPO clip-higher 0.2 / 0.28', () => ((state.clip.epsLow = '0.2'), (state.clip.epsHigh = '0.28'), rebuild('clip-low')), { secondary: true }),
      )
    : null;
  return h(
    'section',
    { className: 'clip', 'aria-labelledby': 'clip-title' },
    h('h2', { id: 'clip-title' }, 'Clipped surrogate'),
    h('div', { className: 'field check' }, enabled, h('label', { for: 'clip-enabled' }, 'Show min(ρA, clip(ρ, 1 − ε low, 1 + ε high)·A) for a probability ratio ρ per output')),
    fields,
    clipSummary,
  );
}

function renderExplainer(): HTMLElement {
  return h(
    'section',
    { className: 'explainer', 'aria-labelledby': 'explainer-title' },
    h('h2', { id: 'explainer-title' }, 'Why no critic?'),
    h(
      'div',
      { className: 'compare' },
      h(
        'div',
        { className: 'card' },
        h('h3', {}, 'PPO: learns a critic'),
        h('p', {}, 'A second network, as large as the policy, is trained to predict how much reward each state will lead to. The advantage is the reward minus that prediction. Two big models to train and hold in memory.'),
      ),
      h(
        'div',
        { className: 'card' },
        h('h3', {}, 'GRPO: the group is the baseline'),
        h('p', {}, 'Sample several answers to the same prompt and score them. Each answer is compared with its own group: above the mean is pushed up, below is pushed down. No value model at all: cheaper, and the baseline is exactly as hard as the prompt.'),
      ),
    ),
  );
}

function render(): void {
  replaceChildren(
    app,
    h('h1', {}, 'GRPO calculator'),
    h('p', { className: 'muted' }, 'Aᵢ = (rᵢ − mean(r)) / (std(r) + ε), over the outputs sampled for one prompt.'),
    renderOptions(),
    problemsBox,
    renderEditor(),
    h(
      'section',
      { className: 'results', 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title' }, 'Advantages'),
      stats,
      notice,
      chartBox,
      h('div', { className: 'row' }, button('Copy results as JSON', () => send({ type: 'copy', text: resultsJson(state, results) }), { id: 'copy' })),
      h('h3', {}, 'Every convention'),
      compareBox,
      batchBox,
    ),
    renderClip(),
    renderExplainer(),
  );
  renderResults();
}

// ----------------------------------------------------------------------------- wiring

onMessage<ToPage>((message) => {
  if (!message || message.type !== 'load' || typeof message.seq !== 'number') return;
  if (state.appliedSeq !== undefined && message.seq <= state.appliedSeq) return;
  const next = normaliseState({ ...state, ...message.state, active: 0 });
  state = { ...next, appliedSeq: message.seq };
  rebuild();
});

// Theme changes (VS Code swaps the body class): re-read the colours.
new MutationObserver(() => {
  applyReadableColours();
  chart?.destroy();
  chart = undefined;
  drawChart();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

applyReadableColours();
render();
persist();
send({ type: 'ready' });
