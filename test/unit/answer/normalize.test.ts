import { strict as assert } from 'node:assert';
import { cleanAnswer, compareAnswers } from '../../../src/core/answer/compare';
import { evaluateNumber } from '../../../src/core/answer/evaluate';

const answersMatch = (got: string, expected: string) => compareAnswers(got, expected).equal === true;
const normalizeAnswer = (raw: string) => cleanAnswer(raw).s;
import fc from 'fast-check';
import { lastBoxed, readGroup, referenceAnswer } from '../../../src/core/answer/extract';

describe('answer normalisation', () => {
  // [got, expected, same?]
  const table: Array<[string, string, boolean]> = [
    ['42', '42', true],
    [' 42 ', '42', true],
    ['$42$', '42', true],
    ['\\(42\\)', '42', true],
    ['\\text{42}', '42', true],
    ['\\mathrm{42}', '42', true],
    ['0.5', '\\frac{1}{2}', true],
    ['1/2', '\\frac12', true],
    ['\\dfrac{1}{2}', '\\frac{1}{2}', true],
    ['\\tfrac{3}{4}', '0.75', true],
    ['-\\frac{1}{2}', '-0.5', true],
    ['\\frac{-1}{2}', '-0.5', true],
    ['.5', '1/2', true],
    ['\\left(1,2\\right)', '(1,2)', true],
    ['(1, 2)', '(2, 1)', false],
    ['\\{1,2\\}', '\\{2,1\\}', true],
    ['\\{1,2\\}', '\\{1,3\\}', false],
    ['1,000', '1000', true],
    ['1{,}000', '1000', true],
    ['1,000,000.5', '1000000.5', true],
    ['90^\\circ', '90', true],
    ['90^{\\circ}', '90', true],
    ['90°', '90', true],
    ['50\\%', '50', true],
    ['5 cm', '5', true],
    ['12\\text{ meters}', '12', true],
    ['10 square units', '10', true],
    ['x = 3', '3', true],
    ['x=3', '3', true],
    ['(B)', 'B', true],
    ['B', '\\text{(B)}', true],
    ['(b)', 'B', true],
    ['B', 'C', false],
    ['2', '3', false],
    ['\\frac{1}{3}', '0.333', false],
    ['\\sqrt2', '\\sqrt{2}', true],
    ['2\\sqrt{2}', '2 \\sqrt{2}', true],
    ['3.', '3', true],
    ['Yes', 'yes', true],
    ['\\frac{1}{0}', '1', false],
    ['', '0', false],
  ];
  for (const [got, expected, same] of table) {
    it(`${JSON.stringify(got)} ${same ? '=' : '≠'} ${JSON.stringify(expected)}`, () => assert.equal(answersMatch(got, expected), same));
  }
  it('normalised forms', () => {
    assert.equal(normalizeAnswer('\\left[ 1, 2 \\right]'), '[ 1, 2 ]');
    assert.equal(normalizeAnswer('\\dfrac{\\pi}{2}'), '\\frac{\\pi}{2}');
    assert.equal(normalizeAnswer('{5}'), '5');
  });
  it('numeric values', () => {
    assert.equal(evaluateNumber('\\frac{3}{4}'), 0.75);
    assert.equal(evaluateNumber('-3/4'), -0.75);
    assert.equal(evaluateNumber('abc'), undefined);
  });
});

describe('final answer extraction', () => {
  it('takes the last \\boxed{} with nested braces', () => {
    const text = 'first \\boxed{1} then \\boxed{\\frac{1}{2}} end';
    const got = lastBoxed(text);
    assert.equal(got?.value, '\\frac{1}{2}');
    assert.equal(text.slice(got!.start, got!.end), '\\frac{1}{2}');
  });
  it('accepts \\fbox{} and prefers whichever comes last', () => {
    assert.equal(lastBoxed('\\boxed{1} and \\fbox{2}')?.value, '2');
    assert.equal(lastBoxed('\\fbox{2} and \\boxed{1}')?.value, '1');
  });
  it('skips an unclosed box and uses the previous complete one', () => {
    assert.equal(lastBoxed('\\boxed{7} then \\boxed{8')?.value, '7');
  });
  it('reads \\boxed 5 without braces', () => assert.equal(lastBoxed('so \\boxed 5$')?.value, '5'));
  it('respects the range', () => assert.equal(lastBoxed('\\boxed{1} \\boxed{2}', 0, 10)?.value, '1'));
  it('none → undefined', () => assert.equal(lastBoxed('no box here'), undefined));
  it('reference answers: last box of a worked solution, #### answers, or the whole text', () => {
    assert.equal(referenceAnswer('We get $x=2$, so \\boxed{2}. Also \\boxed{\\frac{1}{2}}'), '\\frac{1}{2}');
    assert.equal(referenceAnswer('Natalia sold 48 clips.\n#### 72'), '72');
    assert.equal(referenceAnswer(' 17 '), '17');
  });
});

/** The last box found the plain way: every occurrence from the end backwards with lastIndexOf. */
function lastBoxedByBackwardSearch(text: string, start: number, end: number) {
  let best: { value: string; start: number; end: number } | undefined;
  for (const command of ['\\boxed', '\\fbox']) {
    for (let at = text.lastIndexOf(command, end - command.length); at >= start; at = at > 0 ? text.lastIndexOf(command, at - 1) : -1) {
      if (at + command.length > end) continue;
      let open = at + command.length;
      while (text.charCodeAt(open) === 0x20) open++;
      const group = readGroup(text, open, end);
      if (group) {
        if (!best || group.start > best.start) best = { value: text.slice(group.start, group.end), ...group };
        break;
      }
      if (text.charCodeAt(at + command.length) === 0x20) {
        let e = open;
        while (e < end && !/[\s$]/.test(text[e])) e++;
        if (e > open) {
          if (!best || open > best.start) best = { value: text.slice(open, e), start: open, end: e };
          break;
        }
      }
    }
  }
  return best;
}

describe('final answer extraction, any range', () => {
  it('finds the same last box as a backward search, inside any range', () => {
    const piece = fc.constantFrom('\\boxed', '\\fbox', '\\boxed ', '{', '}', ' ', 'x', '42', '$', '\\', '\\{');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), fc.nat(), (parts, x, y) => {
        const text = parts.join('');
        const start = x % (text.length + 1);
        const end = start + (y % (text.length - start + 1));
        assert.deepEqual(lastBoxed(text, start, end), lastBoxedByBackwardSearch(text, start, end), JSON.stringify({ text, start, end }));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('plain numbers', () => {
  it('normalise to themselves, as the full path gives them when wrapped', () => {
    const number = fc.tuple(fc.boolean(), fc.nat(), fc.option(fc.nat())).map(([minus, whole, part]) => `${minus ? '-' : ''}${whole}${part === null ? '' : `.${part}`}`);
    fc.assert(
      fc.property(number, fc.constantFrom('', ' ', '\n'), (n, pad) => {
        assert.equal(normalizeAnswer(pad + n + pad), n);
        assert.equal(normalizeAnswer(`\\text{${n}}`), n);
        assert.equal(normalizeAnswer(`$${n}$`), n);
        assert.ok(answersMatch(n, `\\boxed{${n}}`));
      }),
      { numRuns: 2000 },
    );
  });
});
