/** Why GRPO needs no critic: PPO's learned baseline beside the group baseline. */
import { h } from '../common/dom';
import { S } from './l10n';

export function renderExplainer(): HTMLElement {
  return h(
    'section',
    { className: 'explainer', 'aria-labelledby': 'explainer-title' },
    h('h2', { id: 'explainer-title' }, S.explainerHeading),
    h(
      'div',
      { className: 'compare' },
      h(
        'div',
        { className: 'card' },
        h('h3', {}, S.ppoHeading),
        h('p', {}, S.ppoText),
      ),
      h(
        'div',
        { className: 'card' },
        h('h3', {}, S.grpoHeading),
        h('p', {}, S.grpoText),
      ),
    ),
  );
}
