import * as assert from 'node:assert/strict';
import { resolveConfig } from '../../src/core/config/resolve';
import { pushedDiagnostics } from '../../src/server/diagnostics';
import { documentChecker, OpenDocument } from '../../src/server/documents';
import { diagnosticsFingerprint, limitDiagnostics, summarize, toDiagnostics } from '../../src/server/features';
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

  it('keeps the report of a JSON Lines document up to date from its edits: the same as built from scratch', () => {
    const text = (doc: OpenDocument) => Array.from({ length: doc.jsonlLines!.lineCount }, (_, i) => doc.jsonlLines!.line(i)).join('\n');
    const lines = Array.from({ length: 60 }, (_, i) => (i % 5 === 0 ? record(i, '').replace('</think>', '') : record(i, i % 3 ? `The answer is \\boxed{${i}}` : '')));
    lines.splice(9, 0, '', '');
    const at = (line: number, character = 0) => ({ line, character });
    const insert = (line: number, character: number, t: string) => ({ range: { start: at(line, character), end: at(line, character) }, text: t });
    type Change = { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
    const steps: Array<Change[] | ((doc: OpenDocument) => Change[])> = [
      [insert(4, 12, 'x')], // inside a record
      [insert(4, 13, 'y'), insert(30, 12, 'z')], // two records, one report
      [insert(2, 0, `${record(91, '')}\n`)], // a record added: the records below move and are renumbered
      [{ range: { start: at(20), end: at(23) }, text: '' }], // three records removed
      (doc) => [{ range: { start: at(13), end: at(13, doc.jsonlLines!.lineLength(13)) }, text: '' }], // a record emptied in place: the records below are renumbered, not moved
      [insert(9, 0, record(92, ''))], // a blank line becomes a record
      [insert(0, 0, '\n\n')], // blank lines at the top
      [{ range: { start: at(15, 5), end: at(15, 9) }, text: '"' }], // a record broken
      [{ text: lines.slice(0, 30).join('\n') }], // the whole text replaced
      [insert(3, 12, 'w')],
    ];
    for (const limit of [0, 7, 30]) {
      const doc = new OpenDocument('file:///k.jsonl', 'jsonl', 1, lines.join('\n'), '/k.jsonl');
      const checker = documentChecker(resolveConfig({}));
      const settings = { severityOverride: 'none', maxProblemsPerReport: limit } as Parameters<typeof toDiagnostics>[1];
      const url = (id: string) => `https://example.invalid/rules/${id}.md`;
      let version = 1;
      for (const [n, step] of [[], ...steps].entries()) {
        const changes = typeof step === 'function' ? step(doc) : step;
        if (changes.length) doc.update(changes, ++version);
        doc.checkSome(checker, () => false, false);
        // Scoring replaces the results of the edited records once more (without a report between).
        if (n % 2) doc.checkSome(checker, () => false, true);
        const pushed = pushedDiagnostics(doc, settings, url);
        const fresh = new OpenDocument('file:///k.jsonl', 'jsonl', version, text(doc), '/k.jsonl');
        fresh.checkSome(checker, () => false, false);
        const scratch = pushedDiagnostics(fresh, settings, url);
        assert.deepEqual(pushed, scratch, `limit ${limit}, step ${n}`);
        // And as the report is cut from all the diagnostics of the document.
        const all = toDiagnostics(fresh, { ...settings, maxProblemsPerReport: 0 }, url);
        assert.deepEqual(pushed, limit > 0 && all.length > limit ? limitDiagnostics(fresh, all, limit, []) : all, `limit ${limit}, step ${n}`);
        assert.ok(encodeMessage(publish(doc, pushed) as never).equals(Buffer.from(JSON.stringify(publish(fresh, scratch)), 'utf8')));
        // The summary, kept in parts, is the one of the document read from scratch.
        if (limit === 0) {
          doc.checkSome(checker, () => false, true);
          fresh.checkSome(checker, () => false, true);
          assert.deepEqual(summarize(doc), summarize(fresh), `step ${n}`);
        }
      }
    }
  });

  it('keeps a part\'s fingerprint only while its diagnostics stay the same; an edit inside a record changes one part\'s', () => {
    const lines = Array.from({ length: 80 }, (_, i) => record(i, i % 3 ? `The answer is \\boxed{${i}}` : ''));
    const doc = new OpenDocument('file:///f.jsonl', 'jsonl', 1, lines.join('\n'), '/f.jsonl');
    const checker = documentChecker(resolveConfig({}));
    const settings = { severityOverride: 'none' } as Parameters<typeof toDiagnostics>[1];
    const url = () => undefined;
    const shards = [undefined, ...Array.from({ length: 4 }, (_, index) => ({ index, count: 4 }))];
    const at = (line: number, character = 0) => ({ line, character });
    const steps = [
      [{ range: { start: at(20, 12), end: at(20, 12) }, text: 'x' }],
      [{ range: { start: at(3, 12), end: at(3, 12) }, text: 'y' }, { range: { start: at(50, 12), end: at(50, 12) }, text: 'z' }],
      [{ range: { start: at(10), end: at(10, doc.jsonlLines!.lineLength(10)) }, text: '' }], // a record emptied: the ones below are renumbered
      [{ range: { start: at(10), end: at(10) }, text: record(93, '') }], // and back
      [{ range: { start: at(5), end: at(5) }, text: '\n' }], // lines move
      [],
    ];
    doc.checkSome(checker, () => false, false);
    let last = shards.map((shard) => ({ id: diagnosticsFingerprint(doc, settings, shard), json: JSON.stringify(toDiagnostics(doc, settings, url, shard)) }));
    let version = 1;
    for (const [n, changes] of steps.entries()) {
      if (changes.length) doc.update(changes, ++version);
      doc.checkSome(checker, () => false, false);
      const now = shards.map((shard) => ({ id: diagnosticsFingerprint(doc, settings, shard), json: JSON.stringify(toDiagnostics(doc, settings, url, shard)) }));
      for (const [k, part] of now.entries()) if (part.id === last[k].id) assert.equal(part.json, last[k].json, `step ${n}, part ${k}: the same fingerprint, other diagnostics`);
      const changedParts = now.slice(1).filter((part, k) => part.id !== last[k + 1].id).length;
      if (n === 0) assert.equal(changedParts, 1, 'an edit inside one record changes one part');
      if (n === 5) assert.equal(changedParts, 0, 'no edit, no change');
      assert.equal(now[0].id !== last[0].id, n !== 5);
      last = now;
    }
  });

  it('rebuilds the kept report when the edits since the last one are no longer kept', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => record(i, i % 3 ? `The answer is \\boxed{${i}}` : ''));
    const doc = new OpenDocument('file:///o.jsonl', 'jsonl', 1, lines.join('\n'), '/o.jsonl');
    const checker = documentChecker(resolveConfig({}));
    const settings = { severityOverride: 'none', maxProblemsPerReport: 0 } as Parameters<typeof toDiagnostics>[1];
    const url = () => undefined;
    doc.checkSome(checker, () => false, false);
    pushedDiagnostics(doc, settings, url);
    const before = doc.jsonlLines!.revision;
    // More separate edits than the document keeps (every other line, so that none merge).
    let version = 1;
    for (let line = 0; line < 2400; line += 2) doc.update([{ range: { start: { line, character: 12 }, end: { line, character: 12 } }, text: 'q' }], ++version);
    assert.equal(doc.jsonlLines!.changesSince(before), undefined);
    doc.checkSome(checker, () => false, false);
    const pushed = pushedDiagnostics(doc, settings, url);
    assert.deepEqual(pushed, toDiagnostics(doc, settings, url));
    assert.ok(pushed.some((d) => String(d.message).startsWith('#1 r0 ')));
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
