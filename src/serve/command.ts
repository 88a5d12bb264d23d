import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { ServeOptions } from './main';

function wholeNumber(name: string, min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
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
    .description('serve the rewards over HTTP: OpenRLHF /get_reward, /score, /advantages, /healthz, /metrics')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', wholeNumber('--port', 0), 8000)
    .option('-c, --config <file>', 'use this config file instead of looking for .cot-trace.json in the working folder')
    .option('-w, --workers <n>', 'scoring worker threads (default: one per core)', wholeNumber('--workers', 1))
    .option('--max-body-mb <n>', 'largest request body, in MB', wholeNumber('--max-body-mb', 1), 64)
    .option('--max-batch <n>', 'most completions in one request', wholeNumber('--max-batch', 1), 8192)
    .option('--timeout <ms>', 'longest time one request may take', wholeNumber('--timeout', 1), 120000)
    .action(async (flags: ServeFlags) => {
      const script = join(__dirname, 'serve.js');
      if (!existsSync(script)) throw new Error(`the reward server is not installed next to the CLI (${script})`);
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
        }),
      );
    });
}
