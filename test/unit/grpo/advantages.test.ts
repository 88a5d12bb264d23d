import { strict as assert } from 'node:assert';
import {
  combineRewards,
  computeAdvantages,
  groupAdvantages,
  matchPreset,
  PRESETS,
  resolveOptions,
  stdDev,
} from '../../../src/core/grpo';

/** Equal within `tol` (absolute). */
function close(actual: number, expected: number, tol = 1e-12, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what} expected ${expected}, got ${actual}`);
}
function closeAll(actual: number[], expected: number[], tol = 1e-12): void {
  assert.equal(actual.length, expected.length, 'length');
  actual.forEach((a, i) => close(a, expected[i], tol, `[${i}]`));
}
function noNaN(values: number[]): void {
  for (const v of values) assert.ok(Number.isFinite(v), `non-finite value ${v}`);
}

// The seed example: "Solve: 2x + 3 = 7", outputs x=1, x=2, x=2, x=5 with rewards 0, 1, 1, 0.
// mean = 0.5; population std = 0.5; sample std = sqrt((4 × 0.25) / 3) = sqrt(1/3) = 0.57735026918962…
const SEED = [0, 1, 1, 0];
const SAMPLE_STD = 0.5773502691896257;

describe('grpo: group advantages', () => {
  it('trl preset on the seed example: ±0.5 / (sqrt(1/3) + 1e-4) ≈ ±0.86588', () => {
    const g = groupAdvantages(SEED, PRESETS.trl);
    close(g.mean, 0.5);
    close(g.std, SAMPLE_STD, 1e-15);
    close(g.divisor!, 0.5774502691896257, 1e-15);
    closeAll(g.advantages, [-0.8658754297607016, 0.8658754297607016, 0.8658754297607016, -0.8658754297607016], 1e-12);
    assert.equal(g.zeroSignal, false);
  });

  it('verl preset on the seed example: ±0.5 / (sqrt(1/3) + 1e-6) ≈ ±0.866024', () => {
    const g = groupAdvantages(SEED, PRESETS.verl);
    const a = 0.5 / (0.5773502691896257 + 0.000001); // = 0.8660239404…
    close(a, 0.866023904, 1e-8);
    closeAll(g.advantages, [-a, a, a, -a]);
  });

  it('paper preset: population std 0.5, no epsilon → exactly ±1', () => {
    const g = groupAdvantages(SEED, PRESETS.paper);
    assert.deepEqual(g.advantages, [-1, 1, 1, -1]);
    assert.equal(g.std, 0.5);
    assert.equal(g.divisor, 0.5);
  });

  it('dr-grpo preset: mean-centred only → ±0.5', () => {
    const g = groupAdvantages(SEED, PRESETS['dr-grpo']);
    assert.deepEqual(g.advantages, [-0.5, 0.5, 0.5, -0.5]);
    assert.equal(g.divisor, 1);
  });

  it('an uneven group: [1, 0, 0, 0, 0] (one right answer of five)', () => {
    // mean 0.2; deviations 0.8, -0.2 ×4; Σsq = 0.64 + 4×0.04 = 0.8; sample var 0.2, pop var 0.16
    const trl = groupAdvantages([1, 0, 0, 0, 0], PRESETS.trl);
    const s = Math.sqrt(0.2) + 1e-4; // 0.44731359…
    closeAll(trl.advantages, [0.8 / s, -0.2 / s, -0.2 / s, -0.2 / s, -0.2 / s]);
    close(trl.advantages[0], 1.788454, 1e-6);
    const paper = groupAdvantages([1, 0, 0, 0, 0], PRESETS.paper);
    closeAll(paper.advantages, [2, -0.5, -0.5, -0.5, -0.5], 1e-12);
  });

  it('openrlhf: sample std + 1e-9 per group (OpenRLHF group_norm); a lone output gets 0', () => {
    const g = groupAdvantages([1, 0, 0, 0], PRESETS.openrlhf);
    closeAll(g.advantages, [0.75 / (0.5 + 1e-9), -0.25 / (0.5 + 1e-9), -0.25 / (0.5 + 1e-9), -0.25 / (0.5 + 1e-9)], 1e-15);
    assert.notEqual(g.advantages[0], groupAdvantages([1, 0, 0, 0], PRESETS.trl).advantages[0]);
    assert.deepEqual(groupAdvantages([5], PRESETS.openrlhf).advantages, [0]);
  });

  it('all-equal groups carry no signal: exactly 0 under every preset, whatever epsilon', () => {
    for (const name of ['trl', 'verl', 'dr-grpo', 'paper', 'openrlhf'] as const) {
      for (const rewards of [[1, 1, 1, 1], [0, 0], [0.1, 0.1, 0.1], [-2.5, -2.5, -2.5]]) {
        const g = groupAdvantages(rewards, PRESETS[name]);
        assert.ok(g.advantages.every((a) => a === 0), `${name} ${rewards}`);
        assert.equal(g.zeroSignal, true);
        assert.equal(g.divisor, null);
      }
    }
  });

  it('size-1 groups: TRL gives 0, verl keeps the raw reward (mean 0, std 1)', () => {
    const trl = groupAdvantages([3], PRESETS.trl);
    assert.deepEqual(trl.advantages, [0]);
    assert.equal(trl.singleton, true);
    assert.equal(trl.zeroSignal, true);
    const verl = groupAdvantages([3], PRESETS.verl);
    close(verl.advantages[0], 3 / 1.000001);
    assert.equal(verl.mean, 0);
    assert.equal(verl.std, 1);
    assert.equal(verl.zeroSignal, false);
    const verlZero = groupAdvantages([0], PRESETS.verl);
    assert.deepEqual(verlZero.advantages, [0]);
    assert.equal(verlZero.zeroSignal, true);
    const raw = groupAdvantages([-0.5], resolveOptions('verl', { scale: 'none' }));
    assert.deepEqual(raw.advantages, [-0.5]);
    assert.deepEqual(groupAdvantages([7], PRESETS['dr-grpo']).advantages, [0]);
    assert.deepEqual(groupAdvantages([7], PRESETS.paper).advantages, [0]);
  });

  it('an empty group gives no advantages and no NaN', () => {
    const g = groupAdvantages([], PRESETS.trl);
    assert.deepEqual(g.advantages, []);
    assert.equal(g.mean, 0);
    assert.equal(g.std, 0);
  });

  it('null and non-finite rewards count as 0 the TRL way (nansum), and are flagged', () => {
    // [1, null, 0] → combined [1, 0, 0]: mean 1/3, sample std sqrt(((2/3)² + 2(1/3)²)/2) = sqrt(1/3)
    const g = groupAdvantages([1, null, 0], PRESETS.trl);
    assert.deepEqual(g.rewards, [1, 0, 0]);
    assert.deepEqual(g.missing, [false, true, false]);
    const d = Math.sqrt(1 / 3) + 1e-4;
    closeAll(g.advantages, [(2 / 3) / d, -(1 / 3) / d, -(1 / 3) / d]);
    const weird = groupAdvantages([NaN, Infinity, -Infinity, 1] as number[], PRESETS.trl);
    noNaN(weird.advantages);
    assert.deepEqual(weird.rewards, [0, 0, 0, 1]);
    assert.deepEqual(weird.missing, [true, true, true, false]);
  });

  it('a group whose rewards are all missing: advantages 0, flagged', () => {
    const g = groupAdvantages([null, null, [null, null]], PRESETS.trl);
    assert.deepEqual(g.advantages, [0, 0, 0]);
    assert.equal(g.allMissing, true);
    assert.equal(g.zeroSignal, true);
  });

  it('several reward functions are summed with weights before normalising', () => {
    // weights a=1, b=0.5: [1 + null, 0 + 0.5·1, null + null] = [1, 0.5, 0]
    const g = groupAdvantages(
      [
        { a: 1, b: null },
        { a: 0, b: 1 },
        { a: null, b: null },
      ],
      PRESETS.paper,
      { a: 1, b: 0.5 },
    );
    assert.deepEqual(g.rewards, [1, 0.5, 0]);
    assert.deepEqual(g.missing, [false, false, true]);
    // mean 0.5; population std sqrt((0.25 + 0 + 0.25)/3) = sqrt(1/6)
    const s = Math.sqrt(1 / 6);
    closeAll(g.advantages, [0.5 / s, 0, -0.5 / s]);
    // Arrays by position; a missing weight is 1.
    const byPos = groupAdvantages([[1, 2], [0, 4]], PRESETS['dr-grpo'], [2]);
    assert.deepEqual(byPos.rewards, [4, 4]);
    assert.equal(byPos.zeroSignal, true);
  });

  it('batch scaling: mean per group, one sample std over the whole batch', () => {
    // groups [1,2,3], [0,0,0], [2,4]; pool of 8: mean 1.5, Σsq = 16, sample std = sqrt(16/7)
    const groups = [[1, 2, 3], [0, 0, 0], [2, 4]];
    const result = computeAdvantages(groups, resolveOptions('trl', { scale: 'batch' }));
    const s = Math.sqrt(16 / 7);
    close(result.batchStd!, s);
    const d = s + 1e-4;
    closeAll(result.groups[0].advantages, [-1 / d, 0, 1 / d]);
    assert.deepEqual(result.groups[1].advantages, [0, 0, 0]);
    closeAll(result.groups[2].advantages, [-1 / d, 1 / d]);
    assert.equal(result.stats.zeroSignalGroups, 1);
    close(result.stats.zeroSignalFraction, 1 / 3);
  });

  it('batch scaling without zero-signal groups (dynamic sampling): pool of 5, sample std sqrt(1.3)', () => {
    // pool [1,2,3,2,4]: mean 2.4, Σsq = 1.96+0.16+0.36+0.16+2.56 = 5.2, sample var 1.3
    const result = computeAdvantages([[1, 2, 3], [0, 0, 0], [2, 4]], resolveOptions('trl', { scale: 'batch', dropZeroSignal: true }));
    close(result.batchStd!, Math.sqrt(1.3));
    const d = Math.sqrt(1.3) + 1e-4;
    closeAll(result.groups[0].advantages, [-1 / d, 0, 1 / d]);
    // Population std over the same pool: sqrt(5.2/5) = sqrt(1.04)
    const pop = computeAdvantages([[1, 2, 3], [0, 0, 0], [2, 4]], { ...PRESETS.paper, scale: 'batch', dropZeroSignal: true });
    closeAll(pop.groups[2].advantages, [-1 / Math.sqrt(1.04), 1 / Math.sqrt(1.04)]);
  });

  it('group scaling treats every group on its own', () => {
    const result = computeAdvantages([[0, 1], [0, 10]], PRESETS.paper);
    // pop std of [0,1] is 0.5, of [0,10] is 5: both → ±1
    assert.deepEqual(result.groups[0].advantages, [-1, 1]);
    assert.deepEqual(result.groups[1].advantages, [-1, 1]);
  });

  it('a large group (1,024 outputs) matches a plain independent computation', () => {
    const rewards = Array.from({ length: 1024 }, (_, i) => ((i * 37) % 101) / 100 - 0.3);
    // Independent plain formula: mean, then sample std, then (r − mean)/(std + 1e-4).
    let sum = 0;
    for (let i = 0; i < rewards.length; i++) sum += rewards[i];
    const m = sum / 1024;
    let sq = 0;
    for (let i = 0; i < rewards.length; i++) sq += (rewards[i] - m) ** 2;
    const s = Math.sqrt(sq / 1023);
    const g = groupAdvantages(rewards, PRESETS.trl);
    closeAll(g.advantages, rewards.map((r) => (r - m) / (s + 1e-4)), 1e-12);
    // The advantages of a group sum to 0.
    close(g.advantages.reduce((a, b) => a + b, 0), 0, 1e-9);
    // Alternating 0/1: mean 0.5, sample std 0.5·sqrt(1024/1023).
    const alt = groupAdvantages(Array.from({ length: 1024 }, (_, i) => i % 2), PRESETS.trl);
    close(alt.advantages[1], 0.5 / (0.5 * Math.sqrt(1024 / 1023) + 1e-4));
  });

  it('a custom epsilon and a negative epsilon (falls back to the preset)', () => {
    const g = groupAdvantages(SEED, resolveOptions('paper', { epsilon: 0.5 }));
    assert.deepEqual(g.advantages, [-0.5, 0.5, 0.5, -0.5]); // 0.5 / (0.5 + 0.5)
    assert.equal(resolveOptions('verl', { epsilon: -1 }).epsilon, 1e-6);
  });

  it('presets and matching', () => {
    assert.equal(matchPreset(resolveOptions('verl')), 'verl');
    assert.equal(matchPreset(resolveOptions('trl', { std: 'population' })), undefined);
    assert.equal(PRESETS.trl.epsilon, 1e-4);
    assert.equal(PRESETS.paper.epsilon, 0);
  });

  it('helpers: std kinds and combining', () => {
    assert.equal(stdDev([2, 4, 4, 4, 5, 5, 7, 9], 'population'), 2);
    close(stdDev([2, 4, 4, 4, 5, 5, 7, 9], 'sample'), Math.sqrt(32 / 7));
    assert.equal(stdDev([5], 'sample'), 0);
    assert.deepEqual(combineRewards(null), { value: 0, present: 0, allMissing: true });
    assert.deepEqual(combineRewards('x' as unknown as number), { value: 0, present: 0, allMissing: true });
    assert.deepEqual(combineRewards([1, null, 2], [1, 1, 3]), { value: 7, present: 2, allMissing: false });
  });
});

describe('grpo: every convention of the trainers', () => {
  it('epsilon: OpenRLHF 1e-9 beside TRL 1e-4 and verl 1e-6 on the seed example', () => {
    const s = Math.sqrt(1 / 3);
    for (const [preset, eps] of [['trl', 1e-4], ['verl', 1e-6], ['openrlhf', 1e-9]] as const) {
      assert.equal(PRESETS[preset].epsilon, eps);
      const g = groupAdvantages(SEED, PRESETS[preset]);
      closeAll(g.advantages, [-0.5 / (s + eps), 0.5 / (s + eps), 0.5 / (s + eps), -0.5 / (s + eps)], 1e-15);
    }
  });

  it('TRL scale_rewards: group, batch (group mean, one std over the batch) and none', () => {
    const batch = [[0, 1, 1, 0], [0, 0, 0, 3]];
    const group = computeAdvantages(batch, resolveOptions('trl', { scale: 'group' }));
    const s2 = stdDev([0, 0, 0, 3], 'sample');
    closeAll(group.groups[1].advantages, [-0.75, -0.75, -0.75, 2.25].map((d) => d / (s2 + 1e-4)));
    const b = computeAdvantages(batch, resolveOptions('trl', { scale: 'batch' }));
    const all = stdDev([0, 1, 1, 0, 0, 0, 0, 3], 'sample');
    close(b.batchStd!, all, 1e-15);
    closeAll(b.groups[0].advantages, [-0.5, 0.5, 0.5, -0.5].map((d) => d / (all + 1e-4)));
    closeAll(b.groups[1].advantages, [-0.75, -0.75, -0.75, 2.25].map((d) => d / (all + 1e-4)));
    const none = computeAdvantages(batch, resolveOptions('trl', { scale: 'none' }));
    closeAll(none.groups[1].advantages, [-0.75, -0.75, -0.75, 2.25]);
  });

  it('multi_objective_aggregation: sum then normalise (default) vs normalise then sum', () => {
    // Two reward functions on one group: a large-scale one and a 0/1 one.
    const outputs = [[10, 0], [0, 1], [0, 1], [0, 0]];
    const sum = groupAdvantages(outputs, PRESETS.trl);
    const sums = [10, 1, 1, 0];
    const m = 3;
    const sd = stdDev(sums, 'sample');
    closeAll(sum.advantages, sums.map((r) => (r - m) / (sd + 1e-4)));

    const norm = computeAdvantages([outputs], resolveOptions('trl', { aggregation: 'normalize' })).groups[0];
    // Each function normalised in its group (nanmean, Bessel nanstd, + 1e-4), weights 1, summed...
    const z = (col: number[]) => {
      const mu = col.reduce((a, b) => a + b, 0) / col.length;
      const s = Math.sqrt(col.reduce((a, b) => a + (b - mu) ** 2, 0) / (col.length - 1));
      return col.map((v) => (v - mu) / (s + 1e-4));
    };
    const z1 = z([10, 0, 0, 0]);
    const z2 = z([0, 1, 1, 0]);
    const total = z1.map((v, i) => v + z2[i]);
    // ...then centred and scaled over the batch.
    const bm = total.reduce((a, b) => a + b, 0) / 4;
    const bs = Math.sqrt(total.reduce((a, b) => a + (b - bm) ** 2, 0) / 3);
    closeAll(norm.normalized!, total, 1e-12);
    closeAll(norm.advantages, total.map((v) => (v - bm) / (bs + 1e-4)), 1e-12);
    // The 0/1 function now counts as much as the large one: outputs 2 and 3 move up.
    assert.ok(norm.advantages[1] > sum.advantages[1]);
    assert.equal(matchPreset(resolveOptions('trl', { aggregation: 'normalize' })), undefined);
  });

  it('normalise then sum skips a missing reward in its function’s mean and std (nanmean / nanstd)', () => {
    const outputs = [[1, null], [0, 1], [1, 0], [0, 1]];
    const g = computeAdvantages([outputs], resolveOptions('trl', { aggregation: 'normalize' })).groups[0];
    noNaN(g.advantages);
    // Function 2 over the three present values [1, 0, 1]: mean 2/3.
    const s = Math.sqrt(((1 / 3) ** 2 * 2 + (2 / 3) ** 2) / 2);
    close(g.normalized![1], (0 - 0.5) / (Math.sqrt(1 / 3) + 1e-4) + (1 - 2 / 3) / (s + 1e-4), 1e-12);
  });

  it('unscorable outputs: TRL scores them 0 and compares them (nansum); "exclude" gives advantage 0', () => {
    const group = [1, null, 1, 0];
    const trl = groupAdvantages(group, PRESETS.trl);
    // [1, 0, 1, 0]: the missing output is a 0 like the wrong answer.
    closeAll(trl.advantages, [1, -1, 1, -1].map((x) => (x * 0.5) / (Math.sqrt(1 / 3) + 1e-4)));
    assert.deepEqual(trl.missing, [false, true, false, false]);
    const ex = groupAdvantages(group, resolveOptions('trl', { missing: 'exclude' }));
    assert.equal(ex.advantages[1], 0);
    // Mean and std over [1, 1, 0] only.
    const m = 2 / 3;
    const sd = stdDev([1, 1, 0], 'sample');
    close(ex.mean, m, 1e-15);
    closeAll([ex.advantages[0], ex.advantages[2], ex.advantages[3]], [1 - m, 1 - m, -m].map((d) => d / (sd + 1e-4)));
    // NaN typed as a reward is missing too; nothing NaN comes out.
    noNaN(groupAdvantages([NaN, 1, 0], resolveOptions('trl', { missing: 'exclude' })).advantages);
  });
});
