/** The results: the group's statistics, what they mean, problems, the batch, and the refresh of every computed part. */
import { h, replaceChildren } from '../common/dom';
import { drawChart } from './chart';
import { updateClipSummary } from './clip';
import { renderCompare } from './compare';
import { fmt } from './controls';
import { compareAll, results, state } from './store';
import { updateTable } from './table';
import { S, format } from './l10n';
import type { CalcIssue } from '../../src/core/grpo/panel';

const issueText = (issue: CalcIssue): string =>
  issue.code === 'epsilon' ? format(S.problemEpsilon, issue.value ?? '') : issue.code === 'weight' ? format(S.problemWeight, issue.value ?? '') : S.problemOverlong;

export const stats = h('div', { id: 'stats', className: 'stats', role: 'status', 'aria-live': 'polite' });
export const notice = h('p', { id: 'notice', className: 'notice' });
export const problemsBox = h('ul', { id: 'problems', className: 'warning' });
export const batchBox = h('div', { id: 'batch' });

export function renderResults(): void {
  const g = results.groups[state.active];
  if (!g) return;
  compareAll();
  const divisorText = g.divisor === null ? S.divisorNone : fmt(g.divisor, 6);
  replaceChildren(
    stats,
    h(
      'dl',
      { className: 'stat-list' },
      h('dt', {}, S.statOutputs),
      h('dd', { id: 'stat-size' }, String(g.outputs.length)),
      h('dt', {}, S.statMean),
      h('dd', { id: 'stat-mean' }, fmt(g.mean)),
      h('dt', {}, results.options.std === 'sample' ? S.statStdSample : S.statStdPopulation),
      h('dd', { id: 'stat-std' }, fmt(g.std)),
      h('dt', {}, S.statDivisor),
      h('dd', { id: 'stat-divisor' }, divisorText),
    ),
  );
  let text = '';
  if (!g.outputs.length) text = S.noticeEmpty;
  else if (g.allMissing) text = S.noticeAllMissing;
  else if (g.singleton && results.options.singleton === 'zero') text = S.noticeSingleton;
  else if (g.zeroSignal) text = S.noticeZeroSignal;
  else text = S.noticeNormal;
  notice.textContent = text;
  notice.className = g.zeroSignal || g.allMissing ? 'notice warning' : 'notice muted';
  notice.dataset.zeroSignal = String(g.zeroSignal);
  replaceChildren(problemsBox, ...results.issues.map((p) => h('li', {}, issueText(p))));

  updateTable(g);
  updateClipSummary(g);
  if (results.groups.length > 1) {
    const list = h('ol', { className: 'batch-list' });
    results.groups.forEach((r, i) =>
      list.appendChild(
        h('li', { className: r.zeroSignal ? 'warning' : '' }, `${format(S.batchGroup, r.prompt || S.noPrompt, r.outputs.length, fmt(r.mean), fmt(r.std))}${r.zeroSignal ? S.batchNoSignal : ''}${i === state.active ? S.batchShown : ''}`),
      ),
    );
    replaceChildren(
      batchBox,
      h('h3', {}, S.batchHeading),
      h('p', {}, results.batchStd !== null ? format(S.batchSummaryStd, results.groups.length, results.zeroSignalGroups, fmt(results.batchStd)) : format(S.batchSummary, results.groups.length, results.zeroSignalGroups)),
      list,
    );
  } else replaceChildren(batchBox);
  renderCompare();
  drawChart();
}
