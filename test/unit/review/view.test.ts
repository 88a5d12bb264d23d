import { strict as assert } from 'node:assert';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readJsonlLine } from '../../../src/core/documents';
import { checkRecord } from '../../../src/core/engine';
import { recordView } from '../../../src/core/review/view';
import { extractMath } from '../../../webview/review/mathText';

const config = resolveConfig({});
const view = (value: unknown) => {
  const record = readJsonlLine(JSON.stringify(value), { index: 3, line: 5, offset: 0 });
  return recordView(record, checkRecord(record, config), config, { decision: 'reject', labels: ['x'], comment: 'c', match: 'stale', from: 2 });
};

describe('review record view', () => {
  it('splits a trace into decoded thought and answer, with its markers, rewards and the decision', () => {
    const v = view({ id: 'q1', prompt: 'What is "2+2"?\nReply.', completion: '<think>Two and two.\nWait, four.</think>\n\nThe answer is \\boxed{4}.', answer: '4' });
    assert.equal(v.index, 3);
    assert.equal(v.line, 5);
    assert.equal(v.id, 'q1');
    assert.equal(v.prompt, 'What is "2+2"?\nReply.');
    assert.equal(v.groundTruth, '4');
    const t = v.traces[0];
    assert.equal(t.thought, 'Two and two.\nWait, four.');
    assert.deepEqual([t.thoughtOpen, t.thoughtClose], ['<think>', '</think>']);
    assert.match(t.answer ?? '', /^\s*The answer is \\boxed\{4\}\.$/);
    assert.equal(t.correct, true);
    assert.equal(t.extracted, '4');
    assert.deepEqual([v.decision, v.labels, v.comment, v.stale], ['reject', ['x'], 'c', true]);
  });

  it('keeps a trace without markers whole, and lists the findings', () => {
    const v = view({ prompt: 'Hi', completion: 'No thinking here.' });
    assert.equal(v.traces[0].raw, 'No thinking here.');
    assert.equal(v.traces[0].thought, undefined);
    assert.ok(v.findings.some((f) => f.ruleId === 'missing-thought'));
  });
});

describe('math extraction for the review page', () => {
  const pieces = (s: string) => extractMath(s).pieces.map((p) => [p.tex, p.display]);
  it('finds $…$, \\(…\\), $$…$$, \\[…\\] and bare \\boxed{…}', () => {
    assert.deepEqual(pieces('a $x^2$ b \\(y\\) c $$z$$ d \\[w\\] e \\boxed{\\frac{1}{2}}'), [
      ['x^2', false],
      ['y', false],
      ['z', true],
      ['w', true],
      ['\\boxed{\\frac{1}{2}}', false],
    ]);
  });
  it('leaves code, escaped dollars, prices and unclosed math alone', () => {
    assert.deepEqual(pieces('`$x$` and ```\n$$y$$\n``` costs \\$5 and $ 3 or $unclosed'), []);
    assert.equal(extractMath('`$x$`').text, '`$x$`');
  });
});
