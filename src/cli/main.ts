// The `cot-trace` command line: lint and score chain-of-thought datasets.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_USAGE, run, type RunOptions } from './run';
import { registerServerCommand } from '../server/cli';
import { registerAdvantagesCommand } from './commands/advantages';
import { registerFilterCommand } from './commands/filter';
import { registerStatsCommand } from './commands/stats';
import { registerServeCommand } from '../serve/command';
import { describeError } from '../core/node/outputFile';
import { LOCALES, localeFromEnv, type Locale } from '../core/messages';

declare const COT_TRACE_VERSION: string | undefined;
const VERSION = typeof COT_TRACE_VERSION === 'string' ? COT_TRACE_VERSION : '0.1.0';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}

interface CommonFlags {
  config?: string;
  rule?: string[];
  preset?: string;
  weights?: string[];
  language?: string;
  field?: string[];
  workers?: number;
  quiet?: boolean;
  only?: string[];
  lang?: Locale;
}

function addCommon(command: Command): Command {
  return command
    .option('-c, --config <file>', 'use this config file instead of looking for .cot-trace.json')
    .option('--rule <id=severity>', 'set a rule to off, info, warning or error (repeatable)', collect)
    .addOption(new Option('--preset <name>', 'reward preset').choices(['default', 'open-r1']))
    .option('--weights <name=w,...>', 'reward weights, e.g. format=1,accuracy=2 (repeatable)', collect)
    .option('--language <code>', 'target language of the thought: auto, en, zh, …')
    .option('--field <name=path>', 'where a record keeps a field, e.g. trace=results[*].model_output (repeatable)', collect)
    .option('--only <tag>', 'run only the rules with this tag, e.g. format (repeatable)', collect)
    .option('-w, --workers <n>', 'worker threads for JSON Lines (default: one per core above 4 MB on 4+ cores, else 1)', positiveInt('--workers'))
    .option('-q, --quiet', 'no progress bar')
    .addOption(new Option('--lang <locale>', "language of the findings' messages (default: from LC_ALL, LC_MESSAGES or LANG; zh_CN gives zh-cn)").choices([...LOCALES]));
}

function runOptions(flags: CommonFlags, mode: RunOptions['mode'], extra: Partial<RunOptions> = {}): RunOptions {
  return {
    mode,
    format: 'text',
    config: flags.config,
    flags: { rule: flags.rule, preset: flags.preset, weights: flags.weights, language: flags.language, field: flags.field },
    tags: flags.only,
    workers: flags.workers,
    quiet: flags.quiet,
    version: VERSION,
    locale: flags.lang ?? localeFromEnv(process.env),
    localizedJson: flags.lang !== undefined,
    ...extra,
  };
}

async function main(argv: string[]): Promise<number> {
  let code = 0;
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() };
  const program = new Command('cot-trace')
    .description('Lint and score chain-of-thought traces with the DeepSeek-R1 rule-based rewards.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  addCommon(
    program
      .command('lint')
      .description('report problems in trace files (.cot, .jsonl, .json, Parquet, Arrow; - for stdin)')
      .argument('<files...>', 'files to check')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
      .option('--max-findings <n>', 'print at most n findings', positiveInt('--max-findings')),
  ).action(async (files: string[], flags: CommonFlags & { format: RunOptions['format']; maxFindings?: number }) => {
    code = await run(files, runOptions(flags, 'lint', { format: flags.format, maxFindings: flags.maxFindings }), io);
  });

  addCommon(
    program
      .command('score')
      .description('print the rewards of every trace as JSON lines')
      .argument('<file>', 'file to score (- for stdin)')
      .option('--explain', 'add how each answer was checked: the extracted answer, how it was found, both normalised forms, the verdict and why'),
  ).action(async (file: string, flags: CommonFlags & { explain?: boolean }) => {
    code = await run([file], runOptions(flags, 'score', { explain: flags.explain === true }), io);
  });

  registerServerCommand(program);
  registerAdvantagesCommand(program, (exit) => (code = exit));
  registerFilterCommand(program, (exit) => (code = exit));
  registerStatsCommand(program, (exit) => (code = exit));
  registerServeCommand(program, (exit) => (code = exit));

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    process.stderr.write(`cot-trace: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  return code;
}

// A closed pipe (`cot-trace score big.jsonl | head`) ends the run quietly; any other
// failure to write standard output (a full disk, /dev/full) is one line and exit 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      try {
        process.stderr.write(`cot-trace: cannot write to standard output: ${describeError(error)}\n`);
      } catch {
        /* stderr is gone too */
      }
    }
    process.exit(EXIT_USAGE);
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`cot-trace: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
