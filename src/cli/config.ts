/**
 * How every `cot-trace` command finds its configuration: `-c FILE` (which must be readable),
 * else the nearest `.cot-trace.json` of each input, merged under the command-line flags.
 * Problems in a config file are printed once per file, with their line and column.
 */
import { dirname, resolve } from 'node:path';
import { configProblems, resolveConfig } from '../core/config/resolve';
import { configFromFlags, mergeConfig, type ConfigFlags } from '../core/config/load';
import type { CotTraceConfig, ResolvedConfig } from '../core/config/types';
import { READER_RULES } from '../core/documents';
import { findConfigFile, loadConfigFile } from '../core/node/configFile';
import { RULES } from '../core/rules';
import type { SeveritySetting } from '../core/types';

/** `-c FILE` could not be read (already reported); the command exits 2. */
export class ConfigUnreadable extends Error {}

export interface ConfigSource {
  /** Explicit config file (no discovery). */
  config?: string;
  flags?: ConfigFlags;
  /** Keep only the rules carrying one of these tags. */
  tags?: string[];
}

const isReaderProblem = (problem: string) => Object.keys(READER_RULES).some((id) => problem.includes(`"${id}"`));

/** Turns a config into the one the engine runs with, keeping only rules with the given tags. */
export function resolveFor(config: CotTraceConfig, tags: string[] | undefined): ResolvedConfig {
  const readerSeverities: Record<string, SeveritySetting> = {};
  for (const id of Object.keys(READER_RULES)) {
    const setting = config.rules?.[id];
    const severity = typeof setting === 'object' ? setting?.severity : setting;
    if (severity) readerSeverities[id] = severity;
  }
  if (tags?.length) {
    const rules = { ...config.rules };
    for (const { meta } of RULES) {
      if (!meta.tags.some((tag) => tags.includes(tag))) rules[meta.id] = 'off';
    }
    config = { ...config, rules };
  }
  const resolved = resolveConfig(config);
  Object.assign(resolved.severities, readerSeverities);
  return resolved;
}

/**
 * Returns `configFor(input)`. Throws an Error for malformed flags (a usage error) and
 * ConfigUnreadable when `-c FILE` cannot be read (reported through `say` first).
 */
export function configLoader(source: ConfigSource, cwd: string, say: (line: string) => void): (input: string) => ResolvedConfig {
  const flagConfig = configFromFlags(source.flags ?? {}); // throws on malformed flags
  const unknown = configProblems(flagConfig).filter((p) => !isReaderProblem(p));
  if (unknown.length) throw new Error(unknown.join(' '));
  const report = (file: string, loaded: ReturnType<typeof loadConfigFile>) => {
    for (const p of loaded.problems) say(`${file}${p.line !== undefined ? `:${p.line + 1}:${p.character! + 1}` : ''}: config: ${p.message}`);
    for (const problem of configProblems(loaded.config)) if (!isReaderProblem(problem)) say(`${file}: config: ${problem}`);
  };
  let explicit: CotTraceConfig | undefined;
  if (source.config) {
    const loaded = loadConfigFile(source.config);
    report(source.config, loaded);
    if (loaded.problems.some((p) => p.message.startsWith('cannot read'))) throw new ConfigUnreadable(`cannot read ${source.config}`);
    explicit = loaded.config;
  }
  const files = new Map<string, CotTraceConfig>();
  const cache = new Map<string, ResolvedConfig>();
  return (input: string) => {
    let base: CotTraceConfig = explicit ?? {};
    let key = source.config ?? '';
    if (!explicit) {
      const file = findConfigFile(input === '-' ? cwd : dirname(resolve(cwd, input)), [cwd]);
      key = file ?? '';
      if (file) {
        let config = files.get(file);
        if (!config) {
          const loaded = loadConfigFile(file);
          report(file, loaded);
          config = loaded.config;
          files.set(file, config);
        }
        base = config;
      }
    }
    let resolved = cache.get(key);
    if (!resolved) {
      resolved = resolveFor(mergeConfig(base, flagConfig), source.tags);
      cache.set(key, resolved);
    }
    return resolved;
  };
}
