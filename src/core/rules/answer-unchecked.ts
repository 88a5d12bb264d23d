import { msg, ref } from '../messages';
import type { Rule } from './types';
import { lastLine } from './util';

export const answerUnchecked: Rule = {
  meta: {
    id: 'answer-unchecked',
    title: 'Answer not checkable',
    description: 'The record has no ground truth, so the answer\'s accuracy cannot be checked.',
    zh: { title: '无法检查答案', description: '记录没有标准答案，因此无法检查答案是否正确。' },
    severity: 'off',
    reward: 'accuracy',
    tags: ['accuracy'],
    conventions: ['r1', 'r1-zero', 'openthoughts', 'cold-start', 'reasoning', 'prefilled', 'split', 'none'],
    options: {},
    docs: `
Reports (as information) a trace whose record has no ground truth, or whose comparison
hit a limit (an expression too long or too deep, a reference that cannot be read; under the
\`open-r1\` preset, a reference that is not mathematics). Its accuracy reward is
\`null\` — "not checkable" — never a silent pass, and \`null\` rewards are left out of the
weighted total.

Off by default: many datasets (chat, SFT data) have no reference answers. Turn it on to see
which records of a math set lack one, e.g. when the field name is not detected (see the
\`fields.groundTruth\` setting).

## Why

GRPO's advantage compares rewards inside a group; a reward that silently defaults to 1 or 0
for unverifiable samples distorts that comparison. TRL lets a reward function return
\`None\` for samples it cannot judge, and the engine does the same.

## Example

Reported when enabled: any trace of a record without a \`ground_truth\`, \`answer\`,
\`solution\`, … field.
`,
  },
  check(ctx) {
    const answer = ctx.analysis.answer;
    if (answer.expected !== undefined && answer.correct !== null) return;
    const at = answer.start !== undefined ? { start: answer.start, end: answer.end ?? answer.start } : lastLine(ctx.text);
    if (answer.expected === undefined) {
      ctx.report({ ...msg('answer-unchecked.no-ground-truth'), ...at });
    } else {
      ctx.report({ ...msg('answer-unchecked.not-checkable', { reason: answer.why ?? answer.reason ?? ref('answer-unchecked.reason') }), ...at });
    }
  },
};
