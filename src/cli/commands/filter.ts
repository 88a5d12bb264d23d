/**
 * `cot-trace filter`: keeps the records of a dataset that pass reward bounds, rule checks
 * and/or review decisions, and writes them out unchanged — each kept JSON Lines record is
 * copied byte for byte from its source line (line break and byte order mark included).
 * Streams the input; suited to the rejection-sampling step of a pipeline.
 */
import { msg, ref, render, type Localized, type Text } from '../../core/messages';
import { cliLocale, errorText, langOption, t, tn } from '../l10n';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { kindFromName, READER_RULES, sniffKind, type DocumentKind } from '../../core/documents';
import { meanTotal } from '../../core/breakdown';
import { createChecker } from '../../core/engine';
import { readHeadText } from '../../core/node/lines';
import { configForFile } from '../../core/node/config';
import { indexJsonl } from '../../core/node/dataset';
import { scanDataset } from '../../core/node/scan';
import { readSidecar } from '../../core/node/sidecar';
import { matchDecisions, sidecarPathFor, type RecordDecision } from '../../core/review/sidecar';
import { RULES } from '../../core/rules';
import type { ResolvedConfig } from '../../core/types';
import { checkNotAnInput, describeError, errorReason, openOutputFile, OutputError, type OutputFile } from '../../core/node/outputFile';
import { ConfigUnreadable, configLoader } from '../../core/node/config';
import { isStreamInput, spoolInput } from '../input';
import { columnarKind } from '../../core/node/columnar';
import type { RowSink } from '../../core/node/columnar/write';
import { columnarSink } from './filterColumnar';

export interface FilterOptions {
  minReward?: number;
  maxReward?: number;
  /** Rule ids a record must not fail. */
  rulePass?: string[];
  /** Sidecar of review decisions; records rejected there are dropped. */
  decisions?: string;
  /** Keep only records accepted in the sidecar. */
  acceptedOnly?: boolean;
  config?: string;
  /** The configuration to run with (else found from `config` or the file's folder). */
  resolved?: ResolvedConfig;
  /** The name to give the dataset in messages (when `file` is a spooled copy). */
  name?: string;
  quiet?: boolean;
  /** Parquet and Arrow inputs: kept rows go here (written with the input's schema) instead of `write`. */
  sink?: RowSink;
}

export interface FilterSummary {
  records: number;
  kept: number;
  /** Records without any readable trace (dropped by reward/rule criteria). */
  unreadable: number;
  /** Decisions taken on an earlier version of a record (ignored). */
  stale: number;
  sidecarProblems: string[];
}

/**
 * Filters `file` into `write`. Resolves to the counts; throws on unreadable input or usage
 * errors (unknown rule ids).
 */
export async function filterDataset(file: string, options: FilterOptions, write: (bytes: Uint8Array) => Promise<void>, onProgress?: (bytes: number, size: number) => void): Promise<FilterSummary> {
  const known = new Set([...RULES.map((r) => r.meta.id), ...Object.keys(READER_RULES)]);
  const unknown = (options.rulePass ?? []).filter((id) => !known.has(id));
  if (unknown.length) throw new UsageError(msg(unknown.length > 1 ? 'cli.filter.unknown-rule' : 'cli.filter.unknown-rule.one', { ids: unknown.join(', ') }));
  const name = options.name ?? file;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(msg('cli.cannot-read', { file: name, reason: ref('cli.no-such-file') }));
  const { head, bom } = readHeadText(file);
  // Parquet and Arrow are read by the scanner's columnar side, whatever kind it is given.
  const kind: DocumentKind = columnarKind(file) ? 'json' : (kindFromName(file) ?? sniffKind(head));
  if (kind === 'cot') throw new UsageError(msg('cli.filter.single-trace', { file: name }));
  const config = options.resolved ?? configForFile(file, { explicit: options.config, roots: [process.cwd()] }).config;
  const needRewards = options.minReward !== undefined || options.maxReward !== undefined;
  const summary: FilterSummary = { records: 0, kept: 0, unreadable: 0, stale: 0, sidecarProblems: [] };

  let decisions: Map<number, RecordDecision> | undefined;
  if (options.decisions || options.acceptedOnly) {
    const sidecar = options.decisions ?? sidecarPathFor(file);
    const parsed = readSidecar(sidecar);
    summary.sidecarProblems = parsed.problems.map((p) => `${sidecar}:${p.line}: ${render(p.l10n, cliLocale())}`);
    // Decisions are matched against every record's hash: one quick pass first.
    const hashes = kind === 'jsonl' ? (await indexJsonl(file)).hashes : [];
    if (kind !== 'jsonl') await scanDataset(file, kind, { fields: config.fields }, (s) => void hashes.push(s.hash()));
    decisions = matchDecisions(parsed.entries, hashes);
    for (const [index, d] of decisions) {
      if (d.match === 'stale') {
        summary.stale++;
        decisions.delete(index);
      }
    }
  }
  const rules = new Set(options.rulePass ?? []);
  const checker = createChecker(config);
  let wroteBom = false;
  await scanDataset(
    file,
    kind,
    { fields: config.fields, onProgress: onProgress && ((p) => onProgress(p.bytes, p.size)) },
    async ({ record, bytes, columnar }) => {
      summary.records++;
      if (!record.traces.length) summary.unreadable++;
      const decision = decisions?.get(record.index)?.decision;
      if (options.acceptedOnly && decision !== 'accept') return;
      if (decision === 'reject') return;
      if (needRewards || rules.size) {
        const result = needRewards ? checker.check(record) : checker.lint(record);
        if (needRewards) {
          const total = meanTotal(result);
          if (total === null) return;
          if (options.minReward !== undefined && total < options.minReward) return;
          if (options.maxReward !== undefined && total > options.maxReward) return;
        }
        if (rules.size) {
          if (!result.traces.length) return;
          if (result.findings.some((f) => rules.has(f.ruleId))) return;
        }
      }
      // A JSON Lines file's byte order mark starts the output too.
      if (!wroteBom && bom && kind === 'jsonl') await write(new Uint8Array([0xef, 0xbb, 0xbf]));
      wroteBom = true;
      summary.kept++;
      if (options.sink && columnar) await options.sink.add(columnar);
      else await write(bytes);
    },
  );
  await options.sink?.finish();
  return summary;
}

/** A mistake in how filter was called: one line, in English (`message`) and as a message of the catalogue. */
export class UsageError extends Error {
  readonly l10n?: Localized;
  constructor(text: string | Text) {
    super(typeof text === 'string' ? text : text.message);
    if (typeof text !== 'string') this.l10n = text.l10n;
  }
}

function number(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(t('cli.filter.not-a-number', { flag: name }));
    return n;
  };
}

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export function registerFilterCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('filter')
    .description(t('cli.filter'))
    .argument('<file>', t('cli.filter.file'))
    .option('--min-reward <x>', t('cli.filter.min-reward'), number('--min-reward'))
    .option('--max-reward <x>', t('cli.filter.max-reward'), number('--max-reward'))
    .option('--rule-pass <ids>', t('cli.filter.rule-pass'), list)
    .option('--decisions <sidecar>', t('cli.filter.decisions'))
    .option('--accepted-only', t('cli.filter.accepted-only'))
    .option('-o, --output <file>', t('cli.filter.output'))
    .option('-c, --config <file>', t('cli.opt.config'))
    .option('-q, --quiet', t('cli.filter.quiet'))
    .addOption(langOption())
    .action(async (file: string, flags: FilterOptions & { output?: string }) => {
      setExit(await filterCommand(file, flags, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }));
    });
}

export interface FilterIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
}

/** The whole `filter` command; resolves to its exit code (0, or 2 on any problem). */
export async function filterCommand(file: string, flags: FilterOptions & { output?: string }, io: FilterIo): Promise<number> {
  const say = (line: string) => io.stderr.write(line + '\n');
  let spooled: { path: string; remove(): void } | undefined;
  let out: OutputFile | undefined;
  let bar: SingleBar | undefined;
  try {
    // The configuration is found and reported exactly as `lint` does it.
    let configFor: (input: string) => ResolvedConfig;
    try {
      configFor = configLoader({ config: flags.config }, io.cwd, say, cliLocale());
    } catch (error) {
      if (error instanceof ConfigUnreadable) return 2;
      throw new UsageError((error as Error).message);
    }
    const sidecar = flags.decisions ?? (flags.acceptedOnly ? (file === '-' ? undefined : sidecarPathFor(file)) : undefined);
    if (flags.acceptedOnly && !sidecar) throw new UsageError(msg('cli.filter.accepted-stdin'));
    if (sidecar && !existsSync(sidecar)) {
      throw new UsageError(msg(flags.decisions ? 'cli.filter.no-decisions' : 'cli.filter.no-decisions.hint', { file: sidecar }));
    }
    if (flags.output) {
      const inputs = [
        { path: file, what: 'input' },
        { path: sidecarPathFor(file), what: 'review sidecar' },
        ...(sidecar ? [{ path: sidecar, what: 'review sidecar' }] : []),
        ...(flags.config ? [{ path: flags.config, what: 'config file' }] : []),
      ].filter((f) => f.path !== '-');
      checkNotAnInput(flags.output, inputs);
    }
    let input = file;
    let streamed: boolean;
    try {
      streamed = await isStreamInput(file);
    } catch (error) {
      throw new UsageError(msg('cli.cannot-read', { file, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? ref('cli.no-such-file') : errorReason(error) }));
    }
    if (streamed) {
      spooled = await spoolInput(file, io.stdin, say);
      input = spooled.path;
    }
    if (flags.output) out = openOutputFile(flags.output);
    const stdout = io.stdout;
    const write = out
      ? async (bytes: Uint8Array) => out!.write(bytes)
      : async (bytes: Uint8Array) => {
          if (!stdout.write(bytes)) await once(stdout, 'drain');
        };
    const size = (await stat(input).catch(() => undefined))?.size ?? 0;
    bar =
      !flags.quiet && io.stderr.isTTY && size > 4e6
        ? new SingleBar({ format: `${file} [{bar}] {percentage}% | {value}/{total} MB`, stream: io.stderr as NodeJS.WriteStream, clearOnComplete: true, hideCursor: true })
        : undefined;
    bar?.start(Math.ceil(size / 1e6), 0);
    // A Parquet or Arrow input is written in its own format unless the output is named .jsonl.
    const sink = out && (await columnarSink(input, flags.output, (bytes) => out!.write(bytes)));
    const s = await filterDataset(input, { ...flags, sink, decisions: sidecar, resolved: configFor(file === '-' ? '-' : file), name: file }, write, (bytes) => bar?.update(Math.floor(bytes / 1e6)));
    if (sink?.note) say(t('cli.file-error', { file: flags.output!, message: errorText({ message: sink.note, l10n: sink.noteL10n }) }));
    bar?.stop();
    bar = undefined;
    out?.commit();
    for (const p of s.sidecarProblems) say(`cot-trace: ${p}`);
    if (s.stale) say(t('cli.error', { message: tn('cli.filter.stale', s.stale) }));
    if (!flags.quiet) say(t('cli.error', { message: t(flags.output ? 'cli.filter.kept-in' : 'cli.filter.kept', { kept: s.kept, records: s.records, file: flags.output ?? '' }) }));
    return 0;
  } catch (error) {
    bar?.stop();
    out?.abort();
    const message = error instanceof UsageError || error instanceof OutputError ? errorText(error) : describeError(error, cliLocale());
    say(t('cli.error', { message }));
    return 2;
  } finally {
    out?.abort();
    spooled?.remove();
  }
}
