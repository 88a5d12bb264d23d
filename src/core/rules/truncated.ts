import { msg, ref } from '../messages';
import type { Rule } from './types';
import { isBlankOrEos } from '../trace/parse';
import { lastLine } from './util';

export const truncated: Rule = {
  meta: {
    id: 'truncated',
    title: 'Truncated trace',
    description: 'The text ends inside an open thought or answer: the generation was cut off.',
    zh: { title: '推理轨迹被截断', description: '文本在未闭合的思考或答案中结束：生成被截断了。' },
    severity: 'warning',
    reward: 'format',
    tags: ['readability', 'format'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled'],
    options: {},
    docs: `
Reports a trace whose text ends while a section is still open: \`<think>\` (or
\`<|begin_of_thought|>\`, \`<reasoning>\`, a single \`|special_token|\`, or a prefilled thought)
without its closing marker and with nothing after it, or an \`<answer>\` that is never
closed.

This is how a generation that hit its length limit looks. The finding marks the last line; it
says the generation was probably cut off only when the output is near the length limit (past
\`maxLength − cache\` of the [overlong](overlong.md) settings), else that it ends without closing.
It also fails the format reward (there is no closed thought and no answer).

## Why

Long chains of thought run into the sampling budget: R1-Zero's responses grew longer during
RL, and distilled models often loop until the limit. A truncated trace has no final answer,
so it cannot be rewarded for accuracy, and training on it (SFT) teaches the model to ramble
without concluding. DAPO's soft overlong punishment ([overlong](overlong.md)) exists for
exactly these samples.

## Examples

Bad (the text ends here):

\`\`\`text
<think>
Let me try another substitution. Wait, let me try another substitution.
\`\`\`

Good:

\`\`\`text
<think>
The substitution u = x² works.
</think>
The answer is \\boxed{3}.
\`\`\`
`,
  },
  check(ctx) {
    const { parsed, text, analysis, config } = ctx;
    if (!parsed.truncated) return;
    // An output that ends on a closing marker (`…</answer>` with the thought never closed) was
    // ended by the model, not cut off: the marker problems are reported by their own rules.
    const lastTag = parsed.tags[parsed.tags.length - 1];
    if (lastTag && lastTag.kind === 'close' && isBlankOrEos(text, lastTag.end, text.length)) return;
    const where = ref(parsed.thoughtUnclosed ? 'section.thought' : 'section.answer');
    // "Cut off" only near a length limit: within DAPO's soft zone of the overlong settings.
    const { maxLength, cache } = config.overlong;
    const nearLimit = analysis.overlongLength > maxLength - cache;
    ctx.report({
      ...msg(nearLimit ? 'truncated.near-limit' : 'truncated.incomplete', { where, length: text.length }),
      ...lastLine(text),
    });
  },
};
