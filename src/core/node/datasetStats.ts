/**
 * Node helpers shared by `cot-trace stats` / `filter` and the editor panels: a file's kind,
 * and its statistics computed in one streaming pass.
 */
import { basename } from 'node:path';
import type { RecordInput, ResolvedConfig } from '../types';
import { kindFromName, sniffKind, type DocumentKind } from '../documents';
import { createChecker } from '../engine';
import { ConventionGate, describeDatasetConvention } from '../trace/datasetConvention';
import { RULES } from '../rules';
import { StatsAccumulator, type DatasetStats } from '../review/stats';
import { datasetColumns } from '../review/columns';
import { readHeadText } from './lines';
import { scanDataset, type ScanOptions } from './scan';

export function detectFileKind(file: string): DocumentKind {
  return kindFromName(file) ?? sniffKind(readHeadText(file).head);
}

/** Rule ids a config leaves on (listed in pass-rate tables even when nothing failed). */
export function enabledRules(config: ResolvedConfig): string[] {
  return RULES.map((r) => r.meta.id).filter((id) => config.severities[id] !== 'off');
}

const decoder = new TextDecoder();

/** The statistics of one dataset file, streamed, before they are summarised (see summarizeTogether). */
export async function datasetAccumulator(file: string, config: ResolvedConfig, options: Omit<ScanOptions, 'fields'> & { yieldEvery?: number } = {}): Promise<StatsAccumulator> {
  const kind = detectFileKind(file);
  const acc = new StatsAccumulator();
  let n = 0;
  // The dataset's own correctness label is read beside ours; the first records wait until
  // the dataset's convention is known from them.
  let checker = createChecker(config);
  let checkedWith = config;
  const gate = new ConventionGate<{ record: RecordInput; bytes: Uint8Array }>(config, ({ record, bytes }, checked) => {
    if (checked !== checkedWith) [checker, checkedWith] = [createChecker(checked), checked];
    acc.add(checker.check(record), datasetColumns(decoder.decode(bytes)));
  });
  await scanDataset(file, kind, { ...options, fields: config.fields }, async ({ record, bytes }) => {
    await gate.push({ record, bytes }, [record]);
    // In an editor, give the event loop a turn now and then.
    if (options.yieldEvery && ++n % options.yieldEvery === 0) await new Promise((r) => setImmediate(r));
  });
  await gate.end();
  acc.assumedConvention = describeDatasetConvention(gate.convention!);
  return acc;
}

/** Statistics of one dataset file, streamed. */
export async function datasetStats(file: string, label: string, config: ResolvedConfig, options: Omit<ScanOptions, 'fields'> & { yieldEvery?: number } = {}): Promise<DatasetStats> {
  return (await datasetAccumulator(file, config, options)).summarize(label, enabledRules(config));
}

/** Short, distinct labels for files (base names, or whole paths when names repeat). */
export function fileLabels(files: string[]): string[] {
  const names = files.map((f) => basename(f));
  return names.map((n, i) => (names.indexOf(n) !== names.lastIndexOf(n) ? files[i] : n));
}
