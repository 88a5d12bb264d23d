import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { t } from './l10n';

export { CHUNK_BYTES, BufferPool, fileBatches, fileChunks, lineBatches, readAll, readHead, type Batch } from '../core/node/lines';

/** How long an input may stay silent before a note says what the command waits for. */
export const WAIT_NOTE_MS = 1500;

/**
 * Opens an input that is read as a stream: `-` (standard input) or a path that is not a
 * regular file (a named pipe, `/dev/stdin`, a shell's `<(…)`). A named pipe with no writer
 * yet is opened without blocking the process; when nothing has arrived after WAIT_NOTE_MS,
 * one line on stderr says what the command is waiting for (Ctrl-C still stops it).
 */
export function openStream(name: string, stdin: NodeJS.ReadableStream, say: (line: string) => void, waitMs = WAIT_NOTE_MS): AsyncIterable<Uint8Array> {
  const stream: NodeJS.ReadableStream = name === '-' ? stdin : createReadStream(name);
  let started = false;
  const timer = setTimeout(() => {
    if (started) return;
    if (name === '-') say(t((stdin as { isTTY?: boolean }).isTTY ? 'cli.waiting-stdin.tty' : 'cli.waiting-stdin'));
    else say(t('cli.waiting-pipe', { file: name }));
  }, waitMs);
  timer.unref();
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
          started = true;
          clearTimeout(timer);
          yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
        }
      } finally {
        started = true;
        clearTimeout(timer);
      }
    },
  };
}

/** True when `name` is read as a stream (standard input, or not a regular file). Throws when it cannot be looked at. */
export async function isStreamInput(name: string): Promise<boolean> {
  if (name === '-') return true;
  const info = await stat(name);
  if (info.isDirectory()) throw Object.assign(new Error(t('cli.is-directory')), { code: 'EISDIR' });
  return !info.isFile();
}

/**
 * Copies a stream input into a private temporary file, for commands that read their input
 * more than once (`filter`, `stats`). `remove()` deletes it.
 */
export async function spoolInput(name: string, stdin: NodeJS.ReadableStream, say: (line: string) => void): Promise<{ path: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cot-trace-'));
  const ext = extname(name === '-' ? '' : name);
  const path = join(dir, `input${ext}`);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      for await (const chunk of openStream(name, stdin, say)) await handle.write(chunk);
    } finally {
      await handle.close();
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { path, remove };
}
