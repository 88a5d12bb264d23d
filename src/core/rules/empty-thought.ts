import { msg } from '../messages';
import type { Rule } from './types';
import { isBlank } from './util';

export const emptyThought: Rule = {
  meta: {
    id: 'empty-thought',
    title: 'Empty thought',
    description: 'The thought markers enclose nothing but whitespace (`<think>\\n\\n</think>`).',
    zh: { title: '思考为空', description: '思考标记之间只有空白（`<think>\\n\\n</think>`）。' },
    severity: 'info',
    reward: null,
    tags: ['format', 'readability'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split'],
    options: {},
    docs: `
Reports a chain of thought that is present but empty: \`<think>\n\n</think>\` and the same in
the other conventions (or an empty \`reasoning_content\` field).

It does not lower any reward: the format is intact (open-r1's format regex accepts it).

## Why

An empty thought is legitimate in one place: R1's SFT mix contains about 200k
non-reasoning samples (simple questions answered without a chain of thought), and R1 itself
answers some prompts with an empty block. In a reasoning dataset (math, code) it usually
means the thought was lost while the data was built, so the rule reports it as information.
Raise it to \`warning\` for datasets that must reason on every sample.

## Examples

Reported:

\`\`\`text
<think>

</think>
Paris.
\`\`\`

Not reported:

\`\`\`text
<think>
The capital of France is Paris.
</think>
Paris.
\`\`\`
`,
  },
  check(ctx) {
    const { parsed, text } = ctx;
    const thought = parsed.thought;
    if (!thought || parsed.thoughtUnclosed || !isBlank(text, thought.start, thought.end)) return;
    const start = thought.open?.start ?? thought.start;
    const end = thought.close?.end ?? thought.end;
    ctx.report({ ...msg('empty-thought'), start, end: Math.max(end, start) });
  },
};
