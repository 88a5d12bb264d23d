/** What the server needs of files and URIs besides the configuration (which src/core/node/config.ts works out). */
import { fileURLToPath } from 'node:url';
import { Minimatch } from 'minimatch';

/** True when `fsPath` matches one of the globs (matched against the whole path and against the file name). */
export function matchesInclude(fsPath: string, globs: readonly string[]): boolean {
  if (!globs.length) return false;
  const normalised = fsPath.replace(/\\/g, '/');
  return globs.some((glob) => {
    const m = new Minimatch(glob, { dot: true, matchBase: !glob.includes('/') });
    return m.match(normalised) || (!glob.startsWith('/') && !glob.startsWith('**') && new Minimatch(`**/${glob}`, { dot: true }).match(normalised));
  });
}

/** `file:` URI → path, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
