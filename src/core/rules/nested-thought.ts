import { msg } from '../messages';
import type { Rule } from './types';
import { show } from './util';

export const nestedThought: Rule = {
  meta: {
    id: 'nested-thought',
    title: 'Nested opening marker',
    description: 'An opening marker appears again inside its own open section (`<think>` inside `<think>`).',
    zh: { title: '开始标记嵌套', description: '开始标记在其自身尚未闭合的部分中再次出现（`<think>` 里又有 `<think>`）。' },
    severity: 'error',
    reward: 'format',
    tags: ['format'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'reasoning', 'prefilled'],
    options: {},
    docs: `
Reports an opening marker found while the same section is still open: a \`<think>\` inside
the thought, an \`<answer>\` inside the answer. In a prefilled trace the text itself starts
inside the thought, so any \`<think>\` before \`</think>\` is nested.

## Why

Thought blocks do not nest. A second opening marker means the model restarted its format
mid-way (common when a prefilled \`<think>\` is followed by a generated one), and TRL's
\`think_format_reward\` scores any output with two \`<think>\` as 0.

## Examples

Bad:

\`\`\`text
<think>
Let me think.
<think>
Again.
</think>
4
\`\`\`

Good:

\`\`\`text
<think>
Let me think. Again.
</think>
4
\`\`\`

## Fix

Removing the inner marker is offered (not a safe fix).
`,
  },
  check(ctx) {
    for (const anomaly of ctx.parsed.anomalies) {
      if (anomaly.kind !== 'nested') continue;
      const { tag } = anomaly;
      ctx.report({
        ...msg('nested-thought', { tag: show(tag) }),
        start: tag.start,
        end: tag.end,
        fix: { title: msg('nested-thought.fix', { tag: show(tag) }), edits: [{ start: tag.start, end: tag.end, newText: '' }], safe: false },
      });
    }
  },
};
