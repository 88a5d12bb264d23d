/** Pasting rewards: one group per line, read by the engine's selection parser. */
import { formatNodes, h } from '../common/dom';
import { pasteRewards } from '../../src/core/grpo/panel';
import { parseSelection } from '../../src/core/grpo/selection';
import { button } from './controls';
import { rebuild, replaceState, state } from './store';
import { S, format } from './l10n';
import { pageLocale } from '../common/locale';

export function renderPaste(): HTMLElement {
  const area = h('textarea', { id: 'paste', rows: '2', cols: '40', spellcheck: 'false', placeholder: S.pastePlaceholder, 'aria-describedby': 'paste-help' });
  const message = h('p', { id: 'paste-message', className: 'muted', role: 'status' });
  const apply = () => {
    const parsed = parseSelection(area.value);
    if (parsed.kind !== 'numbers') {
      message.replaceChildren(parsed.kind === 'invalid' ? invalid(parsed) : parsed.kind === 'records' ? S.pasteRecords : S.pasteNothing);
      message.className = 'warning';
      return;
    }
    replaceState(pasteRewards(state, parsed.groups, pageLocale()));
    rebuild('paste');
    const after = document.getElementById('paste-message');
    if (after) after.textContent = format(parsed.groups.length > 1 ? S.pasteReadMany : S.pasteReadOne, parsed.groups.reduce((n, g) => n + g.length, 0), parsed.groups.length);
  };
  return h(
    'div',
    { className: 'paste' },
    h('label', { for: 'paste' }, S.pasteLabel),
    h('p', { id: 'paste-help', className: 'muted hint' }, S.pasteHelp),
    h('div', { className: 'row' }, area, button(S.pasteApply, apply, { id: 'paste-apply' })),
    message,
  );
}

/** Why a paste is not rewards, in the page's language: the text that is not a number shown as it was typed. */
function invalid(parsed: { message: string; token?: string; line?: number }): Node | string {
  if (parsed.token === undefined) return S.pasteNeither;
  const token = h('code', {}, parsed.token);
  return parsed.line === undefined ? formatNodes(S.pasteNotNumber, token) : formatNodes(S.pasteNotNumberLine, parsed.line, token);
}
