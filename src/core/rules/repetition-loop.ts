import { msg } from '../messages';
import { loopsOf } from '../trace/loops';
import { numberOption, type Rule } from './types';

export const repetitionLoop: Rule = {
  meta: {
    id: 'repetition-loop',
    title: 'Repetition loop',
    description: 'A sentence, or a cycle of sentences up to several paragraphs long, occurs three times or more in a row.',
    zh: { title: '重复循环', description: '同一句话，或一组长达数段的句子循环，连续出现三次或更多。' },
    severity: 'warning',
    reward: 'repetition',
    tags: ['readability'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split', 'none'],
    options: {
      minRepeats: { default: 3, schema: { type: 'integer', minimum: 2 }, description: 'Report a cycle that occurs at least this many times in a row.' },
      shortChars: { default: 60, schema: { type: 'integer', minimum: 0 }, description: 'A cycle shorter than this many characters must occur at least `minRepeatsShort` times (a short list such as "U, R, U, R" is not a loop).' },
      minRepeatsShort: { default: 5, schema: { type: 'integer', minimum: 2 }, description: 'Repeats needed by a cycle shorter than `shortChars`.' },
      minChars: { default: 12, schema: { type: 'integer', minimum: 1 }, description: 'Ignore cycles shorter than this many characters ("Wait, wait, wait").' },
      maxPeriod: { default: 64, schema: { type: 'integer', minimum: 1 }, description: 'Longest cycle looked for, in sentences and clauses.' },
      maxNoise: { default: 3, schema: { type: 'integer', minimum: 0 }, description: 'Sentences of other text allowed between two copies of a cycle.' },
      maxReports: { default: 5, schema: { type: 'integer', minimum: 1 }, description: 'At most this many loops are reported per trace.' },
      ngramSize: { default: 3, schema: { type: 'integer', minimum: 1 }, description: 'n of the n-gram repetition reward (open-r1 uses 3).' },
      maxPenalty: { default: -1, schema: { type: 'number', maximum: 0 }, description: 'Reward of a text made of a single repeated n-gram (open-r1 uses -1.0).' },
    },
    docs: `
Marks degenerate loops: the same sentence, or the same cycle of up to \`maxPeriod\` (64)
sentences and clauses — several paragraphs — written again and again. A clause may occur twice
inside one cycle, and a short remark may come between two copies. Each finding covers the
whole loop and says how long the cycle is and how often it occurs.

**Reward** (\`repetition\`): open-r1's n-gram repetition penalty (from "Demystifying Long
Chain-of-Thought Reasoning", arXiv 2502.03373): the words of the whole output, lower-cased
and split on whitespace like Python's \`text.lower().split()\`, form n-grams (\`ngramSize\`,
3); the reward is (1 − distinct n-grams / all n-grams) × \`maxPenalty\` (−1), and 0 for fewer
than n words. It is 0 for text without repeats and approaches \`maxPenalty\` as the text
becomes one repeated phrase. (N-grams are compared by a pair of 32-bit hashes; a collision in a
150k-character trace has odds far below one in a million.)

## How loops are found

Sentences are cut at \`. ! ? ; ,\`, their full-width forms, \`、\` and line breaks, and
compared whole (spaces around them trimmed). For each distance \`q\` up to \`maxPeriod\` +
\`maxNoise\`, a *run* is a stretch in which every sentence equals the one \`q\` sentences
before it:

- a run of at least \`q\` sentences is a cycle of \`q\` sentences written back to back, as often
  as the run holds whole copies (a sentence repeated inside the cycle does not break it);
- a shorter run of \`L\` sentences, with \`q − L\` ≤ \`maxNoise\`, is a copy of a cycle of \`L\`
  sentences after \`q − L\` sentences of other text (at most half the cycle); copies chain when
  each starts where the previous one was copied to.

A loop is reported when its cycle occurs at least \`minRepeats\` (3) times and is at least
\`minChars\` characters long — a cycle shorter than \`shortChars\` (60) characters at least
\`minRepeatsShort\` (5) times, since a short list such as "U, R, U, R, U, R" is no loop. Of
overlapping loops the one covering more sentences is kept (then the shorter cycle). One pass
over the text; the work for a sentence is the number of equal sentences shortly before it,
so it stays linear in the length of the trace.

## Why

Long-CoT models, distilled ones especially, fall into loops when they are unsure: the
same check over and over until the length limit. R1's cold-start filtering dropped
responses that were not reader-friendly, and open-r1 offers the n-gram penalty as a GRPO
reward against it.

## Examples

Bad:

\`\`\`text
<think>
Let me check the sum again. Let me check the sum again. Let me check the sum again. Let me check the sum again. Let me check the sum again.
\`\`\`

Good: a check done once, then a conclusion.
`,
  },
  check(ctx) {
    const { text, options } = ctx;
    const loops = loopsOf(ctx.analysis.scan, {
      minRepeats: numberOption(options, 'minRepeats', 3),
      minChars: numberOption(options, 'minChars', 12),
      maxPeriod: numberOption(options, 'maxPeriod', 64),
      maxNoise: numberOption(options, 'maxNoise', 3),
      shortChars: numberOption(options, 'shortChars', 60),
      minRepeatsShort: numberOption(options, 'minRepeatsShort', 5),
    });
    const max = numberOption(options, 'maxReports', 5);
    for (const loop of loops.slice(0, max)) {
      let unit = text.slice(loop.unitStart, loop.unitEnd).replace(/\s+/g, ' ');
      if (unit.length > 60) unit = unit.slice(0, 57) + '…';
      ctx.report({
        ...(loop.period === 1
          ? msg('repetition-loop.sentence', { unit, repeats: loop.repeats })
          : msg('repetition-loop.cycle', { period: loop.period, unit, repeats: loop.repeats })),
        start: loop.start,
        end: loop.end,
      });
    }
  },
};
