import { msg } from '../messages';
import type { Rule } from './types';
import { show } from './util';

export const duplicateTag: Rule = {
  meta: {
    id: 'duplicate-tag',
    title: 'Duplicate marker',
    description: 'A marker that must appear once appears again (a second `<think>` after the first thought, a second `</answer>`, …).',
    zh: { title: '标记重复', description: '只应出现一次的标记再次出现（第一段思考之后又一个 `<think>`、第二个 `</answer>` 等）。' },
    severity: 'warning',
    reward: 'tag_count',
    tags: ['format'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled'],
    options: {},
    docs: `
Reports every repeated marker of the trace's layout that is not already reported as nested
(a second opening inside the open thought, see [nested-thought](nested-thought.md)) or as
stray (a closing marker with nothing open, see [stray-closing-tag](stray-closing-tag.md)):
a second \`<think>…</think>\` block, a second \`</think>\`, a second \`<answer>\`, a third
\`|special_token|\`.

## Why

open-r1's \`tag_count_reward\` gives 0.25 for each of the four markers only when it occurs
**exactly once**; TRL's \`think_format_reward\` gives 0 to any output with a second
\`<think>\`. A model that learns to open several thought blocks is gaming or breaking the
format, and parsers split such traces in surprising places.

## Examples

Bad:

\`\`\`text
<think>
First idea.
</think>
<think>
Second idea.
</think>
42
\`\`\`

Good:

\`\`\`text
<think>
First idea. Second idea.
</think>
42
\`\`\`

## Fix

Removing the repeated marker is offered, not applied by "fix all": what the text around it
should become needs a human decision.
`,
  },
  check(ctx) {
    for (const anomaly of ctx.parsed.anomalies) {
      if (anomaly.kind !== 'duplicate') continue;
      const { tag } = anomaly;
      ctx.report({
        ...msg('duplicate-tag', { tag: show(tag) }),
        start: tag.start,
        end: tag.end,
        fix: { title: msg('duplicate-tag.fix', { tag: show(tag) }), edits: [{ start: tag.start, end: tag.end, newText: '' }], safe: false },
      });
    }
  },
};
