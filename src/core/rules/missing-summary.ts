import { msg } from '../messages';
import { numberOption, type Rule } from './types';
import { isBlank, visibleLength } from './util';

export const missingSummary: Rule = {
  meta: {
    id: 'missing-summary',
    title: 'No summary after the thought',
    description: 'The answer after the thought is only a bare result (fewer than `minChars` visible characters).',
    zh: { title: '思考之后没有总结', description: '思考之后的答案只有一个光秃秃的结果（可见字符少于 `minChars` 个）。' },
    severity: 'info',
    reward: null,
    tags: ['readability'],
    conventions: ['r1', 'prefilled', 'cold-start', 'split', 'openthoughts'],
    options: {
      minChars: { default: 20, schema: { type: 'integer', minimum: 1 }, description: 'Fewest visible (non-blank) characters a summary must have.' },
    },
    docs: `
Reports an answer section that is present but trivially short — a bare \`\\boxed{4}\`
instead of a summary of the reasoning — in the layouts where the part after the thought is
meant for the reader: R1 (text after \`</think>\`), prefilled, cold start (after the second
\`|special_token|\`), split fields and OpenThoughts solutions. \`<answer>\` tags (R1-Zero,
\`reasoning\`) hold just the answer by design and are not checked. An empty answer is
reported by [missing-answer-section](missing-answer-section.md) instead.

## Why

R1's cold-start data was written as \`|special_token|<reasoning_process>|special_token|<summary>\`
precisely so that every response ends with a readable summary; responses without markdown
for the answer or without a reader-friendly summary were filtered out, and R1's
helpfulness reward model judged the final summary only.

## Examples

Reported:

\`\`\`text
<think>
…
</think>
\\boxed{4}
\`\`\`

Not reported:

\`\`\`text
<think>
…
</think>
Adding the two numbers gives **4**, so the answer is \\boxed{4}.
\`\`\`
`,
  },
  check(ctx) {
    const { parsed, text, options } = ctx;
    const answer = parsed.answer;
    if (!parsed.thought || parsed.thoughtUnclosed || !answer || isBlank(text, answer.start, answer.end)) return;
    const minChars = numberOption(options, 'minChars', 20);
    const visible = visibleLength(text, answer.start, answer.end);
    if (visible >= minChars) return;
    let a = answer.start;
    let b = answer.end;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    ctx.report({ ...msg('missing-summary', { chars: visible, min: minChars }), start: a, end: b });
  },
};
