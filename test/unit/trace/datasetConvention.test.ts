import { strict as assert } from 'node:assert';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readJsonl } from '../../../src/core/documents/jsonl';
import { checkRecord } from '../../../src/core/engine';
import { datasetConvention, datasetConventionOfBytes, describeDatasetConvention, SAMPLE_MAX_LINE_BYTES, withDatasetConvention } from '../../../src/core/trace/datasetConvention';
import { readCorpus } from '../../corpus';

const jsonl = (completions: string[]) => completions.map((c) => JSON.stringify({ prompt: 'Q?', completion: c })).join('\n') + '\n';

describe('dataset convention', () => {
  it('finds the dominant convention of the first traces, and none without a clear majority', () => {
    const config = resolveConfig({});
    const zero = readJsonl(jsonl([...Array(9).fill('<think>a</think><answer>1</answer>'), '<think>a</think> 1']));
    assert.deepEqual(datasetConvention(zero, config), { convention: 'r1-zero', source: 'traces', traces: 10, share: 0.9 });
    const mixed = readJsonl(jsonl([...Array(6).fill('<think>a</think><answer>1</answer>'), ...Array(4).fill('<think>a</think> 1')]));
    assert.equal(datasetConvention(mixed, config).convention, null);
    assert.equal(datasetConvention(readJsonl(jsonl(['<think>a</think><answer>1</answer>'])), config).convention, null, 'too few traces');
    assert.equal(datasetConvention(zero, resolveConfig({ convention: 'per-trace' })).convention, null);
    assert.deepEqual(datasetConvention(zero, resolveConfig({ convention: 'r1' })), { convention: 'r1', source: 'config', traces: 10, share: 1 });
    assert.equal(datasetConventionOfBytes(new TextEncoder().encode(jsonl(Array(9).fill('<think>a</think><answer>1</answer>'))), config).convention, 'r1-zero');
  });

  it('leaves a line of over 4 MB out of the sample from bytes (one trace, and a second copy of a huge record)', () => {
    const config = resolveConfig({});
    const huge = `<think>${'Let me think. '.repeat(320_000)}</think> 1`;
    const bytes = new TextEncoder().encode(jsonl([huge, ...Array(6).fill('<think>a</think><answer>1</answer>')]));
    assert.ok(bytes.indexOf(0x0a) > SAMPLE_MAX_LINE_BYTES);
    assert.deepEqual(datasetConventionOfBytes(bytes, config), { convention: 'r1-zero', source: 'traces', traces: 6, share: 1 });
    // Below the limit the same line counts (and here breaks the majority).
    const small = new TextEncoder().encode(jsonl([huge.slice(0, 100_000) + '</think> 1', ...Array(3).fill('<think>a</think><answer>1</answer>')]));
    assert.equal(datasetConventionOfBytes(small, config).traces, 4);
  });

  it('judges an outlier by the dataset convention; a config without one is returned as is', () => {
    const config = resolveConfig({});
    const records = readJsonl(jsonl([...Array(9).fill('<think>a</think><answer>1</answer>'), '<think>a</think> 1']));
    const dc = datasetConvention(records, config);
    const judged = withDatasetConvention(config, dc);
    assert.equal(judged.datasetConvention, 'r1-zero');
    assert.equal(withDatasetConvention(config, dc), judged, 'one copy per convention');
    assert.equal(withDatasetConvention(config, { convention: null, source: 'none', traces: 0, share: 0 }), config);
    const outlier = checkRecord(records[9], judged);
    assert.equal(outlier.traces[0].convention, 'r1-zero');
    assert.ok(outlier.findings.some((f) => f.ruleId === 'missing-answer-section'));
    assert.equal(checkRecord(records[9], config).traces[0].convention, 'r1');
    assert.ok(!checkRecord(records[9], config).findings.some((f) => f.ruleId === 'missing-answer-section'));
    assert.match(describeDatasetConvention(dc), /^r1-zero \(90% of the first 10 traces/);
  });

  it('on a real distilled dataset (the template wrote <think>): prefilled, and the record without any marker reads as a thought that never closed', () => {
    const config = resolveConfig({});
    const records = readJsonl(readCorpus('topology_math500_r1distill_qwen7b.jsonl'));
    const dc = datasetConvention(records, config);
    assert.equal(dc.convention, 'prefilled');
    const judged = withDatasetConvention(config, dc);
    const bare = records.filter((r) => !r.traces[0].output.text.includes('</think>'));
    assert.equal(bare.length, 1);
    const before = checkRecord(bare[0], config).findings.map((f) => f.ruleId);
    const after = checkRecord(bare[0], judged).findings.map((f) => f.ruleId);
    assert.ok(before.includes('missing-thought'), before.join());
    assert.ok(!after.includes('missing-thought') && after.includes('truncated'), after.join());
  });
});
