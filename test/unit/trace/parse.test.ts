import { strict as assert } from 'node:assert';
import { parseTrace } from '../../../src/core/trace/parse';
import { countReflections, REFLECTION_PHRASES } from '../../../src/core/trace/reflection';
import { findLoops } from '../../../src/core/trace/loops';

const slice = (text: string, part?: { start: number; end: number }) => (part ? text.slice(part.start, part.end) : undefined);

describe('trace parsing', () => {
  it('R1: thought and answer', () => {
    const t = '<think>\nabc\n</think>\nanswer';
    const p = parseTrace(t);
    assert.equal(p.convention, 'r1');
    assert.equal(slice(t, p.thought), '\nabc\n');
    assert.equal(slice(t, p.answer), '\nanswer');
    assert.deepEqual(p.sections.map((s) => s.kind), ['thought', 'answer']);
  });
  it('R1-Zero with trailing text', () => {
    const t = '<think>a</think><answer>b</answer> tail';
    const p = parseTrace(t);
    assert.equal(p.convention, 'r1-zero');
    assert.equal(slice(t, p.answer), 'b');
    assert.equal(slice(t, p.trailing), ' tail');
  });
  it('OpenThoughts, reasoning, cold start', () => {
    const o = '<|begin_of_thought|>a<|end_of_thought|><|begin_of_solution|>b<|end_of_solution|>';
    assert.equal(parseTrace(o).convention, 'openthoughts');
    assert.equal(slice(o, parseTrace(o).answer), 'b');
    const r = '<reasoning>a</reasoning><answer>b</answer>';
    assert.equal(parseTrace(r).convention, 'reasoning');
    const c = '|special_token|think|special_token|summary';
    const pc = parseTrace(c);
    assert.equal(pc.convention, 'cold-start');
    assert.equal(slice(c, pc.thought), 'think');
    assert.equal(slice(c, pc.answer), 'summary');
    assert.equal(pc.sections[1].kind, 'summary');
  });
  it('prefilled: only </think>, or a prompt ending in <think>', () => {
    const t = 'inside\n</think>\nanswer';
    const p = parseTrace(t);
    assert.equal(p.convention, 'prefilled');
    assert.equal(slice(t, p.thought), 'inside\n');
    assert.equal(p.anomalies.length, 0);
    const q = parseTrace('still thinking', { promptSuffix: '<|Assistant|><think>\n' });
    assert.equal(q.convention, 'prefilled');
    assert.ok(q.truncated);
  });
  it('split: reasoning + answer joined at splitAt', () => {
    const p = parseTrace('why\nwhat', { splitAt: 3 });
    assert.equal(p.convention, 'split');
    assert.equal(slice(p.text, p.thought), 'why');
    assert.equal(slice(p.text, p.answer), 'what');
  });
  it('truncated vs unclosed', () => {
    assert.ok(parseTrace('<think>never closed').truncated);
    const u = parseTrace('<think>a<answer>b</answer>');
    assert.ok(u.thoughtUnclosed);
    assert.ok(!u.truncated);
  });
  it('anomalies: nested, duplicate, stray', () => {
    assert.deepEqual(parseTrace('<think>a<think>b</think>c').anomalies.map((a) => a.kind), ['nested']);
    assert.deepEqual(parseTrace('<think>a</think><think>b</think>c').anomalies.map((a) => a.kind), ['duplicate', 'duplicate']);
    assert.deepEqual(parseTrace('a</reasoning><answer>b</answer>').anomalies.map((a) => a.kind), ['stray']);
  });
  it('a forced convention overrides detection', () => {
    const p = parseTrace('a</think>b', { convention: 'r1' });
    assert.equal(p.convention, 'r1');
    assert.deepEqual(p.anomalies.map((a) => a.kind), ['stray']);
  });
  it('never throws on odd input', () => {
    for (const t of ['', '<', '</', '<think', '|special_token|', '<|begin_of_solution|>', '</answer><answer>']) parseTrace(t);
  });
  it('is linear on many angle brackets', () => {
    const t = '<think>' + 'a < b '.repeat(50000) + '</think>x';
    assert.equal(parseTrace(t).tags.length, 2);
  });
});

describe('reflections', () => {
  it('counts phrases at sentence starts only', () => {
    assert.equal(countReflections('Wait, no. But wait, yes. Hmm. I will wait. Waiting is fine.\nActually it is 3.'), 4);
  });
  it('exports the phrase list', () => assert.ok(REFLECTION_PHRASES.includes('Wait') && REFLECTION_PHRASES.includes('Alternatively')));
});

describe('repetition loops', () => {
  const opts = { minRepeats: 4, minChars: 5, maxPeriod: 4 };
  it('finds a period-1 loop and its extent', () => {
    const t = 'Start. ' + 'Check it again. '.repeat(5) + 'Done.';
    const loops = findLoops(t, 0, t.length, opts);
    assert.equal(loops.length, 1);
    assert.equal(loops[0].repeats, 5);
    assert.equal(t.slice(loops[0].start, loops[0].end), 'Check it again. '.repeat(5).trim());
  });
  it('finds a cycle of several clauses ("Is it five?", "No,", "four.")', () => {
    const t = 'Is it five? No, four. '.repeat(4);
    const loops = findLoops(t, 0, t.length, opts);
    assert.equal(loops[0].period, 3);
  });
  it('ignores fewer repeats than minRepeats', () => {
    const t = 'Check it again. '.repeat(3);
    assert.equal(findLoops(t, 0, t.length, opts).length, 0);
  });
});
