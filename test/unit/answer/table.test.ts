import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareAnswers } from '../../../src/core/answer/compare';

/**
 * The answer table: (gold, prediction, expected) facts from public evaluation suites' known
 * cases, the issue's classes and the real outputs in test/fixtures/corpus (column 5 names the
 * source of each row).
 */
const rows = readFileSync(resolve(__dirname, '../../fixtures/answers/cases.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [kind, gold, prediction, expected, source] = line.split('\t');
    return { kind, gold, prediction, expected: expected === '1', source };
  });

describe('answer table', () => {
  it('holds at least 400 cases across every class', () => {
    assert.ok(rows.length >= 400, `${rows.length} rows`);
    const classes = new Set(rows.map((r) => r.kind));
    for (const k of ['fraction', 'root', 'constant', 'unit', 'separator', 'assignment', 'plusminus', 'tuple', 'set', 'interval', 'matrix', 'ratio', 'equation', 'expression', 'text', 'choice', 'json', 'number']) {
      assert.ok(classes.has(k), `no ${k} case`);
    }
  });
  for (const r of rows) {
    it(`[${r.kind}] ${JSON.stringify(r.prediction)} ${r.expected ? '=' : '≠'} ${JSON.stringify(r.gold)} (${r.source})`, () => {
      const c = compareAnswers(r.prediction, r.gold);
      assert.equal(c.equal, r.expected, c.reason);
    });
  }
});
