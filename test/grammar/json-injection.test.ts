import { strict as assert } from 'node:assert';
import type { IGrammar } from 'vscode-textmate';
import { createHarness, scopesAt, tokenize, type Token } from './harness';

const THOUGHT = 'comment.block.thought.cot-trace';
const AHA = 'keyword.control.self-correction.cot-trace';

function has(tokens: Token[], needle: string, scope: string, occurrence = 1) {
  const { scopes, token } = scopesAt(tokens, needle, occurrence);
  assert.ok(scopes.includes(scope), `"${needle}" (token "${token}") lacks ${scope}; has ${scopes.join(' ')}`);
  return token;
}
function lacks(tokens: Token[], needle: string, scope: string, occurrence = 1) {
  const { scopes, token } = scopesAt(tokens, needle, occurrence);
  assert.ok(!scopes.includes(scope), `"${needle}" (token "${token}") should not have ${scope}`);
}
/** True when no scope of the token at `needle` comes from the cot-trace grammars. */
function untouched(tokens: Token[], needle: string, occurrence = 1) {
  const { scopes, token } = scopesAt(tokens, needle, occurrence);
  assert.ok(!scopes.some((s) => s.endsWith('.cot-trace')), `"${needle}" (token "${token}") got ${scopes.join(' ')}`);
}

for (const [language, scope, suffix] of [
  ['JSON Lines', 'source.json.lines', 'json.lines'],
  ['JSON', 'source.json', 'json'],
] as const) {
  describe(`trace highlighting inside ${language} strings`, () => {
    let grammar: IGrammar;
    before(async () => {
      grammar = await (await createHarness()).grammar(scope);
    });

    const record =
      '{"problem": "<think> as a key?", "output": "<think>\\nOkay.\\nWait, is \\"x\\" caf\\u00e9 \\\\boxed{\\\\frac{1}{2}}?\\n</think>\\n\\nSo \\\\boxed{3}.", "n": 1}';

    it('scopes tags, thought text and the answer after </think>', () => {
      const t = tokenize(grammar, record);
      has(t, '<think>\\n', 'meta.block.think.cot-trace');
      assert.equal(has(t, 'think>\\nOkay', 'entity.name.tag.think.cot-trace'), 'think');
      has(t, 'Okay.', THOUGHT);
      has(t, 'Okay.', `string.quoted.double.${suffix}`);
      has(t, '</think>', 'punctuation.definition.tag.begin.cot-trace');
      has(t, 'So ', 'meta.trace.cot-trace');
      lacks(t, 'So ', THOUGHT);
    });

    it('keeps JSON escapes scoped as escapes', () => {
      const t = tokenize(grammar, record);
      assert.equal(has(t, '\\nOkay', 'constant.character.escape.json.cot-trace'), '\\n');
      assert.equal(has(t, '\\"x', 'constant.character.escape.json.cot-trace'), '\\"');
      assert.equal(has(t, '\\u00e9', 'constant.character.escape.json.cot-trace'), '\\u00e9');
      // An escaped quote does not end the string or the thought.
      has(t, 'x\\"', THOUGHT);
      has(t, ' caf', THOUGHT);
    });

    it('marks self-correction after a \\n escape, not mid-sentence', () => {
      const t = tokenize(grammar, record);
      assert.equal(has(t, 'Wait', AHA), 'Wait');
      const mid = tokenize(grammar, '{"a": "<think>I had to wait. Hmm, ok</think>"}');
      lacks(mid, 'wait', AHA);
      has(mid, 'Hmm', AHA);
    });

    it('scopes \\\\boxed{…} with nested braces', () => {
      const t = tokenize(grammar, record);
      assert.equal(has(t, '\\\\boxed{\\\\frac', 'support.function.boxed.cot-trace'), '\\\\boxed');
      has(t, '\\\\frac', 'support.function.latex.cot-trace');
      has(t, '1}{2}', 'markup.bold.boxed.cot-trace');
      has(t, '}}?', 'punctuation.section.braces.end.cot-trace');
      has(t, '}?', 'punctuation.definition.boxed.end.cot-trace');
      lacks(t, '?\\n</think>', 'meta.boxed.cot-trace');
      has(t, '3', 'markup.bold.boxed.cot-trace');
    });

    it('leaves keys alone, even ones that look like traces', () => {
      const t = tokenize(grammar, '{"<think>": "<think>x</think>", "Wait": 1}');
      has(t, '<think>', `support.type.property-name.${suffix}`);
      untouched(t, '<think>');
      has(t, 'think>x', 'entity.name.tag.think.cot-trace');
      untouched(t, 'Wait');
      has(t, 'Wait', `support.type.property-name.${suffix}`);
    });

    it('ends an unclosed <think> at the closing quote: the next key is still a key', () => {
      const t = tokenize(grammar, '{"problem": "<think> as a key?", "output": "fine"}');
      has(t, ' as a key?', THOUGHT);
      has(t, '", "output"', `punctuation.definition.string.end.${suffix}`);
      untouched(t, '", "output"');
      has(t, 'output', `support.type.property-name.${suffix}`);
      untouched(t, 'output');
      has(t, 'fine', `string.quoted.double.${suffix}`);
      untouched(t, 'fine');
    });

    it('ends every open region at the closing quote', () => {
      const cases = [
        '"<think>$$ x', // display math
        '"<think>\\\\[ x', // \[ display math
        '"<think>\\\\boxed{\\\\frac{1', // boxed + nested braces
        '"<|begin_of_thought|>x', // OpenThoughts thought
        '"|special_token|x', // cold start
        '"<think>\\n```python\\nprint(1)', // fenced code
        '"<answer>x \\"y\\" \\\\', // escaped quote and backslash before the end
      ];
      for (const c of cases) {
        const t = tokenize(grammar, `{"a": ${c}", "next": 2}`);
        has(t, 'next', `support.type.property-name.${suffix}`);
        untouched(t, 'next');
        has(t, '2}', `constant.numeric.${suffix}`);
      }
    });

    it('treats the start of a string as a sentence start', () => {
      const t = tokenize(grammar, '{"reasoning_content": "Hmm, the user asks.\\nWait, no."}');
      has(t, 'Hmm', AHA);
      has(t, 'Wait', AHA);
    });

    it('scopes text before a lone </think> as thought (prefilled opening tag)', () => {
      const t = tokenize(grammar, '{"full_response": "Okay, so we need x.\\n</think>\\n\\nThe answer is 4."}');
      has(t, 'Okay, so', 'meta.block.think.prefilled.cot-trace');
      has(t, 'Okay, so', THOUGHT);
      has(t, 'think>', 'entity.name.tag.think.cot-trace');
      lacks(t, 'The answer is', THOUGHT);
    });

    it('scopes OpenThoughts sections, cold-start layout, reasoning and answer tags', () => {
      const t = tokenize(
        grammar,
        '["<|begin_of_thought|>\\n\\nOkay.\\n\\n<|end_of_thought|>\\n\\n<|begin_of_solution|>\\n\\nIt is $x$.\\n\\n<|end_of_solution|>", ' +
          '"|special_token|steps|special_token|summary", "<reasoning>r</reasoning><answer>a</answer>"]',
      );
      has(t, 'begin_of_thought', 'entity.name.tag.thought.cot-trace');
      has(t, 'Okay.', THOUGHT);
      has(t, 'It is', 'meta.block.solution.content.cot-trace');
      has(t, 'x$', 'markup.math.inline.cot-trace');
      has(t, 'steps', THOUGHT);
      has(t, 'summary', 'meta.block.cold-start.summary.cot-trace');
      has(t, 'r</', 'meta.block.reasoning.cot-trace');
      has(t, 'a</', 'meta.block.answer.content.cot-trace');
    });

    it('scopes math, inline code and fenced code in traces', () => {
      const t = tokenize(
        grammar,
        '{"a": "<think>use \\\\(y\\\\) and $$z$$ and `f(x)`.\\n```python\\nprint(1)\\n```\\ndone</think>"}',
      );
      has(t, '\\\\(', 'punctuation.definition.math.begin.cot-trace');
      has(t, 'y\\\\)', 'markup.math.inline.cot-trace');
      has(t, 'z$$', 'markup.math.block.cot-trace');
      has(t, 'f(x)', 'markup.inline.raw.string.cot-trace');
      has(t, 'python', 'fenced_code.block.language.cot-trace');
      has(t, 'print(1)', 'markup.raw.block.cot-trace');
      lacks(t, 'done', 'markup.raw.block.cot-trace');
      has(t, 'done', THOUGHT);
    });

    it('leaves strings without trace markers alone', () => {
      const t = tokenize(grammar, '{"pattern": "\\\\(a\\\\) costs $x$ Wait", "script": "echo $HOME"}');
      untouched(t, 'a\\\\)');
      untouched(t, 'x$');
      untouched(t, 'Wait');
      has(t, '\\\\(a', `constant.character.escape.${suffix}`);
    });

    it('returns to the top of the grammar after each record', () => {
      const text = `${record}\n{"x": "<think>unclosed"}\n{"y": 2}`;
      const t = tokenize(grammar, text);
      has(t, '"y"', `support.type.property-name.${suffix}`);
      untouched(t, '"y"');
    });
  });
}
