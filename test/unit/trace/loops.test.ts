import * as assert from 'node:assert/strict';
import { findLoops } from '../../../src/core/trace/loops';

describe('repetition loops', () => {
  it('reports a long cycle of 70 sentences when maxPeriod allows it', () => {
    const unit = Array.from({ length: 70 }, (_, k) => `Sentence number ${k}.`).join(' ') + ' ';
    const t = unit.repeat(3);
    const loops = findLoops(t, 0, t.length, { minRepeats: 3, minChars: 12, maxPeriod: 100 });
    assert.equal(loops.length, 1);
    assert.equal(loops[0].period, 70);
    assert.equal(loops[0].repeats, 3);
    assert.equal(findLoops(t, 0, t.length, { minRepeats: 3, minChars: 12, maxPeriod: 60 }).length, 0);
  });

  it('cuts at full-width boundaries and ignores the spaces around sentences', () => {
    const t = '等一下，我需要重新检查。\n'.repeat(6);
    const loops = findLoops(t, 0, t.length, { minRepeats: 5, minChars: 4, maxPeriod: 16 });
    assert.equal(loops.length, 1);
    assert.equal(loops[0].period, 2);
    assert.equal(loops[0].repeats, 6);
    assert.equal(t.slice(loops[0].start, loops[0].end), t.trimEnd());
  });
});
