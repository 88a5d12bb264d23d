// Bundles every face of CoT Trace: the extension host code, the language server,
// the CLI (+ its worker), and one browser bundle per webview panel.
//   node esbuild.mjs              development build (source maps)
//   node esbuild.mjs --production minified, no source maps
//   node esbuild.mjs --watch      rebuild on change
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lazyBundleConfigs, lazyLibraries } from './scripts/lazy-bundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints the size of every output file once a build finishes. */
const reportSizes = {
  name: 'report-sizes',
  setup(build) {
    build.onEnd((result) => {
      for (const message of result.errors) {
        const loc = message.location;
        console.error(`✘ ${loc ? `${loc.file}:${loc.line}:${loc.column}: ` : ''}${message.text}`);
      }
      if (!result.metafile) return;
      for (const [file, info] of Object.entries(result.metafile.outputs)) {
        if (file.endsWith('.map')) continue;
        console.log(`  ${file.padEnd(40)} ${(info.bytes / 1024).toFixed(1).padStart(8)} KiB`);
      }
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  plugins: [reportSizes],
};

/** Node-side bundles: CommonJS, `vscode` provided by the host. */
const nodeEntries = {
  extension: 'src/extension/extension.ts',
  server: 'src/server/server.ts',
  cli: 'src/cli/main.ts',
  worker: 'src/cli/worker.ts',
  serve: 'src/serve/main.ts',
};

/** One browser bundle per folder in webview/ that has a main.ts. */
function webviewEntries() {
  const entries = {};
  if (!existsSync('webview')) return entries;
  for (const name of readdirSync('webview')) {
    const dir = join('webview', name);
    if (statSync(dir).isDirectory() && existsSync(join(dir, 'main.ts'))) {
      entries[`webview/${name}`] = join(dir, 'main.ts');
    }
  }
  return entries;
}

const present = (entries) =>
  Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // Prefer ES module builds: jsonc-parser's UMD build requires files esbuild cannot see.
  mainFields: ['module', 'main'],
};

const configs = [
  {
    ...nodeCommon,
    entryPoints: present(nodeEntries),
    outdir: 'dist',
    plugins: [...common.plugins, lazyLibraries],
    // The CLI is run directly as `cot-trace`.
    banner: { js: '#!/usr/bin/env node' },
  },
  ...lazyBundleConfigs(nodeCommon, 'dist'),
  {
    ...common,
    entryPoints: webviewEntries(),
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'css', '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.md': 'text' },
    // Fonts and other files imported by panel CSS (KaTeX) go next to the bundles, inside the webview's resource root.
    assetNames: 'webview/assets/[name]-[hash]',
  },
];

const started = Date.now();
if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
  console.log('[watch] build started');
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
  console.log(`built in ${Date.now() - started} ms${production ? ' (production)' : ''}: ${relative('.', 'dist')}/`);
}
