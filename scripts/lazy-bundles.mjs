// The libraries the Node bundles load on first use, and how they are bundled apart: shared by
// esbuild.mjs and the test harnesses that build a bundle of their own (test/server/lsp.ts).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Libraries kept out of the Node bundles, each group in a bundle of its own that is required
 * the first time the code asks for one of its libraries: starting a bundle costs compiling
 * all of it, and these are most of it (the compute engine ≈ 0.6 MB minified, Parquet and Arrow
 * ≈ 0.45 MB) while a JSON Lines run with no symbolic answer never calls them.
 *   math.js      the compute engine (src/core/answer/math.ts requires it on first use)
 *   columnar.js  Parquet and Arrow (src/core/node/columnar imports them on first use); one
 *                bundle for them all, since hyparquet-writer uses hyparquet's internals, the
 *                Arrow codecs hyparquet-compressors' ZSTD and the Parquet reader its SNAPPY
 *                decoder (hysnappy): one copy of each.
 */
export const LAZY_BUNDLES = {
  math: ['@cortex-js/compute-engine'],
  columnar: ['hyparquet', 'hyparquet-compressors', 'hysnappy', 'hyparquet-writer', 'apache-arrow'],
};
const lazyOwner = new Map(Object.entries(LAZY_BUNDLES).flatMap(([bundle, names]) => names.map((name) => [name, bundle])));
const lazyFilter = new RegExp(`^(${[...lazyOwner.keys()].map((name) => name.replace(/[/.-]/g, '\\$&')).join('|')})$`);

/**
 * In a Node bundle, an import or require of a lazy library becomes a small module that
 * requires its group's bundle (next to the importing bundle in dist/) and hands on that
 * library's namespace. The import sites stay lazy (`import()` or a `require` inside a
 * function), so the group is compiled only when the first of them runs.
 */
export const lazyLibraries = {
  name: 'lazy-libraries',
  setup(build) {
    build.onResolve({ filter: lazyFilter }, (args) => ({ path: args.path, namespace: 'lazy-library' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-library' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`./${lazyOwner.get(args.path)}.js`)}).libraries[${JSON.stringify(args.path)}];`,
      loader: 'js',
      resolveDir: root,
    }));
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/, namespace: 'lazy-library' }, (args) => ({ path: args.path, external: true }));
  },
};

/** The entry of a lazy group's bundle: `exports.libraries`, each library's namespace by its name. */
const lazyEntry = (names) =>
  names.map((name, i) => `import * as library${i} from ${JSON.stringify(name)};`).join('\n') +
  `\nexport const libraries = { ${names.map((name, i) => `${JSON.stringify(name)}: library${i}`).join(', ')} };\n`;


/** esbuild options for the lazy groups' bundles, written to `outdir` beside the bundles that require them. */
export function lazyBundleConfigs(options, outdir) {
  return Object.entries(LAZY_BUNDLES).map(([bundle, names]) => ({
    ...options,
    entryPoints: undefined,
    stdin: { contents: lazyEntry(names), resolveDir: root, sourcefile: `${bundle}-libraries.js`, loader: 'js' },
    outfile: resolve(outdir, `${bundle}.js`),
  }));
}
