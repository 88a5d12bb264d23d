import { msg } from '../messages';
import type { Rule } from './types';
import { show } from './util';

export const strayClosingTag: Rule = {
  meta: {
    id: 'stray-closing-tag',
    title: 'Stray closing marker',
    description: 'A closing marker with no opening marker before it.',
    zh: { title: '多余的结束标记', description: '结束标记之前没有对应的开始标记。' },
    severity: 'error',
    reward: 'format',
    tags: ['format'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'reasoning'],
    options: {},
    docs: `
Reports a closing marker (\`</answer>\`, \`<|end_of_thought|>\`, \`</reasoning>\`, …) that
closes nothing: its opening marker is absent, or comes later.

A lone \`</think>\` in an R1 trace is **not** stray: it is how a prefilled trace looks (the
chat template wrote \`<think>\` into the prompt), and the engine reads such traces with the
\`prefilled\` convention. Set \`"convention": "r1"\` to have those reported too.

## Why

A closing marker without an opening one usually means the start of the output was lost (a
cut prompt, a template mismatch) or the model learned a half-format. Reward regexes such as
open-r1's format reward fail on it.

## Examples

Bad:

\`\`\`text
<|begin_of_thought|>
…
<|end_of_thought|>
The answer is 4.
<|end_of_solution|>
\`\`\`

Good:

\`\`\`text
<|begin_of_thought|>
…
<|end_of_thought|>
<|begin_of_solution|>
The answer is 4.
<|end_of_solution|>
\`\`\`
`,
  },
  check(ctx) {
    for (const anomaly of ctx.parsed.anomalies) {
      if (anomaly.kind !== 'stray') continue;
      ctx.report({
        ...msg('stray-closing-tag', { tag: show(anomaly.tag) }),
        start: anomaly.tag.start,
        end: anomaly.tag.end,
      });
    }
  },
};
