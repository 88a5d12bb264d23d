/**
 * The one place a configuration is worked out, for every face: the editor's `cotTrace.*`
 * settings, under the nearest `.cot-trace.json` (or `-c FILE`), under the command-line flags;
 * rules without a wanted tag turned off; every problem said in one format.
 */
import { dirname, resolve } from 'node:path';
import { configFromFlags, FlagError, mergeConfig, validateConfig, type ConfigFlags, type ConfigProblem } from '../config/load';
import { configProblemTexts, resolveConfig } from '../config/resolve';
import { formatMessage, ref, render, type Locale, type Localized } from '../messages';
import { RULES } from '../rules';
import type { CotTraceConfig, ResolvedConfig } from '../types';
import { findConfigFile, loadConfigFile } from './configFile';

/** Settings of the editor faces that are not rules (read from the editor's `cotTrace` section). */
export interface EditorSettings {
  /** Lint while typing, or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Downgrade every finding: `warning` turns errors into warnings, `info` turns everything into information. */
  severityOverride: 'none' | 'warning' | 'info';
  codeLens: boolean;
  /** Most problems in one report per document (clients that do not pull in parts); 0: no limit. */
  maxProblemsPerReport: number;
  /** Globs of JSON / JSON Lines files to check even when their start shows no trace. */
  include: string[];
  /** Rule and reward settings given in the editor (the config file takes precedence). */
  config: CotTraceConfig;
}

export const DEFAULT_SETTINGS: EditorSettings = { run: 'onType', severityOverride: 'none', maxProblemsPerReport: 1000, codeLens: true, include: [], config: {} };

const CONFIG_KEYS = ['preset', 'rules', 'weights', 'language', 'convention', 'fields', 'overlong'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the `cotTrace` settings section; anything malformed falls back to the default. */
export function parseSettings(section: unknown): EditorSettings {
  if (!isRecord(section)) return { ...DEFAULT_SETTINGS };
  const settings: EditorSettings = { ...DEFAULT_SETTINGS };
  if (section.run === 'onType' || section.run === 'onSave') settings.run = section.run;
  if (section.severityOverride === 'none' || section.severityOverride === 'warning' || section.severityOverride === 'info') {
    settings.severityOverride = section.severityOverride;
  }
  const max = section.maxProblemsPerReport;
  if (typeof max === 'number' && Number.isInteger(max) && max >= 0) settings.maxProblemsPerReport = max;
  const codeLens = isRecord(section.codeLens) ? section.codeLens.enable : section['codeLens.enable'];
  if (typeof codeLens === 'boolean') settings.codeLens = codeLens;
  const datasets = isRecord(section.datasets) ? section.datasets.include : section['datasets.include'];
  if (Array.isArray(datasets)) settings.include = datasets.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = section[key];
    if (value === undefined || value === null || value === '') continue;
    if (isRecord(value) && !Object.keys(value).length) continue;
    raw[key] = value;
  }
  // Dotted rule keys (`rules.unclosed-thought`) arrive nested; anything ill-typed is dropped.
  settings.config = validateConfig(raw, []);
  return settings;
}

/** The layers of a configuration, lowest first. */
export interface ConfigLayers {
  /** The editor's settings. */
  editor?: CotTraceConfig;
  /** The config file that applies (`.cot-trace.json`, or the one given with `-c`). */
  file?: CotTraceConfig;
  /** Command-line flags. */
  flags?: CotTraceConfig;
  /** Keep only the rules carrying one of these tags. */
  tags?: readonly string[];
}

/** Merges the layers and fills every default in. Never throws: a configuration the engine cannot use gives the defaults and a problem. */
export function resolveLayers(layers: ConfigLayers, locale: Locale = 'en'): { config: ResolvedConfig; problems: string[] } {
  let config = mergeConfig(mergeConfig(layers.editor ?? {}, layers.file ?? {}), layers.flags ?? {});
  const tags = layers.tags;
  if (tags?.length) {
    const rules = { ...config.rules };
    for (const { meta } of RULES) if (!meta.tags.some((tag) => tags.includes(tag))) rules[meta.id] = 'off';
    config = { ...config, rules };
  }
  try {
    return { config: resolveConfig(config), problems: [] };
  } catch (error) {
    const e = error as { message?: string; l10n?: Localized };
    const reason = e?.l10n ?? (error instanceof Error ? error.message : String(error));
    return { config: resolveConfig({}), problems: [formatMessage('config.ignored', { error: reason }, locale)] };
  }
}

/** A config file as read: its settings and what is wrong with it, each problem as one line (`FILE[:LINE:COL]: config: …`). */
export interface ConfigFile {
  file: string;
  config: CotTraceConfig;
  problems: string[];
  /** The file could not be read at all. */
  unreadable: boolean;
}

/**
 * Reads a config file and lists its problems: syntax and types, then unknown rules, options
 * and values. `shown` is the name the problems give the file (default: `file`).
 */
export function readConfigFile(file: string, shown = file, locale: Locale = 'en'): ConfigFile {
  const loaded = loadConfigFile(file);
  const where = (p: ConfigProblem) => (p.line !== undefined ? `${shown}:${p.line + 1}:${(p.character ?? 0) + 1}` : shown);
  const line = (at: string, message: Localized) => formatMessage('config.problem', { where: at, message }, locale);
  const problems = loaded.problems.map((p) => line(where(p), p.l10n));
  for (const problem of configProblemTexts(loaded.config)) problems.push(line(shown, problem.l10n));
  return { file, config: loaded.config, problems, unreadable: loaded.problems.some((p) => p.message.startsWith('cannot read')) };
}

/**
 * Config files found and read, cached by folder until `clear()` (a config file changed).
 * `roots` are where the search upwards stops (workspace folders, the working folder).
 */
export class ConfigFiles {
  private byFolder = new Map<string, ConfigFile | undefined>();
  private byFile = new Map<string, ConfigFile>();

  constructor(
    private readonly roots: () => readonly string[] = () => [],
    /** The language the problems are said in (read when a file is read: a server learns it at initialize). */
    private readonly locale: () => Locale = () => 'en',
  ) {}

  /** The `.cot-trace.json` that applies to a file (see findConfigFile), or undefined. */
  forFile(fsPath: string): ConfigFile | undefined {
    const folder = dirname(resolve(fsPath));
    if (!this.byFolder.has(folder)) {
      const file = findConfigFile(folder, this.roots());
      this.byFolder.set(folder, file ? this.read(file) : undefined);
    }
    return this.byFolder.get(folder);
  }

  /** A config file read once. */
  read(file: string): ConfigFile {
    let entry = this.byFile.get(file);
    if (!entry) {
      entry = readConfigFile(file, file, this.locale());
      this.byFile.set(file, entry);
    }
    return entry;
  }

  clear(): void {
    this.byFolder.clear();
    this.byFile.clear();
  }
}

/**
 * Configuration for one file: `explicit`, else the nearest .cot-trace.json (searched up to the
 * repository root, one of `roots` or the home folder), over the editor settings when given.
 */
export function configForFile(
  fsPath: string | undefined,
  options: { explicit?: string; roots?: readonly string[]; editor?: CotTraceConfig; files?: ConfigFiles; locale?: Locale } = {},
): { config: ResolvedConfig; problems: string[]; file?: string } {
  const locale = options.locale ?? 'en';
  const files = options.files ?? new ConfigFiles(() => options.roots ?? [], () => locale);
  const found = options.explicit ? files.read(options.explicit) : fsPath ? files.forFile(fsPath) : undefined;
  const { config, problems } = resolveLayers({ editor: options.editor, file: found?.config }, locale);
  return { config, problems: [...(found?.problems ?? []), ...problems], file: found?.file };
}

/** `-c FILE` could not be read (already reported); the command exits 2. */
export class ConfigUnreadable extends Error {}

export interface ConfigSource {
  /** Explicit config file (no discovery). */
  config?: string;
  flags?: ConfigFlags;
  /** Keep only the rules carrying one of these tags. */
  tags?: string[];
}

/**
 * The command line's way: `-c FILE` (which must be readable), else the nearest `.cot-trace.json`
 * of each input, under the flags. Returns `configFor(input)`. Problems of a config file are
 * said once per file through `say`. Throws an Error for malformed flags (a usage error) and
 * ConfigUnreadable when `-c FILE` cannot be read.
 */
export function configLoader(source: ConfigSource, cwd: string, say: (line: string) => void, locale: Locale = 'en'): (input: string) => ResolvedConfig {
  const flags = configFromFlags(source.flags ?? {}); // throws on malformed flags
  const unknown = configProblemTexts(flags);
  if (unknown.length) {
    let l10n = unknown[0].l10n;
    for (const next of unknown.slice(1)) l10n = ref('config.check.joined', { first: l10n, next: next.l10n });
    throw new FlagError({ message: render(l10n), l10n });
  }
  const files = new ConfigFiles(() => [cwd], () => locale);
  const reported = new Set<string>();
  const load = (file: string) => {
    const entry = files.read(file);
    if (!reported.has(file)) {
      reported.add(file);
      for (const problem of entry.problems) say(problem);
    }
    return entry;
  };
  if (source.config && load(source.config).unreadable) throw new ConfigUnreadable(`cannot read ${source.config}`);
  const cache = new Map<string, ResolvedConfig>();
  return (input: string) => {
    const file = source.config ?? findConfigFile(input === '-' ? cwd : dirname(resolve(cwd, input)), [cwd]);
    const key = file ?? '';
    let resolved = cache.get(key);
    if (!resolved) {
      const layers = resolveLayers({ file: file ? load(file).config : undefined, flags, tags: source.tags }, locale);
      for (const problem of layers.problems) say(problem);
      resolved = layers.config;
      cache.set(key, resolved);
    }
    return resolved;
  };
}
