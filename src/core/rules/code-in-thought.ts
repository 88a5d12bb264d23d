import { msg } from '../messages';
import { numberOption, type Rule } from './types';

export const codeInThought: Rule = {
  meta: {
    id: 'code-in-thought',
    title: 'Code block in the thought',
    description: 'The chain of thought contains a fenced code block.',
    zh: { title: '思考中含代码块', description: '思维链中含有围栏代码块。' },
    severity: 'info',
    reward: null,
    tags: ['readability'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split'],
    options: {
      maxReports: { default: 5, schema: { type: 'integer', minimum: 1 }, description: 'At most this many code blocks are reported per trace.' },
    },
    docs: `
Reports fenced code blocks (\`\`\`\`\`\`\`) inside the chain of thought. Code in the answer
is not reported.

## Why

R1's rejection-sampling stage filtered out chains of thought containing code blocks (along
with mixed languages and long paragraphs), to keep the reasoning in plain language. For a
code-generation dataset, where the thought legitimately drafts code, turn the rule off.

## Examples

Reported:

\`\`\`\`text
<think>
\`\`\`python
print(2 + 2)
\`\`\`
</think>
4
\`\`\`\`

Not reported: the same reasoning in words, with the code (if any) in the answer.
`,
  },
  check(ctx) {
    const { text, analysis, options } = ctx;
    const { start, end } = analysis.thoughtRange;
    let reports = numberOption(options, 'maxReports', 5);
    let at = text.indexOf('```', start);
    while (at !== -1 && at < end && reports > 0) {
      let close = text.indexOf('```', at + 3);
      if (close === -1 || close >= end) close = end;
      else close += 3;
      ctx.report({ ...msg('code-in-thought'), start: at, end: close });
      reports--;
      at = close < end ? text.indexOf('```', close) : -1;
    }
  },
};
