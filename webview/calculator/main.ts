/**
 * The GRPO calculator: edit a group of outputs and their rewards (one or several reward
 * columns with weights), pick a trainer's normalisation, and read each output's advantage as
 * a number and as a bar. Optional clipped surrogate per output. Several groups arrive from
 * the "advantages from selection" command; rows that came from a record can reveal it.
 */
import '../common/base.css';
import './calculator.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h, replaceChildren } from '../common/dom';
import { applyReadableColours } from '../common/contrast';
import { resultsJson } from '../../src/core/grpo/panel';
import { chartBox, redrawChart } from './chart';
import { renderClip } from './clip';
import { compareBox } from './compare';
import { button } from './controls';
import { renderEditor } from './editor';
import { renderExplainer } from './explainer';
import { listen, send } from './messages';
import { renderOptions } from './options';
import { batchBox, notice, problemsBox, renderResults, stats } from './results';
import { persist, results, setViews, state } from './store';
import { S } from './l10n';

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
app.removeAttribute('aria-live');

function render(): void {
  replaceChildren(
    app,
    h('h1', {}, S.heading),
    h('p', { className: 'muted' }, S.formula),
    renderOptions(),
    problemsBox,
    renderEditor(),
    h(
      'section',
      { className: 'results', 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title' }, S.advantagesHeading),
      stats,
      notice,
      chartBox,
      h('div', { className: 'row' }, button(S.copyJson, () => send({ type: 'copy', text: resultsJson(state, results) }), { id: 'copy' })),
      h('h3', {}, S.everyConvention),
      compareBox,
      batchBox,
    ),
    renderClip(),
    renderExplainer(),
  );
  renderResults();
}

setViews(render, renderResults);
listen();

// Theme changes (VS Code swaps the body class): re-read the colours.
new MutationObserver(() => {
  applyReadableColours();
  redrawChart();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

applyReadableColours();
render();
persist();
send({ type: 'ready' });
