import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { REWARD_NAMES, type RewardName, type SeveritySetting } from '../types';
import type { CotTraceConfig } from '../types';
import { parseFieldPath } from '../json/path';
import { msg, ref, render, type Localized, type Text } from '../messages';

/** The config file's name, looked for from a dataset's folder up to the repository root. */
export const CONFIG_FILE_NAME = '.cot-trace.json';

export interface ConfigProblem {
  /** In English (what logs and tests read). */
  message: string;
  /** The same as a message of the catalogue, to show in the user's locale. */
  l10n: Localized;
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
    ...msg('config.syntax', { error: printParseErrorCode(e.error) }),
    offset: e.offset,
    ...position(text, e.offset),
  }));
  if (raw === undefined || raw === null) return { config: {}, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(msg('config.not-object'));
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
        else problems.push(msg('config.preset', { value: JSON.stringify(value) ?? String(value) }));
        break;
      case 'rules':
        if (isRecord(value)) {
          config.rules = {};
          for (const [id, setting] of Object.entries(value)) {
            if (typeof setting === 'string' && SEVERITIES.includes(setting as SeveritySetting)) config.rules[id] = setting as SeveritySetting;
            else if (isRecord(setting) && (setting.severity === undefined || SEVERITIES.includes(setting.severity as SeveritySetting))) {
              config.rules[id] = setting as { severity?: SeveritySetting };
            } else problems.push(msg('config.rule', { id, list: SEVERITIES.join(', ') }));
          }
        } else problems.push(msg('config.not-an-object', { key: 'rules' }));
        break;
      case 'weights':
        if (isRecord(value)) {
          config.weights = {};
          for (const [name, weight] of Object.entries(value)) {
            if (!REWARD_NAMES.includes(name as RewardName)) problems.push(msg('config.weights.unknown', { name, list: REWARD_NAMES.join(', ') }));
            else if (typeof weight !== 'number' || !Number.isFinite(weight)) problems.push(msg('config.weights.not-number', { name }));
            else config.weights[name as RewardName] = weight;
          }
        } else problems.push(msg('config.not-an-object', { key: 'weights' }));
        break;
      case 'language':
        if (typeof value === 'string' && value.trim()) config.language = value.trim();
        else problems.push(msg('config.language'));
        break;
      case 'convention':
        if (typeof value === 'string') config.convention = value as CotTraceConfig['convention'];
        else problems.push(msg('config.convention'));
        break;
      case 'fields':
        if (isRecord(value)) {
          config.fields = {};
          for (const [name, paths] of Object.entries(value)) {
            if (!FIELD_NAMES.includes(name as (typeof FIELD_NAMES)[number])) {
              problems.push(msg('config.fields.unknown', { name, list: FIELD_NAMES.join(', ') }));
              continue;
            }
            const list = typeof paths === 'string' ? [paths] : paths;
            if (!(Array.isArray(list) && list.every((p) => typeof p === 'string'))) problems.push(msg('config.fields.not-paths', { name }));
            else {
              const bad = (list as string[]).filter((p) => parseFieldPath(p) === null);
              for (const p of bad) problems.push(msg('config.fields.bad-path', { name, path: JSON.stringify(p) }));
              if (!bad.length) config.fields[name as (typeof FIELD_NAMES)[number]] = list as string[];
            }
          }
        } else problems.push(msg('config.not-an-object', { key: 'fields' }));
        break;
      case 'overlong':
        if (isRecord(value) && typeof value.maxLength === 'number' && typeof value.cache === 'number' && !(Number.isFinite(value.maxLength) && value.maxLength > 0 && Number.isFinite(value.cache) && value.cache >= 0 && value.cache < value.maxLength)) {
          problems.push(msg('config.overlong.range', { maxLength: value.maxLength, cache: value.cache }));
        } else if (isRecord(value) && typeof value.maxLength === 'number' && typeof value.cache === 'number') {
          config.overlong = { maxLength: value.maxLength, cache: value.cache };
          if (value.unit === 'chars' || value.unit === 'tokens') config.overlong.unit = value.unit;
        } else problems.push(msg('config.overlong.shape'));
        break;
      default:
        problems.push(msg('config.unknown-setting', { key }));
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
      if (!SEVERITIES.includes(severity as SeveritySetting)) throw flagError(msg('config.flag.severity', { item, list: SEVERITIES.join(', ') }));
      rules[id] = severity;
    }
    raw.rules = rules;
  }
  if (flags.weights?.length) {
    const weights: Record<string, number> = {};
    for (const item of flags.weights.flatMap((w) => w.split(',')).filter((w) => w.trim())) {
      const [name, value] = splitPair(item, '--weights', 'name=number');
      const weight = Number(value);
      if (!REWARD_NAMES.includes(name as RewardName)) throw flagError(msg('config.flag.unknown-reward', { name, list: REWARD_NAMES.join(', ') }));
      if (value === '' || !Number.isFinite(weight)) throw flagError(msg('config.flag.not-number', { item, value }));
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
  if (problems.length) throw flagError(joined(problems.map((p) => p.l10n)));
  return config;
}

function splitPair(item: string, flag: string, form: string): [string, string] {
  const eq = item.indexOf('=');
  if (eq <= 0) throw flagError(msg('config.flag.form', { flag, item, form }));
  return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
}

/** An error of the command-line flags: its English message and the message of the catalogue (the CLI shows it in its locale). */
export class FlagError extends Error {
  readonly l10n: Localized;
  constructor(text: Text) {
    super(text.message);
    this.l10n = text.l10n;
  }
}

function flagError(text: Text): FlagError {
  return new FlagError(text);
}

/** Several problems (at least one) as one text, "a; b" ("a；b" in Chinese). */
export function joined(parts: readonly Localized[]): Text {
  let l10n = parts[0];
  for (const part of parts.slice(1)) l10n = ref('config.and', { first: l10n, next: part });
  return { message: render(l10n), l10n };
}
