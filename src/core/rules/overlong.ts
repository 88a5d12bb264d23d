import { msg, ref } from '../messages';
import { softOverlong } from '../rewards/openr1';
import type { Rule } from './types';
import { lastLine } from './util';

export const overlong: Rule = {
  meta: {
    id: 'overlong',
    title: 'Over-long output',
    description: 'The output is longer than the soft overlong limit (DAPO): Lmax − Lcache.',
    zh: { title: '输出过长', description: '输出超过了软性超长限制（DAPO）：Lmax − Lcache。' },
    severity: 'info',
    reward: 'overlong',
    tags: ['readability'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split', 'none'],
    options: {},
    docs: `
Reports an output whose length enters DAPO's soft overlong zone, with its score.

**Reward** (\`overlong\`), DAPO's soft overlong punishment with Lmax = \`overlong.maxLength\`
and Lcache = \`overlong.cache\`:

- 0 when |y| ≤ Lmax − Lcache,
- ((Lmax − Lcache) − |y|) / Lcache when Lmax − Lcache < |y| ≤ Lmax (from 0 down to −1),
- −1 when |y| > Lmax.

Defaults are DAPO's: Lmax 20,480 and Lcache 4,096, in **tokens**. Tokens are estimated
from characters (4 ASCII characters per token, one token per other character) since no
tokenizer is loaded; set \`overlong.unit\` to \`chars\` to measure characters exactly.
The length is that of the whole output (thought and answer).

## Why

Truncated samples in RL get a reward for an answer they never finished; DAPO found that
punishing length softly near the limit, instead of cutting off the reward, stabilises
training. R1-Zero's responses grew steadily longer during RL, up to the 32k-then-64k-token
limits.

## Example

With \`{"overlong": {"maxLength": 1000, "cache": 200, "unit": "chars"}}\`, a 900-character
output scores (800 − 900) / 200 = −0.5 and is reported; a 700-character one is not.
`,
  },
  check(ctx) {
    const { text, config } = ctx;
    const { maxLength, cache, unit } = config.overlong;
    const length = ctx.analysis.overlongLength;
    const score = softOverlong(length, maxLength, cache);
    if (score >= 0) return;
    ctx.report({
      ...msg('overlong', {
        length,
        unit: ref(unit === 'tokens' ? 'overlong.tokens' : 'overlong.characters'),
        soft: maxLength - cache,
        hard: maxLength,
        score: Math.round(score * 1000) / 1000,
      }),
      ...lastLine(text),
    });
  },
};
