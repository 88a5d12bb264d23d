/**
 * `cot-trace stats`: a summary of one or more datasets (record count, conventions, pass rate
 * per rule, reward histogram, thought lengths, reflection-word rate, language mix, accuracy),
 * computed in one streaming pass per file. Several files (e.g. one per checkpoint) are shown
 * side by side. `--json` prints the numbers, `--html OUT` writes a self-contained report.
 */
import { stat } from 'node:fs/promises';
import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { datasetStats, fileLabels } from '../../core/node/datasetStats';
import type { ResolvedConfig } from '../../core/types';
import { checkNotAnInput, describeError, OutputError, writeOutputFile } from '../../core/node/outputFile';
import { sidecarPathFor } from '../../core/review/sidecar';
import { ConfigUnreadable, configLoader } from '../../core/node/config';
import { isStreamInput, spoolInput } from '../input';
import type { FilterIo } from './filter';
import { formatStatsText, renderStatsHtml } from '../../core/review/report';
import type { DatasetStats } from '../../core/review/stats';
import { cliLocale, errorText, langOption, t } from '../l10n';

export function registerStatsCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('stats')
    .description(t('cli.stats'))
    .argument('<files...>', t('cli.stats.files'))
    .option('--json', t('cli.stats.json'))
    .option('--html <file>', t('cli.stats.html'))
    .option('-c, --config <file>', t('cli.opt.config'))
    .option('-q, --quiet', t('cli.opt.quiet'))
    .addOption(langOption())
    .action(async (files: string[], flags: { json?: boolean; html?: string; config?: string; quiet?: boolean }) => {
      setExit(await statsCommand(files, flags, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }));
    });
}

/** The whole `stats` command; resolves to its exit code (0, or 2 when an input or the report failed). */
export async function statsCommand(files: string[], flags: { json?: boolean; html?: string; config?: string; quiet?: boolean }, io: FilterIo): Promise<number> {
  const say = (line: string) => io.stderr.write(line + '\n');
  let configFor: (input: string) => ResolvedConfig;
  try {
    configFor = configLoader({ config: flags.config }, io.cwd, say, cliLocale());
  } catch (error) {
    if (!(error instanceof ConfigUnreadable)) say(t('cli.error', { message: errorText(error) }));
    return 2;
  }
  if (flags.html) {
    // Refused before any work: the report must not replace a dataset or its decisions.
    try {
      checkNotAnInput(flags.html, files.filter((f) => f !== '-').flatMap((f) => [{ path: f, what: 'input' }, { path: sidecarPathFor(f), what: 'review sidecar' }]));
    } catch (error) {
      say(t('cli.error', { message: errorText(error) }));
      return 2;
    }
  }
  const labels = fileLabels(files.map((f) => (f === '-' ? 'stdin' : f)));
  const all: DatasetStats[] = [];
  let exit = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    let input = file;
    let spooled: { path: string; remove(): void } | undefined;
    let bar: SingleBar | undefined;
    try {
      let streamed: boolean;
      try {
        streamed = await isStreamInput(file);
      } catch (error) {
        say(t('cli.error', { message: t('cli.cannot-read', { file, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? t('cli.no-such-file') : describeError(error, cliLocale()) }) }));
        exit = 2;
        continue;
      }
      if (streamed) {
        spooled = await spoolInput(file, io.stdin, say);
        input = spooled.path;
      }
      const size = (await stat(input)).size;
      bar =
        !flags.quiet && io.stderr.isTTY && size > 4e6
          ? new SingleBar({ format: `${labels[i]} [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted} left`, stream: io.stderr as NodeJS.WriteStream, clearOnComplete: true, hideCursor: true })
          : undefined;
      bar?.start(Math.ceil(size / 1e6), 0);
      const config = configFor(file);
      all.push(await datasetStats(input, labels[i], config, { onProgress: (p) => bar?.update(Math.floor(p.bytes / 1e6)) }));
    } catch (error) {
      say(t('cli.file-error', { file, message: describeError(error, cliLocale()) }));
      exit = 2;
    } finally {
      bar?.stop();
      spooled?.remove();
    }
  }
  if (all.length) {
    io.stdout.write(flags.json ? JSON.stringify(all.length === 1 && files.length === 1 ? all[0] : all, null, 2) + '\n' : formatStatsText(all, cliLocale()));
    if (flags.html) {
      try {
        writeOutputFile(flags.html, renderStatsHtml(all));
        say(t('cli.report-written', { file: flags.html }));
      } catch (error) {
        say(t('cli.error', { message: error instanceof OutputError ? errorText(error) : describeError(error, cliLocale()) }));
        exit = 2;
      }
    }
  }
  return exit;
}
