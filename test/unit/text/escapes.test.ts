import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { EscapeMap, encodeJsonString, jsonStringText } from '../../../src/core/json/escapes';
import { readJsonlLine } from '../../../src/core/documents/jsonl';
import { findStringLiteral, findValue } from '../../../src/core/json/locate';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
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

/** Every path to a value inside `value` (keys and indices). */
function pathsOf(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

const keyText = fc.oneof(fc.string(), tricky);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('skip-only JSON locator', () => {
  it('finds every value at the same offset as a full parse (any layout, escaped keys)', () => {
    fc.assert(
      fc.property(jsonish, fc.constantFrom(undefined, 1, '\t', ' \r\n '), fc.nat(), fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r') }), (value, indent, pick, lead) => {
        const text = lead + JSON.stringify(value, null, indent as string | number | undefined);
        const tree = parseTree(text)!;
        const paths = pathsOf(JSON.parse(text));
        const path = paths[pick % paths.length];
        const node = findNodeAtLocation(tree, path);
        assert.equal(findValue(text, path), node!.offset, JSON.stringify(path));
        const quote = findStringLiteral(text, path);
        assert.equal(quote, node!.type === 'string' ? node!.offset : -1);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers -1 for a path that is not there', () => {
    const text = '{"a": [1, {"b": "x"}], "c": "y"}';
    assert.equal(findValue(text, ['a', 2]), -1);
    assert.equal(findValue(text, ['a', 'b']), -1);
    assert.equal(findValue(text, ['c', 0]), -1);
    assert.equal(findValue(text, ['d']), -1);
    assert.equal(findStringLiteral(text, ['a', 0]), -1);
    assert.equal(text.slice(findStringLiteral(text, ['a', 1, 'b'])), '"x"}], "c": "y"}');
    assert.equal(findValue('{"a": "unterminated', ['b']), -1);
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"output": "first", "output": "second"}';
    const record = readJsonlLine(text, { index: 0, line: 0, offset: 0 });
    const out = record.traces[0].output;
    assert.equal(out.text, 'second');
    assert.equal(text.slice(out.toSource(0), out.toSource(6)), 'second');
  });

  it('maps offsets the same in any order of asking as after a full scan', () => {
    fc.assert(
      fc.property(tricky, fc.array(fc.integer({ min: -2, max: 400 }), { maxLength: 30 }), (text, asks) => {
        const source = `{"k": ${JSON.stringify(text)}}`;
        const lazy = EscapeMap.fromLiteral(source, 6);
        const full = EscapeMap.fromLiteral(source, 6);
        assert.equal(full.textLength, text.length);
        for (const t of asks) assert.equal(lazy.toSource(t), full.toSource(t), `offset ${t}`);
        assert.equal(lazy.textLength, text.length);
      }),
      { numRuns: 1000 },
    );
  });
});
