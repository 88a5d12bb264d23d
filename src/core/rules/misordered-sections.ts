import { msg } from '../messages';
import type { Rule } from './types';
import { show } from './util';

export const misorderedSections: Rule = {
  meta: {
    id: 'misordered-sections',
    title: 'Answer before thought',
    description: 'The answer section comes before the chain of thought.',
    zh: { title: '答案在思考之前', description: '答案部分出现在思维链之前。' },
    severity: 'error',
    reward: 'format',
    tags: ['format'],
    conventions: ['r1-zero', 'openthoughts', 'reasoning'],
    options: {},
    docs: `
Reports an answer marker (\`<answer>\`, \`<|begin_of_solution|>\`) that comes before the
thought's opening marker, with no answer after the thought.

## Why

The whole point of the R1 layout is that the model reasons **before** it commits to an
answer; an answer written first and justified afterwards gets no benefit from the thought,
and every format reward in use (open-r1, TRL) scores it 0.

## Examples

Bad:

\`\`\`text
<answer>4</answer>
<think>
2 + 2 = 4
</think>
\`\`\`

Good:

\`\`\`text
<think>
2 + 2 = 4
</think>
<answer>4</answer>
\`\`\`
`,
  },
  check(ctx) {
    const tag = ctx.parsed.misordered;
    if (!tag) return;
    ctx.report({ ...msg('misordered-sections', { tag: show(tag) }), start: tag.start, end: tag.end });
  },
};
