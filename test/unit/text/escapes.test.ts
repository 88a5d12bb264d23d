import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { EscapeMap, encodeJsonString, jsonStringText } from '../../../src/core/json/escapes';
import { readJsonlLine } from '../../../src/core/documents/jsonl';
import { LineIndex } from '../../../src/core/text/lineIndex';

/** Strings rich in what JSON escapes: quotes, backslashes, control characters, astral characters, tags. */
const tricky = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(
    fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u2028', '😀', '𝔸', '中', '</think>', '<think>', 'a', ' ', '\ud800', '\udfff'),
  ).map((parts) => parts.join('')),
);

/** True when offset i does not split a surrogate pair of s. */
function onBoundary(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return true;
  const before = s.charCodeAt(i - 1);
  const after = s.charCodeAt(i);
  return !(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

describe('JSON string offsets', () => {
  it('maps every slice of a JSON.stringify-ed value back to the same text', () => {
    fc.assert(
      fc.property(tricky, fc.string(), fc.nat(), fc.nat(), (text, other, a, b) => {
        const line = JSON.stringify({ other, output: text, after: 1 });
        const record = readJsonlLine(line, { index: 0, line: 0, offset: 0 });
        const mapped = record.traces[0].output;
        assert.equal(mapped.text, text);
        const i = Math.min(a, b) % (text.length + 1);
        const j = Math.max(a, b) % (text.length + 1);
        const [lo, hi] = i <= j ? [i, j] : [j, i];
        if (!onBoundary(text, lo) || !onBoundary(text, hi)) return;
        const slice = line.slice(mapped.toSource(lo), mapped.toSource(hi));
        assert.equal(JSON.parse(`"${slice}"`), text.slice(lo, hi));
      }),
      { numRuns: 600 },
    );
  });

  it('maps the end of the text to the closing quote and is monotonic', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const source = `  ${JSON.stringify(text)}  `;
        const mapped = jsonStringText(JSON.parse(source), source, 2);
        assert.equal(source[mapped.toSource(text.length)], '"');
        assert.equal(mapped.toSource(text.length), source.length - 3);
        for (let k = 1; k <= text.length; k++) assert.ok(mapped.toSource(k) > mapped.toSource(k - 1));
      }),
    );
  });

  it('round-trips encode()', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        assert.equal(JSON.parse(`"${encodeJsonString(text)}"`), text);
        const mapped = jsonStringText('', '""', 0);
        assert.equal(JSON.parse(`"${mapped.encode(text)}"`), text);
      }),
    );
  });

  it('maps a character written as an escape to the escape\'s first character', () => {
    // decoded: a \n " \ é 😀(two escapes) b
    const source = String.raw`"a\n\"\\\u00e9\ud83d\ude00b"`;
    const map = EscapeMap.fromLiteral(source, 0);
    assert.equal(map.textLength, 'a\n"\\é😀b'.length);
    const expected = [1, 2, 4, 6, 8, 14, 20, 26, 27];
    expected.forEach((offset, i) => assert.equal(map.toSource(i), offset, `offset of text ${i}`));
  });

  it('underlines </think> inside a JSONL line on exactly its characters', () => {
    const line = JSON.stringify({ id: 'x', completion: '<think>\n"quoted" \\ step\n</think>\nanswer' });
    const record = readJsonlLine(line, { index: 0, line: 4, offset: 100 });
    const out = record.traces[0].output;
    const at = out.text.indexOf('</think>');
    const start = out.toSource(at) - 100;
    const end = out.toSource(at + 8) - 100;
    assert.equal(line.slice(start, end), '</think>');
  });
});

describe('LineIndex', () => {
  it('handles \\n, \\r\\n and lone \\r', () => {
    const index = new LineIndex('ab\ncd\r\nef\rg');
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.position(0), { line: 0, character: 0 });
    assert.deepEqual(index.position(4), { line: 1, character: 1 });
    assert.deepEqual(index.position(7), { line: 2, character: 0 });
    assert.deepEqual(index.position(10), { line: 3, character: 0 });
    assert.equal(index.offset(2, 1), 8);
    assert.equal(index.offset(1, 99), 7);
  });

  it('agrees with splitting the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '\n', '\r\n', '😀')).map((p) => p.join('')), fc.nat(), (text, n) => {
        const offset = n % (text.length + 1);
        const { line, character } = new LineIndex(text).position(offset);
        const before = text.slice(0, offset).replace(/\r\n/g, '\n');
        const lines = before.split('\n');
        // An offset between \r and \n belongs to the line the \r ends.
        if (text[offset - 1] === '\r' && text[offset] === '\n') return;
        assert.equal(line, lines.length - 1);
        assert.equal(character, offset - (text.slice(0, offset).length - lines[lines.length - 1].length));
      }),
    );
  });
});
