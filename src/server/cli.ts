import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SERVER_NODE_FLAGS } from './launch';
import { t } from '../cli/l10n';

/**
 * `cot-trace server --stdio`: the language server, for editors that start it through the
 * CLI. It runs the server bundle installed next to the CLI (dist/server.js), so the CLI
 * itself stays small. Over stdio the server gets a process of its own with the Node.js
 * flags it is tuned for (see launch.ts); with --node-ipc it must share this process, which
 * owns the IPC channel.
 */
export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description(t('cli.server'))
    .option('--stdio', t('cli.server.stdio'))
    .allowUnknownOption(true)
    .action(() => {
      const script = join(__dirname, 'server.js');
      if (!existsSync(script)) throw new Error(`the language server is not installed next to the CLI (${script})`);
      const args = process.argv.slice(process.argv.indexOf('server') + 1);
      if (args.includes('--stdio')) {
        const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, script, ...args], { stdio: 'inherit' });
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
        return new Promise<void>(() => child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0))));
      }
      createRequire(__filename)(script);
      // The connection keeps the process alive until the editor sends `exit`.
      return new Promise<void>(() => undefined);
    });
}
