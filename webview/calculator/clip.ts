/** The clipped surrogate: per-output probability ratios, clip range and KL weight, and the group objective. */
import { h } from '../common/dom';
import type { CalcResults } from '../../src/core/grpo/panel';
import { button, checkbox, fmt, labelled, textInput } from './controls';
import { changed, rebuild, state } from './store';

const clipSummary = h('p', { id: 'clip-summary' });

export function updateClipSummary(g: CalcResults['groups'][number]): void {
  if (state.clip.enabled) {
    clipSummary.textContent = `Group objective (1/G Σ min(ρA, clip(ρ)A) − β·KL): ${fmt(g.objective ?? null)}; clipped outputs: ${Math.round((g.clippedFraction ?? 0) * 100)}%.`;
  } else clipSummary.textContent = '';
}

export function renderClip(): HTMLElement {
  const fields = state.clip.enabled
    ? h(
        'div',
        { className: 'row' },
        labelled('ε low', textInput('clip-low', state.clip.epsLow, (v) => ((state.clip.epsLow = v), changed()), { size: '5', inputmode: 'decimal' })),
        labelled('ε high', textInput('clip-high', state.clip.epsHigh, (v) => ((state.clip.epsHigh = v), changed()), { size: '5', inputmode: 'decimal' })),
        labelled('β (KL)', textInput('clip-beta', state.clip.beta, (v) => ((state.clip.beta = v), changed()), { size: '5', inputmode: 'decimal' })),
        button('PPO 0.2 / 0.2', () => ((state.clip.epsLow = '0.2'), (state.clip.epsHigh = '0.2'), rebuild('clip-low')), { secondary: true }),
        button('DAPO clip-higher 0.2 / 0.28', () => ((state.clip.epsLow = '0.2'), (state.clip.epsHigh = '0.28'), rebuild('clip-low')), { secondary: true }),
      )
    : null;
  return h(
    'section',
    { className: 'clip', 'aria-labelledby': 'clip-title' },
    h('h2', { id: 'clip-title' }, 'Clipped surrogate'),
    checkbox('clip-enabled', state.clip.enabled, 'Show min(ρA, clip(ρ, 1 − ε low, 1 + ε high)·A) for a probability ratio ρ per output', (on) => {
      state.clip.enabled = on;
      rebuild('clip-enabled');
    }),
    fields,
    clipSummary,
  );
}
