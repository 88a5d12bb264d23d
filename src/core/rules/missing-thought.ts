import { msg } from '../messages';
import type { Rule } from './types';
import { lineAt } from './util';

export const missingThought: Rule = {
  meta: {
    id: 'missing-thought',
    title: 'Missing chain of thought',
    description: 'The output has no thought markers at all: no `<think>` block (or the convention\'s equivalent).',
    zh: { title: '缺少思维链', description: '输出中完全没有思考标记：没有 `<think>` 块（或所用格式中的对应标记）。' },
    severity: 'error',
    reward: 'format',
    tags: ['format'],
    conventions: ['none', 'r1-zero', 'reasoning', 'openthoughts'],
    options: {},
    docs: `
Reports an output in which no chain of thought can be found: none of \`<think>\`, \`</think>\`,
\`<reasoning>\`, \`<|begin_of_thought|>\` or \`|special_token|\` occurs, or only the answer
markers of a two-part layout do.

## Why

The R1-Zero template asks the model to reason first and to answer second, the reasoning
between \`<think>\` and \`</think>\`. The format reward is the signal that teaches this
layout; an output without any thought gets a format reward of 0. In supervised data a
record without reasoning is either a non-reasoning sample (which R1's SFT mix contains on
purpose, usually with an empty \`<think>\n\n</think>\`) or a broken one.

A trace whose chat template put \`<think>\` into the prompt is **not** reported: the engine
reads it as \`prefilled\` when the text holds a \`</think>\`, or when the prompt ends with
\`<think>\`.

## Examples

Bad:

\`\`\`text
The answer is \\boxed{4}.
\`\`\`

Good:

\`\`\`text
<think>
2 + 2 = 4.
</think>
The answer is \\boxed{4}.
\`\`\`
`,
  },
  check(ctx) {
    const { parsed, text } = ctx;
    if (parsed.thought || parsed.convention === 'split') return;
    const where = parsed.answer?.open ? { start: parsed.answer.open.start, end: parsed.answer.open.end } : lineAt(text, 0);
    ctx.report({
      ...msg(parsed.answer?.open ? 'missing-thought.answer-first' : 'missing-thought.none'),
      ...where,
    });
  },
};
