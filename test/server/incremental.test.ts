import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readJsonlLine } from '../../src/core/documents';
import { JsonlLines, RecordCache, isLintOnly, shiftResult } from '../../src/server/incremental';
import type { RecordInput, RecordResult } from '../../src/core/types';
import { checkRecord } from '../../src/core/engine';
import { resolveConfig } from '../../src/core/config/resolve';

/** A stand-in checker that reports where every `<think>` sits and counts calls. */
function fakeChecker() {
  const calls: string[] = [];
  const check = (record: RecordInput): RecordResult => {
    const trace = record.traces[0];
    calls.push(trace?.output.text ?? '');
    const findings = [];
    if (trace) {
      const at = trace.output.text.indexOf('<think>');
      if (at >= 0) {
        const span = { start: trace.output.toSource(at), end: trace.output.toSource(at + 7) };
        findings.push({ ruleId: 'x', message: 'm', severity: 'warning' as const, span, recordIndex: record.index, fixes: [{ title: 't', safe: true, edits: [{ span, newText: '' }] }] });
      }
    }
    return { index: record.index, line: record.line, span: record.span, traces: [], findings };
  };
  return { calls, check };
}

const read = (text: string, ctx: { index: number; line: number }) => readJsonlLine(text, { ...ctx, offset: 0 });

describe('incremental: JSON Lines kept as lines', () => {
  it('checks every record once, with line-relative offsets', () => {
    const doc = new JsonlLines('{"completion":"a<think>b"}\n\n{"completion":"\\n<think>"}\n');
    const { calls, check } = fakeChecker();
    assert.equal(doc.checkSome(read, check, () => false), true);
    assert.equal(calls.length, 2);
    assert.equal(doc.records, 2);
    assert.deepEqual(doc.result(0)?.findings[0].span, { start: 16, end: 23 });
    // The escape `\n` takes two source characters.
    assert.deepEqual(doc.result(2)?.findings[0].span, { start: 17, end: 24 });
    assert.equal(doc.result(1), null);
    assert.equal(doc.recordIndexOfLine(2), 1);
    assert.equal(doc.lineOfRecord(1), 2);
    assert.equal(doc.lineOfRecord(5), -1);
  });

  it('re-checks only the line an edit touched, and keeps the others when lines are inserted', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `{"completion":"r${i} <think>"}`);
    const doc = new JsonlLines(lines.join('\n'));
    const { calls, check } = fakeChecker();
    doc.checkSome(read, check, () => false);
    assert.equal(calls.length, 50);
    calls.length = 0;
    // Type one character inside record 10.
    doc.apply([{ range: { start: { line: 10, character: 16 }, end: { line: 10, character: 16 } }, text: 'Z' }]);
    assert.equal(doc.complete, false);
    doc.checkSome(read, check, () => false);
    assert.deepEqual(calls, ['rZ10 <think>']);
    // Insert two new lines before record 3: only they are checked; later records move down.
    calls.length = 0;
    doc.apply([{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '{"completion":"new"}\n\n' }]);
    doc.checkSome(read, check, () => false);
    assert.deepEqual(calls, ['new']);
    assert.equal(doc.records, 51);
    assert.equal(doc.recordIndexOfLine(5), 4);
    assert.equal(doc.line(12), '{"completion":"rZ10 <think>"}');
  });

  it('stops when asked and resumes where it stopped', () => {
    const doc = new JsonlLines(Array.from({ length: 10 }, (_, i) => `{"completion":"${i}"}`).join('\n'));
    const { calls, check } = fakeChecker();
    let n = 0;
    assert.equal(doc.checkSome(read, check, () => ++n % 3 === 0), false);
    assert.equal(calls.length, 3);
    while (!doc.checkSome(read, check, () => ++n % 3 === 0));
    assert.equal(calls.length, 10);
  });

  it('reuses the result of a line that comes back (undo)', () => {
    const doc = new JsonlLines('{"completion":"a"}\n{"completion":"b"}');
    const { calls, check } = fakeChecker();
    doc.checkSome(read, check, () => false);
    doc.apply([{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 16 } }, text: 'c' }]);
    doc.checkSome(read, check, () => false);
    doc.apply([{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 16 } }, text: 'b' }]);
    doc.checkSome(read, check, () => false);
    assert.deepEqual(calls, ['a', 'b', 'c']);
  });

  it('lints first, scores later: lint-only results are replaced by a full pass or on demand', () => {
    const doc = new JsonlLines(['{"completion":"a"}', '{"completion":"b"}', '{"completion":"c"}'].join('\n'));
    const lint = fakeChecker();
    const full = fakeChecker();
    assert.equal(doc.checkSome(read, lint.check, () => false, false), true);
    assert.equal(doc.complete, true);
    assert.equal(doc.scoredComplete, false);
    assert.ok(isLintOnly(doc.result(1)!));
    doc.score(1, read, full.check);
    assert.deepEqual(full.calls, ['b']);
    assert.equal(isLintOnly(doc.result(1)!), false);
    doc.score(1, read, full.check);
    assert.deepEqual(full.calls, ['b'], 'a scored line is not checked again');
    assert.equal(doc.checkSome(read, full.check, () => false, true), true);
    assert.deepEqual(full.calls, ['b', 'a', 'c']);
    assert.equal(doc.scoredComplete, true);
    // An edit makes its line need both again; a lint pass does not touch scored lines.
    doc.apply([{ range: { start: { line: 2, character: 15 }, end: { line: 2, character: 16 } }, text: 'd' }]);
    doc.checkSome(read, lint.check, () => false, false);
    assert.deepEqual(lint.calls, ['a', 'b', 'c', 'd']);
    assert.equal(doc.scoredComplete, false);
  });

  it('handles a multi-line replacement and a full-text change', () => {
    const doc = new JsonlLines('{"completion":"a"}\n{"completion":"b"}\n{"completion":"c"}');
    doc.apply([{ range: { start: { line: 0, character: 15 }, end: { line: 2, character: 16 } }, text: 'x' }]);
    assert.equal(doc.text(), '{"completion":"x"}');
    doc.apply([{ text: 'a\nb' }]);
    assert.equal(doc.lineCount, 2);
  });
});

describe('incremental: the changes of JSON Lines lines, for readers that keep something per line', () => {
  it('replaying changesSince on a copy of the results leaves no line out (property)', () => {
    const { check } = fakeChecker();
    const piece = fc.constantFrom('', '\n', '{"prompt":"p","completion":"<think>a</think>b"}', '{"x":1}\n{"y":2}', '  ', 'q');
    const edit = fc.record({ line: fc.nat(12), character: fc.nat(40), length: fc.nat(3), lines: fc.nat(2), text: piece, check: fc.boolean(), read: fc.boolean() });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        const lines = new JsonlLines(['{"prompt":"a","completion":"<think>x</think>y"}', '', '{"prompt":"b","completion":"z"}', '{"prompt":"c","completion":"<think>w</think>"}'].join('\n'));
        lines.checkSome(read, check, () => false);
        const STALE = Symbol('stale');
        let copy: Array<unknown> = Array.from({ length: lines.lineCount }, (_, i) => lines.result(i));
        let revision = lines.revision;
        const sync = () => {
          const changes = lines.changesSince(revision);
          if (!changes) copy = new Array(lines.lineCount).fill(STALE);
          else for (const { start, removed, added } of changes) copy.splice(start, removed, ...new Array(added).fill(STALE));
          revision = lines.revision;
          assert.equal(copy.length, lines.lineCount);
          // Every line not named by a change still has the result the copy holds.
          for (let i = 0; i < copy.length; i++) {
            if (copy[i] !== STALE) assert.equal(copy[i], lines.result(i), `line ${i}`);
            copy[i] = lines.result(i);
          }
        };
        for (const e of edits) {
          const line = Math.min(e.line, lines.lineCount - 1);
          const endLine = Math.min(line + e.lines, lines.lineCount - 1);
          lines.apply([{ range: { start: { line, character: e.character }, end: { line: endLine, character: e.character + e.length } }, text: e.text }]);
          if (e.check) lines.checkSome(read, check, () => false, e.line % 2 === 0);
          if (e.read) sync();
        }
        lines.checkSome(read, check, () => false);
        sync();
      }),
      { numRuns: 300 },
    );
  });
});

describe('incremental: whole-document cache', () => {
  it('shifts cached results to where the unchanged record now starts', () => {
    const { calls, check } = fakeChecker();
    const cache = new RecordCache();
    const make = (text: string, starts: number[]): RecordInput[] =>
      starts.map((start, index) => {
        const end = text.indexOf('}', start) + 1;
        return { ...readJsonlLine(text.slice(start, end), { index, line: 0, offset: start }), span: { start, end } };
      });
    const a = '{"completion":"<think>1"}';
    const b = '{"completion":"<think>2"}';
    const first = cache.checkAll(`${a}${b}`, make(`${a}${b}`, [0, a.length]), check);
    assert.equal(first?.length, 2);
    const text = `  ${a}${b}`;
    const second = cache.checkAll(text, make(text, [2, 2 + a.length]), check);
    assert.equal(calls.length, 2, 'nothing re-checked');
    assert.deepEqual(second?.[1].findings[0].span, { start: 2 + a.length + 15, end: 2 + a.length + 22 });
    assert.deepEqual(second?.[1].findings[0].fixes?.[0].edits[0].span, second?.[1].findings[0].span);
  });

  it('shiftResult leaves the original untouched', () => {
    const r: RecordResult = { index: 0, line: 0, span: { start: 0, end: 5 }, traces: [], findings: [{ ruleId: 'x', message: '', severity: 'info', span: { start: 1, end: 2 } }] };
    const s = shiftResult(r, 10);
    assert.deepEqual(s.findings[0].span, { start: 11, end: 12 });
    assert.deepEqual(r.findings[0].span, { start: 1, end: 2 });
  });
});

describe('incremental: kept results are plain data', () => {
  it('a kept result no longer holds the record text through the lazily located spans', () => {
    const config = resolveConfig({});
    const line = '{"prompt":"1+1?","completion":"<think>two</think> \\\\boxed{2}","answer":"2"}';
    const doc = new JsonlLines(line);
    doc.checkSome(read, (record) => checkRecord(record, config), () => false);
    const kept = doc.result(0)!;
    const fresh = checkRecord(read(line, { index: 0, line: 0 }), config);
    // The engine's own result may carry its lazy state in a symbol-keyed property; the kept one does not.
    assert.deepEqual(Object.getOwnPropertySymbols(kept.traces[0]), []);
    assert.equal(Object.getOwnPropertyDescriptor(kept.traces[0], 'span')?.get, undefined, 'span is a plain value');
    assert.deepEqual(JSON.parse(JSON.stringify(kept)), JSON.parse(JSON.stringify(fresh)));
  });
});

/** The lines of a text as LSP counts them: ended by `\n`, `\r\n` or a lone `\r`. */
function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Offset of an LSP position in a text (character clamped to its line's content). */
function lspOffset(text: string, p: { line: number; character: number }): number {
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let line = 0; line < p.line; line++) {
    const m = re.exec(text);
    if (!m) return text.length;
    start = m.index + m[0].length;
  }
  const m = re.exec(text);
  const end = m ? m.index : text.length;
  return Math.min(start + p.character, end);
}

describe('incremental: JSON Lines lines end where LSP says (\\n, \\r\\n, lone \\r)', () => {
  it('a lone \\r starts a new line (and a new record)', () => {
    const doc = new JsonlLines('{"completion":"a<think>"}\r{"completion":"b<think>"}\r\n{"completion":"c<think>"}\n');
    const { check } = fakeChecker();
    doc.checkSome(read, check, () => false);
    assert.equal(doc.lineCount, 4);
    assert.equal(doc.records, 3);
    for (const line of [0, 1, 2]) assert.deepEqual(doc.result(line)?.findings[0].span, { start: 16, end: 23 }, `line ${line}`);
    assert.equal(doc.lineLength(1), '{"completion":"b<think>"}'.length);
    assert.equal(doc.text(), '{"completion":"a<think>"}\r{"completion":"b<think>"}\r\n{"completion":"c<think>"}\n');
  });

  it('lines given already cut at \\n (as the transport hands them) are cut at lone \\r too', () => {
    const doc = new JsonlLines(['{"completion":"a"}\r{"completion":"b"}\r', 'x\r']);
    assert.deepEqual([...Array(doc.lineCount).keys()].map((i) => doc.line(i)), ['{"completion":"a"}', '{"completion":"b"}\r', 'x', '']);
  });

  it('any edits keep the lines equal to the LSP lines of the edited text (property)', () => {
    const piece = fc.constantFrom('a', 'b', '{', '\n', '\r', '\r\n', '', 'xy');
    const textArb = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    const edit = fc.record({ sl: fc.nat(6), sc: fc.nat(4), el: fc.nat(6), ec: fc.nat(4), text: textArb });
    fc.assert(
      fc.property(textArb, fc.array(edit, { maxLength: 6 }), (initial, edits) => {
        let text = initial;
        const doc = new JsonlLines(text);
        for (const e of edits) {
          let start = { line: e.sl, character: e.sc };
          let end = { line: e.el, character: e.ec };
          if (lspOffset(text, end) < lspOffset(text, start)) [start, end] = [end, start];
          doc.apply([{ range: { start, end }, text: e.text }]);
          text = text.slice(0, lspOffset(text, start)) + e.text + text.slice(lspOffset(text, end));
          assert.equal(doc.text(), text, JSON.stringify({ initial, edits }));
          const lines = lspLines(text);
          assert.equal(doc.lineCount, lines.length, JSON.stringify({ initial, edits }));
          for (let i = 0; i < lines.length; i++) assert.equal(doc.lineLength(i), lines[i].length);
        }
      }),
      { seed: 3, numRuns: 3000 },
    );
  });
});
