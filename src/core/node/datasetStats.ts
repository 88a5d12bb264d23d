/**
 * Node helpers shared by `cot-trace stats` / `filter` and the editor panels: the configuration
 * of a file, its kind, and its statistics computed in one streaming pass.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { resolveConfig } from '../config/resolve';
import type { ResolvedConfig } from '../config/types';
import { kindFromName, sniffKind, type DocumentKind, type FieldOverrides } from '../documents';
import { checkRecord } from '../engine';
import { ConventionSample, describeDatasetConvention, withDatasetConvention, type DatasetConvention } from '../trace/datasetConvention';
import { RULES } from '../rules';
import type { RecordInput, RecordResult } from '../types';
import { StatsAccumulator, type DatasetStats } from '../review/stats';
import { findConfigFile, loadConfigFile } from './configFile';
import { scanDataset, type ScanOptions } from './scan';

/**
 * Configuration for a file: `explicit`, else the nearest .cot-trace.json (searched up to the repository
 * root, one of `roots` or the home folder), else the defaults.
 */
export function configForFile(file: string, explicit?: string, roots: readonly string[] = []): { config: ResolvedConfig; warnings: string[] } {
  const path = explicit ?? findConfigFile(dirname(resolve(file)), roots);
  if (!path) return { config: resolveConfig({}), warnings: [] };
  const loaded = loadConfigFile(path);
  return { config: resolveConfig(loaded.config), warnings: loaded.problems.map((p) => `${path}: config: ${p.message}`) };
}

/** The first 64 KB of a file, and whether it starts with a byte order mark. */
export function readHead(file: string): { head: string; bom: boolean } {
  const buffer = Buffer.alloc(65536);
  const fd = openSync(file, 'r');
  try {
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, n).toString('utf8'), bom: n >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf };
  } finally {
    closeSync(fd);
  }
}

export function detectFileKind(file: string): DocumentKind {
  return kindFromName(file) ?? sniffKind(readHead(file).head);
}

/** Checks a record; an engine failure becomes a finding, never an exception. */
export function safeCheck(record: RecordInput, config: ResolvedConfig, rewards = true): RecordResult {
  const base = { index: record.index, line: record.line, span: record.span, ...(record.id !== undefined ? { id: record.id } : {}) };
  if (!record.traces.length) return { ...base, traces: [], findings: record.problems };
  try {
    return checkRecord(record, config, { rewards });
  } catch (error) {
    return { ...base, traces: [], findings: [...record.problems, { ruleId: 'internal-error', severity: 'error', message: `The checks failed on this record: ${(error as Error).message}`, span: record.span, recordIndex: record.index }] };
  }
}

/** Rule ids a config leaves on (listed in pass-rate tables even when nothing failed). */
export function enabledRules(config: ResolvedConfig): string[] {
  return RULES.map((r) => r.meta.id).filter((id) => config.severities[id] !== 'off');
}

/** Statistics of one dataset file, streamed. */
export async function datasetStats(file: string, label: string, config: ResolvedConfig, options: Omit<ScanOptions, 'fields'> & { yieldEvery?: number } = {}): Promise<DatasetStats> {
  const kind = detectFileKind(file);
  const acc = new StatsAccumulator();
  let n = 0;
  // The first records wait until the dataset's convention is known from them.
  const sample = new ConventionSample();
  let waiting: RecordInput[] | undefined = [];
  let checked = config;
  let dataset: DatasetConvention | undefined;
  const settle = () => {
    dataset = sample.result(config);
    checked = withDatasetConvention(config, dataset);
    for (const r of waiting ?? []) acc.add(safeCheck(r, checked));
    waiting = undefined;
  };
  await scanDataset(file, kind, { ...options, fields: config.fields as FieldOverrides }, async ({ record }) => {
    if (waiting) {
      waiting.push(record);
      if (!sample.add(record)) settle();
    } else acc.add(safeCheck(record, checked));
    // In an editor, give the event loop a turn now and then.
    if (options.yieldEvery && ++n % options.yieldEvery === 0) await new Promise((r) => setImmediate(r));
  });
  if (waiting) settle();
  return { ...acc.summarize(label, enabledRules(config)), assumedConvention: describeDatasetConvention(dataset!) };
}

/** Short, distinct labels for files (base names, or whole paths when names repeat). */
export function fileLabels(files: string[]): string[] {
  const names = files.map((f) => basename(f));
  return names.map((n, i) => (names.indexOf(n) !== names.lastIndexOf(n) ? files[i] : n));
}
