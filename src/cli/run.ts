import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SingleBar } from 'cli-progress';
import type { ConfigFlags } from '../core/config/load';
import type { ResolvedConfig } from '../core/types';
import { countLineBreaks, kindFromName, sniffKind, SNIFF_BYTES, type DocumentKind } from '../core/documents';
import { traceFieldPin } from '../core/documents/inferred';
import { ConfigUnreadable, configLoader } from '../core/node/config';
import { checkDocumentBytes, checkJsonlBatch, type BatchResult, type Mode } from '../core/batch';
import { datasetConventionOfBytes, withDatasetConvention } from '../core/trace/datasetConvention';
import { BufferPool, fileBatches, fileChunks, lineBatches, openStream, readAll, readHead, type Batch } from './input';
import { jsonLine, SarifWriter, scoreLine, textLine, type LintFormat } from './output';
import type { WorkerJob } from './worker';
import { columnarKind, isColumnarHead } from '../core/node/columnar';
import { checkColumnarFile } from './columnar';
import type { Locale } from '../core/messages';
import { errorText, t, tn } from './l10n';

/**
 * Worker threads when `--workers` is not given: one per core for files above 4 MB on
 * machines with at least 4 cores. On fewer cores the threads compete for memory bandwidth
 * with the reader (measured on 2 vCPUs: two workers slower than one), so checking stays on
 * one worker.
 */
function defaultWorkers(size: number | undefined): number {
  const cores = availableParallelism();
  return size !== undefined && size > AUTO_WORKERS_BYTES && cores >= 4 ? cores : 1;
}

export interface RunOptions {
  mode: Mode;
  format: LintFormat;
  maxFindings?: number;
  /** `score --explain`: add how each answer was checked. */
  explain?: boolean;
  /** Worker threads; undefined = automatic (all cores for inputs over AUTO_WORKERS_BYTES). */
  workers?: number;
  quiet?: boolean;
  /** Explicit config file (no discovery). */
  config?: string;
  flags: ConfigFlags;
  /** Keep only the rules carrying one of these tags. */
  tags?: string[];
  version: string;
  /** The language of the findings' messages in text output (default English). */
  locale?: Locale;
  /** `--lang` was given: JSON lines also carry the message in that language (`localizedMessage`). */
  localizedJson?: boolean;
}

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
}

/** Inputs above this size use every core unless --workers says otherwise. */
export const AUTO_WORKERS_BYTES = 4 * 1024 * 1024;
/** JSON documents (not JSON Lines) are read whole; above this size the reader refuses. */
export const MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** Exit codes. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

class Output {
  private buffer = '';
  constructor(private readonly stream: NodeJS.WritableStream) {}
  push(text: string): void {
    this.buffer += text;
  }
  /** Writes what was pushed, waiting when the stream asks to. */
  async flush(): Promise<void> {
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}

/** A small pool of worker threads running src/cli/worker.ts. */
class Pool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly waiting = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void; worker: number }>();
  private seq = 0;

  /** `buffers` gets each batch's memory back once a worker is done with it. */
  constructor(
    size: number,
    private readonly buffers: BufferPool,
  ) {
    const script = join(__dirname, 'worker.js');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      worker.on('message', (message: { seq: number; result?: BatchResult; error?: string; buffer?: ArrayBuffer }) => {
        if (message.buffer) this.buffers.give(message.buffer);
        const job = this.waiting.get(message.seq);
        if (!job) return;
        this.waiting.delete(message.seq);
        this.load[job.worker]--;
        if (message.result) job.resolve(message.result);
        else job.reject(new Error(message.error ?? 'worker failed'));
      });
      worker.on('error', (error) => {
        for (const [seq, job] of this.waiting) {
          if (job.worker === i) {
            this.waiting.delete(seq);
            job.reject(error);
          }
        }
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  run(bytes: Uint8Array, firstLine: number, mode: Mode, config: ResolvedConfig): Promise<BatchResult> {
    let target = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[target]) target = i;
    const seq = this.seq++;
    this.load[target]++;
    const buffer = bytes.buffer as ArrayBuffer;
    const job: WorkerJob = { seq, buffer, byteOffset: bytes.byteOffset, byteLength: bytes.byteLength, firstLine, mode, config };
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject, worker: target });
      this.workers[target].postMessage(job, [buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The findings and scores of one run: written as they arrive, counted for the summary and the exit code. */
class Report {
  errors = 0;
  shown = 0;
  hidden = 0;
  readonly inferred = new Map<string, Map<string, number>>();
  private readonly max: number;

  constructor(
    private readonly options: RunOptions,
    private readonly out: Output,
    private readonly sarif: SarifWriter | undefined,
    private readonly say: (text: string) => void,
  ) {
    this.max = options.maxFindings ?? Infinity;
  }

  /** Writes a batch's results, its records numbered from `recordBase` and its lines from `lineBase`. */
  emit(file: string, result: BatchResult, recordBase: number, lineBase = 0): void {
    const options = this.options;
    this.errors += result.errors;
    if (result.inferred) noteInferred(this.inferred, file, result.inferred);
    for (const finding of result.findings) {
      finding.record += recordBase;
      finding.line += lineBase;
      finding.endLine += lineBase;
      if (options.mode === 'score') {
        this.say(textLine(file, finding, options.locale));
        continue;
      }
      if (this.shown >= this.max) {
        this.hidden++;
        continue;
      }
      this.shown++;
      if (this.sarif) this.sarif.result(file, finding);
      else this.out.push((options.format === 'json' ? jsonLine(file, finding, options.localizedJson ? options.locale : undefined) : textLine(file, finding, options.locale)) + '\n');
    }
    for (const score of result.scores) {
      score.record += recordBase;
      score.line += lineBase;
      this.out.push(scoreLine(score, options.explain, options.localizedJson ? options.locale : undefined) + '\n');
    }
  }
}

/** What a run keeps from one input to the next. */
interface RunContext {
  options: RunOptions;
  io: Io;
  say: (text: string) => void;
  out: Output;
  report: Report;
  buffers: BufferPool;
  pool?: Pool;
  /** The note that --workers was capped has been shown. */
  cappedNote: boolean;
  exit: number;
}

type Chunks = ReturnType<typeof peekable>;

/** Runs `lint` or `score` over the inputs; resolves to the exit code. */
export async function run(inputs: string[], options: RunOptions, io: Io): Promise<number> {
  const say = (text: string) => io.stderr.write(text + '\n');
  let configFor: (input: string) => ResolvedConfig;
  try {
    configFor = configLoader({ config: options.config, flags: options.flags, tags: options.tags }, io.cwd, say, options.locale);
  } catch (error) {
    if (error instanceof ConfigUnreadable) return EXIT_USAGE;
    throw error; // malformed flags: a usage error
  }

  const out = new Output(io.stdout);
  const sarif = options.mode === 'lint' && options.format === 'sarif' ? new SarifWriter((t) => out.push(t), options.version) : undefined;
  const report = new Report(options, out, sarif, say);
  const context: RunContext = { options, io, say, out, report, buffers: new BufferPool(), cappedNote: false, exit: EXIT_OK };
  try {
    for (const input of inputs) await checkInput(context, input, configFor);
  } finally {
    await context.pool?.close();
  }
  sarif?.end();
  await out.flush();
  for (const line of inferredNotes(report.inferred)) say(line);
  if (report.hidden) say(tn('cli.more-findings', report.hidden, { max: options.maxFindings ?? '' }));
  if (context.exit !== EXIT_OK) return context.exit;
  return options.mode === 'lint' && report.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The size of a file (undefined for standard input, a named pipe or a device: read as a stream), or undefined when it cannot be read. */
async function locateInput(input: string, say: (text: string) => void): Promise<{ size: number | undefined; streamed: boolean } | undefined> {
  if (input === '-') return { size: undefined, streamed: true };
  try {
    const info = await stat(input);
    if (info.isDirectory()) throw new Error(t('cli.is-directory'));
    // A named pipe or a device is read as a stream, like standard input.
    return info.isFile() ? { size: info.size, streamed: false } : { size: undefined, streamed: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    say(t('cli.error', { message: t('cli.cannot-read', { file: input, reason: code === 'ENOENT' ? t('cli.no-such-file') : (error as Error).message }) }));
    return undefined;
  }
}

/** Checks one input, whatever its kind; a problem with it sets the usage exit code and the run goes on. */
async function checkInput(context: RunContext, input: string, configFor: (input: string) => ResolvedConfig): Promise<void> {
  const { options, io, say, out, report } = context;
  const located = await locateInput(input, say);
  if (!located) {
    context.exit = EXIT_USAGE;
    return;
  }
  const { size, streamed } = located;
  const config = configFor(input);
  // Parquet and Arrow files are read by row group through the columnar record source.
  const columnar = streamed ? undefined : columnarKind(input);
  if (columnar) {
    try {
      await checkColumnarFile(input, columnar, options.mode, config, async (result) => {
        report.emit(input, result, 0);
        await out.flush();
      });
    } catch (error) {
      say(t('cli.file-error', { file: input, message: errorText(error) }));
      context.exit = EXIT_USAGE;
    }
    return;
  }
  // A file is sniffed from its first SNIFF_BYTES and then read the way its kind wants; stdin
  // is sniffed from its first chunk, which is then read on as part of the stream.
  const chunks = streamed ? peekable(openStream(input, io.stdin, say)) : undefined;
  let kind: DocumentKind;
  try {
    const head = chunks ? await chunks.peek() : kindFromName(input) ? undefined : readHead(input);
    if (chunks && isColumnarHead(head!)) throw new Error(t('cli.stream-columnar'));
    kind = kindFromName(input) ?? sniffKind(new TextDecoder().decode(head!.subarray(0, SNIFF_BYTES)));
  } catch (error) {
    say(t('cli.error', { message: t('cli.cannot-read', { file: input, reason: errorText(error) }) }));
    context.exit = EXIT_USAGE;
    await chunks?.close().catch(() => undefined);
    return;
  }
  const label = input === '-' ? '-' : input;
  const bar =
    !options.quiet && io.stderr.isTTY && size !== undefined && size > AUTO_WORKERS_BYTES
      ? new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted} left`, stream: io.stderr as NodeJS.WriteStream, clearOnComplete: true, hideCursor: true })
      : undefined;
  bar?.start(Math.ceil((size ?? 0) / 1e6), 0);
  try {
    if (kind === 'jsonl') await checkJsonlInput(context, input, label, chunks, size, config, bar);
    else {
      if (size !== undefined && size > MAX_JSON_DOCUMENT_BYTES && kind === 'json') {
        say(t('cli.json-too-big', { file: input, mb: MAX_JSON_DOCUMENT_BYTES / 1024 / 1024 }));
        context.exit = EXIT_USAGE;
        await chunks?.close();
        return;
      }
      const result = checkDocumentBytes(await readAll(chunks ?? fileChunks(input)), input, kind, options.mode, config);
      report.emit(label, result, 0);
      await out.flush();
    }
  } catch (error) {
    say(t('cli.file-error', { file: input, message: errorText(error) }));
    context.exit = EXIT_USAGE;
  } finally {
    bar?.stop();
  }
}

/** The worker threads for an input: --workers (capped at the cores, said once) or the automatic choice. */
function workersFor(context: RunContext, size: number | undefined): number {
  const workers = context.options.workers ?? defaultWorkers(size);
  if (workers <= availableParallelism()) return workers;
  if (!context.cappedNote) context.say(t('cli.workers-capped', { workers, cores: availableParallelism() }));
  context.cappedNote = true;
  return availableParallelism();
}

/** Checks a JSON Lines input batch by batch, on worker threads when there are several, writing results in input order. */
async function checkJsonlInput(context: RunContext, input: string, label: string, chunks: Chunks | undefined, size: number | undefined, config: ResolvedConfig, bar: SingleBar | undefined): Promise<void> {
  const { options, out, report, buffers } = context;
  const workers = workersFor(context, size);
  if (workers > 1 && (!context.pool || context.pool.size !== workers)) {
    await context.pool?.close();
    context.pool = new Pool(workers, buffers);
  }
  const pool = context.pool;
  // Each batch is checked knowing the line it starts at in the file (so messages that
  // name a line are right), with record numbers from 0, placed by the records before it.
  const queue: Array<Promise<BatchResult>> = [];
  let recordBase = 0;
  let firstLine = 0;
  const place = async (result: BatchResult) => {
    report.emit(label, result, recordBase);
    recordBase += result.records;
    await out.flush();
  };
  const drain = async (limit: number) => {
    while (queue.length > limit) await place(await queue.shift()!);
  };
  const batches: AsyncIterable<Batch> = chunks ? lineBatches(chunks) : fileBatches(input, buffers);
  for await (const batch of batches) {
    const batchLine = firstLine;
    if (batchLine === 0) config = withDatasetConvention(config, datasetConventionOfBytes(batch.bytes, config));
    firstLine += countLineBreaks(batch.bytes); // before the batch's memory goes to a worker
    if (workers > 1 && pool) {
      queue.push(pool.run(batch.bytes, batchLine, options.mode, config));
      await drain(workers * 2);
    } else {
      const result = checkJsonlBatch(batch.bytes, batchLine, options.mode, config, chunks ? {} : { release: () => buffers.release(batch.bytes) });
      if (!chunks) buffers.give(batch.bytes);
      await place(result);
    }
    bar?.update(Math.floor(batch.consumed / 1e6));
  }
  await drain(0);
}

function noteInferred(into: Map<string, Map<string, number>>, file: string, counts: Record<string, number>): void {
  const perFile = into.get(file) ?? new Map<string, number>();
  into.set(file, perFile);
  for (const [field, n] of Object.entries(counts)) perFile.set(field, (perFile.get(field) ?? 0) + n);
}

/**
 * One note per file whose traces were found by their content: the field used and the
 * config line (or flag) that pins it.
 */
export function inferredNotes(inferred: Map<string, Map<string, number>>): string[] {
  const lines: string[] = [];
  for (const [file, fields] of inferred) {
    const sorted = [...fields].sort((a, b) => b[1] - a[1]);
    const used = sorted.map(([field, n]) => tn('cli.inferred.field', n, { field })).join(t('cli.list-separator'));
    const pin = traceFieldPin(sorted[0][0]);
    lines.push(t('cli.inferred', { file, used, config: pin.config, flag: pin.flag }));
  }
  return lines;
}

/** An async iterable whose first chunk can be looked at before iterating. */
function peekable(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> & { peek(): Promise<Uint8Array>; close(): Promise<void> } {
  const iterator = source[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array> | undefined;
  return {
    async peek() {
      first ??= await iterator.next();
      return first.done ? new Uint8Array(0) : toBytes(first.value);
    },
    async *[Symbol.asyncIterator]() {
      first ??= await iterator.next();
      if (first.done) return;
      yield toBytes(first.value);
      while (true) {
        const next = await iterator.next();
        if (next.done) return;
        yield toBytes(next.value);
      }
    },
    async close() {
      await iterator.return?.();
    },
  };
}

function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
}
