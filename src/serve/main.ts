// `cot-trace serve`: the reward server (bundled as dist/serve.js, loaded by the CLI only for this
// subcommand so the other commands start without the HTTP framework).
import { resolve } from 'node:path';
import type { CotTraceConfig } from '../core/types';
import { findConfigFile } from '../core/node/configFile';
import { readConfigFile } from '../core/node/config';
import { buildApp, DEFAULT_LIMITS, type Limits } from './app';
import { Scorer } from './scorer';
import { formatMessage, type Locale, type MessageArg, type MessageId } from '../core/messages';

export interface ServeOptions {
  host: string;
  port: number;
  config?: string;
  workers: number;
  limits: Limits;
  cwd: string;
  stderr: NodeJS.WritableStream;
  /** The language of the log lines (the CLI's: `--lang`, else LC_ALL, LC_MESSAGES, LANG). */
  locale?: Locale;
}

/** Starts the server; resolves to the exit code once it has shut down (SIGTERM / SIGINT). */
export async function serve(options: ServeOptions): Promise<number> {
  const locale = options.locale ?? 'en';
  const say = (line: string) => options.stderr.write(formatMessage('serve.log', { line }, locale) + '\n');
  const log = (id: MessageId, args?: Record<string, MessageArg>) => say(formatMessage(id, args, locale));
  const file = options.config ?? findConfigFile(options.cwd, [options.cwd]);
  let base: CotTraceConfig = {};
  if (file) {
    const read = readConfigFile(resolve(options.cwd, file), file, locale);
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
    log('serve.cannot-listen', { host: options.host, port: options.port, error: (error as Error).message });
    await scorer.close();
    return 2;
  }
  log(options.workers === 1 ? 'serve.listening.one' : 'serve.listening', { address, workers: options.workers, config: file ? formatMessage('serve.listening.config', { file }, locale) : '' });
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log('serve.stopping', { signal });
      app
        .close()
        .then(() => scorer.close())
        .then(
          () => done(0),
          (error) => {
            log('serve.shutdown', { error: (error as Error).message });
            done(1);
          },
        );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export { DEFAULT_LIMITS };
