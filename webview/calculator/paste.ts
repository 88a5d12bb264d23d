/** Pasting rewards: one group per line, read by the engine's selection parser. */
import { h } from '../common/dom';
import { pasteRewards } from '../../src/core/grpo/panel';
import { parseSelection } from '../../src/core/grpo/selection';
import { button } from './controls';
import { rebuild, replaceState, state } from './store';

export function renderPaste(): HTMLElement {
  const area = h('textarea', { id: 'paste', rows: '2', cols: '40', spellcheck: 'false', placeholder: '0, 1, 1, 0   — one group per line', 'aria-describedby': 'paste-help' });
  const message = h('p', { id: 'paste-message', className: 'muted', role: 'status' });
  const apply = () => {
    const parsed = parseSelection(area.value);
    if (parsed.kind !== 'numbers') {
      message.textContent = parsed.kind === 'invalid' ? parsed.message : parsed.kind === 'records' ? 'Records go through the "Compute Group Advantages from Selection" command.' : 'Nothing to read.';
      message.className = 'warning';
      return;
    }
    replaceState(pasteRewards(state, parsed.groups));
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
