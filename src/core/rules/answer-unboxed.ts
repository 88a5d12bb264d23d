import { msg, ref, type MessageId } from '../messages';
import type { Rule } from './types';

const HOW: Record<string, MessageId> = {
  phrase: 'answer-unboxed.how.phrase',
  hashes: 'answer-unboxed.how.hashes',
  bold: 'answer-unboxed.how.bold',
  math: 'answer-unboxed.how.math',
  sentence: 'answer-unboxed.how.sentence',
};

export const answerUnboxed: Rule = {
  meta: {
    id: 'answer-unboxed',
    title: 'Final answer not in a box',
    description: 'The final answer was found and checked, but it is not in `\\boxed{}` (or the answer tags).',
    zh: { title: '最终答案未放入方框', description: '找到并检查了最终答案，但它不在 `\\boxed{}`（或答案标签）中。' },
    severity: 'info',
    reward: 'accuracy',
    tags: ['accuracy'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split', 'none'],
    options: {},
    docs: `
Reports, as information, for a record with a ground truth, a final answer that was read from the answer section without a
\`\\\\boxed{}\` / \`\\\\fbox{}\` and outside the answer tags: from "the (final) answer is X",
\`Answer: X\`, \`答案：X\`, a GSM8K \`#### X\` line, a bold final value, the last math of the
last paragraph, or — when the ground truth is a word or a name — the one word or name the final
sentence states ("Thus, Evelyn’s average speed is the largest."). The answer is still checked, and scored, as usual: this is neither "wrong" nor
"no final answer".

Off under the \`open-r1\` preset, whose outputs carry their answers in \`<answer>\` tags.

## Why

Verifiers that only read a box (Math-Verify as open-r1 configures it, many RL pipelines)
give such an output no accuracy reward, so a training set meant for them should box its
answers: the fix is to rewrite the final line of the record with \`\\\\boxed{…}\`.

## Examples

Reported:

\`\`\`text
<think>…</think>
The answer is 12.
\`\`\`

Not reported:

\`\`\`text
<think>…</think>
The answer is \\\\boxed{12}.
\`\`\`
`,
  },
  check(ctx) {
    const answer = ctx.analysis.answer;
    if (answer.expected === undefined || answer.extracted === null || answer.start === undefined || !answer.method || !(answer.method in HOW)) return;
    ctx.report({
      ...msg('answer-unboxed', { answer: answer.extracted.length > 60 ? answer.extracted.slice(0, 57) + '…' : answer.extracted, how: ref(HOW[answer.method]) }),
      start: answer.start,
      end: answer.end ?? answer.start,
    });
  },
};
