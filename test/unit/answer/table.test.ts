import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareAnswers } from '../../../src/core/answer/compare';
import { readDocument } from '../../../src/core/documents';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';

/**
 * The answer table: (gold, prediction, expected) facts from public evaluation suites' known
 * cases, the issue's classes and the real outputs in test/fixtures/corpus (column 5 names the
 * source of each row; column 6, when present, is the question). Rows of class `sentence` hold
 * a whole answer section (`¶` a paragraph break) and go through the engine: the answer is
 * found in it, then compared; class `sentence-tag` puts it inside `<answer>` tags; class `sentence-cut` at
 * the end of a thought that never closed (the generation was cut off), from which no answer
 * may be read.
 */
const rows = readFileSync(resolve(__dirname, '../../fixtures/answers/cases.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [kind, gold, prediction, expected, source, question] = line.split('\t');
    return { kind, gold, prediction, expected: expected === '1', source, question: question || undefined };
  });

const config = resolveConfig({});

function throughEngine(kind: string, gold: string, section: string, question?: string): { equal: boolean | null; reason: string } {
  const text = section.replace(/¶/g, '\n\n');
  const response =
    kind === 'sentence-cut' ? `<think>\nLet me work it out.\n\n${text}` : kind === 'sentence-tag' ? `<think>\nLet me work it out.\n</think>\n<answer>\n${text}\n</answer>` : `<think>\nLet me work it out.\n</think>\n\n${text}`;
  const record = readDocument(JSON.stringify({ prompt: question ?? 'Question?', response, answer: gold }) + '\n', 'records.jsonl')[0];
  const answer = checkRecord(record, config).traces[0].answer;
  return { equal: answer.correct, reason: `${JSON.stringify(answer.extracted)} (${answer.method ?? 'none'}): ${answer.reason ?? ''}` };
}

describe('answer table', () => {
  it('holds at least 400 cases across every class', () => {
    assert.ok(rows.length >= 400, `${rows.length} rows`);
    const classes = new Set(rows.map((r) => r.kind));
    for (const k of ['fraction', 'root', 'constant', 'unit', 'separator', 'assignment', 'plusminus', 'tuple', 'set', 'interval', 'matrix', 'ratio', 'time', 'odds', 'equation', 'expression', 'text', 'sentence', 'sentence-tag', 'sentence-cut', 'choice', 'json', 'number']) {
      assert.ok(classes.has(k), `no ${k} case`);
    }
  });
  for (const r of rows) {
    const q = r.question ? ` asked ${JSON.stringify(r.question.length > 50 ? r.question.slice(0, 47) + '…' : r.question)}` : '';
    it(`[${r.kind}] ${JSON.stringify(r.prediction)} ${r.expected ? '=' : '≠'} ${JSON.stringify(r.gold)}${q} (${r.source})`, () => {
      const c = r.kind.startsWith('sentence') ? throughEngine(r.kind, r.gold, r.prediction, r.question) : compareAnswers(r.prediction, r.gold, r.question);
      assert.equal(c.equal, r.expected, c.reason);
    });
  }
});
