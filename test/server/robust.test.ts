/**
 * The server under bad input, over a real stdio connection: deeply nested lines, lone
 * carriage returns, characters outside the BMP.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { resolveConfig } from '../../src/core/config/resolve';
import { readJsonlLine } from '../../src/core/documents';
import { checkRecord } from '../../src/core/engine';
import { applyEdits, offsetOf, open, pullDiagnostics, serverBundle, startClient, type Client } from './lsp';

const line = (o: unknown) => JSON.stringify(o);
const UNCLOSED = line({ id: 'q1', prompt: 'What is 2+2?', completion: '<think>\nAdd them.\n<answer>\\boxed{4}</answer>', answer: '4' });
const CLEAN = line({ id: 'q2', prompt: 'What is 2+3?', completion: '<think>\nAdd them.\n</think>\nThe answer is \\boxed{5}.', answer: '5' });
const STRAY = line({ id: 'q3', prompt: 'Say hi', completion: '<think>\nhi\n</think>\nhi </think> there', answer: 'hi' });

/** The LSP lines of a text (ended by \n, \r\n or a lone \r). */
const lspLines = (text: string) => text.split(/\r\n|\r|\n/);

/** What the engine finds on each line checked on its own, as `rule@line:start-end`. */
function expectedPerLine(text: string): string[] {
  const config = resolveConfig({});
  const out: string[] = [];
  let index = 0;
  lspLines(text).forEach((lineText, n) => {
    if (!lineText.trim()) return;
    const record = readJsonlLine(lineText, { index: index++, line: 0, offset: 0 });
    const findings = record.traces.length ? checkRecord(record, config).findings : record.problems;
    for (const f of findings) out.push(`${f.ruleId}@${n}:${f.span.start}-${n}:${Math.max(f.span.start, f.span.end)}`);
  });
  return out.sort();
}

const asKeys = (items: Diagnostic[]) => items.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();

describe('language server over stdio: lines end at \\n, \\r\\n and a lone \\r (as LSP says)', function () {
  let client: Client;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cot-lsp-cr-'));
    mkdirSync(join(dir, '.git'));
    client = await startClient({ rootPath: dir });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts diagnostics and quick-fix edits on the record the editor shows', async () => {
    const uri = pathToFileURL(join(dir, 'cr.jsonl')).href;
    let text = `${CLEAN}\r${STRAY}\r${CLEAN}\r\n${UNCLOSED}\n${CLEAN}\r`;
    await open(client, uri, 'jsonl', text);
    const report = await pullDiagnostics(client, uri);
    assert.deepEqual(asKeys(report.items!), expectedPerLine(text));
    const unclosed = report.items!.find((d) => d.code === 'unclosed-thought')!;
    assert.equal(unclosed.range.start.line, 3);
    assert.equal(text.slice(offsetOf(text, unclosed.range.start), offsetOf(text, unclosed.range.end)), '<think>');
    const stray = report.items!.find((d) => d.code === 'duplicate-tag')!;
    assert.equal(stray.range.start.line, 1);

    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: unclosed.range,
      context: { diagnostics: [unclosed] },
    });
    const fix = actions.find((a) => a.title === 'Insert </think> before the answer')!;
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const edits = (fix.edit!.documentChanges![0] as TextDocumentEdit & { edits: TextEdit[] }).edits;
    text = applyEdits(text, edits);
    assert.match(lspLines(text)[3], /Add them\.\\n<\/think>\\n<answer>/);
    assert.equal(lspLines(text)[1], STRAY);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: (e as TextEdit).newText })) });
    const after = await pullDiagnostics(client, uri, report.resultId);
    assert.deepEqual(asKeys(after.items!), expectedPerLine(text));
    assert.equal(after.items!.some((d) => d.code === 'unclosed-thought'), false);

    // Typing a \n after a lone \r makes it one \r\n: the lines join and nothing moves.
    const joinEdit = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' };
    text = applyEdits(text, [{ range: joinEdit.range, newText: joinEdit.text }]);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [joinEdit] });
    const joined = await pullDiagnostics(client, uri);
    assert.deepEqual(asKeys(joined.items!), expectedPerLine(text));
    assert.equal(joined.items!.find((d) => d.code === 'duplicate-tag')!.range.start.line, 1);
  });
});

describe('language server over stdio: a deeply nested line', function () {
  let client: Client;
  before(async () => {
    client = await startClient();
  });
  after(() => client.stop());

  it('is one invalid-json finding; the other lines are checked, and go on being checked after edits', async () => {
    const uri = 'file:///tmp/deep-line.jsonl';
    const deep = '{"completion":' + '['.repeat(20_000);
    let text = [UNCLOSED, deep, STRAY].join('\n');
    await open(client, uri, 'jsonl', text);
    const report = await pullDiagnostics(client, uri);
    assert.deepEqual(asKeys(report.items!), expectedPerLine(text));
    assert.deepEqual(
      report.items!.filter((d) => d.code === 'invalid-json').map((d) => d.range.start.line),
      [1],
    );
    const edit = { range: { start: { line: 2, character: 0 }, end: { line: 2, character: STRAY.length } }, text: UNCLOSED };
    text = [UNCLOSED, deep, UNCLOSED].join('\n');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [edit] });
    const after = await pullDiagnostics(client, uri);
    assert.deepEqual(asKeys(after.items!), expectedPerLine(text));
  });

  it('a 1,000,000-deep .json document is reported, and the server answers afterwards', async () => {
    const uri = 'file:///tmp/deep.json';
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'json', version: 1, text: '[{"completion":"<think>x</think>y","x":' + '['.repeat(1_000_000) + ']'.repeat(1_000_000) + '}]' },
    });
    const report = await pullDiagnostics(client, uri);
    assert.ok(report.items!.some((d) => d.code === 'missing-summary'), JSON.stringify(report.items));
  });
});

describe('language server over stdio: bad message frames', function () {
  this.timeout(30_000);

  /** Starts the server bundle with raw stdio; collects what it writes. */
  async function raw() {
    const child = spawn(process.execPath, [await serverBundle(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const send = (body: string) => child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const waitFor = async (re: RegExp, ms = 10_000) => {
      const until = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > until) throw new Error(`no ${re} in ${out.slice(0, 500)} / ${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { child, send, waitFor, exited, get out() { return out; }, get err() { return err; } };
  }

  it('a null body (and other non-messages) is refused with a reason; the next request is answered', async () => {
    const s = await raw();
    try {
      s.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } }));
      await s.waitFor(/"id":1/);
      for (const body of ['null', '42', '[]', '"x"']) s.send(body);
      s.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
      await s.waitFor(/"id":2/);
      assert.equal(s.child.exitCode, null);
      assert.match(s.err, /not a JSON-RPC message \(null\)/);
      assert.doesNotMatch(s.err, /\n\s+at /);
    } finally {
      s.child.kill();
    }
  });

  for (const length of [5_000_000_000, 2_000_000_000]) {
    it(`a Content-Length of ${length} bytes closes the server at once, with the reason logged`, async () => {
      const s = await raw();
      try {
        s.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } }));
        await s.waitFor(/"id":1/);
        s.child.stdin.write(`Content-Length: ${length}\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}`);
        const code = await Promise.race([s.exited, new Promise((r) => setTimeout(() => r('hang'), 5000))]);
        assert.equal(code, 1);
        assert.match(s.err, new RegExp(`a message of ${length} bytes was announced`));
        assert.doesNotMatch(s.err, /\n\s+at /);
      } finally {
        s.child.kill();
      }
    });
  }
});

describe('language server over stdio: $/cancelRequest', function () {
  this.timeout(60_000);
  let client: Client;
  before(async () => {
    client = await startClient();
  });
  after(() => client.stop());

  it('answers a cancelled request with RequestCancelled at once, not after the whole lint', async () => {
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
    const filler = 'Consider the numbers again. '.repeat(20);
    const records = Array.from({ length: 6000 }, (_, i) => [UNCLOSED, CLEAN, STRAY][i % 3].replace('What is', `${filler}Q${i}: what is`));
    const uri = 'file:///tmp/cancel-big.jsonl';
    await open(client, uri, 'jsonl', records.join('\n'));
    const source = new CancellationTokenSource();
    const started = Date.now();
    const lenses = client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }, source.token);
    setTimeout(() => source.cancel(), 50);
    const error = await lenses.then(
      () => undefined,
      (e: { code: number; message: string }) => e,
    );
    const answeredAfter = Date.now() - started;
    assert.ok(error, 'the request was answered with results although cancelled');
    assert.equal(error.code, -32800, error.message);
    // The same work, not cancelled, takes longer than the cancelled answer did.
    const t = Date.now();
    const done: unknown[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(done.length, 6000);
    assert.ok(answeredAfter < 50 + (Date.now() - t) + 1000, `${answeredAfter} ms`);
  });
});
