// Compiles the WebAssembly text-scan kernel (wasm/scan.ts, AssemblyScript) into
// src/core/trace/scanKernel.wasm.ts: its bytes as base64 in a TypeScript module, committed, so
// that every face and every test load it the same way with no build step and nothing to fetch.
//   node scripts/build-wasm.mjs           (npm run build:wasm) writes it
//   node scripts/build-wasm.mjs --check   exits 1 when the committed module is out of date
// test/unit/trace/scanKernel.test.ts runs the same compilation and fails on any drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = 'wasm/scan.ts';
export const TARGET = 'src/core/trace/scanKernel.wasm.ts';

/** The compiler's options: optimised for speed, no runtime (the kernel allocates nothing), no assertions. */
const OPTIONS = { optimizeLevel: 3, shrinkLevel: 0, runtime: 'stub', noAssert: true, initialMemory: 4 };

/** The generated module's text for the current source. */
export async function generatedModule() {
  const source = readFileSync(join(ROOT, SOURCE), 'utf8');
  const result = await asc.compileString({ 'scan.ts': source }, OPTIONS);
  if (result.error || !result.binary) throw new Error(`${SOURCE} did not compile:\n${result.stderr.toString()}`);
  const base64 = Buffer.from(result.binary).toString('base64');
  const lines = base64.match(/.{1,100}/g).map((line) => `  '${line}' +`);
  lines[lines.length - 1] = lines[lines.length - 1].slice(0, -2) + ';';
  return [
    `// Generated from ${SOURCE} by \`npm run build:wasm\` (scripts/build-wasm.mjs): do not edit.`,
    `// AssemblyScript ${asc.version}, options ${JSON.stringify(OPTIONS)}; ${result.binary.length} bytes.`,
    'export const SCAN_KERNEL_WASM =',
    ...lines,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generatedModule();
  const path = join(ROOT, TARGET);
  if (process.argv.includes('--check')) {
    const same = readFileSync(path, 'utf8') === text;
    if (!same) console.error(`${TARGET} is out of date: run npm run build:wasm`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(path, text);
  console.log(`wrote ${TARGET}`);
}
