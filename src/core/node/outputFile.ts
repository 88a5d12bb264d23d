/**
 * Safe output files: the target is written through a temporary file in its own folder and
 * renamed into place only once every byte is on disk, so a failed run never leaves a half
 * file where a good one was expected. A target that is the same file as one of the inputs
 * (compared by real path and by device/inode, so symlinks and hard links count) is refused
 * before anything is opened. A target that exists and is not a regular file (a device such
 * as /dev/stdout, a named pipe) is written to directly: it cannot be renamed over.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { msg, ref, render, type Locale, type Localized, type MessageId, type Text } from '../messages';

/** An output problem, worded for one line on stderr. */
/** A problem with an output file, in one line: `message` in English, `l10n` to render it in another locale. */
export class OutputError extends Error {
  constructor(text: Text) {
    super(text.message);
    this.l10n = text.l10n;
  }
  readonly l10n: Localized;
}

/** The words for the inputs an output is compared with, as the catalogue has them. */
const WHAT: Record<string, MessageId> = {
  input: 'output.what.input',
  'review sidecar': 'output.what.sidecar',
  'config file': 'output.what.config',
  'dataset under review': 'output.what.dataset',
};

/** The error codes with a sentence of their own in the catalogue (`os.CODE`). */
const REASONS: Record<string, MessageId> = {
  ENOSPC: 'os.ENOSPC',
  EDQUOT: 'os.EDQUOT',
  EACCES: 'os.EACCES',
  EPERM: 'os.EPERM',
  EROFS: 'os.EROFS',
  ENOENT: 'os.ENOENT',
  ENOTDIR: 'os.ENOTDIR',
  EISDIR: 'os.EISDIR',
  EPIPE: 'os.EPIPE',
  EIO: 'os.EIO',
  EFBIG: 'os.EFBIG',
};

/**
 * A short reason for a file-system error, as a message argument: "no space left on device
 * (ENOSPC)" as a message of the catalogue, else the code or the error's own text as it is.
 */
export function errorReason(error: unknown): Localized | string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code && REASONS[code]) return ref('os.reason', { reason: ref(REASONS[code]), code });
  return code ?? (error as Error)?.message ?? String(error);
}

/** The same reason as text in a locale: "no space left on device (ENOSPC)", "设备上没有剩余空间（ENOSPC）". */
export function describeError(error: unknown, locale: Locale = 'en'): string {
  const reason = errorReason(error);
  return typeof reason === 'string' ? reason : render(reason, locale);
}

/** The real path of a file, or of its folder plus its name when the file does not exist. */
function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/**
 * Throws an OutputError when `target` is the same file as one of `inputs` (real path, or
 * device and inode). Inputs that do not exist are compared by path only.
 */
export function checkNotAnInput(target: string, inputs: ReadonlyArray<{ path: string; what: string }>): void {
  const real = realPathOf(target);
  let info: { dev: number; ino: number } | undefined;
  try {
    info = statSync(target);
  } catch {
    info = undefined;
  }
  for (const input of inputs) {
    let same = realPathOf(input.path) === real;
    if (!same && info) {
      try {
        const other = statSync(input.path);
        same = other.dev === info.dev && other.ino === info.ino;
      } catch {
        /* the input does not exist */
      }
    }
    if (same) throw new OutputError(msg('output.same-as-input', { target, what: WHAT[input.what] ? ref(WHAT[input.what]) : input.what, path: input.path }));
  }
}

export interface OutputFile {
  /** Writes bytes (synchronously; a file write does not need back-pressure). */
  write(bytes: Uint8Array | string): void;
  /** Flushes, closes and renames into place. Throws an OutputError on failure (nothing is left behind). */
  commit(): void;
  /** Removes the temporary file; safe to call after a failure or twice. */
  abort(): void;
}

const live = new Set<() => void>();
let hooked = false;
function cleanupOnSignal(): void {
  if (hooked) return;
  hooked = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const abort of live) abort();
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Opens `target` for writing through a temporary file beside it. Throws an OutputError
 * with one clear line when the target is a directory, its folder is missing, or it
 * cannot be created.
 */
export function openOutputFile(target: string, options: { signals?: boolean } = {}): OutputFile {
  const fail = (error: unknown): never => {
    throw new OutputError(msg('output.cannot-write', { target, reason: errorReason(error) }));
  };
  let existing: import('node:fs').Stats | undefined;
  try {
    existing = statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fail(error);
  }
  if (existing?.isDirectory()) throw new OutputError(msg('output.is-directory', { target }));
  const folder = dirname(resolve(target));
  if (!existsSync(folder)) throw new OutputError(msg('output.no-folder', { target, folder: dirname(target) }));
  if (existing && !existing.isFile()) return openInPlace(target, fail);
  return openThroughTemporary(target, folder, existing, options.signals !== false, fail);
}

/** A device or a pipe: written in place, every write checked. */
function openInPlace(target: string, fail: (error: unknown) => never): OutputFile {
  let fd: number | undefined;
  try {
    fd = openSync(target, 'w');
  } catch (error) {
    fail(error);
  }
  let closed = false;
  return {
    write(bytes) {
      try {
        writeAll(fd!, bytes);
      } catch (error) {
        fail(error);
      }
    },
    commit() {
      if (closed) return;
      closed = true;
      try {
        closeSync(fd!);
      } catch (error) {
        fail(error);
      }
    },
    abort() {
      if (closed) return;
      closed = true;
      try {
        closeSync(fd!);
      } catch {
        /* nothing to keep */
      }
    },
  };
}

/** A new or regular file: written to a temporary file in `folder`, renamed over `target` (keeping its mode) on commit. */
function openThroughTemporary(target: string, folder: string, existing: import('node:fs').Stats | undefined, signals: boolean, fail: (error: unknown) => never): OutputFile {
  const tmp = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o666);
  } catch (error) {
    fail(error);
  }
  let done = false;
  const abort = () => {
    if (done) return;
    done = true;
    live.delete(abort);
    try {
      closeSync(fd!);
    } catch {
      /* already closed */
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  };
  live.add(abort);
  if (signals) cleanupOnSignal();
  return {
    write(bytes) {
      try {
        writeAll(fd!, bytes);
      } catch (error) {
        abort();
        fail(error);
      }
    },
    commit() {
      if (done) return;
      try {
        fsyncSync(fd!);
        closeSync(fd!);
        if (existing) chmodSync(tmp, existing.mode & 0o7777);
        renameSync(tmp, target);
        done = true;
        live.delete(abort);
      } catch (error) {
        abort();
        fail(error);
      }
    },
    abort,
  };
}

/** Writes a whole file safely (temporary file, then rename). */
export function writeOutputFile(target: string, data: Uint8Array | string): void {
  const out = openOutputFile(target);
  try {
    out.write(data);
    out.commit();
  } finally {
    out.abort();
  }
}

/** Writes all of `bytes` (a write may take only part of them). */
function writeAll(fd: number, bytes: string | Uint8Array): void {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  let at = 0;
  while (at < data.length) at += writeSync(fd, data, at, data.length - at);
}
