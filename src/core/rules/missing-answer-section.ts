import { msg, ref } from '../messages';
import type { Rule } from './types';
import { isBlank, lastLine } from './util';
import { markerText } from '../trace/markers';

export const missingAnswerSection: Rule = {
  meta: {
    id: 'missing-answer-section',
    title: 'Missing answer section',
    description: 'The thought is closed but no answer follows (no `<answer>`, no solution, nothing after `</think>`).',
    zh: { title: '缺少答案部分', description: '思考已经闭合，但后面没有答案（没有 `<answer>`、没有解答，`</think>` 之后什么也没有）。' },
    severity: 'error',
    reward: 'format',
    tags: ['format'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split'],
    options: {},
    docs: `
Reports a trace whose chain of thought is complete but which has no answer:

| convention | what is missing |
|---|---|
| \`r1\`, \`prefilled\` | any text after \`</think>\` |
| \`r1-zero\`, \`reasoning\` | an \`<answer>…</answer>\` section (or it is empty) |
| \`openthoughts\` | a \`<|begin_of_solution|>\` section (or it is empty) |
| \`cold-start\` | the summary after the second \`|special_token|\` |
| \`split\` | the \`content\` field (only \`reasoning_content\` is filled) |

A trace cut off inside its thought is reported by [truncated](truncated.md) instead.

## Why

Rewards are computed on the answer: the accuracy reward extracts the final answer from it,
and R1's helpfulness reward model judged the final summary only. A trace that stops after
the thought gives nothing to grade.

## Examples

Bad:

\`\`\`text
<think>
2 + 2 = 4
</think>
\`\`\`

Good:

\`\`\`text
<think>
2 + 2 = 4
</think>
The sum is \\boxed{4}.
\`\`\`
`,
  },
  check(ctx) {
    const { parsed, text, config } = ctx;
    if (!parsed.thought || parsed.truncated || parsed.misordered) return;
    const answer = parsed.answer;
    if (answer && !isBlank(text, answer.start, answer.end)) return;
    const where = parsed.thought.close ?? lastLine(text);
    ctx.report({
      ...(answer?.open
        ? msg('missing-answer-section.empty')
        : parsed.layout.answer
          ? msg('missing-answer-section.markers', {
              open: markerText(parsed.layout.answer, 'open'),
              close: markerText(parsed.layout.answer, 'close'),
              dataset: parsed.convention === config.datasetConvention && parsed.detected ? ref('missing-answer-section.dataset') : '',
            })
          : msg('missing-answer-section.nothing')),
      start: answer?.open?.start ?? where.start,
      end: answer?.close?.end ?? where.end,
    });
  },
};
