import { msg, ref } from '../messages';
import type { Rule } from './types';

const clip = (s: string) => (s.length > 60 ? s.slice(0, 57) + '…' : s);

export const answerIncorrect: Rule = {
  meta: {
    id: 'answer-incorrect',
    title: 'Incorrect final answer',
    description: 'The final answer differs from the record\'s ground truth after normalisation.',
    zh: { title: '最终答案错误', description: '规范化之后，最终答案与记录的标准答案不一致。' },
    severity: 'warning',
    reward: 'accuracy',
    tags: ['accuracy'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split', 'none'],
    options: {},
    docs: `
Compares the trace's final answer with the record's ground truth and reports a mismatch,
giving both values.

**Final answer**: the last \`\\boxed{…}\` (or \`\\fbox{…}\`, braces balanced) in the answer
section; else the content of \`<answer>…</answer>\` (an equation chain read to its last side);
else, unless the trace was cut off, "the answer is X", \`Answer: X\`, \`答案：X\`, \`#### X\`, a
concluding sentence, a bold final value or the last math of the last paragraph (see
[answer-unboxed](answer-unboxed.md)). Never a value from the thought.
**Reference**: the ground-truth field; when it is a worked solution, its last \`\\boxed{}\`
(or the text after \`####\`).

**Comparison**: numbers by value (\`0.6\` = \`3/5\` = \`\\frac35\` = \`60\\%\`, \`√3\` =
\`\\sqrt{3}\`, \`65π\` = \`65\\pi\`, \`1,000\`, \`1.2\\times10^{3}\`, \`3\\frac12\`); degrees,
units (\`cm\`, \`米\`, \`度\`, \`元\`, …) and a leading \`x =\` dropped; \`\\pm 2\` is two values;
tuples in order, sets in any order, intervals with their brackets (\`x < 3\` = \`(-\\infty, 3)\`),
matrices cell by cell, equations as equations; multiple-choice letters (\`(B)\` = \`B.\`); text
without case or articles; JSON objects with keys in any order; other expressions through the
compute engine. A comparison that hits a size or evaluation limit is not checkable (see
[answer-unchecked](answer-unchecked.md)), never "incorrect".

The message gives both values and the reason; the fix is in the dataset: drop or regenerate
the output, or correct the ground truth when it is the wrong one.

**Reward** (\`accuracy\`): 1 right, 0 wrong or no answer, \`null\` without ground truth.

## Why

R1's accuracy reward is rule-based: math answers must come in a fixed form — a box — so a
rule can check them, with no neural reward model to hack. Only correct samples were kept
when R1's 600k reasoning samples were drawn by rejection sampling.

## Examples

Ground truth \`\\frac{1}{2}\`:

- reported: \`\\boxed{2}\`
- not reported: \`\\boxed{0.5}\`, \`\\boxed{\\dfrac12}\`, \`\\boxed{1/2}\`, \`\\boxed{50\\%}\`
`,
  },
  check(ctx) {
    const answer = ctx.analysis.answer;
    if (answer.correct !== false || answer.extracted === null || answer.start === undefined) return;
    ctx.report({
      ...msg('answer-incorrect', { answer: clip(answer.extracted), expected: clip(answer.expected ?? ''), reason: answer.reason ? ref('common.reason', { reason: answer.why ?? answer.reason }) : '' }),
      start: answer.start,
      end: answer.end ?? answer.start,
    });
  },
};
