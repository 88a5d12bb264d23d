/**
 * Editor settings that are not rules (`cotTrace.*`), declared once: `scripts/generate.ts`
 * writes them into package.json `contributes.configuration`, and the extension reads them.
 * Add new settings here, then run `npm run generate`.
 */
import { PRESET_DESCRIPTIONS, PRESET_NAMES } from './grpo/advantages';

export interface SettingMeta {
  /** Key without the `cotTrace.` prefix. */
  key: string;
  /** JSON schema of the value (type, enum, default, …). */
  schema: Record<string, unknown>;
  /** Markdown description shown in the Settings editor. */
  description: string;
  /** Descriptions of enum values, in the order of `schema.enum`. */
  enumDescriptions?: string[];
}

export const SETTINGS: SettingMeta[] = [
  {
    key: 'run',
    schema: { type: 'string', enum: ['onType', 'onSave'], default: 'onType' },
    description: 'When to check open datasets: while typing, or when the file is saved.',
    enumDescriptions: ['Check as you type (debounced).', 'Check when the file is saved.'],
  },
  {
    key: 'codeLens.enable',
    schema: { type: 'boolean', default: true },
    description: 'Show each trace\'s rewards in a code lens above it.',
  },
  {
    key: 'severityOverride',
    schema: { type: 'string', enum: ['none', 'warning', 'info'], default: 'none' },
    description: 'Downgrade every CoT Trace problem at once, whatever the rule settings say.',
    enumDescriptions: ['Keep each rule\'s own severity.', 'Show errors as warnings.', 'Show every problem as information.'],
  },
  {
    key: 'datasets.include',
    schema: { type: 'array', items: { type: 'string' }, default: [] },
    description:
      'Glob patterns of JSON / JSON Lines files to check even when their first 64 KB show no reasoning trace (for example `**/rollouts/*.jsonl`). Other JSON files are checked only when they hold traces.',
  },
  {
    key: 'grpo.preset',
    schema: { type: 'string', enum: [...PRESET_NAMES], default: 'trl' },
    description: 'How **Compute Group Advantages from Selection** normalises rewards into advantages, for the inline hints and as the calculator\'s starting preset.',
    enumDescriptions: PRESET_NAMES.map((name) => `${PRESET_DESCRIPTIONS[name]}.`),
  },
  {
    key: 'review.labels',
    schema: {
      type: 'array',
      items: { type: 'string' },
      default: ['mixed-language', 'long-paragraph', 'code-block', 'no-summary', 'wrong-answer', 'repetition', 'truncated', 'exemplary'],
    },
    description: 'Labels offered in the dataset review panel, bound to the keys 1–9 in this order.',
  },
];
