/**
 * Node side of the review sidecar: durable appends (write + fsync, one line per decision,
 * each line written with a single write call), reading with torn-line detection, and
 * compaction through a temporary file renamed over the old one.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { compactEntries, formatEntry, parseSidecar, type ParsedSidecar, type SidecarEntry } from '../review/sidecar';

/** Reads a sidecar; a missing file is an empty one. */
export function readSidecar(path: string): ParsedSidecar {
  if (!existsSync(path)) return { entries: [], problems: [], torn: false };
  return parseSidecar(readFileSync(path, 'utf8'));
}

/** True when the file exists, is not empty and does not end with a line break. */
function endsTorn(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1);
    const { size } = fstatSync(fd);
    if (size === 0) return false;
    readSync(fd, buffer, 0, 1, size - 1);
    return buffer[0] !== 10;
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends entries and waits until they are on disk. When the file ends in the middle of a
 * line (an earlier write was cut short), a line break is written first so the torn line
 * stays a line of its own and is skipped on read.
 */
export function appendDecisions(path: string, entries: readonly SidecarEntry[]): void {
  if (!entries.length) return;
  withLock(path, () => appendUnlocked(path, entries));
}

function appendUnlocked(path: string, entries: readonly SidecarEntry[]): void {
  const torn = endsTorn(path);
  const text = (torn ? '\n' : '') + entries.map(formatEntry).join('');
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot open or sync a directory; the rename is still atomic.
  }
}

/** Writes `text` to `path` atomically: a temporary file beside it, fsync, rename, fsync of the folder. */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    if (typeof text === 'string') writeSync(fd, text);
    else writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}

/** Rewrites the sidecar with one line per decided record; returns the entries before/after. */
export function compactSidecar(path: string): { before: number; after: number } {
  return withLock(path, () => {
    const parsed = readSidecar(path);
    const text = compactEntries(parsed.entries);
    writeFileAtomic(path, text);
    return { before: parsed.entries.length, after: text ? text.split('\n').length - 1 : 0 };
  });
}

/** A lock older than this is taken to be left by a process that died holding it. */
export const LOCK_STALE_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `work` holding `<sidecar>.lock`, a file created exclusively (O_EXCL): appends and
 * compaction of the same sidecar, from any process, never overlap, so a compaction cannot
 * drop a decision appended while it rewrites the file. Waits (polling) while another
 * process holds it; a lock left by a process that died is removed after LOCK_STALE_MS.
 */
export function withLock<T>(path: string, work: () => T, timeoutMs = 30_000): T {
  const lock = `${path}.lock`;
  const started = Date.now();
  let fd: number | undefined;
  for (let wait = 1; fd === undefined; wait = Math.min(wait * 2, 50)) {
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) unlinkSync(lock);
      } catch {
        /* released meanwhile */
      }
      if (Date.now() - started > timeoutMs) throw new Error(`${basename(path)} is locked by another process (${lock}); try again, or remove the lock file if no review is running`);
      Atomics.wait(sleeper, 0, 0, wait);
    }
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    return work();
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      /* already removed */
    }
  }
}
