import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveConfig } from '../../src/core/config/resolve';
import { readDocument } from '../../src/core/documents';
import { checkRecord } from '../../src/core/engine';
import { datasetConvention, withDatasetConvention } from '../../src/core/trace/datasetConvention';
import { readCorpus } from '../corpus';

interface Judged {
  file: string;
  record: number;
  rule: string;
  start: number | null;
  message: string;
  verdict: 'right' | 'wrong';
  reason: string;
  /** Findings judged wrong: text that no message of this rule on this record may hold now ('' = no finding of the rule there). */
  absent?: string;
}

const judged: Judged[] = readFileSync(resolve(__dirname, '../fixtures/judged/findings.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Judged);

/** The findings the default rules report on a corpus file, checked as `cot-trace lint` checks it. */
function reported(file: string): Set<string> {
  const text = readCorpus(file);
  const base = resolveConfig({});
  const records = readDocument(text, file, { kind: file.endsWith('.jsonl') ? 'jsonl' : 'json' });
  const config = withDatasetConvention(base, datasetConvention(records, base));
  const out = new Set<string>();
  for (const record of records) for (const f of checkRecord(record, config).findings) out.add(`${record.index}/${f.ruleId}/${f.span.start}`);
  return out;
}

describe('precision on judged findings (test/fixtures/judged)', function () {
  this.timeout(120_000);

  it('every rule is right on at least 95 % of the judged findings it reports, over 200 of them', () => {
    const byFile = new Map<string, Set<string>>();
    for (const j of judged) if (!byFile.has(j.file)) byFile.set(j.file, reported(j.file));
    const perRule = new Map<string, { right: number; wrong: number }>();
    let count = 0;
    for (const j of judged) {
      assert.ok(j.reason.length > 10, `a reason for ${j.file} #${j.record} ${j.rule}`);
      if (j.start === null || !byFile.get(j.file)!.has(`${j.record}/${j.rule}/${j.start}`)) continue;
      count++;
      const tally = perRule.get(j.rule) ?? { right: 0, wrong: 0 };
      tally[j.verdict]++;
      perRule.set(j.rule, tally);
    }
    const rows = [...perRule].sort(([a], [b]) => a.localeCompare(b));
    // The report: precision per rule on the judged set.
    for (const [rule, { right, wrong }] of rows) console.log(`      ${rule.padEnd(24)} ${String(right).padStart(3)}/${right + wrong}  ${((100 * right) / (right + wrong)).toFixed(1)} %`);
    assert.ok(count >= 200, `only ${count} judged findings are still reported`);
    for (const [rule, { right, wrong }] of rows) assert.ok(right / (right + wrong) >= 0.95, `${rule}: precision ${right}/${right + wrong}`);
  });

  it('the findings judged wrong are no longer reported', () => {
    const wrong = judged.filter((j) => j.verdict === 'wrong');
    assert.ok(wrong.length > 0);
    const messages = new Map<string, string[]>();
    for (const file of new Set(wrong.map((j) => j.file))) {
      const base = resolveConfig({});
      const records = readDocument(readCorpus(file), file, { kind: file.endsWith('.jsonl') ? 'jsonl' : 'json' });
      const config = withDatasetConvention(base, datasetConvention(records, base));
      for (const record of records) {
        for (const f of checkRecord(record, config).findings) {
          const key = `${file}/${record.index}/${f.ruleId}`;
          messages.set(key, [...(messages.get(key) ?? []), f.message]);
        }
      }
    }
    for (const j of wrong) {
      const now = messages.get(`${j.file}/${j.record}/${j.rule}`) ?? [];
      assert.ok(!now.some((m) => m.includes(j.absent ?? '')), `${j.file} #${j.record} ${j.rule}: ${now.join(' | ')}`);
    }
  });
});
