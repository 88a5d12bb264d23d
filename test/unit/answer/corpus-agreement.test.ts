import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCorpus } from '../../corpus';
import { readDocument } from '../../../src/core/documents';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';

/**
 * Agreement of the accuracy verdict with a checked verdict on every record of the real
 * outputs that has a ground truth (test/fixtures/answers/corpus-verdicts.jsonl: R1-V's own
 * labels for GeoQA, replaced by a reading of the record wherever they were examined, and a
 * reading of every record of the other files).
 */
interface Verdict {
  file: string;
  record: number;
  correct: boolean;
  answer: string | null;
  verdict: string;
}

/** Records with a ground truth in the corpus (754 + 20 + 20 + 12; the two minimind records have none). */
const RECORDS = 806;
/** Misses accepted: the figure reached (806 of 806 agree). A regression by one record fails. */
const MISSES = 0;

describe('accuracy verdicts on the corpus', () => {
  it(`agree with the checked verdicts on all but ${MISSES} of the ${RECORDS} records`, () => {
    const verdicts: Verdict[] = readFileSync(resolve(__dirname, '../../fixtures/answers/corpus-verdicts.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Verdict);
    const config = resolveConfig({});
    const records = new Map<string, ReturnType<typeof readDocument>>();
    const misses: string[] = [];
    for (const v of verdicts) {
      let recs = records.get(v.file);
      if (!recs) {
        recs = readDocument(readCorpus(v.file), v.file);
        records.set(v.file, recs);
      }
      const result = checkRecord(recs[v.record - 1], config);
      const got = result.traces[0]?.answer;
      if (got?.correct !== v.correct) misses.push(`${v.file} #${v.record}: checked ${v.correct}, got ${got?.correct} (answer ${JSON.stringify(got?.extracted)}, ${got?.reason})`);
    }
    const agreement = (verdicts.length - misses.length) / verdicts.length;
    console.log(`      agreement ${verdicts.length - misses.length}/${verdicts.length} = ${(agreement * 100).toFixed(2)}%`);
    for (const m of misses) console.log(`      miss: ${m}`);
    assert.equal(verdicts.length, RECORDS, 'every record with a ground truth has a checked verdict');
    assert.ok(misses.length <= MISSES, misses.join('\n'));
  });
});
