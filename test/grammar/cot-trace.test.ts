import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { createHarness, repoRoot, scopesAt, tokenize, type Token } from './harness';

const THOUGHT = 'comment.block.thought.cot-trace';
const AHA = 'keyword.control.self-correction.cot-trace';

let grammar: IGrammar;
before(async () => {
  grammar = await (await createHarness()).grammar('source.cot-trace');
});

function has(tokens: Token[], needle: string, scope: string, occurrence = 1) {
  const { scopes, token } = scopesAt(tokens, needle, occurrence);
  assert.ok(scopes.includes(scope), `"${needle}" (token "${token}") lacks ${scope}; has ${scopes.join(' ')}`);
  return token;
}
function lacks(tokens: Token[], needle: string, scope: string, occurrence = 1) {
  const { scopes, token } = scopesAt(tokens, needle, occurrence);
  assert.ok(!scopes.includes(scope), `"${needle}" (token "${token}") should not have ${scope}`);
}
const sample = (name: string) => tokenize(grammar, readFileSync(join(repoRoot, 'samples', name), 'utf8'));

describe('cot-trace grammar: tags and blocks', () => {
  const text = ['<think>', 'Let me add the numbers.', '</think>', '<answer>', '42', '</answer>', 'Plain tail.'].join('\n');
  let tokens: Token[];
  before(() => {
    tokens = tokenize(grammar, text);
  });

  it('scopes the <think> tag parts', () => {
    assert.equal(has(tokens, '<think>', 'punctuation.definition.tag.begin.cot-trace'), '<');
    assert.equal(has(tokens, 'think>', 'entity.name.tag.think.cot-trace'), 'think');
    has(tokens, '>', 'punctuation.definition.tag.end.cot-trace');
    has(tokens, '</think>', 'meta.tag.cot-trace');
    assert.equal(has(tokens, '</think>', 'punctuation.definition.tag.begin.cot-trace'), '</');
  });

  it('gives thought text its own block and comment-like scope', () => {
    has(tokens, 'Let me add', 'meta.block.think.cot-trace');
    has(tokens, 'Let me add', 'meta.block.think.content.cot-trace');
    has(tokens, 'Let me add', THOUGHT);
  });

  it('scopes <answer> blocks, and the answer is not thought', () => {
    has(tokens, 'answer>', 'entity.name.tag.answer.cot-trace');
    has(tokens, '42', 'meta.block.answer.content.cot-trace');
    lacks(tokens, '42', THOUGHT);
  });

  it('returns to plain text after the blocks', () => {
    assert.deepEqual(scopesAt(tokens, 'Plain tail.').scopes, ['source.cot-trace']);
  });

  it('scopes <reasoning> blocks as thought', () => {
    const t = tokenize(grammar, '<reasoning>step one</reasoning><answer>7</answer>');
    has(t, 'reasoning>', 'entity.name.tag.reasoning.cot-trace');
    has(t, 'step one', 'meta.block.reasoning.cot-trace');
    has(t, 'step one', THOUGHT);
    has(t, '7', 'meta.block.answer.cot-trace');
  });

  it('keeps an unclosed <think> open to the end of the file', () => {
    const t = sample('truncated.cot');
    has(t, 'We want the smallest', THOUGHT);
    has(t, 'three digits ending in 444', THOUGHT);
    has(t, 'Wait', AHA);
  });

  it('closes an unclosed <think> at the next record header', () => {
    const t = tokenize(grammar, 'User: q1\nAssistant: <think>\nunfinished thought\nUser: q2\nAssistant: fine');
    has(t, 'unfinished thought', THOUGHT);
    has(t, 'User', 'markup.heading.role.user.cot-trace', 2);
    lacks(t, 'q2', THOUGHT);
    lacks(t, 'fine', THOUGHT);
  });

  it('scopes a stray closing tag (prefilled opening tag) as a tag', () => {
    const t = tokenize(grammar, 'the thought\n</think>\nanswer');
    has(t, 'think>', 'entity.name.tag.cot-trace');
    lacks(t, 'answer', THOUGHT);
  });
});

describe('cot-trace grammar: OpenThoughts and cold-start layouts', () => {
  it('scopes thought and solution sections between the markers', () => {
    const t = sample('openthoughts.think');
    assert.equal(has(t, '<|begin_of_thought|>', 'punctuation.definition.tag.begin.cot-trace'), '<|');
    assert.equal(has(t, 'begin_of_thought', 'entity.name.tag.thought.cot-trace'), 'begin_of_thought');
    has(t, 'end_of_thought', 'entity.name.tag.thought.cot-trace');
    has(t, 'Okay, so I need', 'meta.block.thought.cot-trace');
    has(t, 'Okay, so I need', THOUGHT);
    has(t, 'begin_of_solution', 'entity.name.tag.solution.cot-trace');
    has(t, 'Since ', 'meta.block.solution.content.cot-trace');
    lacks(t, 'Since ', THOUGHT);
    has(t, 'But wait', AHA);
    has(t, 'Alternatively', AHA);
  });

  it('scopes the cold-start reasoning and the summary after it', () => {
    const t = sample('cold-start.cot');
    assert.equal(has(t, 'special_token', 'entity.name.tag.special-token.cot-trace'), 'special_token');
    has(t, '|special_token|', 'punctuation.definition.tag.begin.cot-trace');
    has(t, 'A polygon with', 'meta.block.cold-start.reasoning.cot-trace');
    has(t, 'A polygon with', THOUGHT);
    has(t, 'A hexagon has 6', THOUGHT);
    has(t, 'special_token', 'meta.block.cold-start.reasoning.cot-trace', 2);
    has(t, '**Summary.**', 'meta.block.cold-start.summary.cot-trace');
    lacks(t, '**Summary.**', THOUGHT);
    lacks(t, '720', 'meta.block.cold-start.summary.cot-trace', 4);
    has(t, 'Expected', 'markup.heading.role.expected.cot-trace');
  });

  it('highlights a summary that follows the token on the same line', () => {
    const t = tokenize(grammar, '|special_token|steps|special_token|So it is \\boxed{4} and `x`.');
    has(t, 'steps', THOUGHT);
    has(t, 'So it is', 'meta.block.cold-start.summary.cot-trace');
    has(t, '4', 'markup.bold.boxed.cot-trace');
    has(t, 'x`', 'markup.inline.raw.string.cot-trace');
  });
});

describe('cot-trace grammar: role headers', () => {
  it('scopes each role at line start', () => {
    const t = tokenize(grammar, 'System: be brief\nUser: hi\nAssistant: hello\nExpected: hello');
    assert.equal(has(t, 'System', 'markup.heading.role.system.cot-trace'), 'System');
    has(t, 'User', 'markup.heading.role.user.cot-trace');
    has(t, 'Assistant', 'markup.heading.role.assistant.cot-trace');
    has(t, 'Expected', 'markup.heading.role.expected.cot-trace');
    has(t, ':', 'punctuation.separator.role.cot-trace');
    has(t, 'User', 'meta.role-header.cot-trace');
  });

  it('ignores role words that are not at line start', () => {
    const t = tokenize(grammar, 'The User: asked twice');
    lacks(t, 'User', 'markup.heading.role.user.cot-trace');
  });
});

describe('cot-trace grammar: self-correction words', () => {
  const starts = [
    'Wait, that is wrong.',
    'Hmm, maybe not.',
    'But wait, the sign flips.',
    'Let me re-check the sum.',
    'Let me double-check that.',
    'Alternatively, factor it.',
    'Actually, no.',
    'Hold on, units.',
    'On second thought, use 3.',
    'Oh, I see.',
  ];
  for (const line of starts) {
    const word = line.split(',')[0].replace(/ the sum\.| that\./, '').replace(/\.$/, '');
    it(`marks "${word}" at line start`, () => {
      const t = tokenize(grammar, line);
      assert.equal(has(t, word, AHA), word);
    });
  }

  it('marks them after . ? ! : and spaces', () => {
    const t = tokenize(grammar, 'So x = 2. Wait, no. Is it 3? Hmm, yes! Actually: fine: Alternatively, 4.');
    has(t, 'Wait', AHA);
    has(t, 'Hmm', AHA);
    has(t, 'Alternatively', AHA);
  });

  it('does not mark them mid-sentence', () => {
    const t = tokenize(grammar, 'I had to wait for it, and actually it was fine, hmm.');
    lacks(t, 'wait', AHA);
    lacks(t, 'actually', AHA);
    lacks(t, 'hmm', AHA);
  });

  it('does not mark words that only begin with one', () => {
    const t = tokenize(grammar, 'Waiting is long.\nOhm is a unit.\nActuallyness.');
    lacks(t, 'Waiting', AHA);
    lacks(t, 'Ohm', AHA);
    lacks(t, 'Actuallyness', AHA);
  });

  it('marks Chinese self-correction at a sentence start', () => {
    const t = sample('mixed-language.cot');
    assert.equal(has(t, '等等', AHA), '等等');
    has(t, '嗯', AHA);
    has(t, 'Wait', AHA);
  });
});

describe('cot-trace grammar: boxed answers, math and code', () => {
  it('scopes \\boxed{} with nested braces to the matching brace', () => {
    const t = tokenize(grammar, 'so \\boxed{\\frac{1}{2}} done');
    assert.equal(has(t, '\\boxed', 'support.function.boxed.cot-trace'), '\\boxed');
    has(t, '{\\frac', 'punctuation.definition.boxed.begin.cot-trace');
    has(t, '\\frac', 'markup.bold.boxed.cot-trace');
    has(t, '\\frac', 'support.function.latex.cot-trace');
    has(t, '1', 'constant.numeric.cot-trace');
    has(t, '{1}', 'punctuation.section.braces.begin.cot-trace');
    has(t, '}} done', 'punctuation.section.braces.end.cot-trace');
    has(t, '} done', 'punctuation.definition.boxed.end.cot-trace');
    lacks(t, ' done', 'meta.boxed.cot-trace');
  });

  it('stops an unclosed \\boxed{ at the end of its line', () => {
    const t = tokenize(grammar, '\\boxed{\\frac{1}{2}\nnext line');
    lacks(t, 'next line', 'meta.boxed.cot-trace');
  });

  it('scopes inline math: $…$ and \\(…\\)', () => {
    const t = tokenize(grammar, 'take $x^2 + 1$ and \\(y = 3\\) now');
    has(t, '$x', 'punctuation.definition.math.begin.cot-trace');
    has(t, 'x^', 'markup.math.inline.cot-trace');
    has(t, '$ and', 'punctuation.definition.math.end.cot-trace');
    has(t, '\\(', 'punctuation.definition.math.begin.cot-trace');
    has(t, 'y = ', 'markup.math.inline.cot-trace');
    has(t, '3', 'constant.numeric.cot-trace');
    lacks(t, ' now', 'markup.math.inline.cot-trace');
  });

  it('leaves prices alone', () => {
    const t = tokenize(grammar, 'It costs $5 and $10 in total.');
    lacks(t, '5', 'markup.math.inline.cot-trace');
    lacks(t, ' and', 'markup.math.inline.cot-trace');
  });

  it('scopes display math: $$…$$ and \\[…\\] across lines', () => {
    const t = tokenize(grammar, '$$\na + b\n$$\n\\[\n\\sum_i c\n\\]\nafter');
    has(t, '$$', 'markup.math.block.cot-trace');
    has(t, 'a + b', 'markup.math.block.cot-trace');
    has(t, '\\[', 'punctuation.definition.math.begin.cot-trace');
    has(t, '\\sum', 'support.function.latex.cot-trace');
    has(t, '\\]', 'punctuation.definition.math.end.cot-trace');
    lacks(t, 'after', 'markup.math.block.cot-trace');
  });

  it('does not let unclosed display math swallow </think>', () => {
    const t = tokenize(grammar, '<think>\n$$ x\n</think>\nanswer');
    has(t, 'think>', 'entity.name.tag.think.cot-trace', 2);
    lacks(t, 'answer', THOUGHT);
  });

  it('scopes fenced code blocks and inline code', () => {
    const t = sample('openthoughts.think');
    has(t, '```python', 'punctuation.definition.fence.cot-trace');
    assert.equal(has(t, 'python', 'fenced_code.block.language.cot-trace'), 'python');
    has(t, 'print(', 'markup.raw.block.cot-trace');
    has(t, 'print(', 'markup.fenced_code.block.cot-trace');
    lacks(t, 'The answer is', 'markup.fenced_code.block.cot-trace');
    const inline = tokenize(grammar, 'call `f(x)` here');
    has(inline, 'f(x)', 'markup.inline.raw.string.cot-trace');
    lacks(inline, ' here', 'markup.inline.raw.string.cot-trace');
  });

  it('does not treat <think> inside fenced code as a block', () => {
    const t = tokenize(grammar, '```\n<think>\n```\nplain');
    lacks(t, '<think>', 'meta.block.think.cot-trace');
    lacks(t, 'plain', THOUGHT);
  });
});

describe('cot-trace grammar: samples', () => {
  it('R1-Zero sample: two records with thoughts, answers and the aha moment', () => {
    const t = sample('r1-zero.cot');
    has(t, 'Let the width', THOUGHT);
    has(t, 'Wait', AHA);
    has(t, 'The area is', 'meta.block.answer.content.cot-trace', 2);
    has(t, 'The area is', THOUGHT, 1);
    has(t, '50', 'markup.bold.boxed.cot-trace', 2);
    has(t, 'User', 'markup.heading.role.user.cot-trace', 2);
    has(t, 'Add 7', THOUGHT);
    has(t, 'Let me double-check', AHA);
  });
});
