import { msg } from '../messages';
import { numberOption, type Rule } from './types';

export const longParagraph: Rule = {
  meta: {
    id: 'long-paragraph',
    title: 'Over-long paragraph in the thought',
    description: 'A paragraph of the chain of thought is longer than `maxChars` characters.',
    zh: { title: '思考中段落过长', description: '思维链中某一段超过 `maxChars` 个字符。' },
    severity: 'info',
    reward: null,
    tags: ['readability'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split'],
    options: {
      maxChars: { default: 3000, schema: { type: 'integer', minimum: 1 }, description: 'Longest paragraph allowed, in characters.' },
      maxReports: { default: 5, schema: { type: 'integer', minimum: 1 }, description: 'At most this many paragraphs are reported per trace.' },
    },
    docs: `
Reports paragraphs of the chain of thought (text between blank lines) longer than
\`maxChars\` characters (3,000 by default).

## Why

When DeepSeek built R1's SFT data by rejection sampling, they filtered out chains of thought
with long paragraphs, together with mixed languages and code blocks: a wall of text is hard
to read and, in generated data, often a sign of a run-on loop.

## Examples

Reported: a 5,000-character paragraph with no break.

Not reported: the same reasoning split into steps separated by blank lines.
`,
  },
  check(ctx) {
    const { text, analysis, options } = ctx;
    const { start, end } = analysis.thoughtRange;
    const maxChars = numberOption(options, 'maxChars', 3000);
    let reports = numberOption(options, 'maxReports', 5);
    let p = start;
    while (p < end && reports > 0) {
      let br = text.indexOf('\n\n', p);
      if (br === -1 || br > end) br = end;
      // Only a paragraph longer than maxChars with its leading spaces can be too long without them.
      let a = p;
      if (br - a > maxChars) while (a < br && /\s/.test(text[a])) a++;
      if (br - a > maxChars) {
        ctx.report({ ...msg('long-paragraph', { chars: br - a, max: maxChars }), start: a, end: br });
        reports--;
      }
      p = br + 2;
    }
  },
};
