// Bundles the extension-host test suite (test/suite/*.ts) into out/test/suite/, one
// CommonJS file per source file, with `vscode` and `mocha` left to the runtime.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'test', 'suite');
const outdir = join(root, 'out', 'test', 'suite');

if (!existsSync(source)) {
  console.error(`build-suite: ${source} does not exist`);
  process.exit(1);
}
const entryPoints = readdirSync(source)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
  .map((name) => join(source, name));

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`build-suite: ${entryPoints.length} file(s) -> ${outdir.slice(root.length + 1)}/`);
