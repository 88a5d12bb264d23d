/** The clipped surrogate: per-output probability ratios, clip range and KL weight, and the group objective. */
import { h } from '../common/dom';
import type { CalcResults } from '../../src/core/grpo/panel';
import { button, checkbox, fmt, labelled, textInput } from './controls';
import { changed, rebuild, state } from './store';
import { S, format } from './l10n';

const clipSummary = h('p', { id: 'clip-summary' });

export function updateClipSummary(g: CalcResults['groups'][number]): void {
  if (state.clip.enabled) {
    clipSummary.textContent = format(S.clipSummary, fmt(g.objective ?? null), Math.round((g.clippedFraction ?? 0) * 100));
  } else clipSummary.textContent = '';
}

export function renderClip(): HTMLElement {
  const fields = state.clip.enabled
    ? h(
        'div',
        { className: 'row' },
        labelled(S.clipLow, textInput('clip-low', state.clip.epsLow, (v) => ((state.clip.epsLow = v), changed()), { size: '5', inputmode: 'decimal' })),
        labelled(S.clipHigh, textInput('clip-high', state.clip.epsHigh, (v) => ((state.clip.epsHigh = v), changed()), { size: '5', inputmode: 'decimal' })),
        labelled(S.clipBeta, textInput('clip-beta', state.clip.beta, (v) => ((state.clip.beta = v), changed()), { size: '5', inputmode: 'decimal' })),
        button(S.clipPpo, () => ((state.clip.epsLow = '0.2'), (state.clip.epsHigh = '0.2'), rebuild('clip-low')), { secondary: true }),
        button(S.clipDapo, () => ((state.clip.epsLow = '0.2'), (state.clip.epsHigh = '0.28'), rebuild('clip-low')), { secondary: true }),
      )
    : null;
  return h(
    'section',
    { className: 'clip', 'aria-labelledby': 'clip-title' },
    h('h2', { id: 'clip-title' }, S.clipHeading),
    checkbox('clip-enabled', state.clip.enabled, S.clipEnable, (on) => {
      state.clip.enabled = on;
      rebuild('clip-enabled');
    }),
    fields,
    clipSummary,
  );
}
