import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Command } from 'commander';

/**
 * `cot-trace server --stdio`: the language server, for editors that start it through the
 * CLI. It loads the server bundle installed next to the CLI (dist/server.js), so the CLI
 * itself stays small.
 */
export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description('run the CoT Trace language server (LSP) for an editor: --stdio, --node-ipc or --socket=<port>')
    .option('--stdio', 'talk LSP over stdin/stdout')
    .allowUnknownOption(true)
    .action(() => {
      const script = join(__dirname, 'server.js');
      if (!existsSync(script)) throw new Error(`the language server is not installed next to the CLI (${script})`);
      createRequire(__filename)(script);
      // The connection keeps the process alive until the editor sends `exit`.
      return new Promise<void>(() => undefined);
    });
}
