import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfigText, type LoadedConfig } from '../config/load';
import { msg } from '../messages';

/**
 * Finds `.cot-trace.json` for a file (or folder): in its folder, then each parent up to the first
 * boundary — a folder holding `.git` (the repository root), one of `roots` (the workspace folders, or
 * the command line's working folder), or the user's home folder. Without a boundary above it, only the
 * file's own folder is looked in: a config file in a shared folder such as `/tmp` or `/` never applies to
 * datasets in the folders below it.
 */
export function findConfigFile(start: string, roots: readonly string[] = []): string | undefined {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  const boundaries = new Set([homedir(), ...roots].map((p) => resolve(p)));
  const searched: string[] = [];
  for (let at = dir; ; ) {
    searched.push(at);
    if (boundaries.has(at) || existsSync(join(at, '.git'))) break;
    const parent = dirname(at);
    if (parent === at) {
      searched.length = 1;
      break;
    }
    at = parent;
  }
  for (const folder of searched) {
    const candidate = join(folder, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Reads and parses a config file; an unreadable file is reported as a problem. */
export function loadConfigFile(file: string): LoadedConfig & { file: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, config: {}, problems: [msg('config.cannot-read', { reason: (error as Error).message })] };
  }
  return { file, ...parseConfigText(text) };
}
