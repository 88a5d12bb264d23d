import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CancellationTokenSource, WorkDoneProgress, type CodeAction, type CodeLens, type Diagnostic, type DocumentSymbol, type FoldingRange, type Hover, type TextDocumentEdit, type TextEdit, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { resolveConfig } from '../../src/core/config/resolve';
import { readDocument } from '../../src/core/documents';
import { checkRecord } from '../../src/core/engine';
import { datasetConvention, describeDatasetConvention, withDatasetConvention } from '../../src/core/trace/datasetConvention';
import { LineIndex } from '../../src/core/text/lineIndex';
import { applyEdits, corpusDatasets, corpusDir, offsetOf, open, pullDiagnostics, repoRoot, startClient, type Client } from './lsp';

const line = (o: unknown) => JSON.stringify(o);
const UNCLOSED = line({ id: 'q1', prompt: 'What is 2+2?', completion: '<think>\nAdd them.\n<answer>\\boxed{4}</answer>', answer: '4' });
const CLEAN = line({ id: 'q2', prompt: 'What is 2+3?', completion: '<think>\nAdd "them" — carefully.\n</think>\nThe answer is \\boxed{5}.', answer: '5' });
const STRAY = line({ id: 'q3', prompt: 'Say hi', completion: '<think>\n"quoted"\tand\\back\n</think>\nhi </think> there', answer: 'hi' });
const DATASET = [UNCLOSED, CLEAN, STRAY].join('\n') + '\n';

function textAt(text: string, range: Diagnostic['range']): string {
  return text.slice(offsetOf(text, range.start), offsetOf(text, range.end));
}

/** What the engine itself finds in a whole document, as (line, character) ranges. */
function expectedFindings(text: string, name: string): string[] {
  const base = resolveConfig({});
  const index = new LineIndex(text);
  const out: string[] = [];
  const records = readDocument(text, name);
  // As the server does: the dataset's own convention judges its outliers.
  const config = withDatasetConvention(base, datasetConvention(records, base));
  for (const record of records) {
    const result = record.traces.length ? checkRecord(record, config) : { findings: record.problems };
    for (const f of result.findings) {
      const s = index.position(f.span.start);
      const e = index.position(Math.max(f.span.start, f.span.end));
      out.push(`${f.ruleId}@${s.line}:${s.character}-${e.line}:${e.character}`);
    }
  }
  return out.sort();
}

const asKeys = (items: Diagnostic[]) => items.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();

describe('language server over stdio (pull diagnostics)', function () {
  let client: Client;
  let dir: string;
  let uri: string;
  let text = DATASET;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cot-lsp-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'data.jsonl'), DATASET);
    uri = pathToFileURL(join(dir, 'data.jsonl')).href;
    client = await startClient({ rootPath: dir });
    await open(client, uri, 'jsonl', text);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports findings on the exact characters inside JSON strings, with rule ids and documentation links', async () => {
    const report = await pullDiagnostics(client, uri);
    assert.equal(report.kind, 'full');
    const items = report.items!;
    const unclosed = items.find((d) => d.code === 'unclosed-thought');
    assert.ok(unclosed, JSON.stringify(items));
    assert.equal(unclosed.range.start.line, 0);
    assert.equal(textAt(text, unclosed.range), '<think>');
    assert.equal(unclosed.severity, 1);
    assert.match(unclosed.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/unclosed-thought\.md$/);
    const stray = items.find((d) => d.code === 'duplicate-tag');
    assert.ok(stray, JSON.stringify(items));
    assert.equal(stray.range.start.line, 2);
    // Escapes (\" \t \\) come before the tag on that line: the range must still land on it.
    assert.equal(textAt(text, stray.range), '</think>');
    assert.equal(stray.range.start.character, STRAY.lastIndexOf('</think>'));
    assert.deepEqual(asKeys(items), expectedFindings(text, 'data.jsonl'));
  });

  it('answers "unchanged" when nothing changed', async () => {
    const first = await pullDiagnostics(client, uri);
    const second = await pullDiagnostics(client, uri, first.resultId);
    assert.equal(second.kind, 'unchanged');
  });

  it('hovers with the reward breakdown', async () => {
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 60 } });
    assert.ok(hover);
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\| reward \| value \| weight \| contribution \|/);
    assert.match(value, /\| format \| 1 \|/);
    assert.match(value, /\*\*total\*\*/);
    assert.match(value, /Convention: `r1`/);
    assert.match(value, /Answer: `5` \(from \\boxed\{\}\) · expected `5` · compared `5` with `5` · correct ✓: equal values/);
    assert.match(value, /Record 2 · q2/);
  });

  it('shows a code lens above every record', async () => {
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 3);
    assert.deepEqual(lenses.map((l) => l.range.start.line), [0, 1, 2]);
    assert.match(lenses[1].command!.title, /^reward 3 · format ✓ · lang 1 · acc ✓$/);
    assert.match(lenses[0].command!.title, /format ✗/);
    assert.deepEqual(lenses[1].command!.arguments, [uri, 1]);
  });

  it('lists records, with their think and answer sections, in the outline', async () => {
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['#1 q1', '#2 q2', '#3 q3']);
    assert.equal(symbols[1].detail, 'reward 3');
    assert.deepEqual(symbols[1].children!.map((c) => c.name), ['think', 'answer']);
    const think = symbols[1].children![0];
    assert.equal(textAt(text, think.range), '\\nAdd \\"them\\" — carefully.\\n');
  });

  it('finds records of the open documents by id or number (workspace symbols)', async () => {
    // The outline scores the document; workspace symbols then carry each record's reward.
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const found: Array<{ name: string; containerName?: string; location: { uri: string; range: Diagnostic['range'] } }> = await client.connection.sendRequest('workspace/symbol', { query: 'Q2' });
    assert.deepEqual(
      found.map((s) => [s.name, s.location.uri, s.location.range.start.line]),
      [['#2 q2', uri, 1]],
    );
    assert.match(found[0].containerName ?? '', /^reward \d/);
    const all: unknown[] = await client.connection.sendRequest('workspace/symbol', { query: '' });
    assert.equal(all.length, 3);
  });

  it('serves the breakdown of a record on request', async () => {
    const result: { markdown: string } | null = await client.connection.sendRequest('cotTrace/breakdown', { uri, record: 2 });
    assert.match(result!.markdown, /Record 3 · q3/);
  });

  it('sends a document summary for the language status', async () => {
    const summaries = client.notifications.filter((n) => n.method === 'cotTrace/documentSummary').map((n) => n.params as { uri: string; records: number; meanReward: number; convention: string });
    const last = summaries.filter((s) => s.uri === uri).pop();
    assert.ok(last);
    assert.equal(last.records, 3);
    assert.equal(typeof last.meanReward, 'number');
  });

  it('says in the document summary which convention was assumed and, when no known key holds the traces, the field they were read from', async () => {
    // The traces sit under a key the reader does not list: it finds them by what they hold.
    const lines = [CLEAN, STRAY, UNCLOSED].map((l) => {
      const { id, prompt, completion, answer } = JSON.parse(l) as Record<string, string>;
      return JSON.stringify({ id, problem: prompt, generated_output: completion, expected_answer: answer });
    });
    const other = pathToFileURL(join(dir, 'generated.jsonl')).href;
    await open(client, other, 'jsonl', lines.join('\n') + '\n');
    await pullDiagnostics(client, other);
    await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: other } });
    type Summary = { uri: string; records: number; checked: number; assumed?: string; inferred?: { field: string; records: number } };
    const started = Date.now();
    let last: Summary | undefined;
    while (Date.now() - started < 20_000) {
      last = client.notifications.filter((n) => n.method === 'cotTrace/documentSummary').map((n) => n.params as Summary).filter((s) => s.uri === other).pop();
      if (last) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(last, 'a summary of the document was sent');
    assert.equal(last.records, 3);
    // As the engine says it for the same records (here: no convention holds enough of them to be assumed).
    const text = lines.join('\n') + '\n';
    assert.equal(last.assumed, describeDatasetConvention(datasetConvention(readDocument(text, 'generated.jsonl'), resolveConfig({}))));
    assert.match(last.assumed ?? '', /^none assumed \(each trace judged on its own; the most common convention holds 67% of 3 traces\)$/);
    assert.deepEqual(last.inferred, { field: 'generated_output', records: 3, all: [{ field: 'generated_output', records: 3 }] });
    // The first document's traces are under a known key: nothing was inferred.
    const first = client.notifications.filter((n) => n.method === 'cotTrace/documentSummary').map((n) => n.params as Summary).filter((s) => s.uri === uri).pop();
    assert.equal(first?.inferred, undefined);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
  });

  it('offers quick fixes; applying one and re-linting removes the diagnostic', async () => {
    const report = await pullDiagnostics(client, uri);
    const diagnostic = report.items!.find((d) => d.code === 'unclosed-thought')!;
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Insert </think> before the answer'), titles.join(' | '));
    assert.ok(titles.some((t) => /^Disable unclosed-thought in .*\.cot-trace\.json/.test(t)), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for unclosed-thought'));
    const fix = actions.find((a) => a.title === 'Insert </think> before the answer')!;
    assert.equal(fix.isPreferred, true);
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit & { edits: TextEdit[] };
    const edits: TextEdit[] = change.edits;
    assert.equal(change.textDocument.version, 1);
    text = applyEdits(text, change.edits);
    assert.match(text.split('\n')[0], /Add them\.\\n<\/think>\\n<answer>/);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    const after = await pullDiagnostics(client, uri, report.resultId);
    assert.equal(after.kind, 'full');
    assert.equal(after.items!.some((d) => d.code === 'unclosed-thought'), false);
    assert.deepEqual(asKeys(after.items!), expectedFindings(text, 'data.jsonl'));
  });

  it('keeps positions right when lines are inserted above (incremental re-lint)', async () => {
    const inserted = line({ prompt: 'New', completion: 'no tags at all' }) + '\n\n';
    text = inserted + text;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }],
    });
    const report = await pullDiagnostics(client, uri);
    assert.deepEqual(asKeys(report.items!), expectedFindings(text, 'data.jsonl'));
    const stray = report.items!.find((d) => d.code === 'duplicate-tag')!;
    assert.equal(stray.range.start.line, 4);
  });

  it('fix-all applies every safe fix', async () => {
    const broken = line({ prompt: 'p', completion: '<think>\nx\n<answer>1</answer>' });
    text = `${broken}\n${text}`;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `${broken}\n` }],
    });
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.cotTrace'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.cotTrace');
    const change = actions[0].edit!.documentChanges![0] as TextDocumentEdit & { edits: TextEdit[] };
    assert.equal(change.textDocument.version, 4);
    const fixed = applyEdits(text, change.edits);
    const before = expectedFindings(text, 'data.jsonl').filter((k) => k.startsWith('unclosed-thought')).length;
    assert.ok(before >= 1);
    assert.equal(expectedFindings(fixed, 'data.jsonl').filter((k) => k.startsWith('unclosed-thought')).length, 0);
  });

  it('"Disable rule" writes the rule off into a new .cot-trace.json', async () => {
    const report = await pullDiagnostics(client, uri);
    const diagnostic = report.items!.find((d) => d.code === 'duplicate-tag')!;
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const disable = actions.find((a) => a.title.startsWith('Disable duplicate-tag'))!;
    const [create, edit] = disable.edit!.documentChanges! as [{ kind: string; uri: string }, TextDocumentEdit & { edits: TextEdit[] }];
    assert.equal(create.kind, 'create');
    assert.equal(create.uri, pathToFileURL(join(dir, '.cot-trace.json')).href);
    assert.deepEqual(JSON.parse(edit.edits[0].newText), { rules: { 'duplicate-tag': 'off' } });
  });

  it('re-lints when the config file changes', async () => {
    writeFileSync(join(dir, '.cot-trace.json'), '{\n  // project settings\n  "rules": {"duplicate-tag": "off"}\n}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.cot-trace.json')).href, type: 1 }] });
    const report = await pullDiagnostics(client, uri);
    assert.equal(report.items!.some((d) => d.code === 'duplicate-tag'), false);
    assert.ok(report.items!.length > 0);
    // With a config file present, "disable" edits it in place.
    const other = report.items!.find((d) => d.code === 'unclosed-thought') ?? report.items![0];
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: other.range, context: { diagnostics: [other] } });
    const disable = actions.find((a) => a.title.startsWith(`Disable ${other.code}`))!;
    const edit = disable.edit!.documentChanges![0] as TextDocumentEdit & { edits: TextEdit[] };
    const updated = applyEdits(readFileSync(join(dir, '.cot-trace.json'), 'utf8'), edit.edits);
    assert.match(updated, /\/\/ project settings/);
    assert.match(updated, new RegExp(`"${other.code}": "off"`));
    rmSync(join(dir, '.cot-trace.json'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.cot-trace.json')).href, type: 3 }] });
  });

  it('keeps working with a broken config file, and says what is wrong with it', async () => {
    const file = join(dir, '.cot-trace.json');
    writeFileSync(file, '{ "rules": { "duplicate-tag": "loud" }, "preset": 3, ');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 1 }] });
    const report = await pullDiagnostics(client, uri);
    assert.ok(report.items!.some((d) => d.code === 'duplicate-tag'), 'the invalid severity is ignored, the rule keeps its default');
    const warnings = client.notifications.filter((n) => n.method.startsWith('window/showMessage')).map((n) => (n.params as { message: string }).message);
    assert.ok(warnings.some((m) => m.includes('.cot-trace.json') && m.includes('duplicate-tag')), warnings.join('\n'));
    rmSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 3 }] });
  });

  it('applies editor settings: a rule turned off, and the global downgrade', async () => {
    client.settings = { rules: { 'unclosed-thought': 'off' }, severityOverride: 'info' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const report = await pullDiagnostics(client, uri);
    assert.equal(report.items!.some((d) => d.code === 'unclosed-thought'), false);
    assert.ok(report.items!.length > 0);
    assert.ok(report.items!.every((d) => d.severity === 3));
    client.settings = { codeLens: { enable: false } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 0);
    const again = await pullDiagnostics(client, uri);
    assert.ok(again.items!.some((d) => d.code === 'unclosed-thought'));
    client.settings = {};
  });

  it('ignores JSON files that hold no traces, and survives invalid JSON', async () => {
    const plain = pathToFileURL(join(dir, 'package.json')).href;
    await open(client, plain, 'json', '{"name": "x", "version": "1.0.0"}');
    assert.deepEqual((await pullDiagnostics(client, plain)).items, []);
    const broken = pathToFileURL(join(dir, 'broken.jsonl')).href;
    await open(client, broken, 'jsonl', '{"completion": "<think>a</think>b"}\n{"completion": \n');
    const items = (await pullDiagnostics(client, broken)).items!;
    assert.ok(items.some((d) => d.code === 'invalid-json' && d.range.start.line === 1), JSON.stringify(items));
  });

  it('folds multi-line records and sections of a .cot file', async () => {
    const cot = pathToFileURL(join(dir, 'a.cot')).href;
    const body = 'User: What is 1+1?\nAssistant: <think>\nOne plus one.\nTwo.\n</think>\nIt is 2.\nExpected: 2\n';
    await open(client, cot, 'cot-trace', body);
    const ranges: FoldingRange[] = await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: cot } });
    assert.ok(ranges.some((r) => r.startLine === 0 && r.endLine >= 5), JSON.stringify(ranges));
    assert.ok(ranges.some((r) => r.startLine === 1 && r.endLine === 4), JSON.stringify(ranges));
    const items = (await pullDiagnostics(client, cot)).items!;
    assert.deepEqual(asKeys(items), expectedFindings(body, 'a.cot'));
  });
});

describe('language server over stdio: the real outputs in test/fixtures/corpus', function () {
  let client: Client;
  before(async function () {
    client = await startClient({ rootPath: corpusDir });
  });
  after(() => client?.stop());

  for (const name of corpusDatasets()) {
    it(`${name}: the server reports exactly what the engine finds`, async () => {
      const text = readFileSync(join(corpusDir, name), 'utf8');
      const uri = pathToFileURL(join(corpusDir, name)).href;
      await open(client, uri, name.endsWith('.jsonl') ? 'jsonl' : 'json', text);
      const report = await pullDiagnostics(client, uri);
      // Every corpus file has findings but the minimind one: its only finding was "Font Awesome"
      // taken for English inside Chinese reasoning, a false alarm (a name is not an off-target word).
      assert.equal(report.items!.length > 0, name !== 'minimind_r1_data_toy.jsonl');
      assert.deepEqual(asKeys(report.items!), expectedFindings(text, name));
      const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(lenses.length >= 2);
      assert.ok(lenses.every((l) => /^(reward -?[\d.]+ · format|\d+ traces|not scored)/.test(l.command!.title)), lenses.map((l) => l.command!.title).join('\n'));
    });
  }
});

describe('language server over stdio: big documents (checker threads, edits during a lint)', function () {
  let client: Client;
  before(async () => {
    // Every diagnostic is compared with the engine's, so none is left out of the one report.
    client = await startClient({ env: { COT_TRACE_THREADS: '2' }, settings: { maxProblemsPerReport: 0 } });
  });
  after(() => client.stop());

  it('reports what the engine finds even when lines move while records are checked elsewhere', async () => {
    const records = Array.from({ length: 400 }, (_, i) => [UNCLOSED, CLEAN, STRAY][i % 3].replace('What is', `Q${i}: what is`));
    let text = records.join('\n') + '\n';
    const uri = 'file:///tmp/big-test.jsonl';
    await open(client, uri, 'jsonl', text);
    // Edits arrive right away, while the first lint is running: two lines inserted at the top, one record changed.
    const inserted = `${STRAY}\n${UNCLOSED}\n`;
    text = inserted + text;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }],
    });
    const lines = text.split('\n');
    lines[200] = CLEAN;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 200, character: 0 }, end: { line: 200, character: text.split('\n')[200].length } }, text: CLEAN }],
    });
    text = lines.join('\n');
    const report = await pullDiagnostics(client, uri);
    assert.deepEqual(asKeys(report.items!), expectedFindings(text, 'big.jsonl'));
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 402);
  });

  it('reads a document over a megabyte the same as a small one (the server splits its text into lines while reading the message)', async () => {
    const WIDE = line({ id: 'zh', prompt: '2+2 等于几？', completion: '<think>\n先想一想 "引号" 和 \\ 反斜杠 😀\n答案是四。</think>\n\\boxed{4}', answer: '4' });
    const kinds = [UNCLOSED, CLEAN, STRAY, WIDE];
    const records = Array.from({ length: 9000 }, (_, i) => kinds[i % kinds.length].replace('"id":"', `"id":"${i}-`));
    // A byte order mark, CRLF line ends on some lines and a blank line: kept as the editor sent them.
    let text = '\ufeff';
    records.forEach((r, i) => (text += r + (i % 5 === 0 ? '\r\n' : i === 101 ? '\n\n' : '\n')));
    assert.ok(Buffer.byteLength(text) > 1024 * 1024 + 65536);
    const uri = 'file:///tmp/over-a-megabyte.jsonl';
    await open(client, uri, 'jsonl', text);
    const report = await pullDiagnostics(client, uri);
    assert.deepEqual(asKeys(report.items!), expectedFindings(text, 'big.jsonl'));
    // Record 8996 (unclosed) sits on line 8997, after the blank line; the last record (8999) on line 9000.
    assert.ok(report.items!.some((d) => d.code === 'unclosed-thought' && d.range.start.line === 8997), JSON.stringify(report.items!.filter((d) => d.code === 'unclosed-thought').slice(-2)));
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9000, character: 10 } });
    assert.match(JSON.stringify(hover.contents), /Reward/i);
  });
});

describe('language server over stdio: diagnostics split over several providers (as the VS Code client asks)', function () {
  let client: Client;
  before(async () => {
    client = await startClient({ dynamicDiagnostics: true, initializationOptions: { diagnosticShards: 4 } });
  });
  after(() => client.stop());

  it('registers one provider per part, reports each record in exactly one part, and resends only the part an edit changed', async () => {
    const registered = () => client.registrations.filter((r) => r.method === 'textDocument/diagnostic');
    // The server registers them right after `initialized`.
    for (let i = 0; i < 500 && registered().length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    const ids = registered().map((r) => String(r.registerOptions?.identifier));
    assert.deepEqual(ids, ['cot-trace:0', 'cot-trace:1', 'cot-trace:2', 'cot-trace:3']);
    const records = Array.from({ length: 60 }, (_, i) => [UNCLOSED, CLEAN, STRAY][i % 3].replace('What is', `Q${i}: what is`));
    let text = records.join('\n') + '\n';
    const uri = 'file:///tmp/sharded-test.jsonl';
    await open(client, uri, 'jsonl', text);
    // Scoring in the background replaces every record's result (and so every part's result id):
    // let it finish first (its summary follows it), so that only the edit below changes a part.
    const scored = () => client.notifications.some((n) => n.method === 'cotTrace/documentSummary' && (n.params as { uri: string }).uri === uri);
    for (let i = 0; i < 600 && !scored(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(scored(), 'the document was scored');
    const reports = await Promise.all(ids.map((id) => pullDiagnostics(client, uri, undefined, id)));
    const all = reports.flatMap((r) => r.items!);
    // Together the parts hold exactly what one report would, each diagnostic once.
    assert.deepEqual(asKeys(all).sort(), [...expectedFindings(text, 'sharded.jsonl')].sort());
    assert.ok(reports.every((r) => r.items!.length > 0), 'every part has records of its own');
    const lines = reports.map((r) => new Set(r.items!.map((d) => d.range.start.line)));
    for (let a = 0; a < lines.length; a++) for (let b = a + 1; b < lines.length; b++) assert.ok([...lines[a]].every((l) => !lines[b].has(l)), `parts ${a} and ${b} share a line`);

    // Line 30 holds an unclosed thought: close it. Only the part with line 30 changes.
    const at = text.split('\n')[30];
    assert.equal(at, records[30]);
    const owner = lines.findIndex((set) => set.has(30));
    assert.ok(owner >= 0);
    const fixed = CLEAN.replace('What is', 'Q30: what is');
    text = text.replace(at, fixed);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 30, character: 0 }, end: { line: 30, character: at.length } }, text: fixed }],
    });
    const again = await Promise.all(ids.map((id, i) => pullDiagnostics(client, uri, reports[i].resultId, id)));
    assert.deepEqual(again.map((r) => r.kind), ids.map((_, i) => (i === owner ? 'full' : 'unchanged')));
    const shown = again.flatMap((r, i) => (r.kind === 'full' ? r.items! : reports[i].items!));
    assert.deepEqual(asKeys(shown).sort(), [...expectedFindings(text, 'sharded.jsonl')].sort());
    assert.ok(!shown.some((d) => d.range.start.line === 30 && d.code === 'unclosed-thought'));
  });
});

describe('language server over stdio (push diagnostics, as Neovim and Helix use)', function () {
  let client: Client;
  before(async () => {
    client = await startClient({ pull: false });
  });
  after(() => client.stop());

  it('publishes diagnostics on open and after a change', async () => {
    const uri = 'file:///tmp/push-test.jsonl';
    await open(client, uri, 'jsonl', DATASET);
    const first = await client.waitForPush(uri, (p) => p.diagnostics.length > 0);
    assert.ok(first.diagnostics.some((d) => d.code === 'unclosed-thought'));
    assert.equal(first.version, 1);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: CLEAN + '\n' }] });
    const second = await client.waitForPush(uri, (p) => p.version === 2);
    assert.deepEqual(second.diagnostics, []);
  });
});

describe('one report per document, bounded (a client without pull diagnostics, as Neovim 0.7 asks)', function () {
  let client: Client;
  before(async () => {
    client = await startClient({ pull: false, codeDescription: false, settings: { maxProblemsPerReport: 4 } });
  });
  after(() => client.stop());

  // Records 0, 2, 4 have no thought at all (an error); 1, 3, 5 text before the thought (a warning).
  const lines = Array.from({ length: 6 }, (_, i) =>
    JSON.stringify({ id: `q${i}`, prompt: 'What is 2 + 2?', completion: i % 2 ? `Sure.<think>2 + 2 = 4.</think>\nThe answer is \\boxed{4}.` : `The answer is \\boxed{4}.`, answer: '4' }),
  );

  it('lists the most severe problems up to the limit (errors, then warnings), says how many there are, and sends no links the client does not show', async () => {
    const uri = 'file:///tmp/capped.jsonl';
    await open(client, uri, 'jsonl', lines.join('\n') + '\n');
    const report = await client.waitForPush(uri, (p) => p.diagnostics.length > 0);
    const items = report.diagnostics;
    assert.equal(items.length, 5, JSON.stringify(items.map((d) => [d.code, d.severity])));
    const note = { ...items[4], message: String(items[4].message) };
    assert.equal(note.severity, 3);
    const total = Number(/of the (\d+) problems/.exec(note.message)?.[1]);
    assert.ok(total > 4, note.message);
    assert.match(note.message, /^4 of the \d+ problems in this document are listed .*cotTrace\.maxProblemsPerReport = 4/);
    // The most severe are chosen (all three errors, then one warning), listed in document order.
    assert.deepEqual(items.slice(0, 4).map((d) => d.severity).sort(), [1, 1, 1, 2]);
    assert.deepEqual(items.slice(0, 4).map((d) => d.range.start.line), [0, 1, 2, 4]);
    assert.ok(items.every((d) => d.codeDescription === undefined), JSON.stringify(items[0]));
    // With no limit every problem is listed, the same count the note gave.
    client.settings = { maxProblemsPerReport: 0 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const all = await client.waitForPush(uri, (p) => p.diagnostics.length !== 5);
    assert.equal(all.diagnostics.length, total);
    assert.ok(!all.diagnostics.some((d) => /problems in this document are listed/.test(String(d.message))));
  });
});

describe('documentation links when the docs folder is missing', function () {
  it('writes the rule pages from the rules\' metadata and links there', async () => {
    const client = await startClient({ initializationOptions: { docsBaseUrl: pathToFileURL(join(tmpdir(), 'no-such-cot-docs')).href } });
    try {
      const uri = 'file:///tmp/docs-test.jsonl';
      await open(client, uri, 'jsonl', DATASET);
      const items = (await pullDiagnostics(client, uri)).items!;
      const unclosed = items.find((d) => d.code === 'unclosed-thought')!;
      const page = fileURLToPath(unclosed.codeDescription!.href);
      assert.ok(!page.includes('no-such-cot-docs'));
      assert.match(readFileSync(page, 'utf8'), /^# .*`unclosed-thought`/);
    } finally {
      await client.stop();
    }
  });
});

describe('linting files from disk (too big to open)', function () {
  let client: Client;
  before(async function () {
    assert.equal(corpusDatasets().length, 5, 'test/fixtures/corpus should hold the five real datasets');
    client = await startClient({ rootPath: corpusDir });
  });
  after(() => client?.stop());

  it('streams every dataset of a folder, publishes diagnostics and reports progress', async () => {
    const token = 'lint-1';
    const progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];
    client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      progress.push(value);
    });
    const result: { files: number; records: number; cancelled: boolean; failures: unknown[] } = await client.connection.sendRequest('cotTrace/lintFiles', { paths: [corpusDir], workDoneToken: token });
    assert.equal(result.cancelled, false);
    assert.deepEqual(result.failures, []);
    assert.equal(result.files, 5);
    assert.equal(result.records, 754 + 20 + 20 + 12 + 2);
    const name = 'topology_math500_deepseek_r1.jsonl';
    const pushed = client.pushed.get(pathToFileURL(join(corpusDir, name)).href);
    assert.ok(pushed);
    assert.deepEqual(asKeys(pushed.diagnostics), expectedFindings(readFileSync(join(corpusDir, name), 'utf8'), name));
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal(progress[progress.length - 1]?.kind, 'end');
  });
});

describe('linting a big file from disk can be cancelled', function () {
  let client: Client;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cot-lintfile-'));
    // About 6 MB: the file is read in 1 MB chunks, progress is reported after each.
    const filler = 'Consider the numbers again. '.repeat(50);
    const records = Array.from({ length: 4000 }, (_, i) => (i % 2 ? UNCLOSED : CLEAN).replace('What is', `${filler}Q${i}: what is`));
    writeFileSync(join(dir, 'big.jsonl'), records.join('\n') + '\n');
    client = await startClient({ rootPath: dir });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops when the request is cancelled and says so', async () => {
    const source = new CancellationTokenSource();
    const token = 'lint-cancel';
    let reports = 0;
    client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === 'report' && ++reports === 1) source.cancel();
    });
    const result: { files: number; records: number; cancelled: boolean } = await client.connection.sendRequest(
      'cotTrace/lintFiles',
      { paths: [pathToFileURL(join(dir, 'big.jsonl')).href], workDoneToken: token },
      source.token,
    );
    assert.equal(result.cancelled, true);
    assert.ok(result.records < 4000, `${result.records} records read`);
  });
});

describe('cot-trace server --stdio (the CLI starts the same server)', function () {
  this.timeout(120_000);
  const cli = join(repoRoot, 'dist/cli.js');
  it('answers initialize and reports diagnostics', async function () {
    // The CLI and the server it starts are the built bundles: build them rather than skip.
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' });
    assert.ok(existsSync(cli) && existsSync(join(repoRoot, 'dist/server.js')), 'the build wrote no dist/cli.js or dist/server.js');
    const client = await startClient({ script: cli, args: ['server', '--stdio'] });
    try {
      const uri = 'file:///tmp/cli-server.jsonl';
      await open(client, uri, 'jsonl', DATASET);
      const report = await pullDiagnostics(client, uri);
      assert.ok(report.items!.some((d) => d.code === 'unclosed-thought'));
    } finally {
      await client.stop();
    }
  });
});
