/** The normalisation options: a trainer's preset, or the options one by one (then "Custom" unless they match a preset). */
import { h } from '../common/dom';
import { PRESET_NAMES, type PresetName } from '../../src/core/grpo/advantages';
import { applyPreset, evaluate, PRESET_LABELS } from '../../src/core/grpo/panel';
import { checkbox, labelled, select, textInput } from './controls';
import { changed, rebuild, replaceState, state } from './store';
import { S, conventionLabel, presetDescription as presetDescriptionOf } from './l10n';

export function renderOptions(): HTMLElement {
  const presetChoices: Array<[string, string]> = PRESET_NAMES.map((p) => [p, conventionLabel(p, PRESET_LABELS[p])]);
  if (state.preset === 'custom') presetChoices.push(['custom', S.custom]);
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
  const std = select('opt-std', state.options.std, [['sample', S.stdSample], ['population', S.stdPopulation]], (v) => custom(() => (state.options.std = v as 'sample'))());
  const eps = textInput('opt-eps', state.options.epsilon, (v) => custom(() => (state.options.epsilon = v))(), { inputmode: 'decimal', size: '8' });
  const scale = select('opt-scale', state.options.scale, [['group', S.scaleGroup], ['batch', S.scaleBatch], ['none', S.scaleNone]], (v) => custom(() => (state.options.scale = v as 'group'))());
  const single = select('opt-single', state.options.singleton, [['zero', S.singletonZero], ['raw', S.singletonRaw]], (v) => custom(() => (state.options.singleton = v as 'zero'))());
  const agg = select('opt-agg', state.options.aggregation, [['sum', S.aggregationSum], ['normalize', S.aggregationNormalize]], (v) => custom(() => (state.options.aggregation = v as 'sum'))());
  const missing = select('opt-missing', state.options.missing, [['zero', S.missingZero], ['exclude', S.missingExclude]], (v) => custom(() => (state.options.missing = v as 'zero'))());
  return h(
    'section',
    { className: 'options', 'aria-labelledby': 'options-title' },
    h('h2', { id: 'options-title' }, S.optionsHeading),
    h(
      'div',
      { className: 'row' },
      labelled(S.preset, preset),
      labelled(S.std, std),
      labelled(S.epsilon, eps),
      labelled(S.divideBy, scale),
      labelled(S.groupOfOne, single),
      labelled(S.severalRewards, agg, S.severalRewardsHint),
      labelled(S.unscorable, missing, S.unscorableHint),
      checkbox('opt-drop', state.options.dropZeroSignal, S.dropZeroSignal, (on) => custom(() => (state.options.dropZeroSignal = on))()),
    ),
    h('p', { className: 'muted', id: 'preset-description' }, presetDescription()),
  );
}

function presetDescription(): string {
  return state.preset === 'custom' ? S.customDescription : presetDescriptionOf(state.preset);
}
