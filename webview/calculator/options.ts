/** The normalisation options: a trainer's preset, or the options one by one (then "Custom" unless they match a preset). */
import { h } from '../common/dom';
import { PRESET_DESCRIPTIONS, PRESET_NAMES, type PresetName } from '../../src/core/grpo/advantages';
import { applyPreset, evaluate, PRESET_LABELS } from '../../src/core/grpo/panel';
import { checkbox, labelled, select, textInput } from './controls';
import { changed, rebuild, replaceState, state } from './store';

export function renderOptions(): HTMLElement {
  const presetChoices: Array<[string, string]> = PRESET_NAMES.map((p) => [p, PRESET_LABELS[p]]);
  if (state.preset === 'custom') presetChoices.push(['custom', 'Custom']);
  const preset = select('preset', state.preset, presetChoices, (v) => {
    replaceState(applyPreset(state, v as PresetName));
    rebuild('preset');
  });
  const custom = (fn: () => void) => () => {
    fn();
    const match = evaluate(state).preset;
    const before = state.preset;
    state.preset = match ?? 'custom';
    if ((before === 'custom') !== (state.preset === 'custom')) rebuild(document.activeElement?.id);
    else {
      (document.getElementById('preset-description') as HTMLElement).textContent = presetDescription();
      changed();
    }
  };
  const std = select('opt-std', state.options.std, [['sample', 'sample (n − 1)'], ['population', 'population (n)']], (v) => custom(() => (state.options.std = v as 'sample'))());
  const eps = textInput('opt-eps', state.options.epsilon, (v) => custom(() => (state.options.epsilon = v))(), { inputmode: 'decimal', size: '8' });
  const scale = select('opt-scale', state.options.scale, [['group', 'group std'], ['batch', 'batch std'], ['none', 'none (mean only)']], (v) => custom(() => (state.options.scale = v as 'group'))());
  const single = select('opt-single', state.options.singleton, [['zero', 'advantage 0 (TRL)'], ['raw', 'raw reward (verl)']], (v) => custom(() => (state.options.singleton = v as 'zero'))());
  const agg = select('opt-agg', state.options.aggregation, [['sum', 'sum, then normalise (TRL default)'], ['normalize', 'normalise each, then sum']], (v) => custom(() => (state.options.aggregation = v as 'sum'))());
  const missing = select('opt-missing', state.options.missing, [['zero', 'score 0 (TRL nansum)'], ['exclude', 'leave out, advantage 0']], (v) => custom(() => (state.options.missing = v as 'zero'))());
  return h(
    'section',
    { className: 'options', 'aria-labelledby': 'options-title' },
    h('h2', { id: 'options-title' }, 'Normalisation'),
    h(
      'div',
      { className: 'row' },
      labelled('Preset', preset),
      labelled('Std', std),
      labelled('Epsilon', eps),
      labelled('Divide by', scale),
      labelled('Group of one', single),
      labelled('Several reward functions', agg, 'TRL multi_objective_aggregation'),
      labelled('Unscorable output', missing, 'every reward missing (None, NaN)'),
      checkbox('opt-drop', state.options.dropZeroSignal, 'Leave zero-signal groups out of the batch std', (on) => custom(() => (state.options.dropZeroSignal = on))()),
    ),
    h('p', { className: 'muted', id: 'preset-description' }, presetDescription()),
  );
}

function presetDescription(): string {
  return state.preset === 'custom' ? 'Custom options: they match no preset.' : PRESET_DESCRIPTIONS[state.preset];
}
