import { strict as assert } from 'node:assert';
import { filterRows, reviewProgress, rowFromResult, type ReviewRow } from '../../../src/core/review/rows';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readJsonlLine } from '../../../src/core/documents';

const row = (index: number, over: Partial<ReviewRow> = {}): ReviewRow => ({ index, line: index, total: index, failing: [], length: 100 * index, correct: null, decision: null, labels: [], scored: true, ...over });

describe('review rows', () => {
  const rows = [
    row(0, { total: 3, failing: [] , decision: 'accept', labels: ['clean'] }),
    row(1, { total: 1, failing: ['language-mixing', 'long-paragraph'], decision: 'reject' }),
    row(2, { total: null, failing: ['invalid-json'], scored: true }),
    row(3, { total: 2, failing: ['long-paragraph'], decision: 'skip', stale: true }),
    row(4, { total: 2.5, failing: [] }),
  ];

  it('filters by failing rule, reward range, decision, length and label', () => {
    assert.deepEqual(filterRows(rows, { ruleFailing: 'long-paragraph' }), [1, 3]);
    assert.deepEqual(filterRows(rows, { ruleFailing: 'none' }), [0, 4]);
    assert.deepEqual(filterRows(rows, { minReward: 2 }), [0, 3, 4]);
    assert.deepEqual(filterRows(rows, { minReward: 1, maxReward: 2 }), [1, 3]);
    assert.deepEqual(filterRows(rows, { decision: 'undecided' }), [2, 4]);
    assert.deepEqual(filterRows(rows, { decision: 'reject' }), [1]);
    assert.deepEqual(filterRows(rows, { decision: 'stale' }), [3]);
    assert.deepEqual(filterRows(rows, { minLength: 150, maxLength: 300 }), [2, 3]);
    assert.deepEqual(filterRows(rows, { label: 'clean' }), [0]);
    assert.deepEqual(filterRows(rows, { only: new Set([4, 1]) }), [1, 4]);
  });

  it('sorts by reward (unscored last either way), length and number of failing rules', () => {
    assert.deepEqual(filterRows(rows, {}, 'reward-asc'), [1, 3, 4, 0, 2]);
    assert.deepEqual(filterRows(rows, {}, 'reward-desc'), [0, 4, 3, 1, 2]);
    assert.deepEqual(filterRows(rows, {}, 'length-desc'), [4, 3, 2, 1, 0]);
    assert.deepEqual(filterRows(rows, {}, 'failing-desc'), [1, 2, 3, 0, 4]);
  });

  it('counts progress per decision', () => {
    assert.deepEqual(reviewProgress(rows), { total: 5, done: 3, accept: 1, reject: 1, skip: 1, stale: 1 });
  });

  it('builds a row from a scored record', () => {
    const config = resolveConfig({});
    const text = JSON.stringify({ prompt: 'What is 2+2?', completion: '<think>2+2 is 4. Wait, yes.</think>The answer is \\boxed{4}.', answer: '4' });
    const r = rowFromResult(checkRecord(readJsonlLine(text, { index: 7, line: 9, offset: 0 }), config));
    assert.equal(r.index, 7);
    assert.equal(r.line, 9);
    assert.equal(r.correct, true);
    assert.ok(r.total !== null && r.total >= 2, `total ${r.total}`);
    assert.ok(r.length > 20);
  });
});
