/**
 * `cot-trace stats`: a summary of one or more datasets (record count, conventions, pass rate
 * per rule, reward histogram, thought lengths, reflection-word rate, language mix, accuracy),
 * computed in one streaming pass per file. Several files (e.g. one per checkpoint) are shown
 * side by side. `--json` prints the numbers, `--html OUT` writes a self-contained report.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { kindFromName, sniffKind, type DocumentKind, type FieldOverrides } from '../../core/documents';
import { checkRecord } from '../../core/engine';
import { scanDataset, type ScanOptions } from '../../core/node/scan';
import { formatStatsText, renderStatsHtml } from '../../core/review/report';
import { StatsAccumulator, type DatasetStats } from '../../core/review/stats';
import { RULES } from '../../core/rules';
import type { ResolvedConfig } from '../../core/config/types';
import { configForFile } from './filter';

export function detectFileKind(file: string): DocumentKind {
  const fromName = kindFromName(file);
  if (fromName) return fromName;
  const buffer = Buffer.alloc(65536);
  const fd = openSync(file, 'r');
  try {
    return sniffKind(buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

/** Rule ids a config leaves on (shown in the pass-rate table even when nothing failed). */
export function enabledRules(config: ResolvedConfig): string[] {
  return RULES.map((r) => r.meta.id).filter((id) => config.severities[id] !== 'off');
}

/** Statistics of one dataset file, streamed. */
export async function datasetStats(file: string, label: string, config: ResolvedConfig, options: Omit<ScanOptions, 'fields'> = {}): Promise<DatasetStats> {
  const kind = detectFileKind(file);
  const acc = new StatsAccumulator();
  await scanDataset(file, kind, { ...options, fields: config.fields as FieldOverrides }, ({ record }) => {
    if (!record.traces.length) {
      acc.add({ index: record.index, line: record.line, span: record.span, traces: [], findings: record.problems });
      return;
    }
    try {
      acc.add(checkRecord(record, config));
    } catch (error) {
      acc.add({
        index: record.index,
        line: record.line,
        span: record.span,
        traces: [],
        findings: [...record.problems, { ruleId: 'internal-error', severity: 'error', message: (error as Error).message, span: record.span }],
      });
    }
  });
  return acc.summarize(label, enabledRules(config));
}

/** Short, distinct labels for files (their base names, or paths when names repeat). */
export function fileLabels(files: string[]): string[] {
  const names = files.map((f) => basename(f));
  return names.map((n, i) => (names.indexOf(n) !== names.lastIndexOf(n) ? files[i] : n));
}

export function registerStatsCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('stats')
    .description('summarise datasets: rewards, rule pass rates, thought lengths, reflection words, languages, accuracy')
    .argument('<files...>', 'datasets (.jsonl or .json); several are compared side by side')
    .option('--json', 'print the numbers as JSON')
    .option('--html <file>', 'also write a self-contained HTML report with charts')
    .option('-c, --config <file>', 'use this config file instead of looking for .cot-trace.json')
    .option('-q, --quiet', 'no progress bar')
    .action(async (files: string[], flags: { json?: boolean; html?: string; config?: string; quiet?: boolean }) => {
      const labels = fileLabels(files);
      const all: DatasetStats[] = [];
      let exit = 0;
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        const size = (await stat(file).catch(() => undefined))?.size;
        if (size === undefined) {
          process.stderr.write(`cot-trace: cannot read ${file}: no such file\n`);
          exit = 2;
          continue;
        }
        const bar =
          !flags.quiet && process.stderr.isTTY && size > 4e6
            ? new SingleBar({ format: `${labels[i]} [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted} left`, stream: process.stderr, clearOnComplete: true, hideCursor: true })
            : undefined;
        bar?.start(Math.ceil(size / 1e6), 0);
        try {
          const { config, warnings } = configForFile(file, flags.config);
          for (const w of warnings) process.stderr.write(`cot-trace: ${w}\n`);
          all.push(await datasetStats(file, labels[i], config, { onProgress: (p) => bar?.update(Math.floor(p.bytes / 1e6)) }));
        } catch (error) {
          process.stderr.write(`cot-trace: ${file}: ${(error as Error).message}\n`);
          exit = 2;
        } finally {
          bar?.stop();
        }
      }
      if (all.length) {
        process.stdout.write(flags.json ? JSON.stringify(all.length === 1 && files.length === 1 ? all[0] : all, null, 2) + '\n' : formatStatsText(all));
        if (flags.html) {
          await writeFile(flags.html, renderStatsHtml(all));
          process.stderr.write(`cot-trace: report written to ${flags.html}\n`);
        }
      }
      setExit(exit);
    });
}
