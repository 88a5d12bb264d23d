/** The calculator's labels in the page's language (`<html lang>`, set by the extension from VS Code's display language). */
import { format, pageLocale } from '../common/locale';
import { CALCULATOR_STRINGS, type CalculatorStrings } from './strings';
import type { PresetName } from '../../src/core/grpo/advantages';

export const S: CalculatorStrings = CALCULATOR_STRINGS[pageLocale()];
export { format };

const CONVENTIONS: Record<string, keyof CalculatorStrings> = {
  trl: 'conventionTrl',
  'trl-batch': 'conventionTrlBatch',
  'trl-normalize': 'conventionTrlNormalize',
  verl: 'conventionVerl',
  'dr-grpo': 'conventionDrGrpo',
  paper: 'conventionPaper',
  openrlhf: 'conventionOpenrlhf',
};

const DESCRIPTIONS: Record<PresetName, keyof CalculatorStrings> = {
  trl: 'describeTrl',
  verl: 'describeVerl',
  'dr-grpo': 'describeDrGrpo',
  paper: 'describePaper',
  openrlhf: 'describeOpenrlhf',
};

/** The name of a trainer's convention (a preset, or one of the side-by-side columns); `fallback` for one without a label here. */
export const conventionLabel = (id: string, fallback: string): string => (CONVENTIONS[id] ? S[CONVENTIONS[id]] : fallback);

export const presetDescription = (preset: PresetName): string => S[DESCRIPTIONS[preset]];
