// Language server benchmark: spawns the built server (node dist/server.js --stdio, with the
// Node.js flags every launcher of the server uses), talks to
// it over JSON-RPC like an editor, and measures for generated JSON Lines datasets of
// 0.2, 5 and 20 MB:
//   - first diagnostics: didOpen → the first full diagnostic report;
//   - edit latency: one character typed inside one record (didChange) → the next report,
//     typed into every size in turn, in rounds;
//     measured like VS Code asks (the diagnostics split over 16 pull providers, every one
//     pulled after each change) and like a client with one report per document;
//   - server memory: peak RSS (VmHWM) and current RSS, from /proc/<pid>/status.
//   node bench/lsp.mjs [--sizes 0.2,5,20] [--edits 25] [--shards 16] [--push-only]
//     [--server dist/server.js[,other/server.js]] [--server-flags "--cpu-prof --cpu-prof-dir=/tmp/p"]
//   With several servers (--push-only only), each is measured in the same rounds, one after
//   the other, so a before and an after build see the same state of the machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const sizes = String(arg('sizes', '0.2,5,20')).split(',').map(Number);
const edits = Number(arg('edits', 25));
/** Diagnostic providers the VS Code extension asks for (src/extension/client.ts). */
const SHARDS = Number(arg('shards', 16));
/** Node.js flags the server runs with, as in src/server/launch.ts (a unit test keeps the two equal). */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=2', '--optimize-for-size'];
/** Server bundles to measure (the first one outside --push-only). */
const servers = String(arg('server', 'dist/server.js')).split(',');
/** More Node.js flags for the server (a profiler, say). */
const extraFlags = String(arg('server-flags', '')).split(' ').filter(Boolean);
const serverArgs = (server) => [...SERVER_NODE_FLAGS, ...extraFlags, server, '--stdio'];

if (servers.includes('dist/server.js') && !existsSync('dist/server.js')) {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

function dataset(mb) {
  const file = `bench/data/traces-${mb}mb.jsonl`;
  if (!existsSync(file)) {
    const gen = spawnSync(process.execPath, ['bench/generate.mjs', String(mb), file], { stdio: 'inherit' });
    if (gen.status !== 0) process.exit(1);
  }
  return file;
}

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { hwm: kb('VmHWM') * 1024, rss: kb('VmRSS') * 1024 };
}

/** Rules that report on most generated records (wrong answers, mixed languages, cut-off thoughts). */
const NOISY_RULES = ['language-mixing', 'answer-incorrect', 'answer-missing', 'missing-summary', 'truncated', 'missing-thought', 'missing-answer-section'];

/** CPU time (user + system) a process has used, in ms (clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Waits until a process has used no CPU for a while (a server scoring in the background). */
async function quiet(pid) {
  for (let i = 0; i < 50; i++) {
    const before = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 300));
    if (cpuMs(pid) === before) return;
  }
}

/**
 * Starts a server, opens the dataset of `mb` MB in it and measures the first diagnostics;
 * returns a session to type into and, at the end, the row of results.
 */
async function open(mb, shards) {
  const file = dataset(mb);
  const text = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  const child = spawn(process.execPath, serverArgs(servers[0]), { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let settings = {};
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  /** Diagnostic provider identifiers the server registered (none: one static provider). */
  const providers = [];
  connection.onRequest('client/registerCapability', (params) => {
    for (const r of params.registrations) if (r.method === 'textDocument/diagnostic') providers.push(r.registerOptions.identifier);
    return null;
  });
  connection.onNotification('cotTrace/documentSummary', () => {});
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: true }, synchronization: {} } },
    initializationOptions: { diagnosticShards: shards },
  });
  await connection.sendNotification('initialized', {});
  const baseline = memory(child.pid);
  // Registrations arrive right after `initialized`.
  for (let i = 0; i < 100 && shards > 1 && providers.length < shards; i++) await new Promise((r) => setTimeout(r, 10));
  if (shards > 1 && providers.length !== shards) throw new Error(`expected ${shards} diagnostic providers, got ${providers.length}`);
  const ids = providers.length ? providers : [undefined];
  /** Last report per provider: what the client shows. */
  const shown = new Map();
  let fullReports = 0;
  /** Pulls every provider, as the client does after a change; resolves when all answered. */
  const pullAll = () =>
    Promise.all(
      ids.map(async (identifier) => {
        const previous = shown.get(identifier);
        const report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, identifier, previousResultId: previous?.resultId });
        if (report.kind === 'full') {
          fullReports++;
          shown.set(identifier, report);
        }
      }),
    );
  const shownCount = () => [...shown.values()].reduce((n, r) => n + r.items.length, 0);
  const uri = pathToFileURL(`${process.cwd()}/${file}`).href;

  const cpuBefore = cpuMs(child.pid);
  const started = performance.now();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'jsonl', version: 1, text } });
  await pullAll();
  const first = performance.now() - started;
  const firstCpu = cpuMs(child.pid) - cpuBefore;
  const diagnostics = shownCount();
  const lines = text.split('\n');
  const records = lines.filter((l) => l.trim()).length;

  // Type into the thought of a record in the middle, one character per edit.
  const target = Math.floor(lines.length / 2);
  let column = lines[target].indexOf('<think>') + 20;
  let version = 1;
  const typeSome = async (count) => {
    const latencies = [];
    for (let i = 0; i < count; i++) {
      version++;
      const started = performance.now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: target, character: column }, end: { line: target, character: column } }, text: 'x' }],
      });
      column++;
      const before = fullReports;
      await pullAll();
      latencies.push(performance.now() - started);
      if (fullReports === before) throw new Error('expected a new report after an edit');
    }
    return latencies;
  };
  await quiet(child.pid);
  const typed = [];
  const sparseTyped = [];
  let sparseDiagnostics = 0;
  return {
    type: async (count) => typed.push(...(await typeSome(count))),
    // The same edits with the rules that fire on most records turned off: the report shrinks,
    // which shows how much of the latency is the size of the full diagnostics report.
    goSparse: async () => {
      settings = { rules: Object.fromEntries(NOISY_RULES.map((id) => [id, 'off'])) };
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await pullAll();
      sparseDiagnostics = shownCount();
      await quiet(child.pid);
    },
    typeSparse: async (count) => sparseTyped.push(...(await typeSome(count))),
    finish: async () => {
      const { hwm, rss } = memory(child.pid);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
      child.kill();
      return { mb, bytes, records, diagnostics, first, firstCpu, edit: median(typed), sparseDiagnostics, sparseEdit: median(sparseTyped), hwm, rss, baseline: baseline.rss, providers: ids.length };
    },
  };
}

/**
 * Opens every size in its own server, then types into them in rounds, size after size, so
 * that the edit latencies of all sizes are taken under the same conditions of the machine
 * (on a shared virtual machine its speed drifts over a minute).
 */
async function measureAll(shards) {
  const sessions = [];
  for (const mb of sizes) sessions.push(await open(mb, shards));
  const rounds = Math.max(1, Math.min(5, edits));
  const per = Math.ceil(edits / rounds);
  const inRounds = async (type) => {
    for (let round = 0; round < rounds; round++) for (const s of sessions) await type(s, per);
  };
  await inRounds((s, n) => s.type(n));
  for (const s of sessions) await s.goSparse();
  await inRounds((s, n) => s.typeSparse(n));
  const out = [];
  for (const s of sessions) out.push(await s.finish());
  return out;
}

/**
 * Push mode (clients without pull diagnostics: one `publishDiagnostics` per document, e.g.
 * Neovim before 0.10, Helix): one character typed inside one record → the notification for
 * that version. The server waits PUSH_DEBOUNCE_MS (150 ms) after a change before it lints;
 * the wall time below has that subtracted, and the server's CPU time per edit (clock ticks
 * of 10 ms from /proc, summed over the edits) is given beside it, since the machine is shared.
 */
const PUSH_DEBOUNCE_MS = 150;
async function measurePush(mb, count, server) {
  const file = dataset(mb);
  const text = readFileSync(file, 'utf8');
  const child = spawn(process.execPath, serverArgs(server), { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onNotification('cotTrace/documentSummary', () => {});
  const uri = pathToFileURL(`${process.cwd()}/${file}`).href;
  let waiting;
  let diagnostics = 0;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.uri !== uri || !waiting || params.version !== waiting.version) return;
    diagnostics = params.diagnostics.length;
    waiting.done();
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { synchronization: {} } } });
  await connection.sendNotification('initialized', {});
  const reported = (version) => new Promise((done) => (waiting = { version, done }));
  let got = reported(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'jsonl', version: 1, text } });
  await got;
  await quiet(child.pid);
  const lines = text.split('\n');
  const target = Math.floor(lines.length / 2);
  let column = lines[target].indexOf('<think>') + 20;
  const walls = [];
  const cpuBefore = cpuMs(child.pid);
  for (let version = 2; version < count + 2; version++) {
    got = reported(version);
    const started = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: target, character: column }, end: { line: target, character: column } }, text: 'x' }],
    });
    column++;
    await got;
    walls.push(performance.now() - started - PUSH_DEBOUNCE_MS);
    // Background scoring follows each lint: let it finish so it is not counted in the next edit.
    await quiet(child.pid);
  }
  const cpu = (cpuMs(child.pid) - cpuBefore) / count;
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  // Let the server leave on its own (a profile is written on exit).
  await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
  connection.dispose();
  child.kill();
  return { mb, bytes: Buffer.byteLength(text), diagnostics, wall: median(walls), cpu };
}

if (process.argv.includes('--push-only')) {
  const pushEdits = Math.max(3, Math.min(edits, 15));
  const runs = servers.map(() => ({ small: [], big: [] }));
  // Alternated, size after size (and server after server), so all see the same state of the machine.
  for (let round = 0; round < 3; round++) {
    for (const [i, server] of servers.entries()) {
      runs[i].small.push(await measurePush(sizes[0], pushEdits, server));
      runs[i].big.push(await measurePush(sizes[sizes.length - 1], pushEdits, server));
    }
  }
  const pick = (list) => ({ ...list[0], wall: median(list.map((r) => r.wall)), cpu: median(list.map((r) => r.cpu)) });
  for (const [i, server] of servers.entries()) {
    const [s, b] = [pick(runs[i].small), pick(runs[i].big)];
    console.log(`\nPush mode (publishDiagnostics, one report per document), one character typed into one record${servers.length > 1 ? ` (${server})` : ''}:`);
    for (const r of [s, b]) console.log(`${(r.bytes / 1e6).toFixed(1)} MB: ${r.diagnostics} diagnostics, edit→notification ${r.wall.toFixed(1)} ms after the debounce, server CPU ${r.cpu.toFixed(1)} ms per edit (lint + background scoring)`);
    console.log(`push edit ${(b.bytes / 1e6).toFixed(1)} MB vs ${(s.bytes / 1e6).toFixed(1)} MB: wall ${(b.wall / s.wall).toFixed(2)}×, server CPU ${(b.cpu / Math.max(s.cpu, 1)).toFixed(2)}× (target ≤ 4×)`);
    console.log(`  per round: wall ${runs[i].small.map((r, k) => `${r.wall.toFixed(1)}→${runs[i].big[k].wall.toFixed(1)}`).join(', ')} ms; CPU ${runs[i].small.map((r, k) => `${r.cpu.toFixed(1)}→${runs[i].big[k].cpu.toFixed(1)}`).join(', ')} ms`);
  }
  process.exit(0);
}

const rows = await measureAll(SHARDS);
const single = SHARDS > 1 ? await measureAll(0) : [];
const MB = (b) => (b / 1e6).toFixed(1);
const table = (title, list) => {
  console.log(`\n${title}`);
  console.log('size      records  diagnostics  first diagnostics (server CPU)  edit→diagnostics (median)  same, sparse report  peak RSS (VmHWM)  RSS after  peak/size');
  for (const r of list) {
    console.log(
      `${`${MB(r.bytes)} MB`.padEnd(9)} ${String(r.records).padStart(7)}  ${String(r.diagnostics).padStart(11)}  ${`${r.first.toFixed(0)} ms (${r.firstCpu} ms)`.padStart(30)}  ${`${r.edit.toFixed(1)} ms`.padStart(25)}  ${`${r.sparseEdit.toFixed(1)} ms (${r.sparseDiagnostics})`.padStart(19)}  ${`${MB(r.hwm)} MB`.padStart(16)}  ${`${MB(r.rss)} MB`.padStart(9)}  ${(r.hwm / r.bytes).toFixed(1).padStart(9)}×`,
    );
  }
};
table(`Language server (node ${servers[0]} --stdio), JSON Lines datasets, diagnostics over ${rows[0].providers} pull provider(s) as VS Code asks:`, rows);
if (single.length) table('The same, one diagnostic report per document (clients that do not split them):', single);
const small = rows[0];
const big = rows[rows.length - 1];
console.log(`\nserver RSS before opening anything: ${MB(small.baseline)} MB; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${availableParallelism()} cores`);
if (rows.length > 1) {
  const editRatio = big.edit / small.edit;
  console.log(`edit latency ${MB(big.bytes)} MB vs ${MB(small.bytes)} MB: ${editRatio.toFixed(2)}× (target ≤ 2×) ${editRatio <= 2 ? 'met' : 'MISSED'}; with a sparse report: ${(big.sparseEdit / small.sparseEdit).toFixed(2)}×`);
  if (single.length > 1) console.log(`  with one report per document: ${(single[single.length - 1].edit / single[0].edit).toFixed(2)}×`);
  console.log(`first diagnostics at ${MB(big.bytes)} MB: ${(big.first / 1000).toFixed(2)} s (target < 2 s) ${big.first < 2000 ? 'met' : 'MISSED'}`);
  // The memory the server needs for a file is its peak above what it holds before opening
  // anything (Node.js and the server's code: about 50 MB on any file).
  const above = (big.hwm - big.baseline) / big.bytes;
  console.log(`server memory at ${MB(big.bytes)} MB, peak above the idle server: ${above.toFixed(2)}× the file (target ≤ 4×) ${above <= 4 ? 'met' : 'MISSED'}; whole process at its peak: ${(big.hwm / big.bytes).toFixed(2)}×`);
}
// What stays once the document is checked (live heap after a full collection), apart from
// the protocol's transient copies of the arriving document that the peak includes.
const retained = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/lsp-retained.ts', dataset(sizes[sizes.length - 1])], { encoding: 'utf8' });
if (retained.status === 0) {
  const r = JSON.parse(retained.stdout.trim().split('\n').pop());
  console.log(`kept for the open ${MB(r.bytes)} MB document (text as lines + every result, live heap): ${MB(r.retainedBytes)} MB = ${r.perFileByte.toFixed(2)}× the file (target ≤ 4×)`);
} else console.log(`(could not measure the kept memory: ${retained.stderr.trim().split('\n').pop()})`);
