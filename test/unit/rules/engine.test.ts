import { strict as assert } from 'node:assert';
import { readCorpus } from '../../corpus';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';
import { plainText } from '../../../src/core/text/plain';
import type { MappedText, RecordInput, TraceInput } from '../../../src/core/types';

function record(traces: TraceInput[], extra: Partial<RecordInput> = {}): RecordInput {
  return { index: 3, span: { start: 0, end: 100 }, line: 0, traces, problems: [], ...extra };
}

/** A JSON string value inside a document: text offsets map through JSON escapes (a minimal stand-in for the reader's). */
function jsonString(text: string, at: number): MappedText {
  const encoded = JSON.stringify(text);
  const map: number[] = [];
  let src = 1;
  for (let i = 0; i < text.length; i++) {
    map.push(at + src);
    src += JSON.stringify(text[i]).length - 2;
  }
  map.push(at + src);
  assert.equal(src, encoded.length - 1);
  return { text, toSource: (o) => map[Math.max(0, Math.min(o, text.length))], encode: (v) => JSON.stringify(v).slice(1, -1) };
}

describe('engine', () => {
  const config = resolveConfig();
  it('gives findings recordIndex, traceIndex and sorted source spans', () => {
    const a = plainText('<think>\nx\n</think>\n', 10);
    const b = plainText('<think>\ny\n</think>\n<think>z</think>\nThe answer is four, clearly and surely.', 50);
    const result = checkRecord(record([{ output: a, path: 'generations[0]', index: 0 }, { output: b, path: 'generations[1]', index: 1 }]), config);
    assert.ok(result.findings.length >= 2);
    for (const f of result.findings) assert.equal(f.recordIndex, 3);
    assert.deepEqual([...new Set(result.findings.map((f) => f.traceIndex))], [0, 1]);
    const starts = result.findings.map((f) => f.span.start);
    assert.deepEqual(starts, [...starts].sort((x, y) => x - y));
    assert.equal(result.traces[1].traceIndex, 1);
  });
  it('maps spans through JSON escapes and encodes fix text', () => {
    const prefix = '{"output": ';
    const text = '<think>\n"quoted"\n<answer>4</answer>';
    const doc = prefix + JSON.stringify(text) + '}';
    const output = jsonString(text, prefix.length);
    const result = checkRecord(record([{ output, path: 'output' }]), config);
    const finding = result.findings.find((f) => f.ruleId === 'unclosed-thought');
    assert.ok(finding);
    assert.equal(doc.slice(finding.span.start, finding.span.end), '<think>');
    const edit = finding.fixes![0].edits[0];
    assert.equal(edit.newText, '</think>\\n');
    const fixed = doc.slice(0, edit.span.start) + edit.newText + doc.slice(edit.span.end);
    assert.equal(JSON.parse(fixed).output, '<think>\n"quoted"\n</think>\n<answer>4</answer>');
  });
  it('split traces map reasoning findings into the reasoning field', () => {
    const reasoning = plainText('First compute. 然后验证。', 100);
    const output = plainText('So the sum is \\boxed{4}, as computed above.', 10);
    const result = checkRecord(record([{ output, reasoning, path: 'content' }], { prompt: plainText('What is two plus two?') }), config);
    const t = result.traces[0];
    assert.equal(t.convention, 'split');
    const mixing = result.findings.find((f) => f.ruleId === 'language-mixing');
    assert.deepEqual(mixing?.span, { start: 115, end: 119 });
    assert.deepEqual(t.sections.map((s) => [s.kind, s.span.start]), [['thought', 100], ['answer', 10]]);
  });
  it('weights: total is the weighted sum of non-null rewards', () => {
    const output = plainText('<think>\nTwo and two.\n</think>\nTwo and two make \\boxed{4}, as expected.');
    const r = checkRecord(record([{ output, path: 'o' }], { groundTruth: { text: '5', path: 'gt' } }), resolveConfig({ weights: { accuracy: 2 } }));
    const t = r.traces[0];
    assert.equal(t.rewards.accuracy, 0);
    assert.equal(t.total, 1 * 1 + 1 * (t.rewards.language ?? 0) + 2 * 0);
    const none = checkRecord(record([{ output, path: 'o' }]), config).traces[0];
    assert.equal(none.rewards.accuracy, null);
  });
  it('open-r1 preset uses the exact open-r1 format reward', () => {
    const output = plainText('junk\n<think>\na\n</think>\n<answer>\nb\n</answer>');
    const t = checkRecord(record([{ output, path: 'o' }]), resolveConfig({ preset: 'open-r1' })).traces[0];
    assert.equal(t.rewards.format, 0);
    assert.equal(t.rewards.tag_count, 1);
    assert.deepEqual(t.weights, { format: 1, tag_count: 1, accuracy: 1 });
  });
  it('rewards: false runs the rules only', () => {
    const output = plainText('<think>\nWait. a\n');
    const t = checkRecord(record([{ output, path: 'o' }]), config, { rewards: false }).traces[0];
    assert.equal(t.rewards.format, null);
    assert.equal(t.stats.reflections, 0);
    assert.ok(t.findings.some((f) => f.ruleId === 'truncated'));
  });
  it('severity off disables a rule; severities come from the config', () => {
    const output = plainText('<think>\nnever closed');
    const off = checkRecord(record([{ output, path: 'o' }]), resolveConfig({ rules: { truncated: 'off' } }));
    assert.ok(!off.findings.some((f) => f.ruleId === 'truncated'));
    const err = checkRecord(record([{ output, path: 'o' }]), resolveConfig({ rules: { truncated: 'error' } }));
    assert.equal(err.findings.find((f) => f.ruleId === 'truncated')?.severity, 'error');
  });
  it('truncated says "probably cut off" only near the length limit', () => {
    const short = checkRecord(record([{ output: plainText('<think>\nnever closed'), path: 'o' }]), config);
    const m1 = short.findings.find((f) => f.ruleId === 'truncated')?.message ?? '';
    assert.match(m1, /without closing it/);
    assert.doesNotMatch(m1, /cut off/);
    const limited = resolveConfig({ overlong: { maxLength: 40, cache: 10, unit: 'chars' } });
    const long = checkRecord(record([{ output: plainText('<think>\n' + 'Let me keep going. '.repeat(3)), path: 'o' }]), limited);
    assert.match(long.findings.find((f) => f.ruleId === 'truncated')?.message ?? '', /near the length limit: the generation was probably cut off/);
  });
  it('end-of-sequence tokens after the answer end the output (default preset); open-r1 keeps its regex', () => {
    for (const eos of ['<|im_end|>', '<|eot_id|>', '<｜end▁of▁sentence｜>', '<|endoftext|>', '</s>', '<eos>', '<|im_end|>\n<|endoftext|>']) {
      const text = '<think>\nAdd them.\n</think>\n<answer>\n4\n</answer>' + eos + '\n';
      const t = checkRecord(record([{ output: plainText(text), path: 'o' }]), config).traces[0];
      assert.equal(t.rewards.format, 1, eos);
      assert.ok(!t.findings.some((f) => f.ruleId === 'text-after-answer'), eos);
      const o = checkRecord(record([{ output: plainText(text), path: 'o' }]), resolveConfig({ preset: 'open-r1' })).traces[0];
      assert.equal(o.rewards.format, 0, eos);
    }
    const chatty = '<think>\nAdd them.\n</think>\n<answer>\n4\n</answer>\n<|im_end|>Anything else?';
    const t = checkRecord(record([{ output: plainText(chatty), path: 'o' }]), config).traces[0];
    assert.equal(t.rewards.format, 0);
    assert.ok(t.findings.some((f) => f.ruleId === 'text-after-answer'));
  });
  it('keeps reading problems in the record findings', () => {
    const problem = { ruleId: 'invalid-json', message: 'bad', severity: 'error' as const, span: { start: 0, end: 1 } };
    const r = checkRecord(record([], { problems: [problem] }), config);
    assert.deepEqual(r.findings, [problem]);
  });
});

// Real traces from test/fixtures/corpus (see its README for origins and licences).
describe('corpus traces', () => {
  const config = resolveConfig();
  function check(file: string, pick: (d: Record<string, unknown>) => { out: string; gt: string }) {
    return readCorpus(file)
      .split('\n')
      .filter(Boolean)
      .map((line, i) => {
        const d = JSON.parse(line) as Record<string, unknown>;
        const { out, gt } = pick(d);
        return { d, r: checkRecord(record([{ output: plainText(out), path: 'x' }], { index: i, groundTruth: { text: gt, path: 'gt' } }), config) };
      });
  }
  it('topology distill traces (no opening tag) are prefilled, not missing a tag', () => {
    const results = check('topology_math500_r1distill_qwen7b.jsonl', (d) => ({ out: String(d.full_response), gt: String(d.ground_truth) }));
    const withClose = results.filter(({ d }) => String(d.full_response).includes('</think>'));
    assert.ok(withClose.length >= 19);
    for (const { r } of withClose) {
      assert.equal(r.traces[0].convention, 'prefilled');
      assert.equal(r.traces[0].rewards.format, 1);
      assert.ok(!r.findings.some((f) => ['missing-thought', 'stray-closing-tag', 'text-before-thought'].includes(f.ruleId)));
    }
    // The dataset's own string comparison marks \dfrac vs \frac and 90 vs 90^\circ wrong; normalisation agrees on the rest.
    const correct = results.filter(({ r }) => r.traces[0].rewards.accuracy === 1).length;
    assert.ok(correct >= 17, `${correct} correct`);
  });
  it('skythought traces: truncation and repetition', () => {
    const results = check('skythought_sky-t1-14b-wrong5k_aime24.head12.jsonl', (d) => ({ out: String((d.code as string[])[0]), gt: String(d.gt) }));
    const truncated = results.filter(({ r }) => r.findings.some((f) => f.ruleId === 'truncated'));
    assert.ok(truncated.length >= 8, `${truncated.length} truncated`);
    assert.ok(results.some(({ r }) => r.findings.some((f) => f.ruleId === 'repetition-loop')));
    for (const { r } of truncated) assert.ok((r.traces[0].rewards.repetition ?? 0) < -0.5);
    assert.ok(results.every(({ r }) => r.traces[0].convention === 'openthoughts'));
  });
});
