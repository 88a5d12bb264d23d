import { strict as assert } from 'node:assert';
import { parseSelection, parseWeights } from '../../../src/core/grpo/selection';
import { localizeFinding, render } from '../../../src/core/messages';

describe('selection reader: messages with catalogue ids', () => {
  it('an invalid selection keeps its English message and renders in Chinese', () => {
    const parsed = parseSelection('0 1 x 0');
    assert.equal(parsed.kind, 'invalid');
    if (parsed.kind !== 'invalid') return;
    assert.equal(parsed.message, 'The selection is not a list of rewards: "x" is not a number.');
    assert.equal(localizeFinding(parsed, 'zh-cn'), '所选内容不是奖励列表：“x”不是数字。');
    const line = parseSelection('[0, 1]\n[0, y]');
    assert.ok(line.kind === 'invalid' && render(line.l10n, 'zh-cn') === '第 2 行：“y”不是数字。', JSON.stringify(line));
  });

  it('weights errors carry an id too', () => {
    const w = parseWeights('format=abc');
    assert.ok('error' in w);
    if (!('error' in w)) return;
    assert.equal(w.error, 'the weight of "format" is not a number');
    assert.equal(render(w.l10n, 'zh-cn'), '“format”的权重不是数字');
  });
});
