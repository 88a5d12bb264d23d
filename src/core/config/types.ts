import type { Convention, RewardName, SeveritySetting } from '../types';

/**
 * The user-facing configuration, as written in `.cot-trace.json` (found by walking up from
 * the file), in the editor settings (`cotTrace.*`) and on the CLI. Every field is optional;
 * `resolveConfig` fills in the defaults from the rule metadata.
 */
export interface CotTraceConfig {
  /** Reward preset: `default`, or `open-r1` (open-r1's format / tag_count / reasoning_steps rules exactly). */
  preset?: 'default' | 'open-r1';
  /** Per-rule severity (`off` disables a rule), keyed by rule id. */
  rules?: Record<string, SeveritySetting | { severity?: SeveritySetting; [option: string]: unknown }>;
  /** Weights of the rewards in the total (TRL `reward_weights` style). Missing = the preset's default. */
  weights?: Partial<Record<RewardName, number>>;
  /** Target language of the chain of thought: `auto` (the prompt's language), or a code such as `en`, `zh`. */
  language?: string;
  /**
   * `auto`: the dataset's dominant convention (from its first traces) judges the outliers;
   * `per-trace`: every trace on its own; or one convention forced on every trace.
   */
  convention?: Convention | 'auto' | 'per-trace';
  /** Field paths (e.g. `results[*].model_output`) for datasets whose shape is not detected. */
  fields?: {
    trace?: string[];
    reasoning?: string[];
    prompt?: string[];
    groundTruth?: string[];
    id?: string[];
  };
  /** Soft overlong punishment (DAPO): maximum length and cache, in characters or tokens estimated from characters. */
  overlong?: { maxLength: number; cache: number; unit?: 'chars' | 'tokens' };
}

/** A config with every default filled in; what the engine runs with. */
export interface ResolvedConfig {
  preset: 'default' | 'open-r1';
  /** Effective severity of every known rule. */
  severities: Record<string, SeveritySetting>;
  /** Options of every rule (metadata defaults merged with the user's). */
  ruleOptions: Record<string, Record<string, unknown>>;
  weights: Record<RewardName, number>;
  language: string;
  convention: Convention | 'auto' | 'per-trace';
  /** The dataset's dominant convention, set per dataset by `withDatasetConvention` (src/core/trace/datasetConvention.ts). */
  datasetConvention?: Convention;
  fields: Required<NonNullable<CotTraceConfig['fields']>>;
  overlong: { maxLength: number; cache: number; unit: 'chars' | 'tokens' };
}
