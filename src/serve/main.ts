// `cot-trace serve`: the reward server (bundled as dist/serve.js, loaded by the CLI only for this
// subcommand so the other commands start without the HTTP framework).
import { resolve } from 'node:path';
import type { CotTraceConfig } from '../core/types';
import { findConfigFile } from '../core/node/configFile';
import { readConfigFile } from '../core/node/config';
import { buildApp, DEFAULT_LIMITS, type Limits } from './app';
import { Scorer } from './scorer';

export interface ServeOptions {
  host: string;
  port: number;
  config?: string;
  workers: number;
  limits: Limits;
  cwd: string;
  stderr: NodeJS.WritableStream;
}

/** Starts the server; resolves to the exit code once it has shut down (SIGTERM / SIGINT). */
export async function serve(options: ServeOptions): Promise<number> {
  const say = (line: string) => options.stderr.write(`cot-trace serve: ${line}\n`);
  const file = options.config ?? findConfigFile(options.cwd, [options.cwd]);
  let base: CotTraceConfig = {};
  if (file) {
    const read = readConfigFile(resolve(options.cwd, file), file);
    for (const problem of read.problems) say(problem);
    if (read.unreadable) return 2;
    base = read.config;
  }
  const scorer = new Scorer(base, options.workers, options.limits.timeoutMs);
  const app = buildApp(scorer, options.limits);
  let address: string;
  try {
    address = await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    say(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
    await scorer.close();
    return 2;
  }
  say(`listening on ${address} (${options.workers} worker${options.workers === 1 ? '' : 's'}${file ? `, config ${file}` : ''})`);
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      say(`${signal}: finishing requests in flight, then stopping`);
      app
        .close()
        .then(() => scorer.close())
        .then(
          () => done(0),
          (error) => {
            say(`shutdown: ${(error as Error).message}`);
            done(1);
          },
        );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export { DEFAULT_LIMITS };
