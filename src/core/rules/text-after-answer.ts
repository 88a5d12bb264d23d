import { msg } from '../messages';
import type { Rule } from './types';

export const textAfterAnswer: Rule = {
  meta: {
    id: 'text-after-answer',
    title: 'Text after the answer',
    description: 'Text follows the closing answer marker (`</answer>`, `<|end_of_solution|>`).',
    zh: { title: '答案之后有多余文本', description: '结束答案标记（`</answer>`、`<|end_of_solution|>`）之后还有文本。' },
    severity: 'warning',
    reward: 'format',
    tags: ['format'],
    conventions: ['r1-zero', 'openthoughts', 'reasoning', 'prefilled'],
    options: {},
    docs: `
Reports non-blank text after the answer section's closing marker. End-of-sequence tokens
(\`<|im_end|>\`, \`<|eot_id|>\`, \`<｜end▁of▁sentence｜>\`, \`<|endoftext|>\`, \`</s>\`, \`<eos>\`) after
the answer are the end of the output, not text: they are not reported and keep the default
format reward (the \`open-r1\` preset applies open-r1's regular expression exactly).

## Why

open-r1's format reward requires the output to end with \`</answer>\` (only a line break may
follow), so a model that keeps talking after its answer gets a format reward of 0. In
supervised data, trailing text is often a second, different answer or chat-template debris
(\`<|im_end|>\`, a repeated question).

## Examples

Bad:

\`\`\`text
<think>
…
</think>
<answer>4</answer>
Let me know if you have other questions!
\`\`\`

Good:

\`\`\`text
<think>
…
</think>
<answer>4</answer>
\`\`\`

## Fix

Deleting the trailing text is offered (not a safe fix).
`,
  },
  check(ctx) {
    const trailing = ctx.parsed.trailing;
    if (!trailing) return;
    let start = trailing.start;
    while (start < trailing.end && /\s/.test(ctx.text[start])) start++;
    ctx.report({
      ...msg('text-after-answer'),
      start,
      end: trailing.end,
      fix: { title: msg('text-after-answer.fix'), edits: [{ start: trailing.start, end: trailing.end, newText: '' }], safe: false },
    });
  },
};
