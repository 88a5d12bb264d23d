import type { Rule } from './types';

const clip = (s: string) => (s.length > 60 ? s.slice(0, 57) + '…' : s);

export const answerIncorrect: Rule = {
  meta: {
    id: 'answer-incorrect',
    title: 'Incorrect final answer',
    description: 'The final answer differs from the record\'s ground truth after normalisation.',
    severity: 'warning',
    reward: 'accuracy',
    tags: ['accuracy'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split', 'none'],
    options: {},
    docs: `
Compares the trace's final answer with the record's ground truth and reports a mismatch,
giving both values.

**Final answer**: the last \`\\boxed{…}\` (or \`\\fbox{…}\`, braces balanced) in the answer
section (after \`</think>\`, inside \`<answer>\`, in the solution or summary); for
\`<answer>…</answer>\` layouts without a box, the content of the answer tags.
**Reference**: the ground-truth field; when it is a worked solution, its last \`\\boxed{}\`
(or the text after \`####\`).

**Normalisation** before comparing: spaces, \`$\`, \`\\(\`/\`\\)\`, \`\\text{}\`,
\`\\mathrm{}\`, \`\\left\`/\`\\right\`, \`\\dfrac\`/\`\\tfrac\` → \`\\frac\`, \`\\frac12\` →
\`\\frac{1}{2}\`; numbers by value (\`0.5\` = \`1/2\` = \`\\frac{1}{2}\`); thousands separators
(\`1,000\`); degrees (\`^\\circ\`, \`°\`) and percent signs; trailing units (\`5 cm\`); a
leading \`x =\`; multiple-choice letters (\`(B)\` = \`B\`). The order inside sets and tuples is
kept: \`(1, 2)\` and \`(2, 1)\` differ.

**Reward** (\`accuracy\`): 1 right, 0 wrong or no answer, \`null\` without ground truth.

## Why

R1's accuracy reward is rule-based: math answers must come in a fixed form — a box — so a
rule can check them, with no neural reward model to hack. Only correct samples were kept
when R1's 600k reasoning samples were drawn by rejection sampling.

## Examples

Ground truth \`\\frac{1}{2}\`:

- reported: \`\\boxed{2}\`
- not reported: \`\\boxed{0.5}\`, \`\\boxed{\\dfrac12}\`, \`\\boxed{1/2}\`
`,
  },
  check(ctx) {
    const answer = ctx.analysis.answer;
    if (answer.correct !== false || answer.extracted === null || answer.start === undefined) return;
    ctx.report({
      message: `Final answer ${clip(answer.extracted)} does not match the ground truth ${clip(answer.expected ?? '')}${answer.reason ? ` (${answer.reason})` : ''}: drop or regenerate this output, or correct the ground truth if it is the one that is wrong.`,
      start: answer.start,
      end: answer.end ?? answer.start,
    });
  },
};
