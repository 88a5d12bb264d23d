import { msg, ref } from '../messages';
import { numberOption, type Rule } from './types';

export const languageMixing: Rule = {
  meta: {
    id: 'language-mixing',
    title: 'Language mixing in the thought',
    description: 'The chain of thought contains words outside the target language (R1 language-consistency reward).',
    zh: { title: '思考中语言混杂', description: '思维链中含有目标语言以外的词语（R1 的语言一致性奖励）。' },
    severity: 'warning',
    reward: 'language',
    tags: ['language', 'readability'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split'],
    options: {
      minRatio: {
        default: 1,
        schema: { type: 'number', minimum: 0, maximum: 1 },
        description: 'Report only when the share of target-language words is below this value (1 = any off-target word).',
      },
      maxReports: {
        default: 3,
        schema: { type: 'integer', minimum: 1 },
        description: 'At most this many off-target spans are reported per trace (the message gives the total).',
      },
    },
    docs: `
Measures the language consistency of the chain of thought the way R1 does, and marks the
stretches written in another language.

**Reward** (\`language\`): words in the target language ÷ all words of the thought; \`null\`
when the thought has no words at all (pure math).

**Target**: the \`language\` setting. \`auto\` (the default) takes the language of the prompt,
else that of the answer, else the thought's own dominant language. A code such as \`en\`,
\`zh\`, \`ja\`, \`ru\` or a script name (\`latin\`, \`han\`) fixes it.

**Findings**: adjacent off-target words are merged into one span until a target-language
word comes; at most \`maxReports\` spans (3) are reported per trace, the last one saying how
many more there are. A thought that mixes languages usually does so all along: a few marks
show where and how, and a dataset's Problems view keeps one short list per trace instead of
dozens of rows; the hover gives the whole language mix.

## What a word is

The text is scanned code point by code point:

- alphabetic scripts (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Hangul): a
  run of letters of one script is one word; a single letter is a variable (\`x\`, \`π\`), not
  a word;
- Chinese: **each Han character is one word**;
- Japanese: a run of kana is one word, each Han character one more (Japanese targets accept
  both);
- not words of any language: numbers, symbols, LaTeX commands (\`\\frac\`), bare function
  names (\`sin\`, \`log\`, \`max\`), letters glued to digits or \`^\`/\`_\` (\`x2\`, \`x^2\`),
  everything in \`$…$\`, \`$$…$$\`, \`\\(…\\)\`, \`\\[…\\]\`, inline code and code blocks.
- not words either, because reasoning in any language names points and things this way:
  capitals only, up to six letters (\`AB\`, \`BC\`, \`ABC\` — points, segments, option labels),
  words with a capital inside (\`GeoQA\`, \`maxValue\`), and, inside text of another script,
  a capitalised word that is not common English (\`Font Awesome\`, \`Python\` in a Chinese
  thought are names; \`Wait\`, \`Let\` there are English).

The check tells **scripts** apart, not languages: English and French (both Latin script), or
Chinese and Japanese kanji-only text, are not distinguished.

## Why

R1-Zero's reasoning was readable only in part: it switched between Chinese and English
mid-thought. R1 added a language-consistency reward, Num(target words) / Num(words) over
the CoT, to RL stage 2; it cost a little accuracy and made the reasoning readable. The
rejection-sampling stage also dropped mixed-language chains of thought from the SFT data.

## Examples

Bad (target \`en\`):

\`\`\`text
<think>
First compute the sum. 然后我们验证结果 the result is 10.
</think>
\\boxed{10}
\`\`\`

Good:

\`\`\`text
<think>
First compute the sum, then verify: $\\frac{20}{2} = 10$.
</think>
\\boxed{10}
\`\`\`
`,
  },
  check(ctx) {
    const { analysis } = ctx;
    if (!analysis.mayMixLanguages) return; // ratio 1 (or null): nothing to report
    const mix = analysis.language;
    if (mix.ratio === null) return;
    const minRatio = numberOption(ctx.options, 'minRatio', 1);
    if (mix.ratio >= minRatio || mix.ratio === 1) return;
    const max = Math.max(1, numberOption(ctx.options, 'maxReports', 3));
    const { spans, total } = analysis.offTargetSpans(max);
    const pct = Math.round(mix.ratio * 1000) / 10;
    spans.forEach((span, i) => {
      const more = i === spans.length - 1 && total > spans.length ? ref('language-mixing.more', { count: total - spans.length }) : '';
      ctx.report({
        ...msg(span.words === 1 ? 'language-mixing.one' : 'language-mixing', { target: mix.target, words: span.words, script: span.script, percent: pct, more }),
        start: span.start,
        end: span.end,
      });
    });
  },
};
