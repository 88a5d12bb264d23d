/** The active group side by side under every convention, the current one marked. */
import { h, replaceChildren } from '../common/dom';
import { formatAdvantage } from '../../src/core/grpo/format';
import { fmt } from './controls';
import { compared, results, state } from './store';
import { S, conventionLabel } from './l10n';

export const compareBox = h('div', { id: 'compare', className: 'table-scroll' });

export function renderCompare(): void {
  const g = results.groups[state.active];
  if (!g || !g.outputs.length) {
    replaceChildren(compareBox);
    return;
  }
  const current = compared.find((c) => c.id === results.preset);
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, S.columnOutput),
    h('th', { scope: 'col', className: 'num' }, S.columnReward),
    ...compared.map((c) => h('th', { scope: 'col', className: `num${c === current ? ' current' : ''}`, 'data-convention': c.id }, conventionLabel(c.id, c.label))),
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
      h('caption', {}, S.compareCaption),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    ),
  );
}
