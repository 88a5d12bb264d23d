// The `cot-trace` command line: lint and score chain-of-thought datasets.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_USAGE, run, type RunOptions } from './run';
import { registerServerCommand } from '../server/cli';
import { registerAdvantagesCommand } from './commands/advantages';
import { registerFilterCommand } from './commands/filter';
import { registerStatsCommand } from './commands/stats';
import { registerServeCommand } from '../serve/command';
import { describeError } from '../core/node/outputFile';
import { type Locale } from '../core/messages';
import { cliLocale, errorText, helpConfiguration, langOption, localeForRun, setCliLocale, t, translateCommanderError } from './l10n';

declare const COT_TRACE_VERSION: string | undefined;
const VERSION = typeof COT_TRACE_VERSION === 'string' ? COT_TRACE_VERSION : '0.1.0';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(t('cli.opt.whole-number', { flag: name }));
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
    .option('-c, --config <file>', t('cli.opt.config'))
    .option('--rule <id=severity>', t('cli.opt.rule'), collect)
    .addOption(new Option('--preset <name>', t('cli.opt.preset')).choices(['default', 'open-r1']))
    .option('--weights <name=w,...>', t('cli.opt.weights'), collect)
    .option('--language <code>', t('cli.opt.language'))
    .option('--field <name=path>', t('cli.opt.field'), collect)
    .option('--only <tag>', t('cli.opt.only'), collect)
    .option('-w, --workers <n>', t('cli.opt.workers'), positiveInt('--workers'))
    .option('-q, --quiet', t('cli.opt.quiet'))
    .addOption(langOption());
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
    locale: cliLocale(),
    localizedJson: flags.lang !== undefined,
    ...extra,
  };
}

async function main(argv: string[]): Promise<number> {
  let code = 0;
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() };
  // The language is chosen before the commands are built: their help is written as they are.
  setCliLocale(localeForRun(argv.slice(2), process.env));
  const program = new Command('cot-trace')
    .configureHelp(helpConfiguration())
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) })
    .helpOption('-h, --help', t('cli.help.help'))
    .helpCommand('help [command]', t('cli.help.help-command'))
    .description(t('cli.program'))
    .version(VERSION, '-V, --version', t('cli.help.version'))
    .exitOverride()
    .showHelpAfterError(t('cli.help.after-error'));

  addCommon(
    program
      .command('lint')
      .description(t('cli.lint'))
      .argument('<files...>', t('cli.lint.files'))
      .addOption(new Option('-f, --format <format>', t('cli.lint.format')).choices(['text', 'json', 'sarif']).default('text'))
      .option('--max-findings <n>', t('cli.lint.max-findings'), positiveInt('--max-findings')),
  ).action(async (files: string[], flags: CommonFlags & { format: RunOptions['format']; maxFindings?: number }) => {
    code = await run(files, runOptions(flags, 'lint', { format: flags.format, maxFindings: flags.maxFindings }), io);
  });

  addCommon(
    program
      .command('score')
      .description(t('cli.score'))
      .argument('<file>', t('cli.score.file'))
      .option('--explain', t('cli.score.explain')),
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
    process.stderr.write(t('cli.error', { message: errorText(error) }) + '\n');
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
        process.stderr.write(t('cli.cannot-write-stdout', { reason: describeError(error, cliLocale()) }) + '\n');
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
    process.stderr.write(t('cli.error', { message: errorText(error) }) + '\n');
    process.exitCode = EXIT_USAGE;
  },
);
