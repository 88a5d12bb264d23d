/**
 * `cot-trace advantages`: GRPO group advantages of rewards read as JSON lines.
 *
 * Two inputs:
 *  - one group per line as a JSON array: `[0,1,1,0]`; an element may also hold several reward
 *    functions, as an array (by position) or an object (by name), combined with --weights.
 *    Output: one line per group.
 *  - the output of `cot-trace score` (objects with `record`, `rewards`, `total`, …): the
 *    reward is `total` (or the weighted `rewards` when --weights is given), lines are grouped
 *    by `record` (a record with `generations` is one group) or by --group-by FIELD, or in
 *    runs of --group-size N consecutive lines. Output: one line per input line, its
 *    identifiers echoed with `reward`, `advantage`, `group`, `group_mean`, `group_std`,
 *    `zero_signal`.
 * Bad lines are reported on stderr with their number and skipped (exit 1 at the end);
 * usage errors exit 2.
 */
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  combineRewards,
  computeAdvantages,
  parseWeights,
  PRESET_NAMES,
  resolveOptions,
  type AdvantageOptions,
  type PresetName,
  type RewardValue,
  type RewardWeights,
  type Scaling,
  type StdKind,
} from '../../core/grpo';
import { fieldValue } from '../../core/grpo/records';
import { isStreamInput, openStream } from '../input';
import { columnarJsonLines, columnarKind } from '../../core/node/columnar';
import { formatMessage, msg, render, type Locale, type MessageArg, type MessageId, type Text } from '../../core/messages';
import { cliLocale, langOption, t } from '../l10n';

export interface AdvantagesFlags {
  preset: PresetName;
  std?: StdKind;
  eps?: number;
  scale?: Scaling;
  groupBy?: string;
  groupSize?: number;
  weights?: string[];
  dropZeroSignal?: boolean;
  summary?: boolean;
}

export interface AdvantagesRun {
  /** Output lines (JSON), in input order. */
  lines: string[];
  /** Messages about bad lines (`line N: …`), in English. */
  errors: string[];
  /** The same problems as line numbers and messages of the catalogue, to show in another locale. */
  problems: LineProblem[];
  summary: string;
}

/** A bad line: its number and what is wrong with it. */
export interface LineProblem {
  line: number;
  text: Text;
}

const IDENTIFIERS = ['record', 'line', 'id', 'trace', 'file'];

/** Rounds away float noise in printed numbers (15 significant digits), keeping them exact for 0.5, 1, …. */
function tidy(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(15)) : 0;
}

function isRewardEntry(value: unknown): value is RewardValue {
  if (value === null || (typeof value === 'number' && Number.isFinite(value))) return true;
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v === 'number');
  if (typeof value === 'object') return Object.values(value as object).every((v) => v === null || typeof v === 'number');
  return false;
}

type ScoredRow = { line: number; value: Record<string, unknown>; reward: number; group: number };

/** The input read line by line: arrays of rewards, or scored trace objects placed in their groups. */
interface RewardLines {
  mode?: 'arrays' | 'objects';
  arrays: Array<{ line: number; rewards: RewardValue[] }>;
  rows: ScoredRow[];
  /** Rows of each group, by index into `rows`. */
  members: number[][];
  problems: LineProblem[];
}

/** Computes the advantages of `text` (JSON lines); pure, so tests can call it without a process. The summary is in `locale` (English by default). */
export function runAdvantages(text: string, options: AdvantageOptions, flags: Pick<AdvantagesFlags, 'groupBy' | 'groupSize'>, weights?: RewardWeights, locale: Locale = 'en'): AdvantagesRun {
  const read = readRewardLines(text, flags, weights);
  const lines: string[] = [];
  let result;
  if (read.mode === 'objects') {
    result = computeAdvantages(read.members.map((m) => m.map((r) => read.rows[r].reward)), options);
    lines.push(...scoredOutputLines(read, result, flags));
  } else {
    result = computeAdvantages(read.arrays.map((a) => a.rewards), options, weights);
    result.groups.forEach((g, k) => {
      lines.push(
        JSON.stringify({
          group: k,
          line: read.arrays[k].line,
          rewards: g.rewards.map(tidy),
          advantages: g.advantages.map(tidy),
          mean: tidy(g.mean),
          std: tidy(g.std),
          zero_signal: g.zeroSignal,
        }),
      );
    });
  }
  const s = result.stats;
  const say = (id: MessageId, args?: Record<string, MessageArg>) => formatMessage(id, args, locale);
  const summary = say('cli.adv.summary-line', {
    groups: say(s.groups === 1 ? 'cli.adv.groups.one' : 'cli.adv.groups', { n: s.groups }),
    outputs: say(s.outputs === 1 ? 'cli.adv.outputs.one' : 'cli.adv.outputs', { n: s.outputs }),
    zero: s.zeroSignalGroups,
    percent: (s.zeroSignalFraction * 100).toFixed(1),
    batch: result.batchStd !== null ? say('cli.adv.batch-std', { std: tidy(result.batchStd) }) : '',
  });
  return { lines, errors: read.problems.map((p) => `line ${p.line}: ${p.text.message}`), problems: read.problems, summary };
}

/** Reads every line; a bad line gives a message and is left out. All lines must be of one mode, the first line's. */
function readRewardLines(text: string, flags: Pick<AdvantagesFlags, 'groupBy' | 'groupSize'>, weights?: RewardWeights): RewardLines {
  const read: RewardLines = { arrays: [], rows: [], members: [], problems: [] };
  const { rows, members } = read;
  const groupIndex = new Map<string, number>();

  const rawLines = text.split('\n');
  rawLines.forEach((raw, i) => {
    const lineNo = i + 1;
    const bad = (id: MessageId, args?: Record<string, MessageArg>) => read.problems.push({ line: lineNo, text: msg(id, args) });
    const src = raw.replace(/\r$/, '').replace(/^\uFEFF/, '').trim();
    if (!src) return;
    let value: unknown;
    try {
      value = JSON.parse(src);
    } catch (error) {
      bad('cli.adv.bad-json', { error: (error as Error).message });
      return;
    }
    const kind = Array.isArray(value) ? 'arrays' : value !== null && typeof value === 'object' ? 'objects' : undefined;
    if (!kind) {
      bad('cli.adv.not-array-or-object');
      return;
    }
    read.mode ??= kind;
    if (kind !== read.mode) {
      bad(kind === 'arrays' ? 'cli.adv.array-among-objects' : 'cli.adv.object-among-arrays');
      return;
    }
    if (kind === 'arrays') {
      const list = value as unknown[];
      const element = list.findIndex((v) => !isRewardEntry(v));
      if (element >= 0) {
        bad('cli.adv.bad-element', { index: element + 1 });
        return;
      }
      read.arrays.push({ line: lineNo, rewards: list as RewardValue[] });
      return;
    }
    const obj = value as Record<string, unknown>;
    const reward = rewardOf(obj, weights);
    if (reward === undefined) {
      bad('cli.adv.no-reward');
      return;
    }
    let key: string;
    if (flags.groupSize) key = `run:${Math.floor(rows.length / flags.groupSize)}`;
    else {
      const field = flags.groupBy ?? 'record';
      const v = fieldValue(obj, field);
      if (v === undefined) {
        bad('cli.adv.no-group-field', { field });
        return;
      }
      key = JSON.stringify(v);
    }
    let group = groupIndex.get(key);
    if (group === undefined) {
      group = members.length;
      groupIndex.set(key, group);
      members.push([]);
    }
    members[group].push(rows.length);
    rows.push({ line: lineNo, value: obj, reward, group });
  });
  return read;
}

/** A scored trace's reward: the weighted `rewards` when weights are given, else `total`, else `reward`, else the `rewards` combined. */
function rewardOf(obj: Record<string, unknown>, weights: RewardWeights | undefined): number | undefined {
  const rewardsField = obj.rewards;
  const hasRewards = rewardsField !== null && typeof rewardsField === 'object';
  if (weights && hasRewards) return combineRewards(rewardsField as RewardValue, weights).value;
  if (typeof obj.total === 'number' && Number.isFinite(obj.total)) return obj.total;
  if (typeof obj.reward === 'number' && Number.isFinite(obj.reward)) return obj.reward;
  if (hasRewards) return combineRewards(rewardsField as RewardValue, weights).value;
  return undefined;
}

/** One output line per scored row, in input order: its identifiers, reward, advantage and group. */
function scoredOutputLines(read: RewardLines, result: ReturnType<typeof computeAdvantages>, flags: Pick<AdvantagesFlags, 'groupBy'>): string[] {
  const lines: string[] = [];
  const position = new Map<number, number>();
  read.members.forEach((m) => m.forEach((r, k) => position.set(r, k)));
  read.rows.forEach((row, r) => {
    const g = result.groups[row.group];
    const out: Record<string, unknown> = {};
    for (const key of IDENTIFIERS) if (key in row.value) out[key] = row.value[key];
    if (flags.groupBy && !(flags.groupBy in out)) out[flags.groupBy] = fieldValue(row.value, flags.groupBy);
    out.reward = tidy(row.reward);
    out.advantage = tidy(g.advantages[position.get(r)!]);
    out.group = row.group;
    out.group_size = g.size;
    out.group_mean = tidy(g.mean);
    out.group_std = tidy(g.std);
    out.zero_signal = g.zeroSignal;
    lines.push(JSON.stringify(out));
  });
  return lines;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!value.trim() || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(t('cli.adv.eps-invalid'));
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(t('cli.opt.whole-number', { flag: '--group-size' }));
  return n;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Reads the input the way every command does: `-` and named pipes as streams (with a note while nothing arrives). */
async function readInput(file: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  if (await isStreamInput(file)) {
    for await (const chunk of openStream(file, process.stdin, (line) => process.stderr.write(line + '\n'))) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }
  // A Parquet or Arrow file of scored rows (columns such as record, total, rewards): one JSON line per row.
  const columnar = columnarKind(file);
  if (columnar) return columnarJsonLines(file, columnar);
  return readFile(file, 'utf8');
}

/**
 * Adds `advantages` to a commander program. `setExitCode` receives 0 (all lines read),
 * 1 (some lines were bad) or 2 (usage error: unreadable file, bad --weights).
 */
export function registerAdvantagesCommand(program: Command, setExitCode: (code: number) => void): Command {
  return program
    .command('advantages')
    .description(t('cli.adv'))
    .argument('[file]', t('cli.adv.file'), '-')
    .addOption(new Option('--preset <name>', t('cli.adv.preset')).choices([...PRESET_NAMES]).default('trl'))
    .addOption(new Option('--std <kind>', t('cli.adv.std')).choices(['sample', 'population']))
    .option('--eps <x>', t('cli.adv.eps'), nonNegative)
    .addOption(new Option('--scale <how>', t('cli.adv.scale')).choices(['group', 'batch', 'none']))
    .option('--group-by <field>', t('cli.adv.group-by'))
    .option('--group-size <n>', t('cli.adv.group-size'), positiveInt)
    .option('--weights <name=w,...>', t('cli.adv.weights'), collect)
    .option('--drop-zero-signal', t('cli.adv.drop-zero-signal'))
    .option('--summary', t('cli.adv.summary'))
    .addOption(langOption())
    .action(async (file: string, flags: AdvantagesFlags) => {
      let weights: Record<string, number> | undefined;
      if (flags.weights?.length) {
        const parsed = parseWeights(flags.weights.join(','));
        if ('error' in parsed) {
          process.stderr.write(t('cli.adv.error', { message: t('cli.adv.weights-invalid', { error: render(parsed.l10n, cliLocale()) }) }) + '\n');
          setExitCode(2);
          return;
        }
        weights = parsed.weights;
      }
      let text: string;
      try {
        text = await readInput(file);
      } catch (error) {
        process.stderr.write(t('cli.adv.cannot-read', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }) + '\n');
        setExitCode(2);
        return;
      }
      const options = resolveOptions(flags.preset, {
        std: flags.std,
        epsilon: flags.eps,
        scale: flags.scale,
        dropZeroSignal: flags.dropZeroSignal,
      });
      const run = runAdvantages(text, options, flags, weights, cliLocale());
      if (run.lines.length) process.stdout.write(run.lines.join('\n') + '\n');
      const name = file === '-' ? '<stdin>' : file;
      for (const problem of run.problems) process.stderr.write(t('cli.adv.line', { file: name, line: problem.line, message: render(problem.text.l10n, cliLocale()) }) + '\n');
      if (flags.summary) process.stderr.write(run.summary + '\n');
      setExitCode(run.errors.length ? 1 : 0);
    });
}
