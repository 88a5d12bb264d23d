/**
 * The language of the command line's own words: `--help`, the notes and errors on standard
 * error, and the text of `stats` and `advantages`. It is chosen once, before the commands are
 * built (their help is written when they are registered): `--lang` anywhere on the command
 * line, else LC_ALL, LC_MESSAGES, LANG (see localeFromEnv), else English. Machine-readable
 * output (JSON, SARIF, JSON Lines) never changes with it.
 */
import { Option, type Help } from 'commander';
import { formatMessage, localeFromEnv, LOCALES, type Locale, type Localized, type MessageArg, type MessageId, render } from '../core/messages';

let current: Locale = 'en';

/** The locale the CLI speaks. */
export function cliLocale(): Locale {
  return current;
}

/** Sets the locale the CLI speaks (main does it once; tests that call commands directly set it and set it back). */
export function setCliLocale(locale: Locale): void {
  current = locale;
}

/** A message of the catalogue in the CLI's locale. */
export function t(id: MessageId, args?: Record<string, MessageArg>): string {
  return formatMessage(id, args, current);
}

/** A message of the catalogue, singular (`ID.one`) when `n` is 1, with `n` among its arguments. */
export function tn(id: MessageId, n: number, args: Record<string, MessageArg> = {}): string {
  const one = `${id}.one`;
  return formatMessage(n === 1 ? one : id, { n, ...args }, current);
}

/** The text of an error in the CLI's locale: its `l10n` when it carries one, else its English message. */
export function errorText(error: unknown): string {
  const e = error as { message?: string; l10n?: Localized } | undefined;
  if (e?.l10n && current !== 'en') return render(e.l10n, current);
  return e?.message ?? String(error);
}

/** The locale asked for with `--lang X` or `--lang=X` on a command line, if it is one of ours. */
export function langFromArgv(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value !== undefined && (LOCALES as readonly string[]).includes(value)) return value as Locale;
  }
  return undefined;
}

/** The CLI's locale for a command line and an environment: `--lang` > LC_ALL > LC_MESSAGES > LANG > English. */
export function localeForRun(argv: readonly string[], env: Record<string, string | undefined>): Locale {
  return langFromArgv(argv) ?? localeFromEnv(env);
}

const TITLES: Record<string, MessageId> = {
  'Usage:': 'cli.help.title.usage',
  'Options:': 'cli.help.title.options',
  'Commands:': 'cli.help.title.commands',
  'Arguments:': 'cli.help.title.arguments',
  'Global Options:': 'cli.help.title.global',
};

/**
 * commander's help in the CLI's locale: its headings and the "(choices: …, default: …)" after
 * an option. The descriptions themselves are written with `t` where the commands are built.
 */
export function helpConfiguration(): Partial<Help> {
  return {
    styleTitle: (title: string) => (TITLES[title] ? t(TITLES[title]) : title),
    // commander's placeholders in a usage line (`cot-trace [options] [command]`), in the CLI's locale.
    // (commander styles them one word at a time, in the usage line and in the list of commands).
    styleOptionText: (word: string) => (word === '[options]' ? `[${t('cli.help.usage.options')}]` : word),
    styleSubcommandText: (word: string) => (word === '[command]' ? `[${t('cli.help.usage.command')}]` : word),
    // Columns as a terminal shows them: a Chinese character or full-width sign takes two.
    displayWidth: (text: string) => {
      // eslint-disable-next-line no-control-regex
      const plain = text.replace(/\x1b\[\d*(;\d+)*m/g, '');
      let width = 0;
      for (const ch of plain) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
      return width;
    },
    optionDescription(option) {
      const extra: string[] = [];
      if (option.argChoices) extra.push(t('cli.help.choices', { list: option.argChoices.map((c) => JSON.stringify(c)).join(', ') }));
      if (option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'))) {
        extra.push(t('cli.help.default', { value: option.defaultValueDescription || JSON.stringify(option.defaultValue) }));
      }
      if (option.presetArg !== undefined && option.optional) extra.push(t('cli.help.preset', { value: JSON.stringify(option.presetArg) }));
      if (option.envVar !== undefined) extra.push(t('cli.help.env', { name: option.envVar }));
      if (!extra.length) return option.description;
      const more = current === 'en' ? `(${extra.join(', ')})` : `（${extra.join('，')}）`;
      return option.description ? `${option.description}${current === 'en' ? ' ' : ''}${more}` : more;
    },
    argumentDescription(argument) {
      const extra: string[] = [];
      if (argument.argChoices) extra.push(t('cli.help.choices', { list: argument.argChoices.map((c) => JSON.stringify(c)).join(', ') }));
      if (argument.defaultValue !== undefined) extra.push(t('cli.help.default', { value: argument.defaultValueDescription || JSON.stringify(argument.defaultValue) }));
      if (!extra.length) return argument.description;
      const more = current === 'en' ? `(${extra.join(', ')})` : `（${extra.join('，')}）`;
      return argument.description ? `${argument.description}${current === 'en' ? ' ' : ''}${more}` : more;
    },
  };
}

/** A suggestion commander appends to an error ("\n(Did you mean …?)"), in the CLI's locale. */
function suggestion(text: string): string {
  const oneOf = /^\n\(Did you mean one of (.*)\?\)$/.exec(text);
  if (oneOf) return '\n' + t('cli.cmd.did-you-mean-one-of', { list: oneOf[1] });
  const one = /^\n\(Did you mean (.*)\?\)$/.exec(text);
  if (one) return '\n' + t('cli.cmd.did-you-mean', { name: one[1] });
  return text;
}

/** The reason after commander's "is invalid.": ours come in the CLI's locale already; its "Allowed choices" is put in it. */
function invalidReason(text: string): string {
  const choices = /^Allowed choices are (.*)\.$/.exec(text);
  return choices ? t('cli.cmd.choices', { list: choices[1] }) : text;
}

/**
 * One of commander's error messages in the CLI's locale. English, and a message it does not
 * know, are kept as commander wrote them.
 */
export function translateCommanderError(message: string): string {
  if (current === 'en') return message;
  const end = message.endsWith('\n') ? '\n' : '';
  const text = end ? message.slice(0, -1) : message;
  let m: RegExpExecArray | null;
  if ((m = /^error: unknown option '([^']*)'(\n\(Did you mean[^\n]*\))?$/.exec(text))) return t('cli.cmd.unknown-option', { option: m[1] }) + suggestion(m[2] ?? '') + end;
  if ((m = /^error: unknown command '([^']*)'(\n\(Did you mean[^\n]*\))?$/.exec(text))) return t('cli.cmd.unknown-command', { command: m[1] }) + suggestion(m[2] ?? '') + end;
  if ((m = /^error: missing required argument '([^']*)'$/.exec(text))) return t('cli.cmd.missing-argument', { name: m[1] }) + end;
  if ((m = /^error: option '([^']*)' argument missing$/.exec(text))) return t('cli.cmd.option-missing-argument', { option: m[1] }) + end;
  if ((m = /^error: required option '([^']*)' not specified$/.exec(text))) return t('cli.cmd.required-option', { option: m[1] }) + end;
  if ((m = /^error: option '([^']*)' argument '([^']*)' is invalid\. ([\s\S]*)$/.exec(text))) return t('cli.cmd.invalid-argument', { option: m[1], value: m[2], reason: invalidReason(m[3]) }) + end;
  if ((m = /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(text))) {
    return t('cli.cmd.too-many', { where: m[1] ? t('cli.cmd.too-many.for', { command: m[1] }) : '', expected: m[2], got: m[3] }) + end;
  }
  return message;
}

/** `--lang`, as every command takes it (main reads it before commander does, to write the help in it). */
export function langOption(): Option {
  return new Option('--lang <locale>', t('cli.opt.lang')).choices([...LOCALES]);
}
