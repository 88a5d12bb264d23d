import { msg, ref } from '../messages';
import type { Rule } from './types';
import { show } from './util';

export const textBeforeThought: Rule = {
  meta: {
    id: 'text-before-thought',
    title: 'Text before the thought',
    description: 'Text comes before the opening thought marker.',
    zh: { title: '思考之前有文本', description: '开始思考标记之前出现了文本。' },
    severity: 'warning',
    reward: 'format',
    tags: ['format'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning'],
    options: {},
    docs: `
Reports non-blank text in front of the opening thought marker (\`<think>\`,
\`<|begin_of_thought|>\`, \`<reasoning>\`, the first \`|special_token|\`).

## Why

The R1 template makes the thought the first thing the model writes. Reward functions match
from the very start of the output — open-r1's format reward uses Python's \`re.match\`, which
is anchored at offset 0 — so a single stray line in front of \`<think>\` zeroes the format
reward. Often this text is a leftover of the chat template (a role name, a system line).

## Examples

Bad:

\`\`\`text
assistant
<think>
…
</think>
4
\`\`\`

Good:

\`\`\`text
<think>
…
</think>
4
\`\`\`
`,
  },
  check(ctx) {
    const { parsed, text } = ctx;
    const preamble = parsed.preamble;
    if (!preamble) return;
    let start = preamble.start;
    while (start < preamble.end && /\s/.test(text[start])) start++;
    let end = preamble.end;
    while (end > start && /\s/.test(text[end - 1])) end--;
    const open = parsed.thought?.open;
    ctx.report({
      ...msg('text-before-thought', { what: open ? show(open) : ref('text-before-thought.the-thought') }),
      start,
      end,
    });
  },
};
