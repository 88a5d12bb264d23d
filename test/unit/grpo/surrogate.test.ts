import { strict as assert } from 'node:assert';
import { DAPO_CLIP, groupSurrogate, k3, k3FromLogProbs, surrogate } from '../../../src/core/grpo';

const close = (a: number | null, b: number, tol = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= tol, `expected ${b}, got ${a}`);

describe('grpo: clipped surrogate and k3 KL', () => {
  it('positive advantage: ratio above 1 + ε is clipped, below is not', () => {
    const up = surrogate({ advantage: 1, ratio: 1.5 });
    assert.equal(up.clipped, true);
    close(up.surrogate, 1.2);
    const down = surrogate({ advantage: 1, ratio: 0.5 });
    assert.equal(down.clipped, false);
    close(down.surrogate, 0.5);
  });

  it('negative advantage: ratio below 1 − ε is clipped (min picks −0.8), above is not', () => {
    const down = surrogate({ advantage: -1, ratio: 0.5 });
    assert.equal(down.clipped, true);
    close(down.surrogate, -0.8);
    const up = surrogate({ advantage: -1, ratio: 1.5 });
    assert.equal(up.clipped, false);
    close(up.surrogate, -1.5);
  });

  it('DAPO clip-higher lets a positive-advantage ratio of 1.25 through (ε_high 0.28)', () => {
    assert.equal(surrogate({ advantage: 2, ratio: 1.25 }).clipped, true);
    const dapo = surrogate({ advantage: 2, ratio: 1.25 }, DAPO_CLIP);
    assert.equal(dapo.clipped, false);
    close(dapo.surrogate, 2.5);
    close(surrogate({ advantage: 2, ratio: 1.4 }, DAPO_CLIP).surrogate, 2.56);
  });

  it('ratio from log-probabilities: exp(logpNew − logpOld)', () => {
    const r = surrogate({ advantage: 1, logpNew: -2, logpOld: -2 - Math.log(1.1) });
    close(r.ratio, 1.1, 1e-12);
    assert.equal(r.clipped, false);
  });

  it('k3 KL: x − ln x − 1 for x = π_ref/π_θ', () => {
    assert.equal(k3(1), 0);
    close(k3(2), 2 - Math.LN2 - 1); // 0.30685…
    close(k3(0.5), 0.5 + Math.LN2 - 1); // 0.19314…
    assert.equal(k3(0), null);
    assert.equal(k3(-1), null);
    close(k3FromLogProbs(-1, -1 + Math.LN2), 0.30685281944005466, 1e-12);
  });

  it('objective = surrogate − β·KL; the group objective averages outputs with a ratio', () => {
    const r = surrogate({ advantage: 1, ratio: 1, refRatio: 2 }, { epsLow: 0.2, epsHigh: 0.2, beta: 0.04 });
    close(r.objective, 1 - 0.04 * (1 - Math.LN2));
    const g = groupSurrogate([{ advantage: 1, ratio: 1.5 }, { advantage: -1, ratio: 1 }, { advantage: 1, ratio: null }]);
    close(g.objective, (1.2 - 1) / 2);
    assert.equal(g.clippedFraction, 0.5);
    assert.equal(g.outputs[2].surrogate, null);
  });
});
