/**
 * The real model outputs the tests read, copied into test/fixtures/corpus/ with their origin and
 * licence (see its README). Every path is relative to this checkout: nothing outside it is read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..');
export const corpusDir = resolve(repoRoot, 'test/fixtures/corpus');

/** The absolute path of a corpus file; throws, naming the file, when the fixture is not there. */
export function corpusFile(name: string): string {
  const path = join(corpusDir, name);
  if (!existsSync(path)) {
    throw new Error(`fixture missing: ${relative(repoRoot, path)} (see test/fixtures/corpus/README.md)`);
  }
  return path;
}

/** The text of a corpus file (UTF-8); a missing fixture fails with its name. */
export function readCorpus(name: string): string {
  return readFileSync(corpusFile(name), 'utf8');
}

/** The dataset files of the corpus (`.json` and `.jsonl`), sorted; fails when the folder is empty. */
export function corpusDatasets(): string[] {
  const names = existsSync(corpusDir) ? readdirSync(corpusDir).filter((n) => /\.jsonl?$/.test(n)).sort() : [];
  if (names.length === 0) throw new Error(`no dataset fixtures in ${relative(repoRoot, corpusDir)}`);
  return names;
}
