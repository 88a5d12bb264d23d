import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Minimatch } from 'minimatch';
import { mergeConfig, validateConfig } from '../core/config/load';
import type { CotTraceConfig } from '../core/config/types';
import { findConfigFile, loadConfigFile } from '../core/node/configFile';

/** Settings of the server itself (not rules): read from the editor's `cotTrace` section. */
export interface ServerSettings {
  /** Lint while typing, or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Downgrade every finding: `warning` turns errors into warnings, `info` turns everything into information. */
  severityOverride: 'none' | 'warning' | 'info';
  codeLens: boolean;
  /** Globs of JSON / JSON Lines files to check even when their start shows no trace. */
  include: string[];
  /** Rule and reward settings given in the editor (the config file takes precedence). */
  config: CotTraceConfig;
}

export const DEFAULT_SETTINGS: ServerSettings = { run: 'onType', severityOverride: 'none', codeLens: true, include: [], config: {} };

const CONFIG_KEYS = ['preset', 'rules', 'weights', 'language', 'convention', 'fields', 'overlong'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the `cotTrace` settings section; anything malformed falls back to the default. */
export function parseSettings(section: unknown): ServerSettings {
  if (!isRecord(section)) return { ...DEFAULT_SETTINGS };
  const settings: ServerSettings = { ...DEFAULT_SETTINGS };
  if (section.run === 'onType' || section.run === 'onSave') settings.run = section.run;
  if (section.severityOverride === 'none' || section.severityOverride === 'warning' || section.severityOverride === 'info') {
    settings.severityOverride = section.severityOverride;
  }
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

/** True when `fsPath` matches one of the globs (matched against the whole path and against the file name). */
export function matchesInclude(fsPath: string, globs: readonly string[]): boolean {
  if (!globs.length) return false;
  const normalised = fsPath.replace(/\\/g, '/');
  return globs.some((glob) => {
    const m = new Minimatch(glob, { dot: true, matchBase: !glob.includes('/') });
    return m.match(normalised) || (!glob.startsWith('/') && !glob.startsWith('**') && new Minimatch(`**/${glob}`, { dot: true }).match(normalised));
  });
}

/** `file:` URI → path, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Config files found and read, cached by folder until a config file changes. */
export class ConfigFiles {
  private byFolder = new Map<string, { file?: string; config: CotTraceConfig; problems: string[] }>();

  /** `roots`: the workspace folders, where the search for a config file stops. */
  constructor(private readonly roots: () => readonly string[] = () => []) {}

  /** The `.cot-trace.json` that applies to a file (nearest one up to the repository or workspace root). */
  forFile(fsPath: string): { file?: string; config: CotTraceConfig; problems: string[] } {
    const folder = dirname(fsPath);
    let entry = this.byFolder.get(folder);
    if (!entry) {
      const file = findConfigFile(folder, this.roots());
      if (file) {
        const loaded = loadConfigFile(file);
        entry = { file, config: loaded.config, problems: loaded.problems.map((p) => p.message) };
      } else entry = { config: {}, problems: [] };
      this.byFolder.set(folder, entry);
    }
    return entry;
  }

  clear(): void {
    this.byFolder.clear();
  }
}

/** Editor settings first, then the config file on top. */
export function effectiveConfig(settings: ServerSettings, file: CotTraceConfig): CotTraceConfig {
  return mergeConfig(settings.config, file);
}
