import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { firstJsonError, readJsonDocument, readJsonl } from '../../../src/core/documents';
import { jsonSyntax } from '../../../src/core/json/syntax';

const GOOD = JSON.stringify({ prompt: 'q', completion: '<think>a</think>b' });

describe('deeply nested JSON never overflows the stack', () => {
  it('JSON Lines: a line of 6,000 unclosed [ is one invalid-json finding, the other lines are read', () => {
    const bad = '{"completion":' + '['.repeat(6000);
    const records = readJsonl([GOOD, bad, GOOD].join('\n'));
    assert.equal(records.length, 3);
    assert.equal(records[0].traces.length, 1);
    assert.equal(records[2].traces.length, 1);
    assert.deepEqual(
      records[1].problems.map((p) => p.ruleId),
      ['invalid-json'],
    );
    assert.match(records[1].problems[0].message, /closing bracket was expected/);
  });

  it('JSON Lines: 200,000 unclosed [ and { mixed, and a deep error after them', () => {
    const mixed = '{"a":' + '[{"b":'.repeat(100_000) + 'nul';
    const [record] = readJsonl(mixed);
    assert.equal(record.problems[0].ruleId, 'invalid-json');
    const at = mixed.length - 3;
    assert.equal(record.problems[0].span.start, at);
    assert.match(record.problems[0].message, /unexpected character|value was expected/);
  });

  it('JSON Lines: a valid line with a 100,000-deep field is read and located', () => {
    const deep = '{"x":' + '['.repeat(100_000) + ']'.repeat(100_000) + ',"completion":"<think>a</think>"}';
    const [record] = readJsonl(deep);
    assert.equal(record.problems.length, 0);
    const out = record.traces[0].output;
    assert.equal(deep.slice(out.toSource(8), out.toSource(16)), '</think>');
  });

  it('a balanced 1,000,000-deep .json document is reported cleanly, not thrown', () => {
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const { records } = readJsonDocument(text);
    assert.equal(records.length, 1);
    assert.equal(records[0].traces.length, 0);
    assert.equal(records[0].problems.length, 1);
    assert.ok(records[0].problems[0].span.end <= text.length);
  });

  it('an unbalanced 1,000,000-deep .json document is one invalid-json finding', () => {
    const text = '[' + '{"a":['.repeat(1_000_000);
    const { records } = readJsonDocument(text);
    assert.equal(records[0].problems[0].ruleId, 'invalid-json');
  });

  it('a .json array of records where one holds a 100,000-deep value: every record is read and located', () => {
    const deep = '{"x":' + '{"y":'.repeat(100_000) + '1' + '}'.repeat(100_000) + ',"completion":"<think>b</think>"}';
    const text = `[\n${GOOD},\n${deep},\n${GOOD}\n]`;
    const { records } = readJsonDocument(text);
    assert.equal(records.length, 3);
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 3],
    );
    const out = records[1].traces[0].output;
    assert.equal(text.slice(out.toSource(8), out.toSource(16)), '</think>');
    assert.equal(text.slice(records[2].span.start, records[2].span.end), GOOD);
  });
});

describe('JSON documents read without a syntax tree', () => {
  it('a byte order mark at the start is skipped, offsets unchanged', () => {
    const text = '\ufeff[ {"completion": "x</think>"}\n]';
    const { records } = readJsonDocument(text);
    assert.equal(records.length, 1);
    assert.equal(records[0].problems.length, 0);
    const out = records[0].traces[0].output;
    assert.equal(text.slice(out.toSource(1), out.toSource(9)), '</think>');
  });

  it('a duplicate key: the value read and the place reported are the same (the last, as JSON.parse keeps)', () => {
    const text = '[{"completion": "first", "completion": "<think>x"}]';
    const [record] = readJsonDocument(text).records;
    const out = record.traces[0].output;
    assert.equal(out.text, '<think>x');
    assert.equal(text.slice(out.toSource(0), out.toSource(7)), '<think>');
  });
});

describe('firstJsonError: the first error the strict parser reports, found without recursion', () => {
  const jsoncFirst = (text: string) => {
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    return errors[0] ? { code: printParseErrorCode(errors[0].error), offset: errors[0].offset, length: errors[0].length } : null;
  };
  const pieces = ['[', ']', '{', '}', ',', ':', '"a"', '"b\\', '"\\u12"', '"\n', '1', '-', '1e', '0.5', 'true', 'nul', ' ', '\n', '\u00a0', '/', '//c\n', '/*', 'x', '\u0001', '"\u0002"'];

  it('agrees with jsonc-parser on the first error of random token soup (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const expected = jsoncFirst(text);
        const got = jsonSyntax(text).error;
        assert.deepEqual(got ? { code: got.code, offset: got.offset, length: got.length } : null, expected, JSON.stringify(text));
        let accepted = true;
        try {
          JSON.parse(text);
        } catch {
          accepted = false;
        }
        assert.equal(got === null, accepted, JSON.stringify(text));
      }),
      { seed: 12, numRuns: 5000 },
    );
  });

  it('says where white space that JSON does not allow is', () => {
    const error = firstJsonError('{"a":\u00a01}');
    assert.equal(error.offset, 5);
    assert.equal(error.message, 'unexpected character');
  });
});
