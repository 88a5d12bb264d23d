import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { ResolvedConfig } from '../core/types';
import type { ConfigCache } from './configCache';
import { documentChecker, type OpenDocument } from './documents';
import { summarize } from './features';
import type { CheckerPool } from './pool';
import { DocumentSummaryNotification } from './protocol';
import { matchesInclude } from './settings';

/** Time a lint may hold the event loop before it lets other messages through. */
const SLICE_MS = 12;
/** Documents with more unchecked records than this are checked on worker threads. */
const PARALLEL_MIN_LINES = 64;
/** Characters of records per batch sent to a checker thread. */
const BATCH_CHARS = 256 * 1024;
/** Pause between linting a document and scoring it in the background. */
const SCORING_DELAY_MS = 30;
/** Rounds of "the document or its configuration changed meanwhile, check again" before a lint gives up. */
const MAX_ROUNDS = 1000;

const yieldToLoop = () => new Promise<void>((done) => setImmediate(done));

function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/**
 * Waits for `work`, but answers a `$/cancelRequest` at once (RequestCancelled) instead of
 * when the work is done; the lint goes on for the other requests that share it.
 */
function unlessCancelled<T>(work: Promise<T>, token: CancellationToken | undefined): Promise<T> {
  if (!token) return work;
  if (token.isCancellationRequested) return Promise.reject(requestCancelled());
  return new Promise<T>((done, fail) => {
    const listener = token.onCancellationRequested(() => fail(requestCancelled()));
    work.then(done, fail).finally(() => listener.dispose());
  });
}

/**
 * Brings open documents' results up to date, in time slices, on the main thread or on the
 * checker threads. `full` asks for scores too (hovers, code lenses, the summary); without it,
 * JSON Lines records are only linted, which is about twice as fast, and scoring follows in
 * the background. One run of each kind per document at a time, shared by every caller;
 * edits that arrive meanwhile are picked up before it returns.
 */
export class LintScheduler {
  private scoringTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly docs: ReadonlyMap<string, OpenDocument>,
    private readonly configs: ConfigCache,
    private readonly pool: CheckerPool | undefined,
  ) {}

  private log(message: string): void {
    this.connection.console.log(message);
  }

  ensureLinted(doc: OpenDocument, full = false): Promise<boolean> {
    const running = full ? doc.scoring : doc.linting;
    if (running) return running;
    const run = this.lint(doc, full).finally(() => {
      if (full) doc.scoring = undefined;
      else doc.linting = undefined;
    });
    if (full) doc.scoring = run;
    else doc.linting = run;
    return run;
  }

  private async lint(doc: OpenDocument, full: boolean): Promise<boolean> {
    try {
      for (let round = 0; ; round++) {
        const { settings, resolved, key } = await this.configs.forDoc(doc);
        doc.reconsider((fsPath) => matchesInclude(fsPath, settings.include));
        if (!doc.active) return true;
        const g = this.configs.generation;
        if (doc.generation !== g) {
          doc.invalidate();
          doc.generation = g;
        }
        if (this.pool && doc.uncheckedLines > PARALLEL_MIN_LINES) await this.checkInParallel(this.pool, doc, resolved, `${g}:${key}`);
        await this.checkInSlices(doc, resolved, full);
        if (!this.docs.has(doc.uri)) return false;
        const current = await this.configs.forDoc(doc);
        if (g === this.configs.generation && current.key === key && doc.isComplete(full)) break;
        if (round > MAX_ROUNDS) return false;
      }
      if (full) this.connection.sendNotification(DocumentSummaryNotification, { ...summarize(doc), assumed: (await this.configs.forDoc(doc)).assumed });
      else this.scheduleScoring(doc);
      return true;
    } catch (error) {
      this.log(`Checking ${doc.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return false;
    }
  }

  /** Checks on this thread, SLICE_MS at a time, until done, closed or the configuration changes. */
  private async checkInSlices(doc: OpenDocument, resolved: ResolvedConfig, full: boolean): Promise<void> {
    const checker = documentChecker(resolved);
    const g = this.configs.generation;
    let sliceStart = Date.now();
    const stop = () => Date.now() - sliceStart > SLICE_MS;
    while (!doc.checkSome(checker, stop, full)) {
      await yieldToLoop();
      if (!this.docs.has(doc.uri) || g !== this.configs.generation) break;
      sliceStart = Date.now();
    }
  }

  /** Scores (and summarises) a document shortly after it was linted. */
  private scheduleScoring(doc: OpenDocument): void {
    clearTimeout(this.scoringTimers.get(doc.uri));
    this.scoringTimers.set(
      doc.uri,
      setTimeout(() => {
        this.scoringTimers.delete(doc.uri);
        if (this.docs.get(doc.uri) === doc) void this.ensureLinted(doc, true);
      }, SCORING_DELAY_MS),
    );
  }

  /** A document closed: no scoring of it later. */
  forget(uri: string): void {
    clearTimeout(this.scoringTimers.get(uri));
  }

  /** Scores the JSON Lines record on `line` now, if it was only linted. */
  async scoreLine(doc: OpenDocument, line: number): Promise<void> {
    const { resolved } = await this.configs.forDoc(doc);
    doc.score(line, documentChecker(resolved));
  }

  /** Hands unchecked JSON Lines records to the checker threads, a few batches at a time. */
  private async checkInParallel(workers: CheckerPool, doc: OpenDocument, resolved: ResolvedConfig, key: string): Promise<void> {
    const g = this.configs.generation;
    const out = new Set<Promise<void>>();
    const launch = (): boolean => {
      const batch = doc.takeBatch(BATCH_CHARS);
      if (!batch.length) return false;
      const job: Promise<void> = workers
        .check(
          batch.map((b) => b.text),
          resolved,
          key,
        )
        .then(
          (results) => {
            if (g === this.configs.generation && this.docs.has(doc.uri)) doc.deliver(batch.map((b, i) => ({ line: b.line, raw: b.raw, start: b.start, result: results[i] })));
          },
          (error: Error) => this.log(`A checker thread failed (${error.message}); checking on the main thread.`),
        )
        .finally(() => out.delete(job));
      out.add(job);
      return true;
    };
    while (true) {
      while (out.size < workers.size * 2 && launch());
      if (!out.size) return;
      await Promise.race(out);
      if (!this.docs.has(doc.uri) || g !== this.configs.generation) {
        await Promise.allSettled(out);
        return;
      }
    }
  }

  /** The document, linted (and scored with `full`), or undefined (not open / not a dataset). */
  async linted(uri: string, token?: CancellationToken, full = false): Promise<OpenDocument | undefined> {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    await unlessCancelled(this.ensureLinted(doc, full), token);
    if (token?.isCancellationRequested) throw requestCancelled();
    return doc.active ? doc : undefined;
  }
}
