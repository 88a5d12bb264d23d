import type { MessageText } from './format';

/**
 * Why a final answer matches the reference, differs from it, or cannot be checked
 * (src/core/answer/compare.ts and math.ts): a reason is an id here and its arguments, shown in
 * the hover, the review panel and `score --explain`. The English text is the `reason` of the
 * machine output (JSON Lines, the reward server), which never changes with the locale. Part of
 * the one catalogue (catalogue.ts spreads it in), checked by the same parity test.
 */
export const ANSWER_MESSAGES = {
  // ── Values of one kind ───────────────────────────────────────────────────────────────────
  'reason.identical': { en: 'identical', zh: '完全相同' },
  'reason.normalised': { en: 'the same after normalisation', zh: '规范化后相同' },
  'reason.nested-too-deeply': { en: 'nested too deeply', zh: '嵌套过深' },
  'reason.empty': { en: 'empty', zh: '为空' },
  'reason.answer-bad': { en: 'answer {reason}', zh: '答案{reason}' },
  'reason.reference-not-checkable': { en: 'reference not checkable: {reason}', zh: '参考答案无法检查：{reason}' },
  'reason.answer-not-checkable': { en: 'answer not checkable: {reason}', zh: '答案无法检查：{reason}' },
  'reason.answer-malformed': { en: 'answer malformed: {reason}', zh: '答案格式有误：{reason}' },
  'reason.equal-values': { en: 'equal values', zh: '数值相等' },
  'reason.equal-values-percent': { en: 'equal values (percent)', zh: '数值相等（按百分数）' },
  'reason.different-values': { en: 'different values ({answer} vs {reference})', zh: '数值不同（{answer} 与 {reference}）' },
  'reason.not-a-number': { en: 'the answer is not a number', zh: '答案不是数字' },
  'reason.same-text': { en: 'the same text', zh: '文本相同' },
  'reason.different-text': { en: 'different text', zh: '文本不同' },
  'reason.same-expression': { en: 'the same expression', zh: '表达式相同' },
  'reason.answer-too-long': { en: 'answer longer than {max} characters', zh: '答案超过 {max} 个字符' },
  'reason.reference-too-long': { en: 'reference longer than {max} characters', zh: '参考答案超过 {max} 个字符' },
  'reason.failed': { en: 'the comparison failed', zh: '比较失败' },
  'reason.no-answer': { en: 'no final answer found', zh: '未找到最终答案' },
  'reason.open-r1-unparsable': {
    en: 'the reference cannot be parsed as mathematics (open-r1 gives no reward)',
    zh: '参考答案无法解析为数学表达式（open-r1 不给奖励）',
  },

  // ── Lists, sets, intervals, matrices, equations, objects ─────────────────────────────────
  'reason.item-count': { en: '{answer} items vs {reference}', zh: '{answer} 项与 {reference} 项' },
  'reason.too-many-items': { en: 'more than {max} items', zh: '超过 {max} 项' },
  'reason.item-differs': { en: 'item {item} differs ({reason})', zh: '第 {item} 项不同（{reason}）' },
  'reason.items-in-order': { en: 'every item equal, in order', zh: '各项按顺序全部相等' },
  'reason.item-missing': { en: '{item} is not in the reference', zh: '{item} 不在参考答案中' },
  'reason.items-any-order': { en: 'the same items, order ignored', zh: '各项相同（不计顺序）' },
  'reason.values-vs-one': { en: '{count} values vs one', zh: '{count} 个值与 1 个值' },
  'reason.one-vs-values': { en: 'one value vs {count}', zh: '1 个值与 {count} 个值' },
  'reason.set-vs-tuple': { en: 'a set vs a tuple or interval', zh: '集合与元组或区间' },
  'reason.union-vs-interval': { en: 'a union vs one interval', zh: '区间的并与单个区间' },
  'reason.brackets-differ': { en: 'brackets differ: {answer} vs {reference}', zh: '括号不同：{answer} 与 {reference}' },
  'reason.matrix-vs-value': { en: 'a matrix vs another value', zh: '矩阵与其他值' },
  'reason.row-count': { en: 'different numbers of rows', zh: '行数不同' },
  'reason.row-differs': { en: 'row {row} differs', zh: '第 {row} 行不同' },
  'reason.cells-equal': { en: 'every cell equal', zh: '每个元素都相等' },
  'reason.equation-vs-value': { en: 'an equation vs a value', zh: '方程与一个值' },
  'reason.same-equation': { en: 'the same equation', zh: '方程相同' },
  'reason.same-equation-rearranged': { en: 'the same equation (rearranged)', zh: '方程相同（经过移项）' },
  'reason.different-equations': { en: 'different equations', zh: '方程不同' },
  'reason.same-object': { en: 'the same object (key order ignored)', zh: '对象相同（不计键的顺序）' },
  'reason.different-objects': { en: 'different objects', zh: '对象不同' },
  'reason.object-vs-value': { en: 'an object vs a value', zh: '对象与一个值' },

  // ── Choices, clock times, ratios and odds ────────────────────────────────────────────────
  'reason.same-choice': { en: 'same choice', zh: '选项相同' },
  'reason.choice-vs-choice': { en: 'choice {answer} vs {reference}', zh: '选项 {answer} 与 {reference}' },
  'reason.value-of-choice': { en: 'the value of choice {letter} ({option})', zh: '是选项 {letter} 的值（{option}）' },
  'reason.not-value-of-choice': { en: 'not the value of choice {letter} ({option})', zh: '不是选项 {letter} 的值（{option}）' },
  'reason.reference-is-choice': { en: 'the reference is a choice letter', zh: '参考答案是选项字母' },
  'reason.choice-is-reference': { en: 'choice {letter} is {option}, the reference', zh: '选项 {letter} 是 {option}，即参考答案' },
  'reason.choice-not-reference': { en: 'choice {letter} is {option}, not the reference', zh: '选项 {letter} 是 {option}，不是参考答案' },
  'reason.choice-vs-value': { en: 'choice {letter} vs a value', zh: '选项 {letter} 与一个值' },
  'reason.time-vs-value': { en: 'a clock time vs another value', zh: '时刻与其他值' },
  'reason.same-time': { en: 'the same clock time', zh: '时刻相同' },
  'reason.different-times': { en: 'different clock times ({answer} vs {reference})', zh: '时刻不同（{answer} 与 {reference}）' },
  'reason.same-ratio': { en: 'the same ratio', zh: '比相同' },
  'reason.same-ratio-proportional': { en: 'the same ratio (proportional)', zh: '比相同（成比例）' },
  'reason.same-odds-proportional': { en: 'the same odds (proportional)', zh: '赔率相同（成比例）' },
  'reason.different-ratios': { en: 'different ratios', zh: '比不同' },
  'reason.different-odds': { en: 'different odds', zh: '赔率不同' },
  'reason.different-pairs': { en: 'different pairs (the question does not ask for a ratio)', zh: '数对不同（题目没有要求求比）' },
  'reason.ratio-not-asked': { en: '{ratio} is a ratio only when the question asks for one', zh: '只有题目要求求比时，{ratio} 才是一个比' },
  'reason.ratio-zero-term': { en: 'a ratio with a zero term', zh: '比中有一项为零' },
  'reason.ratio-vs-nan': { en: 'a ratio vs a value that is not a number', zh: '比与一个不是数字的值' },
  'reason.odds-vs-nan': { en: 'a odds vs a value that is not a number', zh: '赔率与一个不是数字的值' },
  'reason.ratio-is': { en: 'the ratio {ratio} is {value}', zh: '比 {ratio} 等于 {value}' },
  'reason.odds-is': { en: 'the odds {ratio} is {value}', zh: '赔率 {ratio} 等于 {value}' },
  'reason.ratio-is-not': { en: 'the ratio {ratio} is {value}, not {other}', zh: '比 {ratio} 等于 {value}，不是 {other}' },
  'reason.odds-is-not': { en: 'the odds {ratio} is {value}, not {other}', zh: '赔率 {ratio} 等于 {value}，不是 {other}' },

  // ── The compute engine (math.ts) ─────────────────────────────────────────────────────────
  'reason.expression-too-long': { en: 'expression longer than {max} characters', zh: '表达式超过 {max} 个字符' },
  'reason.expression-too-deep': { en: 'expression nested deeper than {max} levels', zh: '表达式嵌套超过 {max} 层' },
  'reason.number-too-long': { en: 'a number longer than {max} digits', zh: '有一个数字超过 {max} 位' },
  'reason.malformed-latex': { en: 'malformed LaTeX', zh: 'LaTeX 格式有误' },
  'reason.unparsable': { en: 'the expression could not be parsed', zh: '无法解析该表达式' },
  'reason.unbounded.calculus': {
    en: 'an integral, limit or derivative is compared as written only',
    zh: '积分、极限或导数只按书写形式比较',
  },
  'reason.unbounded.bounds': {
    en: 'a sum or product without literal bounds is compared as written only',
    zh: '没有字面上下限的求和或求积只按书写形式比较',
  },
  'reason.unbounded.terms': {
    en: 'a sum or product of more than {max} terms is compared as written only',
    zh: '超过 {max} 项的求和或求积只按书写形式比较',
  },
  'reason.engine-equal': { en: 'equal expressions (compute engine)', zh: '表达式相等（由计算引擎判定）' },
  'reason.engine-different': { en: 'different expressions (compute engine)', zh: '表达式不同（由计算引擎判定）' },
  'reason.engine-undecided': { en: 'the compute engine could not decide', zh: '计算引擎无法判定' },
  'reason.engine-limit': { en: 'the comparison hit the evaluation limit', zh: '比较达到了求值上限' },
} satisfies Record<string, MessageText>;
