import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { REWARD_NAMES, type RewardName, type SeveritySetting } from '../types';
import type { CotTraceConfig } from '../types';
import { parseFieldPath } from '../json/path';

/** The config file's name, looked for from a dataset's folder up to the repository root. */
export const CONFIG_FILE_NAME = '.cot-trace.json';

export interface ConfigProblem {
  message: string;
  /** Offset in the config text, when the problem is located. */
  offset?: number;
  line?: number;
  character?: number;
}

export interface LoadedConfig {
  config: CotTraceConfig;
  problems: ConfigProblem[];
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const FIELD_NAMES = ['trace', 'reasoning', 'prompt', 'groundTruth', 'id'] as const;

function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/**
 * Parses `.cot-trace.json` text (comments and trailing commas allowed). Syntax errors and
 * values of the wrong type are reported; the valid parts are kept.
 */
export function parseConfigText(text: string): LoadedConfig {
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = errors.map((e) => ({
    message: `syntax error: ${printParseErrorCode(e.error)}`,
    offset: e.offset,
    ...position(text, e.offset),
  }));
  if (raw === undefined || raw === null) return { config: {}, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ message: 'the configuration must be a JSON object' });
    return { config: {}, problems };
  }
  return { config: validateConfig(raw as Record<string, unknown>, problems), problems };
}

/** Keeps the well-typed parts of a config object, reporting the rest. */
export function validateConfig(raw: Record<string, unknown>, problems: ConfigProblem[] = []): CotTraceConfig {
  const config: CotTraceConfig = {};
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case '$schema':
        break;
      case 'preset':
        if (value === 'default' || value === 'open-r1') config.preset = value;
        else problems.push({ message: `"preset" must be "default" or "open-r1", not ${JSON.stringify(value)}` });
        break;
      case 'rules':
        if (isRecord(value)) {
          config.rules = {};
          for (const [id, setting] of Object.entries(value)) {
            if (typeof setting === 'string' && SEVERITIES.includes(setting as SeveritySetting)) config.rules[id] = setting as SeveritySetting;
            else if (isRecord(setting) && (setting.severity === undefined || SEVERITIES.includes(setting.severity as SeveritySetting))) {
              config.rules[id] = setting as { severity?: SeveritySetting };
            } else problems.push({ message: `rule "${id}": expected one of ${SEVERITIES.join(', ')} or an options object` });
          }
        } else problems.push({ message: '"rules" must be an object' });
        break;
      case 'weights':
        if (isRecord(value)) {
          config.weights = {};
          for (const [name, weight] of Object.entries(value)) {
            if (!REWARD_NAMES.includes(name as RewardName)) problems.push({ message: `weights: unknown reward "${name}" (known: ${REWARD_NAMES.join(', ')})` });
            else if (typeof weight !== 'number' || !Number.isFinite(weight)) problems.push({ message: `weights.${name} must be a number` });
            else config.weights[name as RewardName] = weight;
          }
        } else problems.push({ message: '"weights" must be an object' });
        break;
      case 'language':
        if (typeof value === 'string' && value.trim()) config.language = value.trim();
        else problems.push({ message: '"language" must be a string such as "auto", "en" or "zh"' });
        break;
      case 'convention':
        if (typeof value === 'string') config.convention = value as CotTraceConfig['convention'];
        else problems.push({ message: '"convention" must be a string' });
        break;
      case 'fields':
        if (isRecord(value)) {
          config.fields = {};
          for (const [name, paths] of Object.entries(value)) {
            if (!FIELD_NAMES.includes(name as (typeof FIELD_NAMES)[number])) {
              problems.push({ message: `fields: unknown field "${name}" (known: ${FIELD_NAMES.join(', ')})` });
              continue;
            }
            const list = typeof paths === 'string' ? [paths] : paths;
            if (!(Array.isArray(list) && list.every((p) => typeof p === 'string'))) problems.push({ message: `fields.${name} must be a path or a list of paths` });
            else {
              const bad = (list as string[]).filter((p) => parseFieldPath(p) === null);
              for (const p of bad) problems.push({ message: `fields.${name}: ${JSON.stringify(p)} is not a field path (keys separated by dots, indices in brackets: results[*].model_output)` });
              if (!bad.length) config.fields[name as (typeof FIELD_NAMES)[number]] = list as string[];
            }
          }
        } else problems.push({ message: '"fields" must be an object' });
        break;
      case 'overlong':
        if (isRecord(value) && typeof value.maxLength === 'number' && typeof value.cache === 'number' && !(Number.isFinite(value.maxLength) && value.maxLength > 0 && Number.isFinite(value.cache) && value.cache >= 0 && value.cache < value.maxLength)) {
          problems.push({ message: `"overlong" needs maxLength > 0 and 0 ≤ cache < maxLength (got maxLength ${value.maxLength}, cache ${value.cache})` });
        } else if (isRecord(value) && typeof value.maxLength === 'number' && typeof value.cache === 'number') {
          config.overlong = { maxLength: value.maxLength, cache: value.cache };
          if (value.unit === 'chars' || value.unit === 'tokens') config.overlong.unit = value.unit;
        } else problems.push({ message: '"overlong" must be {"maxLength": number, "cache": number, "unit"?: "chars" | "tokens"}' });
        break;
      default:
        problems.push({ message: `unknown setting "${key}"` });
    }
  }
  return config;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `over` into `base`: per-key for rules, weights and fields; `over` wins. */
export function mergeConfig(base: CotTraceConfig, over: CotTraceConfig): CotTraceConfig {
  const merged: CotTraceConfig = { ...base, ...over };
  if (base.rules || over.rules) merged.rules = { ...base.rules, ...over.rules };
  if (base.weights || over.weights) merged.weights = { ...base.weights, ...over.weights };
  if (base.fields || over.fields) merged.fields = { ...base.fields, ...over.fields };
  for (const key of Object.keys(merged) as Array<keyof CotTraceConfig>) if (merged[key] === undefined) delete merged[key];
  return merged;
}

/** Command-line settings, as given (each flag may repeat). */
export interface ConfigFlags {
  rule?: string[];
  preset?: string;
  weights?: string[];
  language?: string;
  field?: string[];
}

/**
 * Turns command-line flags into a config: `--rule ID=off|info|warning|error`,
 * `--preset default|open-r1`, `--weights format=1,accuracy=2`, `--language zh`,
 * `--field trace=results[*].model_output`. Throws an Error with a clear message on bad input.
 */
export function configFromFlags(flags: ConfigFlags): CotTraceConfig {
  const raw: Record<string, unknown> = {};
  if (flags.preset !== undefined) raw.preset = flags.preset;
  if (flags.language !== undefined) raw.language = flags.language;
  if (flags.rule?.length) {
    const rules: Record<string, string> = {};
    for (const item of flags.rule) {
      const [id, severity] = splitPair(item, '--rule', 'ID=off|info|warning|error');
      if (!SEVERITIES.includes(severity as SeveritySetting)) throw new Error(`--rule ${item}: severity must be one of ${SEVERITIES.join(', ')}`);
      rules[id] = severity;
    }
    raw.rules = rules;
  }
  if (flags.weights?.length) {
    const weights: Record<string, number> = {};
    for (const item of flags.weights.flatMap((w) => w.split(',')).filter((w) => w.trim())) {
      const [name, value] = splitPair(item, '--weights', 'name=number');
      const weight = Number(value);
      if (!REWARD_NAMES.includes(name as RewardName)) throw new Error(`--weights: unknown reward "${name}" (known: ${REWARD_NAMES.join(', ')})`);
      if (value === '' || !Number.isFinite(weight)) throw new Error(`--weights ${item}: "${value}" is not a number`);
      weights[name] = weight;
    }
    raw.weights = weights;
  }
  if (flags.field?.length) {
    const fields: Record<string, string[]> = {};
    for (const item of flags.field) {
      const [name, path] = splitPair(item, '--field', 'name=path');
      (fields[name] ??= []).push(path);
    }
    raw.fields = fields;
  }
  const problems: ConfigProblem[] = [];
  const config = validateConfig(raw, problems);
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  return config;
}

function splitPair(item: string, flag: string, form: string): [string, string] {
  const eq = item.indexOf('=');
  if (eq <= 0) throw new Error(`${flag} ${item}: expected ${form}`);
  return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
}
