/** The results: the group's statistics, what they mean, problems, the batch, and the refresh of every computed part. */
import { h, replaceChildren } from '../common/dom';
import { drawChart } from './chart';
import { updateClipSummary } from './clip';
import { renderCompare } from './compare';
import { fmt } from './controls';
import { compareAll, results, state } from './store';
import { updateTable } from './table';

export const stats = h('div', { id: 'stats', className: 'stats', role: 'status', 'aria-live': 'polite' });
export const notice = h('p', { id: 'notice', className: 'notice' });
export const problemsBox = h('ul', { id: 'problems', className: 'warning' });
export const batchBox = h('div', { id: 'batch' });

export function renderResults(): void {
  const g = results.groups[state.active];
  if (!g) return;
  compareAll();
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

  updateTable(g);
  updateClipSummary(g);
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
