/** Running the built CLI under a chosen locale, for the tests of what it says in each language. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const cli = join(repoRoot, 'dist', 'cli.js');

/** Chinese by the environment, and the C locale (English). */
export const ZH = { LANG: 'zh_CN.UTF-8' };
export const C = { LC_ALL: 'C' };

/** This process's environment with the locale variables replaced by `env` (the others unset). */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete clean[name];
  return { ...clean, ...env };
}

/** The CLI with these locale variables. */
export function cot(env: Record<string, string>, args: string[], input = '') {
  return spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, input, encoding: 'utf8', env: cleanEnv(env) });
}

/**
 * In a describe block: builds the CLI once before its tests and gives them a scratch folder
 * (removed after); returns a getter for that folder.
 */
export function builtCliAndFolder(prefix: string): () => string {
  let dir = '';
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' });
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
