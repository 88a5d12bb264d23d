// Language server benchmark: spawns the built server (node dist/server.js --stdio), talks to
// it over JSON-RPC like an editor, and measures for generated JSON Lines datasets of
// 0.2, 5 and 20 MB:
//   - first diagnostics: didOpen → the first full diagnostic report;
//   - edit latency: one character typed inside one record (didChange) → the next report;
//   - server memory: peak RSS (VmHWM) and current RSS, from /proc/<pid>/status.
//   node bench/lsp.mjs [--sizes 0.2,5,20] [--edits 15]
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
const edits = Number(arg('edits', 15));

if (!existsSync('dist/server.js')) {
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

async function measure(mb) {
  const file = dataset(mb);
  const text = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let settings = {};
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('cotTrace/documentSummary', () => {});
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {}, synchronization: {} } },
  });
  await connection.sendNotification('initialized', {});
  const baseline = memory(child.pid);
  const uri = pathToFileURL(`${process.cwd()}/${file}`).href;

  const cpuBefore = cpuMs(child.pid);
  const started = performance.now();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'jsonl', version: 1, text } });
  let report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const first = performance.now() - started;
  const firstCpu = cpuMs(child.pid) - cpuBefore;
  const diagnostics = report.items.length;
  const lines = text.split('\n');
  const records = lines.filter((l) => l.trim()).length;

  // Type into the thought of a record in the middle, one character per edit.
  const target = Math.floor(lines.length / 2);
  let column = lines[target].indexOf('<think>') + 20;
  let version = 1;
  const typeSome = async () => {
    const latencies = [];
    for (let i = 0; i < edits; i++) {
      version++;
      const started = performance.now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: target, character: column }, end: { line: target, character: column } }, text: 'x' }],
      });
      column++;
      report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
      latencies.push(performance.now() - started);
      if (report.kind !== 'full') throw new Error('expected a full report after an edit');
    }
    return median(latencies);
  };
  const edit = await typeSome();
  // The same edits with the rules that fire on most records turned off: the report shrinks,
  // which shows how much of the latency is the size of the full diagnostics report.
  settings = { rules: Object.fromEntries(NOISY_RULES.map((id) => [id, 'off'])) };
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const sparseDiagnostics = report.items.length;
  const sparseEdit = await typeSome();
  const { hwm, rss } = memory(child.pid);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
  return { mb, bytes, records, diagnostics, first, firstCpu, edit, sparseDiagnostics, sparseEdit, hwm, rss, baseline: baseline.rss };
}

const rows = [];
for (const mb of sizes) rows.push(await measure(mb));
const MB = (b) => (b / 1e6).toFixed(1);
console.log('\nLanguage server (node dist/server.js --stdio), JSON Lines datasets:');
console.log('size      records  diagnostics  first diagnostics (server CPU)  edit→diagnostics (median)  same, sparse report  peak RSS (VmHWM)  RSS after  peak/size');
for (const r of rows) {
  console.log(
    `${`${MB(r.bytes)} MB`.padEnd(9)} ${String(r.records).padStart(7)}  ${String(r.diagnostics).padStart(11)}  ${`${r.first.toFixed(0)} ms (${r.firstCpu} ms)`.padStart(30)}  ${`${r.edit.toFixed(1)} ms`.padStart(25)}  ${`${r.sparseEdit.toFixed(1)} ms (${r.sparseDiagnostics})`.padStart(19)}  ${`${MB(r.hwm)} MB`.padStart(16)}  ${`${MB(r.rss)} MB`.padStart(9)}  ${(r.hwm / r.bytes).toFixed(1).padStart(9)}×`,
  );
}
const small = rows[0];
const big = rows[rows.length - 1];
console.log(`server RSS before opening anything: ${MB(small.baseline)} MB; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${availableParallelism()} cores`);
if (rows.length > 1) {
  console.log(`edit latency ${MB(big.bytes)} MB vs ${MB(small.bytes)} MB: ${(big.edit / small.edit).toFixed(2)}× (target ≤ 2×); with a sparse report: ${(big.sparseEdit / small.sparseEdit).toFixed(2)}×`);
  console.log(`first diagnostics at ${MB(big.bytes)} MB: ${(big.first / 1000).toFixed(2)} s (target < 2 s)`);
  console.log(`peak memory at ${MB(big.bytes)} MB: ${(big.hwm / big.bytes).toFixed(2)}× the file (target ≤ 4×); above the idle server: ${((big.hwm - big.baseline) / big.bytes).toFixed(2)}×`);
}
