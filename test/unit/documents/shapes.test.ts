import { strict as assert } from 'node:assert';
import { readJsonlLine } from '../../../src/core/documents/jsonl';
import type { RecordInput } from '../../../src/core/types';

function read(value: unknown, fields?: Record<string, string[]>): RecordInput {
  return readJsonlLine(JSON.stringify(value), { index: 3, line: 7, offset: 0, fields });
}

describe('record shapes', () => {
  it('prompt / completion strings', () => {
    const value = { prompt: 'What is 2+2?', completion: '<think>\nadd\n</think>\n4', answer: '4' };
    const r = read(value);
    assert.equal(r.traces.length, 1);
    assert.equal(r.traces[0].path, 'completion');
    assert.equal(r.prompt?.text, 'What is 2+2?');
    assert.deepEqual(r.groundTruth, { text: '4', path: 'answer' });
    assert.equal(r.index, 3);
    assert.equal(r.line, 7);
    const out = r.traces[0].output;
    const close = out.text.indexOf('</think>');
    assert.equal(JSON.stringify(value).slice(out.toSource(close), out.toSource(close + 8)), '</think>');
    assert.equal(JSON.stringify(value).slice(r.prompt!.toSource(0), r.prompt!.toSource(4)), 'What');
  });

  it('prompt / completion as chat lists (TRL conversational)', () => {
    const r = read({
      prompt: [
        { role: 'system', content: 'Think first.' },
        { role: 'user', content: 'Q?' },
      ],
      completion: [{ role: 'assistant', content: '<think>x</think>y' }],
    });
    assert.equal(r.traces[0].path, 'completion[0].content');
    assert.equal(r.traces[0].output.text, '<think>x</think>y');
    assert.equal(r.prompt?.text, 'Q?');
  });

  it('messages: last assistant message is the output, the user message before it the prompt', () => {
    const r = read({
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'a1' },
        { role: 'user', content: 'second' },
        { role: 'assistant', content: '<think>t</think>a2' },
      ],
      uuid: 'u-1',
    });
    assert.equal(r.traces[0].path, 'messages[4].content');
    assert.equal(r.prompt?.text, 'second');
    assert.equal(r.id, 'u-1');
  });

  it('conversations with from/value (ShareGPT) and the system prompt kept apart', () => {
    const r = read({
      system: 'Your role as an assistant…',
      conversations: [
        { from: 'human', value: 'Solve x.' },
        { from: 'gpt', value: '<|begin_of_thought|>\n\nhm\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n1\n\n<|end_of_solution|>' },
      ],
    });
    assert.equal(r.traces[0].path, 'conversations[1].value');
    assert.equal(r.prompt?.text, 'Solve x.');
  });

  it('generations: one trace per generation, with its index, prompt from problem', () => {
    const r = read({ problem: 'P', answer: '7', generations: ['<think>a</think>7', '<think>b</think>8', '<think>c'], uuid: 'g' });
    assert.equal(r.traces.length, 3);
    assert.deepEqual(
      r.traces.map((t) => [t.index, t.path]),
      [
        [0, 'generations[0]'],
        [1, 'generations[1]'],
        [2, 'generations[2]'],
      ],
    );
    assert.equal(r.prompt?.text, 'P');
    assert.equal(r.groundTruth?.text, '7');
  });

  it('reasoning_content + content (split), at the top, in message, in choices[0].message', () => {
    for (const [value, prefix] of [
      [{ reasoning_content: 'R', content: 'C' }, ''],
      [{ message: { reasoning_content: 'R', content: 'C' } }, 'message.'],
      [{ choices: [{ message: { role: 'assistant', reasoning_content: 'R', content: 'C' } }] }, 'choices[0].message.'],
    ] as const) {
      const r = read(value);
      assert.equal(r.traces[0].output.text, 'C');
      assert.equal(r.traces[0].reasoning?.text, 'R');
      assert.equal(r.traces[0].path, `${prefix}content`);
      const line = JSON.stringify(value);
      const reasoning = r.traces[0].reasoning!;
      assert.equal(line.slice(reasoning.toSource(0), reasoning.toSource(1)), 'R');
    }
  });

  it('single fields: response, model_output, full_response, generated_text, output, text', () => {
    for (const key of ['response', 'model_output', 'full_response', 'generated_text', 'output', 'text']) {
      const r = read({ question: 'q', [key]: '<think>z</think>' });
      assert.equal(r.traces[0].path, key, key);
      assert.equal(r.prompt?.text, 'q');
    }
  });

  it('code[0] (SkyThought) with gt / answer as ground truth', () => {
    const r = read({ idx: 4, question: 'q', gt: '204', answer: '204', solution: 'long worked solution', code: ['<|begin_of_thought|>…'] });
    assert.equal(r.traces[0].path, 'code[0]');
    assert.equal(r.groundTruth?.text, '204');
    assert.equal(r.id, '4');
  });

  it('thinking_trajectories[0] + attempt (s1K) as a split trace', () => {
    const r = read({ question: 'q', solution: 'S', thinking_trajectories: ['thought'], attempt: 'final' });
    assert.equal(r.traces[0].reasoning?.text, 'thought');
    assert.equal(r.traces[0].output.text, 'final');
    assert.equal(r.groundTruth?.text, 'S');
  });

  it('prefers a short answer field over a long solution', () => {
    const r = read({ completion: 'x', solution: 'A long derivation … 42', answer: '42' });
    assert.equal(r.groundTruth?.path, 'answer');
  });

  it('question objects (R1-V logs): prompt from question.question', () => {
    const r = read({ question: { image_path: 'x.png', question: 'angle?', ground_truth: '65°' }, ground_truth: '65°', model_output: '<think>…' });
    assert.equal(r.prompt?.text, 'angle?');
    assert.equal(r.groundTruth?.path, 'ground_truth');
  });

  it('config fields override detection, with negative indices and [*]', () => {
    const r = read({ completion: 'not this', alt: { outs: ['one', 'two'] }, messages: [{ role: 'user', content: 'p' }, { role: 'assistant', content: 'm' }] }, { trace: ['alt.outs[*]'] });
    assert.deepEqual(
      r.traces.map((t) => [t.path, t.output.text, t.index]),
      [
        ['alt.outs[0]', 'one', 0],
        ['alt.outs[1]', 'two', 1],
      ],
    );
    const last = read({ messages: [{ role: 'user', content: 'p' }, { role: 'x', content: 'm' }] }, { trace: ['messages[-1].content'] });
    assert.equal(last.traces[0].path, 'messages[1].content');
  });

  it('sets promptSuffix when the prompt ends with a prefilled <think>', () => {
    const r = read({ prompt: '<|User|>2+2?<|Assistant|><think>\n', completion: 'add\n</think>\n4' });
    assert.equal(r.traces[0].promptSuffix, '<think>\n');
    assert.equal(read({ prompt: 'plain', completion: 'x' }).traces[0].promptSuffix, undefined);
  });

  it('reports no-trace with the keys the record has', () => {
    const r = read({ question: 'q', answer: '1', foo: 2 });
    assert.equal(r.traces.length, 0);
    assert.equal(r.problems[0].ruleId, 'no-trace');
    assert.match(r.problems[0].message, /question, answer, foo/);
    assert.equal(r.problems[0].recordIndex, 3);
  });
});
