import { msg, ref } from '../messages';
import type { Rule } from './types';
import { show, thoughtClose } from './util';

export const unclosedThought: Rule = {
  meta: {
    id: 'unclosed-thought',
    title: 'Unclosed thought',
    description: 'The thought is opened, never closed, and the answer starts anyway.',
    zh: { title: '思考未闭合', description: '思考已开始却从未闭合，答案就已经开始了。' },
    severity: 'error',
    reward: 'format',
    tags: ['format'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'reasoning', 'prefilled'],
    options: {},
    docs: `
Reports a thought whose opening marker has no matching closing marker although an answer
marker (\`<answer>\`, \`<|begin_of_solution|>\`) follows. The thought is read as ending where
the answer starts.

A thought that is still open when the text **ends** is a different problem — the generation
was cut off — and is reported by [truncated](truncated.md) instead, never by both rules.

## Why

Parsers that split a trace on \`</think>\` (reward functions, SFT chat templates that hide
the reasoning) treat everything as thought when the closing tag is missing: the answer is
never seen, and the format reward is 0.

## Examples

Bad:

\`\`\`text
<think>
Add the numbers.
<answer>4</answer>
\`\`\`

Good:

\`\`\`text
<think>
Add the numbers.
</think>
<answer>4</answer>
\`\`\`

## Fix

Inserts the closing marker just before the answer (a safe fix).
`,
  },
  check(ctx) {
    const { parsed } = ctx;
    const thought = parsed.thought;
    if (!thought || !parsed.thoughtUnclosed || parsed.truncated) return;
    const close = thoughtClose(parsed);
    const at = thought.open ?? { start: thought.start, end: thought.start };
    ctx.report({
      ...msg('unclosed-thought', { what: thought.open ? show(thought.open) : ref('unclosed-thought.the-thought'), close: '`' + close + '`' }),
      start: at.start,
      end: at.end,
      fix: { title: msg('unclosed-thought.fix', { close }), edits: [{ start: thought.end, end: thought.end, newText: `${close}\n` }], safe: true },
    });
  },
};
