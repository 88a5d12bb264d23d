import { strict as assert } from 'node:assert';
import { parseRewardToken, parseSelection, parseWeights } from '../../../src/core/grpo';
import { recordAdvantages, fieldValue, candidateFields } from '../../../src/core/grpo/records';
import { readJsonl } from '../../../src/core/documents';
import { resolveConfig } from '../../../src/core/config/resolve';
import { PRESETS } from '../../../src/core/grpo';

describe('grpo: reading a selection', () => {
  it('plain numbers on one line, separated by commas, spaces or semicolons, are one group', () => {
    assert.deepEqual(parseSelection('0, 1, 1, 0'), { kind: 'numbers', groups: [[0, 1, 1, 0]] });
    assert.deepEqual(parseSelection('0.5;-1e-3;.25;+2'), { kind: 'numbers', groups: [[0.5, -0.001, 0.25, 2]] });
  });

  it('one line is one group: three pasted lines of four rewards are three groups of 4', () => {
    assert.deepEqual(parseSelection('0,1,1,0\n1,1,1,1\n0,0,0,1'), { kind: 'numbers', groups: [[0, 1, 1, 0], [1, 1, 1, 1], [0, 0, 0, 1]] });
    assert.deepEqual(parseSelection(' 0 1\r\n1\t0 '), { kind: 'numbers', groups: [[0, 1], [1, 0]] });
    assert.deepEqual(parseSelection('0 1\n\n1 1 0\n'), { kind: 'numbers', groups: [[0, 1], [1, 1, 0]] });
  });

  it('a column of one reward per line is one group; blank lines separate columns', () => {
    assert.deepEqual(parseSelection('0\n1\n1\n0'), { kind: 'numbers', groups: [[0, 1, 1, 0]] });
    assert.deepEqual(parseSelection('0\n1\n\n1\nnull\n'), { kind: 'numbers', groups: [[0, 1], [1, null]] });
  });

  it('JSON arrays: one array, an array of arrays, one array per line', () => {
    assert.deepEqual(parseSelection('[0,1,1,0]'), { kind: 'numbers', groups: [[0, 1, 1, 0]] });
    assert.deepEqual(parseSelection('[[0,1],[1,null]]'), { kind: 'numbers', groups: [[0, 1], [1, null]] });
    assert.deepEqual(parseSelection('[0,1]\n[1,1,0],\n'), { kind: 'numbers', groups: [[0, 1], [1, 1, 0]] });
  });

  it('missing rewards: null, None, NaN', () => {
    assert.deepEqual(parseSelection('1 null None NaN 0'), { kind: 'numbers', groups: [[1, null, null, null, 0]] });
    assert.equal(parseRewardToken('1.2.3'), undefined);
    assert.equal(parseRewardToken('1e400'), undefined);
  });

  it('records: objects, JSON Lines, arrays of objects', () => {
    assert.equal(parseSelection('{"prompt":"a"}\n{"prompt":"b"}').kind, 'records');
    assert.equal(parseSelection('[{"prompt":"a"}]').kind, 'records');
  });

  it('anything else: a clear message, or empty', () => {
    const bad = parseSelection('the answer is 5');
    assert.equal(bad.kind, 'invalid');
    assert.match((bad as { message: string }).message, /"the" is not a number/);
    assert.equal(parseSelection('[1, "x"]').kind, 'invalid');
    assert.equal(parseSelection('   \n ').kind, 'empty');
    assert.equal(parseSelection('[]').kind, 'empty');
  });

  it('weights', () => {
    assert.deepEqual(parseWeights('a=1, b=0.5'), { weights: { a: 1, b: 0.5 } });
    assert.ok('error' in parseWeights('a'));
    assert.ok('error' in parseWeights('a=x'));
  });
});

describe('grpo: records to groups', () => {
  const trace = (x: number) => `<think>\n2x = 4, so x = ${x}.\n</think>\nThe answer is \\boxed{${x}}`;
  const lines = [
    { id: 'a', prompt: 'Solve: 2x + 3 = 7', completion: trace(1), answer: '2', split: 'p1' },
    { id: 'b', prompt: 'Solve: 2x + 3 = 7', completion: trace(2), answer: '2', split: 'p1' },
    { id: 'c', prompt: 'Solve: 2x + 3 = 7', completion: trace(2), answer: '2', split: 'p2' },
    { id: 'd', prompt: 'Solve: 2x + 3 = 7', completion: trace(5), answer: '2', split: 'p2' },
    { problem: 'What is 1 + 1?', generations: ['<think>\nok\n</think>\n\\boxed{2}', '<think>\nhmm\n</think>\n\\boxed{3}'], answer: '2' },
  ];
  const text = lines.map((l) => JSON.stringify(l)).join('\n');

  it('groups by prompt; a generations record is its own group; right answers get positive advantages', () => {
    const r = recordAdvantages(text, 'data.jsonl', resolveConfig({}), PRESETS.trl);
    assert.equal(r.groups.length, 2);
    assert.deepEqual(r.groups[0].outputs.map((o) => o.id), ['a', 'b', 'c', 'd']);
    assert.deepEqual(r.groups[0].outputs.map((o) => o.rewards.accuracy), [0, 1, 1, 0]);
    const [a, b, c, d] = r.result.groups[0].advantages;
    assert.ok(a < 0 && b > 0 && c > 0 && d < 0);
    assert.equal(b, c);
    assert.equal(a, d);
    assert.deepEqual(r.groups[1].outputs.map((o) => o.traceIndex), [0, 1]);
    assert.ok(r.result.groups[1].advantages[0] > 0);
  });

  it('groups by a field; spans are placed in the document', () => {
    const r = recordAdvantages(text, 'data.jsonl', resolveConfig({}), PRESETS.trl, { by: 'field', field: 'split' }, { offset: 100, firstLine: 10 });
    assert.deepEqual(r.groups.map((g) => g.outputs.length), [2, 2, 2]);
    assert.equal(r.groups[0].title, 'split = p1');
    assert.equal(r.groups[0].outputs[0].recordSpan.start, 100);
    assert.equal(r.groups[0].outputs[0].line, 10);
    assert.equal(r.groups[0].outputs[1].recordSpan.start, 100 + JSON.stringify(lines[0]).length + 1);
  });

  it('records without a trace are skipped with a reason; invalid JSON does not throw', () => {
    const r = recordAdvantages('{"prompt": "x"}\n{not json\n', 'd.jsonl', resolveConfig({}), PRESETS.trl);
    assert.equal(r.groups.length, 0);
    assert.equal(r.skipped.length, 2);
  });

  it('field helpers', () => {
    assert.equal(fieldValue({ meta: { uid: [5, 6] } }, 'meta.uid[1]'), 6);
    assert.equal(fieldValue({ a: 1 }, 'b.c'), undefined);
    // Text fields only, the detected prompt first, never the trace's own field.
    assert.deepEqual(candidateFields(text, readJsonl(text)), ['prompt', 'id', 'answer', 'split', 'problem']);
  });

  it('group-by choices leave out numbers and flags (generation_time_seconds can never be a prompt)', () => {
    const rows = [
      { question: 'What is 6 × 7?', response: trace(42), generation_time_seconds: 12.5, correct: true, source: 'gsm8k' },
      { question: 'What is 6 × 7?', response: trace(41), generation_time_seconds: 9.1, correct: false, source: 'gsm8k' },
    ];
    const jsonl = rows.map((l) => JSON.stringify(l)).join('\n');
    assert.deepEqual(candidateFields(jsonl, readJsonl(jsonl)), ['question', 'source']);
  });
});
