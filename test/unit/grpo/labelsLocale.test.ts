import { strict as assert } from 'node:assert';
import { defaultState, pasteRewards, stateFromNumbers } from '../../../src/core/grpo/panel';

describe("the calculator's default labels in the page's locale", () => {
  it('stateFromNumbers names groups, outputs and the reward column in Chinese under zh-cn', () => {
    const zh = stateFromNumbers([[1, 0], [0.5]], 'zh-cn');
    assert.deepEqual(zh.groups.map((g) => g.prompt), ['组 1', '组 2']);
    assert.deepEqual(zh.groups[0].outputs.map((o) => o.label), ['输出 1', '输出 2']);
    assert.equal(zh.columns[0].name, '奖励');
    assert.equal(stateFromNumbers([[1]], 'zh-cn').groups[0].prompt, '所选的奖励');
    const en = stateFromNumbers([[1, 0], [0.5]]);
    assert.deepEqual(en.groups.map((g) => g.prompt), ['Group 1', 'Group 2']);
    assert.deepEqual(en.groups[0].outputs.map((o) => o.label), ['output 1', 'output 2']);
    assert.equal(stateFromNumbers([[1]]).groups[0].prompt, 'Selected rewards');
  });

  it('pasting more outputs or groups than there are labels them in the locale, keeping the old labels', () => {
    const state = defaultState();
    const pasted = pasteRewards(state, [[1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], [1, 1]], 'zh-cn');
    const first = pasted.groups[0].outputs;
    assert.equal(first[0].label, state.groups[0].outputs[0].label);
    assert.equal(first[first.length - 1].label, '输出 12');
    assert.equal(state.groups.length, 1);
    assert.equal(pasted.groups[1].prompt, '组 2');
  });
});
