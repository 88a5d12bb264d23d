import { CONVENTIONS, REWARD_NAMES, type RewardName, type SeveritySetting } from '../types';
import { READER_RULES } from '../documents/findings';
import { RULES, RULES_BY_ID } from '../rules';
import type { CotTraceConfig, ResolvedConfig } from '../types';
import { msg, ref, type Localized, type Text } from '../messages';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
export const PRESETS = ['default', 'open-r1'] as const;

/**
 * Reward weights of each preset (TRL `reward_weights` style).
 *  - `default`: accuracy + format with equal weights (R1's rule reward), plus the language
 *    reward R1 added in its second RL stage; the others are reported but weigh 0.
 *  - `open-r1`: the rewards of open-r1's default GRPO recipe, accuracy + format + tag_count.
 */
export const PRESET_WEIGHTS: Record<ResolvedConfig['preset'], Record<RewardName, number>> = {
  default: { format: 1, tag_count: 0, language: 1, accuracy: 1, reasoning_steps: 0, repetition: 0, overlong: 0 },
  'open-r1': { format: 1, tag_count: 1, language: 0, accuracy: 1, reasoning_steps: 0, repetition: 0, overlong: 0 },
};

/** Rules the `open-r1` preset turns off (its outputs answer in `<answer>` tags, not boxes). */
const OPEN_R1_OFF: Record<string, true> = { 'answer-unboxed': true };

/** DAPO's soft overlong setting: Lmax 20,480 and Lcache 4,096 tokens. */
export const DEFAULT_OVERLONG: ResolvedConfig['overlong'] = { maxLength: 20480, cache: 4096, unit: 'tokens' };

const isSeverity = (value: unknown): value is SeveritySetting =>
  typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);

/**
 * Why a rule option's value does not fit its schema (type, minimum, maximum, enum), or
 * undefined when it does. NaN and infinities are never numbers here.
 */
export function optionProblem(schema: Record<string, unknown>, value: unknown): Localized | undefined {
  const type = schema.type;
  const shown = JSON.stringify(value) ?? String(value);
  if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return ref(type === 'integer' ? 'config.option.integer' : 'config.option.number', { value: shown });
    if (type === 'integer' && !Number.isInteger(value)) return ref('config.option.integer', { value: shown });
    if (typeof schema.minimum === 'number' && value < schema.minimum) return ref('config.option.min', { min: schema.minimum, value: shown });
    if (typeof schema.maximum === 'number' && value > schema.maximum) return ref('config.option.max', { max: schema.maximum, value: shown });
  } else if (type === 'boolean' && typeof value !== 'boolean') return ref('config.option.boolean', { value: shown });
  else if (type === 'string' && typeof value !== 'string') return ref('config.option.string', { value: shown });
  else if (type === 'array' && !Array.isArray(value)) return ref('config.option.list', { value: shown });
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return ref('config.option.enum', { list: schema.enum.map((v) => JSON.stringify(v)).join(', ') });
  return undefined;
}

/** Fills every default in from the rule metadata and the preset. Invalid values fall back to the defaults. */
export function resolveConfig(user: CotTraceConfig = {}): ResolvedConfig {
  const preset = user.preset === 'open-r1' ? 'open-r1' : 'default';
  const severities: Record<string, SeveritySetting> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const rule of RULES) {
    const id = rule.meta.id;
    severities[id] = preset === 'open-r1' && id in OPEN_R1_OFF ? 'off' : rule.meta.severity;
    const options: Record<string, unknown> = {};
    for (const [name, option] of Object.entries(rule.meta.options)) options[name] = option.default;
    const setting = user.rules?.[id];
    if (isSeverity(setting)) severities[id] = setting;
    else if (setting && typeof setting === 'object') {
      if (isSeverity(setting.severity)) severities[id] = setting.severity;
      for (const [name, value] of Object.entries(setting)) {
        if (name !== 'severity' && name in rule.meta.options && value !== undefined && optionProblem(rule.meta.options[name].schema, value) === undefined) options[name] = value;
      }
    }
    ruleOptions[id] = options;
  }
  // The reader's findings (invalid JSON, …) are not rules, but a severity may be set for their ids too.
  for (const [id, meta] of Object.entries(READER_RULES)) {
    const setting = user.rules?.[id];
    const severity = typeof setting === 'object' && setting !== null ? setting.severity : setting;
    severities[id] = isSeverity(severity) ? severity : meta.severity;
  }
  const weights = { ...PRESET_WEIGHTS[preset] };
  for (const name of REWARD_NAMES) {
    const w = user.weights?.[name];
    if (typeof w === 'number' && Number.isFinite(w)) weights[name] = w;
  }
  const convention =
    user.convention && (user.convention === 'auto' || user.convention === 'per-trace' || (CONVENTIONS as readonly string[]).includes(user.convention))
      ? user.convention
      : 'auto';
  const overlong = { ...DEFAULT_OVERLONG };
  if (user.overlong) {
    if (typeof user.overlong.maxLength === 'number' && user.overlong.maxLength > 0) overlong.maxLength = user.overlong.maxLength;
    if (typeof user.overlong.cache === 'number' && user.overlong.cache >= 0) overlong.cache = user.overlong.cache;
    if (user.overlong.unit === 'chars' || user.overlong.unit === 'tokens') overlong.unit = user.overlong.unit;
  }
  const f = user.fields ?? {};
  return {
    preset,
    severities,
    ruleOptions,
    weights,
    language: typeof user.language === 'string' && user.language.trim() !== '' ? user.language.trim() : 'auto',
    convention,
    fields: {
      trace: f.trace ?? [],
      reasoning: f.reasoning ?? [],
      prompt: f.prompt ?? [],
      groundTruth: f.groundTruth ?? [],
      id: f.id ?? [],
    },
    overlong,
  };
}

/** Human-readable problems in a user configuration (unknown rules, bad severities, …), in English; empty when it is valid. */
export function configProblems(user: CotTraceConfig): string[] {
  return configProblemTexts(user).map((p) => p.message);
}

/** The same problems as messages of the catalogue, to show in the user's locale. */
export function configProblemTexts(user: CotTraceConfig): Text[] {
  const problems: Text[] = [];
  for (const [id, setting] of Object.entries(user.rules ?? {})) {
    const rule = RULES_BY_ID.get(id);
    if (id in READER_RULES) {
      const severity = typeof setting === 'object' && setting !== null ? setting.severity : setting;
      if (severity !== undefined && !isSeverity(severity)) problems.push(msg('config.check.severity', { id, list: SEVERITY_SETTINGS.join(', ') }));
      continue;
    }
    if (!rule) {
      problems.push(msg('config.check.unknown-rule', { id }));
      continue;
    }
    const severity = typeof setting === 'object' && setting !== null ? setting.severity : setting;
    if (severity !== undefined && !isSeverity(severity)) problems.push(msg('config.check.severity', { id, list: SEVERITY_SETTINGS.join(', ') }));
    if (typeof setting === 'object' && setting !== null) {
      for (const name of Object.keys(setting)) {
        if (name === 'severity') continue;
        if (!(name in rule.meta.options)) problems.push(msg('config.check.no-option', { id, name }));
        else {
          const problem = optionProblem(rule.meta.options[name].schema, (setting as Record<string, unknown>)[name]);
          if (problem) problems.push(msg('config.check.bad-option', { id, name, problem, value: JSON.stringify(rule.meta.options[name].default) }));
        }
      }
    }
  }
  if (user.preset !== undefined && !(PRESETS as readonly string[]).includes(user.preset)) problems.push(msg('config.check.unknown-preset', { preset: user.preset }));
  for (const name of Object.keys(user.weights ?? {})) {
    if (!(REWARD_NAMES as readonly string[]).includes(name)) problems.push(msg('config.check.unknown-reward', { name }));
  }
  if (user.convention !== undefined && user.convention !== 'auto' && user.convention !== 'per-trace' && !(CONVENTIONS as readonly string[]).includes(user.convention)) {
    problems.push(msg('config.check.unknown-convention', { convention: user.convention }));
  }
  return problems;
}
