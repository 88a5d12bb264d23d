import type { Rule } from './types';
import { lastLine } from './util';

export const answerMissing: Rule = {
  meta: {
    id: 'answer-missing',
    title: 'No final answer to check',
    description: 'The record has a ground truth but no final answer can be extracted from the trace.',
    severity: 'warning',
    reward: 'accuracy',
    tags: ['accuracy'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split', 'none'],
    options: {},
    docs: `
Reports a trace of a record **with** a ground truth from which no final answer can be
extracted: no \`\\boxed{…}\` / \`\\fbox{…}\` in the answer section (and, for
\`<answer>…</answer>\` layouts, empty answer tags), or no answer section at all (a
truncated thought). Its accuracy reward is 0.

Records without a ground truth are never reported here; see
[answer-unchecked](answer-unchecked.md).

## Why

A rule can only verify an answer it can find. R1 required math answers in a box for this
reason, and open-r1's accuracy reward parses the completion for one; an unboxed "the answer
is 12" earns nothing.

## Examples

Bad (ground truth \`12\`):

\`\`\`text
<think>…</think>
The answer is 12.
\`\`\`

Good:

\`\`\`text
<think>…</think>
The answer is \\boxed{12}.
\`\`\`
`,
  },
  check(ctx) {
    const answer = ctx.analysis.answer;
    if (answer.expected === undefined || answer.extracted !== null) return;
    const part = ctx.parsed.answer;
    const where = part && part.end > part.start ? lastLine(ctx.text, part.end) : lastLine(ctx.text);
    ctx.report({
      message: `No final answer found (expected ${answer.expected.length > 60 ? answer.expected.slice(0, 57) + '…' : answer.expected}): put it in \\boxed{}.`,
      ...where,
    });
  },
};
