/** The table of the active group's outputs: editable labels, rewards, lengths and ratios, and the computed cells. */
import { h } from '../common/dom';
import { formatAdvantage } from '../../src/core/grpo/format';
import type { CalcResults } from '../../src/core/grpo/panel';
import { button, fmt, textInput } from './controls';
import { send } from './messages';
import { changed, group, rebuild, results, state } from './store';
import { S, format } from './l10n';

export function renderTable(): HTMLElement {
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
    h('th', { scope: 'col' }, S.columnOutput),
    h('th', { scope: 'col', className: 'num', id: 'advantage-head' }, S.columnAdvantage),
    combinedColumn ? h('th', { scope: 'col', className: 'num' }, S.columnReward) : null,
    ...state.columns.map((c, k) => h('th', { scope: 'col', className: 'num', id: `col-head-${k}`, ...(c.name ? { translate: 'no' } : {}) }, c.name || format(S.defaultColumnName, k + 1))),
    overlong ? h('th', { scope: 'col', className: 'num' }, S.columnLength) : null,
    overlong ? h('th', { scope: 'col', className: 'num' }, S.columnOverlong) : null,
    clip ? h('th', { scope: 'col', className: 'num' }, S.columnRatio) : null,
    clip ? h('th', { scope: 'col', className: 'num' }, S.columnSurrogate) : null,
    h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, S.columnActions)),
  );
  const body = h('tbody', {});
  g.outputs.forEach((o, i) => {
    const n = i + 1;
    const label = textInput(`label-${i}`, o.label, (v) => {
      o.label = v;
      changed();
    }, { 'aria-label': format(S.outputLabel, n), size: '14' });
    const cells = state.columns.map((c, k) =>
      h(
        'td',
        { className: 'num' },
        textInput(`reward-${i}-${k}`, o.cells[k] ?? '', (v) => {
          o.cells[k] = v;
          changed();
        }, { 'aria-label': format(S.rewardOf, c.name || S.rewardFallback, n), size: '6', inputmode: 'decimal', className: 'reward' }),
      ),
    );
    const actions = h('td', { className: 'actions' });
    if (o.source) {
      actions.appendChild(
        button(S.goToRecord, () => send({ type: 'reveal', source: o.source! }), { secondary: true, 'aria-label': format(S.goToRecordOf, n, o.source.line + 1), className: 'goto' }),
      );
    }
    actions.appendChild(
      button(S.remove, () => {
        g.outputs.splice(i, 1);
        rebuild(g.outputs.length ? `label-${Math.min(i, g.outputs.length - 1)}` : 'add-output');
      }, { secondary: true, 'aria-label': format(S.removeOutput, n), className: 'remove' }),
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
            }, { 'aria-label': format(S.lengthOf, n), size: '6', inputmode: 'decimal', className: 'reward' }))
          : null,
        overlong ? h('td', { className: 'num', 'data-cell': 'overlong' }) : null,
        clip
          ? h('td', { className: 'num' }, textInput(`ratio-${i}`, o.ratio, (v) => {
              o.ratio = v;
              changed();
            }, { 'aria-label': format(S.ratioOf, n), size: '5', inputmode: 'decimal' }))
          : null,
        clip ? h('td', { className: 'num surrogate', 'data-cell': 'surrogate' }) : null,
        actions,
      ),
    );
  });
  return h(
    'div',
    { className: 'table-scroll' },
    h('table', { id: 'outputs', className: 'outputs' }, h('caption', { className: 'visually-hidden' }, S.tableCaption), h('thead', {}, head), body),
  );
}

/** Writes the computed cells of the table in place (the inputs keep their focus and caret). */
export function updateTable(g: CalcResults['groups'][number]): void {
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
    if (combined) combined.textContent = o.missing ? (results.options.missing === 'exclude' ? S.missingLeftOut : S.missingZeroed) : fmt(o.reward);
    const over = row.querySelector<HTMLElement>('[data-cell="overlong"]');
    if (over) over.textContent = o.overlong === undefined ? '—' : fmt(o.overlong);
    o.invalid.forEach((bad, k) => {
      const input = document.getElementById(`reward-${i}-${k}`);
      if (!input) return;
      if (bad) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      input.title = bad ? S.notANumber : '';
    });
    const sur = row.querySelector<HTMLElement>('[data-cell="surrogate"]');
    if (sur && o.surrogate) {
      const s = o.surrogate;
      sur.textContent = s.surrogate === null ? '—' : s.clipped ? format(S.clipped, fmt(s.surrogate)) : fmt(s.surrogate);
      sur.className = `num surrogate${s.clipped ? ' warning' : ''}`;
      sur.title = s.clipped ? S.clippedTitle : '';
    }
  });
}
