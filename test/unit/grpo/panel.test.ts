import { strict as assert } from 'node:assert';
import { chartLimit, compareConventions, defaultState, evaluate, overlongPenalty, pasteRewards, type CalculatorState } from '../../../src/core/grpo/panel';
import { parseSelection } from '../../../src/core/grpo/selection';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

function withRewards(lines: string): CalculatorState {
  const parsed = parseSelection(lines);
  assert.equal(parsed.kind, 'numbers');
  return pasteRewards(defaultState(), (parsed as { groups: Array<Array<number | null>> }).groups);
}

describe('grpo calculator model', () => {
  it('pasting three lines makes three groups of 4 and keeps the output labels', () => {
    const state = withRewards('0,1,1,0\n1,1,1,1\n0,0,0,1');
    assert.equal(state.groups.length, 3);
    assert.deepEqual(state.groups.map((g) => g.outputs.length), [4, 4, 4]);
    assert.deepEqual(state.groups[0].outputs.map((o) => o.label), ['x = 1', 'x = 2', 'x = 2', 'x = 5']);
    assert.equal(state.groups[0].prompt, 'Solve: 2x + 3 = 7');
    assert.deepEqual(state.groups[2].outputs.map((o) => o.cells[0]), ['0', '0', '0', '1']);
    const r = evaluate(state);
    assert.equal(r.groups[1].zeroSignal, true);
  });

  it('pasting one list keeps labels, ratios and the other groups', () => {
    const state = pasteRewards(defaultState(), [[1, 0, null]]);
    assert.deepEqual(state.groups[0].outputs.map((o) => [o.label, o.cells[0], o.ratio]), [
      ['x = 1', '1', '1.1'],
      ['x = 2', '0', '1.3'],
      ['x = 2', '', '0.9'],
    ]);
  });

  it('compares every convention for the active group, on one chart scale', () => {
    const state = defaultState();
    const all = compareConventions(state);
    const by = Object.fromEntries(all.map((c) => [c.id, c.advantages]));
    assert.deepEqual(Object.keys(by), ['trl', 'trl-batch', 'verl', 'dr-grpo', 'paper', 'openrlhf']);
    assert.deepEqual(by.paper, [-1, 1, 1, -1]);
    assert.deepEqual(by['dr-grpo'], [-0.5, 0.5, 0.5, -0.5]);
    close(by.openrlhf[1], 0.5 / (Math.sqrt(1 / 3) + 1e-9));
    close(by.trl[1], 0.5 / (Math.sqrt(1 / 3) + 1e-4));
    assert.equal(chartLimit(state, all), 1);
    // With a second reward column, TRL's normalise-then-sum joins the comparison.
    const two: CalculatorState = { ...state, columns: [...state.columns, { name: 'format', weight: '1' }] };
    assert.ok(compareConventions(two).some((c) => c.id === 'trl-normalize'));
    // A lopsided group: the scale covers the largest advantage of any preset.
    const lop = pasteRewards(state, [[1, 0, 0, 0, 0, 0, 0, 0]]);
    const limit = chartLimit(lop);
    const max = Math.max(...compareConventions(lop).flatMap((c) => c.advantages.map(Math.abs)));
    assert.ok(limit >= max && limit - max < 0.5, `${limit} vs ${max}`);
  });

  it('DAPO overlong buffer: 0 up to Lmax − buffer, linear to −1 at Lmax, −1 beyond; added to the reward', () => {
    assert.equal(overlongPenalty(16384, 20480, 4096), 0);
    assert.equal(overlongPenalty(18432, 20480, 4096), -0.5);
    assert.equal(overlongPenalty(20480, 20480, 4096), -1);
    assert.equal(overlongPenalty(30000, 20480, 4096), -1);
    assert.equal(overlongPenalty(18432, 20480, 4096, 2), -1);
    const state = defaultState();
    state.overlong.enabled = true;
    ['1000', '18432', '', '30000'].forEach((l, i) => (state.groups[0].outputs[i].length = l));
    const r = evaluate(state);
    assert.deepEqual(r.groups[0].outputs.map((o) => o.reward), [0, 0.5, 1, -1]);
    assert.deepEqual(r.groups[0].outputs.map((o) => o.overlong), [0, -0.5, undefined, -1]);
    state.overlong.buffer = '30000';
    assert.match(evaluate(state).problems.join(' '), /overlong buffer/);
  });

  it('the options of normalise-then-sum and of unscorable outputs reach the maths', () => {
    const state = pasteRewards(defaultState(), [[1, null, 1, 0]]);
    assert.notEqual(evaluate(state).groups[0].outputs[1].advantage, 0);
    state.options.missing = 'exclude';
    assert.equal(evaluate(state).groups[0].outputs[1].advantage, 0);
    assert.equal(evaluate(state).preset, undefined);
  });
});
