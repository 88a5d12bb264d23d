// Peak memory of `cot-trace lint` and `cot-trace score` on one JSON Lines record of ~200 MB
// (a single line), against the size of the file: the target is a peak resident set of
// at most 3× the file.
//   node bench/memory.mjs [--mb 200]
// Runs on the built dist/ (built first when missing). The file is generated once into
// bench/data/ (git-ignored); each case is a fresh process, one worker.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const mb = Number(arg('mb', 200));
const data = `bench/data/one-record-${mb}mb.jsonl`;

/** One record: a short prompt, a thought of varied steps up to `mb` MB, an answer, a ground truth. */
async function generate() {
  mkdirSync('bench/data', { recursive: true });
  const out = createWriteStream(data);
  const write = (s) => (out.write(s) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  await write('{"prompt":"What is the sum of the first n odd numbers?","completion":"<think>\\n');
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  let written = 0;
  const target = mb * 1e6;
  let n = 0;
  while (written < target) {
    let chunk = '';
    for (let k = 0; k < 2000; k++) {
      n++;
      const a = next() % 1000;
      const b = next() % 100;
      chunk += `Step ${n}: add ${a} and ${b} to get ${a + b}. Wait, let me check: ${a + b} - ${b} = ${a}.${k % 7 === 0 ? '\\n\\n' : ' '}`;
    }
    written += chunk.length;
    await write(chunk);
  }
  await write('\\n</think>\\nThe sum is \\\\boxed{n^2}.","answer":"n^2"}\n');
  await new Promise((resolve) => out.end(resolve));
}

if (!existsSync(data)) {
  console.log(`generating ${data} …`);
  await generate();
}
if (!existsSync('dist/cli.js') || arg('build', 'no') === 'yes') {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const bytes = statSync(data).size;
const rssFile = `bench/data/rss-${process.pid}.txt`;

/** Peak resident set (bytes) and CPU seconds of `cot-trace <args>` on the file. */
function measure(args) {
  rmSync(rssFile, { force: true });
  const run = spawnSync(process.execPath, ['--require', './bench/peak-memory.cjs', 'dist/cli.js', ...args, '--workers', '1', '--quiet', data], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
    env: { ...process.env, COT_BENCH_RSS: rssFile },
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`cot-trace ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  if (!existsSync(rssFile)) throw new Error('no memory figure written');
  const result = JSON.parse(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return result;
}

console.log(`${data}: one record, ${(bytes / 1e6).toFixed(1)} MB, node ${process.version}`);
for (const command of ['lint', 'score']) {
  const { rss, cpu } = measure([command]);
  const ratio = rss / bytes;
  console.log(
    `  ${command.padEnd(6)} peak RSS ${(rss / 1e6).toFixed(0).padStart(6)} MB = ${ratio.toFixed(2)}× the file (target ≤ 3×) ${ratio <= 3 ? 'met' : 'MISSED'} | ${cpu.toFixed(2)} s cpu`,
  );
}
