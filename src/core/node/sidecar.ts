/**
 * Node side of the review sidecar: durable appends (write + fsync, one line per decision,
 * each line written with a single write call), reading with torn-line detection, and
 * compaction through a temporary file renamed over the old one.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
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
  const parsed = readSidecar(path);
  const text = compactEntries(parsed.entries);
  writeFileAtomic(path, text);
  return { before: parsed.entries.length, after: text ? text.split('\n').length - 1 : 0 };
}
