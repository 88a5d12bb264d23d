import { strict as assert } from 'node:assert';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readDocument } from '../../../src/core/documents';
import { checkRecord } from '../../../src/core/engine';
import { countLanguage } from '../../../src/core/lang';

// A one-script thought's word count is taken when `stats.words` is first read: the value must
// be the full count, and copies (JSON, structured clone, spread) must carry it.
describe('trace stats: words counted on read', () => {
  const text = [
    '{"prompt":"Add them.","completion":"<think>Let me add 2 and 3. Wait, $x^2$ is not needed. The sum is 5.</think>The answer is \\\\boxed{5}."}',
    '{"prompt":"加起来。","completion":"<think>我们先算 2 加 3, then check. 结果是 5。</think>答案是 \\\\boxed{5}。"}',
    '{"prompt":"x","completion":"<think>$1+2$</think>\\\\boxed{3}"}',
  ].join('\n');
  const records = readDocument(text, 'stats.jsonl', { kind: 'jsonl' });
  const config = resolveConfig({});

  it('equals the full count, and survives JSON, structured cloning and spreading', () => {
    assert.equal(records.length, 3);
    for (const record of records) {
      for (const trace of checkRecord(record, config).traces) {
        const full = trace.stats.words;
        assert.equal(JSON.parse(JSON.stringify(trace)).stats.words, full);
        assert.equal(structuredClone(trace.stats).words, full);
        assert.equal({ ...trace.stats }.words, full);
        trace.stats.words = full + 1;
        assert.equal(trace.stats.words, full + 1);
      }
    }
  });

  it('matches a scan of the thought', () => {
    const [first] = records;
    const [trace] = checkRecord(first, config).traces;
    const completion = String((JSON.parse(text.split('\n')[0]) as { completion: string }).completion);
    const s = completion.indexOf('<think>') + 7;
    const e = completion.indexOf('</think>');
    assert.equal(trace.stats.words, countLanguage(completion, s, e, 'en').words);
    assert.ok(trace.stats.words > 5);
  });
});
