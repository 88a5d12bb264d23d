/**
 * `cot-trace stats`: a summary of one or more datasets (record count, conventions, pass rate
 * per rule, reward histogram, thought lengths, reflection-word rate, language mix, accuracy),
 * computed in one streaming pass per file. Several files (e.g. one per checkpoint) are shown
 * side by side. `--json` prints the numbers, `--html OUT` writes a self-contained report.
 */
import { stat, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { configForFile, datasetStats, fileLabels } from '../../core/node/datasetStats';
import { formatStatsText, renderStatsHtml } from '../../core/review/report';
import type { DatasetStats } from '../../core/review/stats';

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
          const { config, warnings } = configForFile(file, flags.config, [process.cwd()]);
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
