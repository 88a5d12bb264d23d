import * as assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config/resolve';
import { pushedDiagnostics } from '../../src/server/diagnostics';
import { documentChecker, OpenDocument } from '../../src/server/documents';
import { toDiagnostics } from '../../src/server/features';
import { encodeMessage } from '../../src/server/prebuilt';

const record = (i: number, answer: string) =>
  JSON.stringify({ id: `r${i}`, prompt: `What is ${i} + 1? ünïcode 数学`, completion: `<think>Adding one to ${i}. Wait, ${i} plus 1 — let me check.</think>\n${answer}`, answer: String(i + 1) });

function publish(doc: OpenDocument, diagnostics: unknown[]) {
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: doc.uri, version: doc.version, diagnostics } };
}

describe('push diagnostics written from pre-serialised pieces', () => {
  it('gives the bytes of JSON.stringify of the whole notification over edits that add and remove lines and records', () => {
    const lines = Array.from({ length: 40 }, (_, i) => record(i, i % 3 ? `The answer is \\boxed{${i}}` : ''));
    lines.splice(7, 0, '');
    const doc = new OpenDocument('file:///d.jsonl', 'jsonl', 1, lines.join('\n'), '/d.jsonl');
    const checker = documentChecker(resolveConfig({}));
    const settings = { severityOverride: 'none' } as Parameters<typeof toDiagnostics>[1];
    const url = (id: string) => `https://example.invalid/rules/${id}.md`;
    const edits = [
      { range: { start: { line: 3, character: 10 }, end: { line: 3, character: 10 } }, text: 'x' }, // inside a record
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: `${record(90, '')}\n` }, // a record added above others
      { range: { start: { line: 10, character: 0 }, end: { line: 12, character: 0 } }, text: '' }, // two records removed
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }, // blank lines: everything moves down
      { range: { start: { line: 20, character: 5 }, end: { line: 20, character: 9 } }, text: '"' }, // a record broken
      { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }, // one blank line removed
    ];
    let version = 1;
    let compared = 0;
    for (const edit of [undefined, ...edits]) {
      if (edit) doc.update([edit], ++version);
      doc.checkSome(checker, () => false, false);
      const pushed = pushedDiagnostics(doc, settings, url);
      const plain = toDiagnostics(doc, settings, url);
      assert.deepEqual(pushed, plain);
      const expected = Buffer.from(JSON.stringify(publish(doc, plain)), 'utf8');
      assert.ok(plain.length > 5, 'the document has diagnostics to compare');
      assert.equal(encodeMessage(publish(doc, pushed) as never).toString('utf8'), expected.toString('utf8'));
      assert.ok(encodeMessage(publish(doc, pushed) as never).equals(expected));
      // The same pieces answer a pull with one report per document.
      const response = (items: unknown[]) => ({ jsonrpc: '2.0', id: version, result: { kind: 'full', resultId: `1:${version}`, items } });
      assert.ok(encodeMessage(response(pushed) as never).equals(Buffer.from(JSON.stringify(response(plain)), 'utf8')));
      compared++;
    }
    assert.equal(compared, edits.length + 1);
  });

  it('cuts a report to the limit (errors, then warnings, then information) from the same pieces, over edits', () => {
    const lines = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? record(i, '').replace('</think>', '') : record(i, i % 3 ? `The answer is \\boxed{${i}}` : '')));
    const doc = new OpenDocument('file:///c.jsonl', 'jsonl', 1, lines.join('\n'), '/c.jsonl');
    const checker = documentChecker(resolveConfig({}));
    const settings = { severityOverride: 'none', maxProblemsPerReport: 7 } as Parameters<typeof toDiagnostics>[1];
    const url = () => undefined;
    let version = 1;
    for (const edit of [undefined, { range: { start: { line: 5, character: 10 }, end: { line: 5, character: 10 } }, text: 'x' }, { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]) {
      if (edit) doc.update([edit], ++version);
      doc.checkSome(checker, () => false, false);
      const all = toDiagnostics(doc, { ...settings, maxProblemsPerReport: 0 }, url);
      const pushed = pushedDiagnostics(doc, settings, url);
      assert.ok(all.length > 7, 'more problems than the limit');
      assert.equal(pushed.length, 8);
      // The listed ones are the most severe of the document, in document order.
      const listed = pushed.slice(0, 7);
      assert.deepEqual(listed.map((d) => d.severity!).sort(), all.map((d) => d.severity!).sort().slice(0, 7));
      const lines = listed.map((d) => d.range.start.line);
      assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
      assert.match(String(pushed[7].message), new RegExp(`^7 of the ${all.length} problems`));
      assert.ok(pushed.every((d) => d.codeDescription === undefined), 'no links for a client that shows none');
      assert.ok(encodeMessage(publish(doc, pushed) as never).equals(Buffer.from(JSON.stringify(publish(doc, [...pushed])), 'utf8')));
    }
  });

  it('writes other messages, and diagnostics without pieces, as JSON.stringify does', () => {
    for (const message of [
      { jsonrpc: '2.0', id: 1, result: { a: 'é', b: [1, 2] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x', diagnostics: [{ message: 'm' }] } },
    ]) {
      assert.ok(encodeMessage(message as never).equals(Buffer.from(JSON.stringify(message), 'utf8')));
    }
  });
});
