// Load on `cot-trace serve`: OpenRLHF-shaped /get_reward requests (batches of completions of
// about 8 KB) from autocannon at a fixed concurrency, with malformed requests mixed in.
//   npm run bench                                  (as part of the whole bench)
//   node bench/serve.mjs [--duration 30] [--connections 16] [--batch 64] [--kb 8] [--malformed 1000] [--workers N]
// Prints requests/s, completions/s, p50/p99 latency, the server's peak RSS, errors, what the
// malformed requests got, and whether the server is healthy after. Only loopback is used.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import autocannon from 'autocannon';

/* global fetch, AbortSignal */

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const duration = Number(arg('duration', 30));
const connections = Number(arg('connections', 16));
const batch = Number(arg('batch', 64));
const kb = Number(arg('kb', 8));
const malformed = Number(arg('malformed', 1000));
const workers = Number(arg('workers', availableParallelism()));

if (!existsSync('dist/cli.js') || !existsSync('dist/serve.js') || !existsSync('dist/worker.js')) {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

// ---------------------------------------------------------------- the load
const WORDS = ['first', 'the sum', 'so', 'we get', 'hence', 'check', 'the product', 'divide by', 'which gives', 'note that', 'therefore', 'again'];
/** A plausible R1 trace of about `bytes` bytes: a thought of varied sentences, then a boxed answer. */
function completion(seed, bytes) {
  let thought = '';
  let x = seed * 7919 + 13;
  while (thought.length < bytes - 80) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const a = x % 97;
    const b = (x >> 8) % 89;
    thought += `${WORDS[x % WORDS.length]} ${a} + ${b} = ${a + b}, ${WORDS[(x >> 4) % WORDS.length]} ${a * b}. `;
    if (x % 11 === 0) thought += 'Wait, let me double-check that step.\n\n';
  }
  const answer = seed % 3 === 0 ? seed + 1 : seed;
  return { text: `${thought}\n</think>\nThe answer is \\boxed{${answer}}.`, label: String(seed) };
}
const template = (q) => `<|im_start|>user\n${q}<|im_end|>\n<|im_start|>assistant\n<think>\n`;
const prompts = [];
const query = [];
const labels = [];
for (let i = 0; i < batch; i++) {
  const c = completion(i, kb * 1024);
  const p = template(`Problem ${i}: compute the value.`);
  prompts.push(p);
  query.push(p + c.text + '<|im_end|><|endoftext|>');
  labels.push(c.label);
}
const body = JSON.stringify({ query, prompts, labels });

const BAD = [
  '{"query": [',
  'null',
  '{"query": "not a list"}',
  '{"query": [1, 2]}',
  '{"query": ["a", "b"], "prompts": ["a"]}',
  '{"prompts": ["a"]}',
  '[1, 2, 3]',
  '{"query": ["a"], "labels": [{"x": 1}]}',
];

// ---------------------------------------------------------------- the server
const server = spawn(process.execPath, ['dist/cli.js', 'serve', '--host', '127.0.0.1', '--port', '0', '--workers', String(workers)], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
const url = await new Promise((resolve, reject) => {
  server.stderr.on('data', (d) => {
    log += d;
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`server exited (${code}): ${log}`)));
  setTimeout(() => reject(new Error(`server did not start: ${log}`)), 30_000);
});
let peakRss = 0;
const rss = () => {
  try {
    const kbs = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]);
    peakRss = Math.max(peakRss, kbs * 1024);
  } catch {
    /* not on Linux, or gone */
  }
};
const sampler = setInterval(rss, 250);

console.log(`cot-trace serve bench: ${workers} worker(s), ${connections} connections, ${duration} s, batches of ${batch} × ${kb} KB (${(body.length / 1e6).toFixed(2)} MB a request), ${malformed} malformed requests mixed in`);

const run = (options) => new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
const headers = { 'content-type': 'application/json' };
/** Sends `count` malformed requests, a few at a time, while the load runs; counts the status codes. */
async function sendMalformed(count, parallel = 4) {
  const codes = new Map();
  let next = 0;
  let failed = 0;
  const one = async () => {
    while (next < count) {
      const i = next++;
      try {
        const r = await fetch(`${url}/get_reward`, { method: 'POST', headers, body: BAD[i % BAD.length], signal: AbortSignal.timeout(60_000) });
        await r.arrayBuffer();
        codes.set(r.status, (codes.get(r.status) ?? 0) + 1);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, one));
  return { codes: [...codes.entries()].sort(), failed };
}
const [load, bad] = await Promise.all([run({ url: `${url}/get_reward`, method: 'POST', headers, body, connections, duration, timeout: 120 }), sendMalformed(malformed)]);
clearInterval(sampler);
rss();

const health = await fetch(`${url}/healthz`).then((r) => r.status, () => 0);
const after = await fetch(`${url}/get_reward`, { method: 'POST', headers, body: JSON.stringify({ query: query.slice(0, 2), prompts: prompts.slice(0, 2), labels: labels.slice(0, 2) }) }).then((r) => r.status, () => 0);
server.kill('SIGTERM');
const exit = await new Promise((resolve) => server.on('exit', resolve));

const badCodes = bad.codes;
const badTotal = badCodes.reduce((n, [, c]) => n + c, 0);
const all4xx = badCodes.every(([code]) => code >= 400 && code < 500) && badTotal === malformed;
const loadErrors = load.errors + load.timeouts + load.non2xx;
const rows = [
  ['requests/s', load.requests.average.toFixed(1)],
  ['completions/s', (load.requests.average * batch).toFixed(0)],
  ['latency p50', `${load.latency.p50} ms`],
  ['latency p99', `${load.latency.p99} ms`],
  ['requests', String(load.requests.total)],
  ['errors (load)', `${loadErrors} (${load.errors} socket, ${load.timeouts} timeouts, ${load.non2xx} non-2xx)`],
  ['server peak RSS', `${(peakRss / 1024 / 1024).toFixed(0)} MB`],
  ['malformed', `${badTotal} answered (${bad.failed} failed), status codes ${badCodes.map(([c, n]) => `${c}×${n}`).join(' ')}: ${all4xx ? 'all 4xx' : 'NOT all 4xx'}`],
  ['healthy after', health === 200 && after === 200 ? 'yes' : `NO (healthz ${health}, get_reward ${after})`],
  ['shutdown (SIGTERM)', exit === 0 ? 'exit 0' : `exit ${exit}`],
];
for (const [k, v] of rows) console.log(`  ${k.padEnd(20)} ${v}`);
const ok = loadErrors === 0 && all4xx && health === 200 && after === 200 && exit === 0;
console.log(ok ? 'serve bench: met (0 errors, malformed all 4xx, healthy after)' : 'serve bench: MISSED');
process.exitCode = ok ? 0 : 1;
