import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfigText, type LoadedConfig } from '../config/load';

/**
 * Finds `.cot-trace.json` for a file: in its folder, then each parent, stopping after the
 * folder that holds `.git` (the repository root) or at the filesystem root.
 */
export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  while (true) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and parses a config file; an unreadable file is reported as a problem. */
export function loadConfigFile(file: string): LoadedConfig & { file: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, config: {}, problems: [{ message: `cannot read: ${(error as Error).message}` }] };
  }
  return { file, ...parseConfigText(text) };
}
