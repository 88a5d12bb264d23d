import { strict as assert } from 'node:assert';
import { distribution, histogram, niceStep, StatsAccumulator } from '../../../src/core/review/stats';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readJsonlLine } from '../../../src/core/documents';
import { renderStatsHtml, formatStatsText } from '../../../src/core/review/report';

describe('dataset statistics', () => {
  it('bins every value exactly once into nice bins, the last bin closed', () => {
    const values = [0, 0.1, 0.5, 0.99, 1, 2, 2.5, 3];
    const h = histogram(values, 6);
    assert.equal(h.counts.reduce((a, b) => a + b, 0), values.length);
    assert.equal(h.edges[0], 0);
    assert.equal(h.edges[h.edges.length - 1], 3);
    assert.equal(h.edges.length, h.counts.length + 1);
    assert.equal(h.counts[h.counts.length - 1] >= 1, true, 'max lands in the last bin');
    assert.deepEqual(histogram([], 5), { edges: [], counts: [] });
    assert.deepEqual(histogram([2, 2, 2], 5).counts, [3]);
    assert.equal(niceStep(0.3), 0.5);
    assert.equal(niceStep(7), 10);
    assert.equal(niceStep(0.21), 0.25);
    const d = distribution([1, 2, 3, 4, 100]);
    assert.deepEqual([d.mean, d.median, d.min, d.max], [22, 3, 1, 100]);
  });

  it('accumulates rule pass rates, conventions, accuracy, reflection rates and language mix', () => {
    const config = resolveConfig({});
    const acc = new StatsAccumulator();
    const lines = [
      { prompt: 'What is 2+2?', completion: '<think>Two plus two. Wait, that is four.</think>The answer is \\boxed{4}.', answer: '4' },
      { prompt: 'What is 3+3?', completion: '<think>Three and three make six.</think>So \\boxed{7}.', answer: '6' },
      { prompt: 'Hi', completion: 'no thought at all' },
    ];
    lines.forEach((value, index) => acc.add(checkRecord(readJsonlLine(JSON.stringify(value), { index, line: index, offset: 0 }), config)));
    acc.add({ index: 3, line: 3, span: { start: 0, end: 1 }, traces: [], findings: [{ ruleId: 'invalid-json', message: '', severity: 'error', span: { start: 0, end: 1 } }] });
    const s = acc.summarize('x.jsonl', ['missing-thought', 'code-in-thought']);
    assert.equal(s.records, 4);
    assert.equal(s.traces, 3);
    assert.equal(s.unreadable, 1);
    assert.deepEqual(s.accuracy, { judged: 2, correct: 1, rate: 0.5 });
    assert.equal(s.rules.find((r) => r.id === 'missing-thought')?.passRate, 0.75);
    assert.equal(s.rules.find((r) => r.id === 'code-in-thought')?.passRate, 1);
    assert.equal(s.rules.find((r) => r.id === 'invalid-json')?.failing, 1);
    assert.equal(s.conventions.r1, 2);
    assert.equal(s.reward.count, 3);
    assert.ok((s.reflectionRate.max ?? 0) > 0, 'the "Wait" trace has a reflection rate');
    assert.ok(Object.keys(s.languageMix).length >= 1);
    const text = formatStatsText([s]);
    assert.match(text, /records\s+4/);
    assert.match(text, /missing-thought\s+75\.0%/);
  });

  it('writes an inert, self-contained HTML report with escaped names', () => {
    const acc = new StatsAccumulator();
    const s = acc.summarize('<img src=x onerror=alert(1)>.jsonl');
    const html = renderStatsHtml([s, { ...s, file: 'b.jsonl' }]);
    assert.ok(!html.includes('<img'), 'file names are escaped');
    assert.ok(!/<script/i.test(html));
    assert.match(html, /default-src 'none'/);
    assert.ok(!/https?:\/\//.test(html.replace('http://www.w3.org/2000/svg', '')), 'nothing is loaded from anywhere');
  });
});
