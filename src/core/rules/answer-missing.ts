import { msg } from '../messages';
import type { Rule } from './types';
import { lastLine } from './util';

export const answerMissing: Rule = {
  meta: {
    id: 'answer-missing',
    title: 'No final answer to check',
    description: 'The record has a ground truth but no final answer can be extracted from the trace.',
    zh: { title: '没有可检查的最终答案', description: '记录有标准答案，但无法从推理轨迹中提取出最终答案。' },
    severity: 'warning',
    reward: 'accuracy',
    tags: ['accuracy'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split', 'none'],
    options: {},
    docs: `
Reports a trace of a record **with** a ground truth from which no final answer can be
extracted: no \`\\boxed{…}\` / \`\\fbox{…}\`, no answer tags, no "the answer is …",
\`Answer:\`, \`答案：\`, \`#### …\`, bold value or final math in the answer section, or no
answer section at all (a truncated thought; a cut-off trace is never read for an unboxed
answer). Its accuracy reward is 0. The fix is in the dataset: drop the record or regenerate
the output.

Records without a ground truth are never reported here; see
[answer-unchecked](answer-unchecked.md).

## Why

A rule can only verify an answer it can find. R1 required math answers in a box for this
reason; an output that never states its result cannot earn the accuracy reward. An answer
stated without a box is found and checked (see [answer-unboxed](answer-unboxed.md)).

## Examples

Reported (ground truth \`12\`):

\`\`\`text
<think>…</think>
Let me now add the two parts together.
\`\`\`

Not reported:

\`\`\`text
<think>…</think>
The answer is 12.
\`\`\`
`,
  },
  check(ctx) {
    const answer = ctx.analysis.answer;
    if (answer.expected === undefined || answer.extracted !== null || answer.correct === null) return;
    const { parsed } = ctx;
    // A closed thought with no answer section of the layout (free text where `<answer>` was due)
    // is missing-answer-section's finding; saying here that no result is stated would be wrong.
    if (parsed.thought?.close && !parsed.answer && parsed.layout.answer) return;
    const part = parsed.answer;
    const where = part && part.end > part.start ? lastLine(ctx.text, part.end) : lastLine(ctx.text);
    ctx.report({
      ...msg('answer-missing', { expected: answer.expected.length > 60 ? answer.expected.slice(0, 57) + '…' : answer.expected }),
      ...where,
    });
  },
};
