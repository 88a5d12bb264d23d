// Counts the path of one trace through the language server: the project's functions that run,
// and the files they are in, from the `didOpen` of a one-record JSON Lines document to the
// diagnostics a pull returns (and the background scoring that follows, up to the summary). The server runs from the sources under V8's precise coverage;
// a session that only starts and stops is subtracted, so what is left is the trace's path.
//   node --require tsx/cjs scripts/trace-path.ts [ROOT]   (ROOT: a checkout, default this one)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const root = resolve(process.argv[2] ?? join(__dirname, '..'));
const RECORD = JSON.stringify({ prompt: 'What is 2+2?', completion: '<think>\nAdd them.\n<answer>\\boxed{4}</answer>', answer: '4' });

async function session(withTrace: boolean): Promise<Set<string>> {
  const work = mkdtempSync(join(tmpdir(), 'cot-path-'));
  mkdirSync(join(work, '.git'));
  const file = join(work, 'data.jsonl');
  writeFileSync(file, RECORD + '\n');
  const coverage = join(work, 'coverage');
  const tsx = join(root, 'node_modules/tsx/dist/cjs/index.cjs');
  const child = spawn(process.execPath, ['--require', tsx, join(root, 'src/server/server.ts'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_V8_COVERAGE: coverage, COT_TRACE_THREADS: '0' },
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  // The server scores a document in the background once it is linted, then sends its summary: waited for, so every run measures the same work.
  const summarized = new Promise<void>((done) => connection.onNotification('cotTrace/documentSummary', () => done()));
  connection.listen();
  const uri = pathToFileURL(file).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(work).href, capabilities: { textDocument: { diagnostic: {} } } });
  await connection.sendNotification('initialized', {});
  if (withTrace) {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'jsonl', version: 1, text: RECORD + '\n' } });
    const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
    if (!report.items.length) throw new Error('no diagnostic: the record should have one');
    await summarized;
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((done) => child.on('exit', done));
  connection.dispose();
  const ran = new Set<string>();
  for (const name of readdirSync(coverage)) {
    const { result } = JSON.parse(readFileSync(join(coverage, name), 'utf8')) as { result: Array<{ url: string; functions: Array<{ functionName: string; ranges: Array<{ startOffset: number; count: number }> }> }> };
    for (const script of result) {
      if (!script.url.startsWith('file:')) continue;
      const path = relative(root, fileURLToPath(script.url));
      if (!path.startsWith('src/')) continue;
      // By name: the transpiler's export getters (`get`, and arrows named after what they export) fold into the function itself.
      for (const fn of script.functions) if (fn.ranges[0].count > 0 && fn.functionName && fn.functionName !== 'get' && !fn.functionName.startsWith('<')) ran.add(`${path} ${fn.functionName}`);
    }
  }
  rmSync(work, { recursive: true, force: true });
  return ran;
}

void (async () => {
  const idle = await session(false);
  const traced = await session(true);
  const path = [...traced].filter((f) => !idle.has(f));
  const files = new Set(path.map((f) => f.split(' ')[0]));
  const rules = path.filter((f) => f.startsWith('src/core/rules/') && !f.startsWith('src/core/rules/util') && !f.startsWith('src/core/rules/index')).length;
  console.log(JSON.stringify({ functions: path.length, files: files.size, ruleFunctions: rules, outsideRules: path.length - rules, filesOutsideRules: [...files].filter((f) => !f.startsWith('src/core/rules/')).length }));
  if (process.env.TRACE_PATH_LIST) for (const f of path.sort()) console.log(f);
})();
