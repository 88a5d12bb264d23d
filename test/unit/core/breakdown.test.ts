import { strict as assert } from 'node:assert';
import { codeSpan, countOf, recordBreakdown } from '../../../src/core/breakdown';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readJsonl } from '../../../src/core/documents';
import { checkRecord } from '../../../src/core/engine';

describe('reward breakdown text (hovers, previews)', () => {
  it('shows an answer with LaTeX and a field with underscores once, as the reader reads them', () => {
    const record = {
      full_response: '<think>\nThe point is (3, pi/2). Wait, check the angle again.\n</think>\nSo the answer is $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}$.',
      ground_truth: '\\left( 3, \\frac{\\pi}{2} \\right)',
    };
    const [input] = readJsonl(JSON.stringify(record) + '\n');
    const text = recordBreakdown(checkRecord(input, resolveConfig({})));
    assert.ok(text.includes('`\\left( 3, \\frac{\\pi}{2} \\right)`'), text);
    assert.ok(!text.includes('\\\\left') && !text.includes('\\{'), `escaped twice: ${text}`);
    assert.ok(text.includes('field `full_response`'), text);
    assert.match(text, / · 1 reflection$/m);
  });

  it('code spans take any text, backticks included', () => {
    assert.equal(codeSpan('a_b\\c'), '`a_b\\c`');
    assert.equal(codeSpan('x `y` z'), '``x `y` z``');
    assert.equal(codeSpan('`tick'), '`` `tick ``');
    assert.equal(codeSpan('two\nlines'), '`two lines`');
  });

  it('counts with the right plural', () => {
    assert.equal(countOf(1, 'reflection'), '1 reflection');
    assert.equal(countOf(0, 'reflection'), '0 reflections');
    assert.equal(countOf(2, 'char'), '2 chars');
  });
});
