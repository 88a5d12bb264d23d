/** Why GRPO needs no critic: PPO's learned baseline beside the group baseline. */
import { h } from '../common/dom';

export function renderExplainer(): HTMLElement {
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
