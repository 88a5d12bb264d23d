/**
 * Why two answers match or not, in the user's locale: every reason of compare.ts and math.ts is
 * a message of the catalogue (`why`), its English the `reason` the machine output keeps, and the
 * faces that show it (hover breakdown, `score --explain`, the rules' messages) render it in Chinese
 * under zh-cn.
 */
import { strict as assert } from 'node:assert';
import { compareAnswers } from '../../../src/core/answer/compare';
import { symbolicEqual } from '../../../src/core/answer/math';
import { answerExplanation } from '../../../src/core/breakdown';
import { scoreLine } from '../../../src/cli/output';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readDocument } from '../../../src/core/documents';
import { localizeFinding, MESSAGES, render, type Localized } from '../../../src/core/messages';

const HAN = /[\u4e00-\u9fff]/;
const LEFT_OVER = /\{[a-zA-Z][a-zA-Z0-9]*\}/;

/** Pairs (answer, reference, question?) that reach the comparison's reasons. */
const PAIRS: Array<[string, string, string?]> = [
  ['4', '4'], ['0.5', '0.6'], ['50\\%', '0.5'], ['(1, 2)', '(1, 3)'], ['(1, 2)', '(1, 2, 3)'], ['1, 2', '2, 1'], ['1, 2', '1, 3'],
  ['\\{1, 2\\}', '(1, 2)'], ['[0, 1)', '[0, 1]'], ['\\begin{pmatrix}1&2\\end{pmatrix}', '\\begin{pmatrix}1&3\\end{pmatrix}'],
  ['\\begin{pmatrix}1\\end{pmatrix}', '5'], ['x+y=1', 'y+x=1'], ['x=2y', 'x-2y=0'], ['x = 2', 'y = 3'], ['Evelyn', 'Bob'], ['the Evelyn', 'evelyn'],
  ['(B)', '(C)'], ['B', '8', 'What?\n(A) 6\n(B) 8'], ['8', 'B', 'What?\n(A) 6\n(B) 8'], ['B', '8'], ['{"a": 1}', '{"a": 2}'], ['{"a": 1}', '3'],
  ['1:4', '0.25', 'What is the ratio of a to b?'], ['1:4', '0.3', 'What are the odds?'], ['1:4', '0.25'], ['2:8', '1:4', 'Find the ratio.'], ['1:0', '2', 'Find the ratio.'],
  ['3:05 pm', '15:05', 'What time is it?'], ['3:05 pm', '3:06 pm'], ['x^2+2x+1', '(x+1)^2'], ['x^2', 'x^3'], ['\\frac{', 'x'], ['x', '\\frac{'],
  ['\\int_0^1 x^2 dx', '\\frac13'], ['1'.repeat(1001), '1'], ['', '4'], ['5', ''],
];

function whyOf(answer: string, reference: string, question?: string): { reason: string; why: Localized } {
  const c = compareAnswers(answer, reference, question);
  assert.ok(c.why, `${answer} vs ${reference}: a reason id`);
  return c;
}

describe('answer-comparison reasons in the catalogue', () => {
  it('every reason is a message of the catalogue, its English the machine reason, its Chinese complete', () => {
    const seen = new Set<string>();
    for (const [a, r, q] of PAIRS) {
      const { reason, why } = whyOf(a, r, q);
      assert.ok(why.id in MESSAGES, `${why.id} is in the catalogue`);
      assert.equal(render(why, 'en'), reason, `${a} vs ${r}`);
      const zh = render(why, 'zh-cn');
      assert.match(zh, HAN, `${a} vs ${r}: "${zh}" is Chinese`);
      assert.doesNotMatch(zh, LEFT_OVER, zh);
      seen.add(why.id);
    }
    // The table reaches many different reasons, not one repeated.
    assert.ok(seen.size >= 20, [...seen].join(', '));
  });

  it('renders known reasons in natural Chinese, nested ones too', () => {
    assert.equal(render(whyOf('0.5', '0.6').why, 'zh-cn'), '数值不同（0.5 与 0.6）');
    assert.equal(render(whyOf('(1, 2)', '(1, 3)').why, 'zh-cn'), '第 2 项不同（数值不同（2 与 3））');
    assert.equal(render(whyOf('1:4', '0.25', 'What is the ratio of a to b?').why, 'zh-cn'), '比 1:4 等于 0.25');
    assert.equal(render(whyOf('1:4', '0.25').why, 'zh-cn'), '只有题目要求求比时，1:4 才是一个比');
  });

  it('the compute engine\'s limits, the unbounded operators among them, have Chinese reasons', () => {
    const cases: Array<[Localized, string]> = [
      [symbolicEqual('\\int_0^1 x^2 dx', '\\frac13').why, '积分、极限或导数只按书写形式比较'],
      [symbolicEqual('\\sum_{j=1}^\\infty \\sum_{k=1}^\\infty \\frac{1}{(j+k)^3}', 'p - q').why, '没有字面上下限的求和或求积只按书写形式比较'],
      [symbolicEqual('\\sum_{j=1}^{200}\\sum_{k=1}^{200} jk', 'p').why, '超过 10000 项的求和或求积只按书写形式比较'],
      [symbolicEqual('\\lim_{x\\to 0} \\frac{\\sin x}{x}', '1').why, '积分、极限或导数只按书写形式比较'],
      [symbolicEqual(`${'9'.repeat(60)}!`, 'x').why, '答案无法检查：有一个数字超过 40 位'],
    ];
    for (const [why, zh] of cases) assert.equal(render(why, 'zh-cn'), zh);
    assert.equal(symbolicEqual('\\int_0^1 x^2 dx', '\\frac13').reason, 'an integral, limit or derivative is compared as written only');
  });
});

describe('answer-comparison reasons in the faces', () => {
  const input = readDocument(JSON.stringify({ prompt: 'Question?', response: '<think>\nAdd.\n</think>\n<answer>\\boxed{5}</answer>', answer: '4' }) + '\n', 'records.jsonl')[0];
  const trace = checkRecord(input, resolveConfig({})).traces[0];

  it('the hover breakdown and score --explain text give the reason in Chinese under zh-cn, English otherwise', () => {
    assert.match(answerExplanation(trace.answer, true, 'zh-cn'), /错误 ✗：数值不同（5 与 4）/);
    assert.match(answerExplanation(trace.answer, false, 'en'), /wrong ✗: different values \(5 vs 4\)/);
  });

  it('score --explain keeps the English reason and shape, and adds localizedExplanation only for --lang', () => {
    const { span: _span, ...answer } = trace.answer;
    const s = { record: 0, line: 1, rewards: trace.rewards, total: trace.total, answer };
    const plain = JSON.parse(scoreLine(s, true)).answer;
    assert.equal(plain.reason, 'different values (5 vs 4)');
    assert.equal(plain.why, undefined, 'the message id is not part of the JSON');
    assert.equal(plain.localizedExplanation, undefined);
    const zh = JSON.parse(scoreLine(s, true, 'zh-cn')).answer;
    assert.equal(zh.reason, 'different values (5 vs 4)');
    assert.match(zh.localizedExplanation, /数值不同（5 与 4）/);
  });

  it('answer-incorrect renders its reason in Chinese inside the Chinese message', () => {
    const finding = checkRecord(input, resolveConfig({})).findings.find((f) => f.ruleId === 'answer-incorrect') ?? trace.findings.find((f) => f.ruleId === 'answer-incorrect');
    assert.ok(finding, 'answer-incorrect fires');
    assert.match(finding.message, /\(different values \(5 vs 4\)\)/);
    const zh = localizeFinding(finding, 'zh-cn');
    assert.ok(zh.includes('（数值不同（5 与 4））'), zh);
  });
});
