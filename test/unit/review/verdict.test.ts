import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { datasetColumns, labelSays } from '../../../src/core/review/columns';
import { filterRows, firstUndecided, rowFromResult, type ReviewRow } from '../../../src/core/review/rows';
import { formatEntry, parseSidecar, matchDecisions } from '../../../src/core/review/sidecar';
import { recordVerdict, traceVerdict, verdictCorrect } from '../../../src/core/answer/verdict';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readJsonlLine } from '../../../src/core/documents';
import { reviewerName } from '../../../src/core/node/reviewer';
import { corpusFile } from '../../corpus';
import { formatStatsText } from '../../../src/core/review/report';
import { datasetStats } from '../../../src/core/node/datasetStats';
import { answerExplanation, traceSummary } from '../../../src/core/breakdown';
import { binWith, checkpointOrder, checkpointStep, lengthBins, logEdges, rewardBins, StatsAccumulator, summarizeTogether } from '../../../src/core/review/stats';

const config = resolveConfig({});
const rowOf = (text: string, index = 0) => rowFromResult(checkRecord(readJsonlLine(text, { index, line: index, offset: 0 }), config), datasetColumns(text));

describe('review verdicts and the dataset’s own columns', () => {
  it('tells unboxed from incorrect, and no answer from both', () => {
    assert.equal(traceVerdict({ extracted: '4', expected: '4', correct: true, method: 'boxed' }), 'correct');
    assert.equal(traceVerdict({ extracted: '4', expected: '4', correct: true, method: 'phrase' }), 'unboxed-correct');
    assert.equal(traceVerdict({ extracted: '5', expected: '4', correct: false, method: 'bold' }), 'unboxed-incorrect');
    assert.equal(traceVerdict({ extracted: '5', expected: '4', correct: false, method: 'answer-tag' }), 'incorrect');
    assert.equal(traceVerdict({ extracted: null, expected: '4', correct: false }), 'no-answer');
    assert.equal(traceVerdict({ extracted: '4', correct: null }), 'unjudged');
    assert.equal(recordVerdict(['correct', 'unboxed-incorrect', 'no-answer']), 'unboxed-incorrect');
    assert.equal(recordVerdict([]), 'unjudged');
    assert.equal(verdictCorrect('unboxed-correct'), true);
    assert.equal(verdictCorrect('no-answer'), null);
    assert.equal(rowOf(JSON.stringify({ prompt: 'q', completion: '<think>t</think>The answer is 4.', answer: '4' })).verdict, 'unboxed-correct');
    assert.equal(rowOf(JSON.stringify({ prompt: 'q', completion: '<think>t</think>\\boxed{3}', answer: '4' })).verdict, 'incorrect');
  });

  it('reads the dataset’s label, extracted answer, level, subject, tokens and model, top level or under metadata', () => {
    const c = datasetColumns(JSON.stringify({ is_correct: false, extracted_answer: '2', metadata: { level: 2, subject: 'Precalculus' }, prompt_tokens: 52, reasoning_tokens: 366, model_name: 'deepseek-reasoner' }));
    assert.deepEqual(c, { label: { field: 'is_correct', value: false, correct: false }, extracted: { field: 'extracted_answer', value: '2' }, level: '2', subject: 'Precalculus', model: 'deepseek-reasoner', tokens: { prompt_tokens: 52, reasoning_tokens: 366 } });
    assert.deepEqual(datasetColumns('{"score": 1}').label, { field: 'score', value: 1, correct: true });
    assert.deepEqual(datasetColumns({ meta: { correct: 'no' } }).label, { field: 'meta.correct', value: 'no', correct: false });
    assert.equal(labelSays(0.5), null);
    assert.deepEqual(datasetColumns('not json'), {});
    assert.deepEqual(datasetColumns('[1,2]'), {});
  });

  it('math500 (DeepSeek-R1): the dataset says 13 of 20 are correct, we say 19; the 6 it misextracted are flagged and filtered', () => {
    const lines = readFileSync(corpusFile('topology_math500_deepseek_r1.jsonl'), 'utf8').split('\n').filter(Boolean);
    const rows = lines.map((l, i) => rowOf(l, i));
    assert.equal(rows.filter((r) => r.theirs === true).length, 13);
    assert.equal(rows.filter((r) => verdictCorrect(r.verdict ?? 'unjudged') === true).length, 19);
    const disagree = filterRows(rows, { disagree: true });
    assert.equal(disagree.length, 6);
    // Record 5 among them: its answer is the name its last sentence states ("Evelyn’s average speed is the largest").
    assert.deepEqual([rows[4].theirs, rows[4].verdict], [false, 'unboxed-correct']);
    // Each of them: the dataset said wrong, we say right.
    for (const i of disagree) assert.deepEqual([rows[i].theirs, verdictCorrect(rows[i].verdict!)], [false, true]);
    assert.deepEqual(filterRows(rows, { verdict: 'unboxed' }), rows.filter((r) => r.verdict?.startsWith('unboxed')).map((r) => r.index));
    assert.equal(rows[0].id, 'math500_0000');
    assert.match(rows[0].first ?? '', /^answer-unboxed: /);
  });

  it('the first undecided record is where a review resumes', () => {
    const rows = [0, 1, 2].map((index) => ({ index, line: index, total: null, failing: [], length: 0, correct: null, decision: null, labels: [], scored: false }) as ReviewRow);
    rows[0].decision = 'accept';
    rows[1].decision = 'skip';
    assert.equal(firstUndecided(rows), 2);
    rows[2].decision = 'reject';
    assert.equal(firstUndecided(rows), undefined);
  });

  it('sidecar lines carry the record id, reviewer and time; old lines without them read the same', () => {
    const line = formatEntry({ i: 3, h: '0123456789abcdef', d: 'accept', id: 'math500_0003', by: 'Ada', t: '2026-01-01T00:00:00.000Z' });
    assert.deepEqual(JSON.parse(line), { i: 3, h: '0123456789abcdef', d: 'accept', id: 'math500_0003', by: 'Ada', t: '2026-01-01T00:00:00.000Z' });
    const parsed = parseSidecar(line + '{"i":4,"h":"fedcba9876543210","d":"reject"}\n');
    assert.deepEqual(parsed.problems, []);
    const decisions = matchDecisions(parsed.entries, ['x', 'y', 'z', '0123456789abcdef', 'fedcba9876543210']);
    assert.deepEqual([decisions.get(3)?.decision, decisions.get(4)?.decision], ['accept', 'reject']);
    assert.equal(parseSidecar('{"i":1,"h":"0123456789abcdef","d":"accept","by":5}\n').entries.length, 0, 'a malformed reviewer is not an entry');
    assert.equal(typeof reviewerName(), 'string');
  });
});

describe('summary bins and checkpoints', () => {
  it('rewards that take a few values get one bar per value; spread lengths get log bins; both can be shared', () => {
    assert.deepEqual(rewardBins([[0, 1, 1, 2], [3, 2.5]]), { kind: 'discrete', values: [0, 1, 2, 2.5, 3] });
    assert.equal(rewardBins([Array.from({ length: 40 }, (_, i) => i / 7)]).kind, 'linear');
    assert.deepEqual(binWith([1, 1, 3, 7], { kind: 'discrete', values: [1, 3] }).counts, [2, 1], 'a value off the bars is not counted in another');
    assert.deepEqual(logEdges(37, 900), [20, 50, 100, 200, 500, 1000]);
    assert.deepEqual(logEdges(37, 900, true), [0, 20, 50, 100, 200, 500, 1000]);
    const spread = lengthBins([[0, 40, 300, 12000]]);
    assert.equal(spread.kind, 'log');
    const h = binWith([0, 40, 300, 12000], spread);
    assert.equal(h.counts.reduce((a, b) => a + b, 0), 4);
    assert.equal(h.counts[0], 1, 'zeros in [0, first edge)');
    assert.equal(lengthBins([[100, 120, 200]]).kind, 'linear');
    // Shared: every file's histogram on the same bins.
    const accs = [0, 1].map(() => new StatsAccumulator());
    const add = (acc: StatsAccumulator, completion: string, answer: string) => acc.add(checkRecord(readJsonlLine(JSON.stringify({ prompt: 'q', completion, answer }), { index: 0, line: 0, offset: 0 }), config));
    add(accs[0], '<think>a</think>\\boxed{1}', '1');
    add(accs[1], '<think>a b c d e f g</think>\\boxed{2}', '1');
    add(accs[1], '<think>a</think>The answer is 1.', '1');
    const [a, b] = summarizeTogether(accs, ['a', 'b']);
    assert.deepEqual(a.reward.histogram.values, b.reward.histogram.values);
    assert.deepEqual(a.thoughtChars.histogram.edges, b.thoughtChars.histogram.edges);
    assert.equal(b.verdicts['unboxed-correct'], 1);
    assert.equal(b.verdicts.incorrect, 1);
  });

  it('reads training steps from checkpoint names and orders files by them, only when every file has its own', () => {
    assert.equal(checkpointStep('runs/a/global_step_500/val.jsonl'), 500);
    assert.equal(checkpointStep('checkpoint-1200.jsonl'), 1200);
    assert.equal(checkpointStep('ckpt_40.jsonl'), 40);
    assert.equal(checkpointStep('math500.jsonl'), undefined);
    assert.deepEqual(checkpointOrder([{ step: 300 }, { step: 100 }, { step: 200 }]), [1, 2, 0]);
    assert.equal(checkpointOrder([{ step: 300 }, {}]), undefined);
    assert.equal(checkpointOrder([{ step: 3 }, { step: 3 }]), undefined);
    assert.equal(checkpointOrder([{ step: 3 }]), undefined);
  });
});

describe('code lens and hover tell unboxed and no answer from wrong', () => {
  const traceOf = (completion: string, answer: string) => checkRecord(readJsonlLine(JSON.stringify({ prompt: 'q', completion, answer }), { index: 0, line: 0, offset: 0 }), config).traces[0];
  it('the code lens line', () => {
    assert.match(traceSummary(traceOf('<think>t</think>\\boxed{4}', '4')), / · acc ✓$/);
    assert.match(traceSummary(traceOf('<think>t</think>The answer is 4.', '4')), / · acc ✓ \(not boxed\)$/);
    assert.match(traceSummary(traceOf('<think>t</think>The answer is 5.', '4')), / · acc ✗ \(not boxed\)$/);
    assert.match(traceSummary(traceOf('<think>t</think>\\boxed{5}', '4')), / · acc ✗$/);
    assert.match(traceSummary(traceOf('<think>t</think>I do not know.', '4')), / · acc: no answer$/);
  });
  it('the hover’s answer line', () => {
    assert.match(answerExplanation(traceOf('<think>t</think>The answer is 4.', '4').answer), /correct ✓, not boxed/);
    assert.match(answerExplanation(traceOf('<think>t</think>I do not know.', '4').answer), /no final answer found/);
    assert.doesNotMatch(answerExplanation(traceOf('<think>t</think>I do not know.', '4').answer), /wrong/);
  });
});

describe('stats text report', () => {
  it('counts unboxed, incorrect and missing answers apart and shows the dataset’s own label', async () => {
    const text = formatStatsText([await datasetStats(corpusFile('topology_math500_deepseek_r1.jsonl'), 'r1', config)]);
    assert.match(text, /correct, not boxed\s+5\n/);
    assert.match(text, /no final answer found\s+0\n/);
    assert.match(text, /65\.0% correct by is_correct, disagrees with ours on 6/);
  });
});
