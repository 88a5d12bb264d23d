/**
 * The trace tokenizer behind the learning panels' highlighted traces (webview/common/traceView.ts),
 * and the parsing of `command:` links in panel content.
 */
import * as assert from 'node:assert/strict';
import { tokenizeTrace, type TraceToken } from '../../../webview/common/traceView';
import { parseCommandLink } from '../../../webview/pipeline/commandLinks';

const kinds = (tokens: TraceToken[]) => tokens.map((t) => `${t.kind}:${t.text}`);

describe('trace tokenizer', () => {
  it('splits an R1 trace into tags, thought, answer text and the boxed answer', () => {
    const tokens = tokenizeTrace('<think>\nx = 2.\n</think>\nSo \\boxed{2}.');
    assert.deepEqual(kinds(tokens), ['tag:<think>', 'thought:\nx = 2.\n', 'tag:</think>', 'text:\nSo ', 'boxed:\\boxed{2}', 'text:.']);
    assert.deepEqual(tokens.map((t) => t.inThought), [true, true, true, false, false, false]);
  });

  it('marks reflection phrases at sentence starts only', () => {
    const tokens = tokenizeTrace('<think>Try 3. Wait, no. It is fine to wait here. Hmm\nLet me re-check it.</think>');
    assert.deepEqual(
      tokens.filter((t) => t.kind === 'reflection').map((t) => t.text),
      ['Wait', 'Hmm', 'Let me re-check'],
    );
    assert.ok(tokens.filter((t) => t.kind === 'reflection').every((t) => t.inThought));
    // "Waiting" is not "Wait".
    assert.equal(tokenizeTrace('Waiting for it.').filter((t) => t.kind === 'reflection').length, 0);
  });

  it('finds reflections in untagged text and keeps every character', () => {
    const text = 'Wait... the integral is x^3/3. 等等，再看 Actually 1/3.';
    const tokens = tokenizeTrace(text);
    assert.equal(tokens.map((t) => t.text).join(''), text);
    assert.deepEqual(tokens.filter((t) => t.kind === 'reflection').map((t) => t.text), ['Wait', '等等']);
    assert.ok(tokens.every((t) => !t.inThought));
  });

  it('balances braces in \\boxed{} and leaves an unclosed box as text', () => {
    assert.deepEqual(kinds(tokenizeTrace('\\boxed{\\frac{1}{3}} done')), ['boxed:\\boxed{\\frac{1}{3}}', 'text: done']);
    assert.deepEqual(kinds(tokenizeTrace('\\boxed{\\{a\\}}')), ['boxed:\\boxed{\\{a\\}}']);
    assert.deepEqual(kinds(tokenizeTrace('\\boxed{2')), ['text:\\boxed{2']);
  });

  it('knows the R1-Zero, OpenThoughts, reasoning and cold-start markers', () => {
    const zero = tokenizeTrace('<think>a</think><answer>4</answer>');
    assert.deepEqual(kinds(zero), ['tag:<think>', 'thought:a', 'tag:</think>', 'tag:<answer>', 'text:4', 'tag:</answer>']);
    const ot = tokenizeTrace('<|begin_of_thought|>b<|end_of_thought|><|begin_of_solution|>c<|end_of_solution|>');
    assert.deepEqual(kinds(ot), ['tag:<|begin_of_thought|>', 'thought:b', 'tag:<|end_of_thought|>', 'tag:<|begin_of_solution|>', 'text:c', 'tag:<|end_of_solution|>']);
    assert.deepEqual(kinds(tokenizeTrace('<reasoning>r</reasoning>')), ['tag:<reasoning>', 'thought:r', 'tag:</reasoning>']);
    assert.deepEqual(kinds(tokenizeTrace('|special_token|x|special_token|y')), ['tag:|special_token|', 'text:x', 'tag:|special_token|', 'text:y']);
  });

  it('never throws and keeps the text on odd input', () => {
    for (const text of ['', '<', '<think', '</think></think>', '\\boxed{', '|', 'Wait', '<think>Wait']) {
      assert.equal(tokenizeTrace(text).map((t) => t.text).join(''), text);
    }
  });
});

describe('command links', () => {
  it('parses a command with no arguments, one argument, or an argument list', () => {
    assert.deepEqual(parseCommandLink('command:cotTrace.openQuiz'), { command: 'cotTrace.openQuiz', args: [] });
    assert.deepEqual(parseCommandLink('command:cotTrace.openPipeline?%22grpo%22'), { command: 'cotTrace.openPipeline', args: ['grpo'] });
    assert.deepEqual(parseCommandLink('command:cotTrace.openCalculator?%5B%7B%22rewards%22%3A%5B0%2C1%5D%7D%5D'), {
      command: 'cotTrace.openCalculator',
      args: [{ rewards: [0, 1] }],
    });
  });

  it('ignores broken arguments and rejects what is not a command link', () => {
    assert.deepEqual(parseCommandLink('command:cotTrace.openQuiz?%7Bnot-json'), { command: 'cotTrace.openQuiz', args: [] });
    assert.equal(parseCommandLink('https://example.com'), undefined);
    assert.equal(parseCommandLink('command:'), undefined);
  });
});
