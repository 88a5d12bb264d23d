// Loaded into a benchmarked process with `node --require`: when it exits, writes the names of
// the project's bundles it loaded (files directly in a dist/ folder: cli.js, math.js, …), one a
// line, to the file named by COT_BENCH_LOADED.
const { writeFileSync } = require('node:fs');
const { basename, dirname } = require('node:path');

process.on('exit', () => {
  if (!process.env.COT_BENCH_LOADED) return;
  const bundles = Object.keys(require.cache)
    .filter((file) => basename(dirname(file)) === 'dist')
    .map((file) => basename(file));
  writeFileSync(process.env.COT_BENCH_LOADED, bundles.join('\n'));
});
