import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { ServeOptions } from './main';
import { cliLocale, langOption, t } from '../cli/l10n';

function wholeNumber(name: string, min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(min === 1 ? t('cli.opt.whole-number', { flag: name }) : t('cli.opt.whole-number-from', { flag: name, min }));
    return n;
  };
}

interface ServeFlags {
  host: string;
  port: number;
  config?: string;
  workers?: number;
  maxBodyMb: number;
  maxBatch: number;
  timeout: number;
}

/**
 * `cot-trace serve`: the reward server. Its code lives in dist/serve.js beside the CLI and is
 * loaded only when this subcommand runs.
 */
export function registerServeCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description(t('cli.serve'))
    .option('--host <address>', t('cli.serve.host'), '127.0.0.1')
    .option('--port <n>', t('cli.serve.port'), wholeNumber('--port', 0), 8000)
    .option('-c, --config <file>', t('cli.serve.config'))
    .option('-w, --workers <n>', t('cli.serve.workers'), wholeNumber('--workers', 1))
    .option('--max-body-mb <n>', t('cli.serve.max-body'), wholeNumber('--max-body-mb', 1), 64)
    .option('--max-batch <n>', t('cli.serve.max-batch'), wholeNumber('--max-batch', 1), 8192)
    .option('--timeout <ms>', t('cli.serve.timeout'), wholeNumber('--timeout', 1), 120000)
    .addOption(langOption())
    .action(async (flags: ServeFlags) => {
      const script = join(__dirname, 'serve.js');
      if (!existsSync(script)) throw new Error(t('serve.not-installed', { script }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { serve } = require(script) as { serve: (options: ServeOptions) => Promise<number> };
      setExit(
        await serve({
          host: flags.host,
          port: flags.port,
          config: flags.config,
          workers: flags.workers ?? Math.max(1, availableParallelism()),
          limits: { bodyBytes: flags.maxBodyMb * 1024 * 1024, batch: flags.maxBatch, timeoutMs: flags.timeout },
          cwd: process.cwd(),
          stderr: process.stderr,
          locale: cliLocale(),
        }),
      );
    });
}
