// Datasets whose trace sits under a key the reader does not list, ground truth under many
// names, and the layouts of the training frameworks (verl, TRL, OpenRLHF).
import { strict as assert } from 'node:assert';
import { countInferred, detectShape, inferredFieldNote, mainInferred, traceFieldPin } from '../../../src/core/documents';
import { resolveConfig } from '../../../src/core/config/resolve';
import { createChecker } from '../../../src/core/engine';
import { readJsonlLine } from '../../../src/core/documents/jsonl';

const trace = '<think>\nTwo plus two. Wait, let me check: yes, 4.\n</think>\nThe answer is \\boxed{4}.';
const prose = 'This is a long piece of free text written by a model that explains its reasoning in plain words, '.repeat(4);

describe('fields found by what they hold', () => {
  it('a trace under an unlisted key is found by its markers, and the field is reported', () => {
    const shape = detectShape({ id: 7, question: 'What is 2+2?', generated_output: trace, expected_answer: '4' });
    assert.equal(shape.shape, 'inferred');
    assert.equal(shape.inferred, 'generated_output');
    assert.equal(shape.traces[0].output.text, trace);
    assert.equal(shape.prompt?.text, 'What is 2+2?');
    assert.equal(shape.groundTruth?.text, '4');
  });

  it('markers win over a longer field without them', () => {
    const shape = detectShape({ notes: prose + prose, model_response: trace });
    assert.equal(shape.inferred, 'model_response');
  });

  it('OpenThoughts markers count as trace markers', () => {
    const text = '<|begin_of_thought|>\nthink\n<|end_of_thought|>\n<|begin_of_solution|>\n4\n<|end_of_solution|>';
    assert.equal(detectShape({ problem: 'Q', sample: text }).inferred, 'sample');
  });

  it('without markers: the longest free text, never the prompt or the ground truth', () => {
    const shape = detectShape({ problem: prose + prose + prose, reply: prose, short: 'ok', gold: prose + prose + prose + prose });
    assert.equal(shape.inferred, 'reply');
    assert.equal(shape.prompt?.path[0], 'problem');
    assert.equal(shape.groundTruth?.path[0], 'gold');
  });

  it('short strings, URLs and ids are not free text', () => {
    const shape = detectShape({ url: 'https://example.invalid/' + 'a'.repeat(300), hash: 'f'.repeat(400), title: 'A title' });
    assert.equal(shape.traces.length, 0);
    assert.equal(shape.inferred, undefined);
  });

  it('a list of strings with markers is a group, one trace each', () => {
    const shape = detectShape({ problem: 'Q', samples: [trace, trace.replace('4', '5')], answer: '4' });
    assert.equal(shape.inferred, 'samples[*]');
    assert.deepEqual(shape.traces.map((t) => t.output.path), [['samples', 0], ['samples', 1]]);
  });

  it('one level down: result.model_response', () => {
    assert.equal(detectShape({ result: { model_response: trace, latency: 3 } }).inferred, 'result.model_response');
  });

  it('a listed key still wins, and nothing is inferred then', () => {
    const shape = detectShape({ response: 'plain', other: trace });
    assert.equal(shape.shape, 'response');
    assert.equal(shape.inferred, undefined);
  });

  it('the reader hands the chosen field on with the record', () => {
    const record = readJsonlLine(JSON.stringify({ generated_output: trace }), { index: 0, line: 0, offset: 0 });
    assert.equal(record.inferredTrace, 'generated_output');
    assert.equal(record.traces[0].path, 'generated_output');
    assert.equal(record.problems.length, 0);
  });

  it('the engine keeps the field on the result, and the faces count it and show the lines that pin it', () => {
    const config = resolveConfig({});
    const lines = [{ generated_output: trace }, { generated_output: trace }, { response: trace }, { samples: [trace, trace] }].map((r) => JSON.stringify(r));
    const records = lines.map((text, index) => readJsonlLine(text, { index, line: index, offset: 0 }));
    const results = records.map((record) => createChecker(config).check(record));
    assert.deepEqual(results.map((r) => r.inferredTrace), ['generated_output', 'generated_output', undefined, 'samples[*]']);
    const counts = countInferred(results);
    assert.deepEqual([...counts], [['generated_output', 2], ['samples[*]', 1]]);
    assert.deepEqual(mainInferred(counts), { field: 'generated_output', records: 2, all: [{ field: 'generated_output', records: 2 }, { field: 'samples[*]', records: 1 }] });
    assert.deepEqual(inferredFieldNote(counts, 4), {
      field: 'generated_output',
      records: 2,
      of: 4,
      setting: '"cotTrace.fields": {"trace": ["generated_output"]}',
      config: '{"fields":{"trace":["generated_output"]}}',
    });
    assert.equal(traceFieldPin('result.model_response').flag, '--field trace=result.model_response');
    // Nothing inferred: no note.
    assert.equal(inferredFieldNote(countInferred(results.slice(2, 3)), 1), undefined);
    assert.equal(mainInferred({}), undefined);
    // The pinned field reads the same traces, and nothing is inferred any more.
    const pinned = readJsonlLine(lines[0], { index: 0, line: 0, offset: 0, fields: JSON.parse(traceFieldPin('generated_output').config).fields });
    assert.equal(pinned.inferredTrace, undefined);
    assert.equal(pinned.traces[0].output.text, records[0].traces[0].output.text);
  });
});

describe('ground truth found more widely', () => {
  for (const [key, value] of [
    ['expected_answer', '4'],
    ['expected_expected_answer', '4'],
    ['gold', '4'],
    ['gold_answer', 4],
    ['target_solution', '4'],
    ['label', '4'],
    ['reference_solution', '4'],
  ] as Array<[string, string | number]>) {
    it(`${key}`, () => {
      const shape = detectShape({ completion: trace, [key]: value });
      assert.deepEqual(shape.groundTruth, { path: [key], text: String(value) });
    });
  }

  it('reward_model.ground_truth (verl), a string or a list', () => {
    assert.deepEqual(detectShape({ completion: trace, reward_model: { style: 'rule', ground_truth: '4' } }).groundTruth, { path: ['reward_model', 'ground_truth'], text: '4' });
    assert.deepEqual(detectShape({ completion: trace, reward_model: { ground_truth: ['4', 'four'] } }).groundTruth, { path: ['reward_model', 'ground_truth', 0], text: '4' });
  });

  it('one level down: extra_info.answer', () => {
    assert.deepEqual(detectShape({ completion: trace, extra_info: { index: 3, answer: '4' } }).groundTruth, { path: ['extra_info', 'answer'], text: '4' });
  });

  it('never the model’s own answer (extracted_answer, predicted_answer, answer_text)', () => {
    const shape = detectShape({ completion: trace, extracted_answer: '5', predicted_answer: '5', answer_text: 'The answer is 5' });
    assert.equal(shape.groundTruth, undefined);
  });

  it('never the field that is the trace itself', () => {
    // The only text is under `solution`: it is the trace, so it is not also the ground truth.
    const shape = detectShape({ problem: 'Q', solution: trace });
    assert.equal(shape.inferred, undefined);
    assert.equal(shape.traces.length, 0, 'solution is a ground-truth key, not a trace key');
    const inferred = detectShape({ problem: 'Q', final_solution_output: trace, answer: '4' });
    assert.equal(inferred.inferred, 'final_solution_output');
    assert.equal(inferred.groundTruth?.path[0], 'answer');
    const deepseek = detectShape({ deepseek_reasoning: 'think', deepseek_solution: '4' });
    assert.equal(deepseek.groundTruth, undefined);
  });
});

describe('training-framework layouts', () => {
  it('verl: data_source, prompt as messages, ability, reward_model, extra_info', () => {
    const row = {
      data_source: 'openai/gsm8k',
      prompt: [{ role: 'user', content: 'What is 2+2? Think step by step.' }],
      ability: 'math',
      reward_model: { style: 'rule', ground_truth: '4' },
      extra_info: { split: 'train', index: 0 },
    };
    const shape = detectShape(row);
    assert.equal(shape.layout, 'verl');
    assert.equal(shape.prompt?.text, 'What is 2+2? Think step by step.');
    assert.deepEqual(shape.groundTruth?.path, ['reward_model', 'ground_truth']);
    assert.equal(shape.traces.length, 0);
    const record = readJsonlLine(JSON.stringify(row), { index: 0, line: 0, offset: 0 });
    assert.match(record.problems[0].message, /verl training row/);
    // A verl rollout dump with the response beside it is read.
    const rollout = detectShape({ ...row, response: trace });
    assert.equal(rollout.layout, 'verl');
    assert.equal(rollout.traces[0].output.text, trace);
  });

  it('TRL standard: prompt and completion strings', () => {
    const shape = detectShape({ prompt: 'What is 2+2?', completion: trace });
    assert.equal(shape.layout, 'trl-standard');
    assert.equal(shape.prompt?.text, 'What is 2+2?');
    assert.deepEqual(shape.traces[0].output.path, ['completion']);
  });

  it('TRL conversational: prompt and completion as message lists', () => {
    const shape = detectShape({ prompt: [{ role: 'user', content: 'What is 2+2?' }], completion: [{ role: 'assistant', content: trace }] });
    assert.equal(shape.layout, 'trl-conversational');
    assert.equal(shape.prompt?.text, 'What is 2+2?');
    assert.deepEqual(shape.traces[0].output.path, ['completion', 0, 'content']);
  });

  it('OpenRLHF: input / output / label (its default keys)', () => {
    const shape = detectShape({ input: 'What is 2+2?', output: trace, label: '4' });
    assert.equal(shape.layout, 'openrlhf');
    assert.equal(shape.prompt?.text, 'What is 2+2?');
    assert.equal(shape.groundTruth?.text, '4');
    assert.deepEqual(shape.traces[0].output.path, ['output']);
  });

  it('OpenRLHF keys set by flags map onto fields (--input_key question --label_key gt_answer --output_key reply)', () => {
    const shape = detectShape({ question_text: 'What is 2+2?', reply: trace, gt_answer: '4' }, { prompt: ['question_text'], trace: ['reply'], groundTruth: ['gt_answer'] });
    assert.equal(shape.prompt?.text, 'What is 2+2?');
    assert.equal(shape.traces[0].output.text, trace);
    assert.equal(shape.groundTruth?.text, '4');
  });

  it('no layout for a plain record', () => {
    assert.equal(detectShape({ messages: [{ role: 'assistant', content: trace }] }).layout, undefined);
  });
});
