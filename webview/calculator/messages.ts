/** Messages between the page and the extension. */
import { onMessage, post } from '../common/api';
import { normaliseState, type FromPage, type ToPage } from '../../src/core/grpo/panel';
import { rebuild, replaceState, state } from './store';

export const send = (message: FromPage) => post(message);

/** Groups sent by the extension (a command, a selection) replace the page's, once per sequence number. */
export function listen(): void {
  onMessage<ToPage>((message) => {
    if (!message || message.type !== 'load' || typeof message.seq !== 'number') return;
    if (state.appliedSeq !== undefined && message.seq <= state.appliedSeq) return;
    const next = normaliseState({ ...state, ...message.state, active: 0 });
    replaceState({ ...next, appliedSeq: message.seq });
    rebuild();
  });
}
