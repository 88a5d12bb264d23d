import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';
import { RULES } from '../../../src/core/rules';
import { plainText } from '../../../src/core/text/plain';
import type { RecordInput, RecordResult } from '../../../src/core/types';

const DIR = resolve(__dirname, '../../fixtures/rules');
const MARKER = /\{!([a-z0-9-]+)\}/g;

interface Fixture {
  name: string;
  header: Record<string, string>;
  text: string;
  expected: Array<{ ruleId: string; offset: number }>;
}

export function readFixture(file: string): Fixture {
  const raw = readFileSync(join(DIR, file), 'utf8');
  const sep = raw.indexOf('\n---\n');
  if (sep === -1) throw new Error(`${file}: no "---" line after the header`);
  const header: Record<string, string> = {};
  for (const line of raw.slice(0, sep).split('\n')) {
    const m = /^# ([a-z-]+):\s?(.*)$/.exec(line);
    if (m) header[m[1]] = m[2];
  }
  let body = raw.slice(sep + 5);
  if (body.endsWith('\n')) body = body.slice(0, -1);
  const expected: Fixture['expected'] = [];
  let text = '';
  let last = 0;
  for (const m of body.matchAll(MARKER)) {
    text += body.slice(last, m.index);
    expected.push({ ruleId: m[1], offset: text.length });
    last = m.index! + m[0].length;
  }
  text += body.slice(last);
  return { name: file, header, text, expected };
}

/** The fixture as a record, checked with the configuration its header gives. */
export function checkFixture(fx: Fixture): RecordResult {
  const config = resolveConfig(fx.header.config ? JSON.parse(fx.header.config) : {});
  const reasoning = fx.header.reasoning?.replace(/\\n/g, '\n');
  const record: RecordInput = {
    index: 0,
    span: { start: 0, end: fx.text.length },
    line: 0,
    traces: [
      {
        output: plainText(fx.text),
        path: 'output',
        ...(reasoning !== undefined ? { reasoning: plainText(reasoning, fx.text.length + 1) } : {}),
        ...(fx.header['prompt-suffix'] ? { promptSuffix: fx.header['prompt-suffix'] } : {}),
      },
    ],
    problems: [],
    ...(fx.header['ground-truth'] !== undefined ? { groundTruth: { text: fx.header['ground-truth'], path: 'answer' } } : {}),
    ...(fx.header.prompt ? { prompt: plainText(fx.header.prompt) } : {}),
  };
  return checkRecord(record, config);
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.cot')).sort();

describe('rule fixtures', () => {
  const fired = new Set<string>();
  for (const file of files) {
    it(file, () => {
      const fx = readFixture(file);
      assert.ok(fx.header.origin, 'every fixture names its origin');
      const result = checkFixture(fx);
      const trace = result.traces[0];
      if (fx.header.convention) assert.equal(trace.convention, fx.header.convention, 'detected convention');
      const show = (ruleId: string, offset: number) =>
        offset > fx.text.length ? `${ruleId}@reasoning+${offset - fx.text.length - 1}` : `${ruleId}@${lineCol(fx.text, offset)}`;
      const actual = result.findings.map((f) => show(f.ruleId, f.span.start)).sort();
      const wanted = fx.expected.map((e) => show(e.ruleId, e.offset));
      for (const item of (fx.header['reasoning-findings'] ?? '').split(',').filter((x) => x.trim())) {
        const [ruleId, offset] = item.trim().split('@');
        wanted.push(`${ruleId}@reasoning+${offset}`);
      }
      wanted.sort();
      assert.deepEqual(actual, wanted, result.findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
      for (const f of result.findings) fired.add(f.ruleId);
      if (fx.header.rewards) {
        const expectedRewards = JSON.parse(fx.header.rewards) as Record<string, number | null>;
        for (const [name, value] of Object.entries(expectedRewards)) {
          const got = trace.rewards[name as keyof typeof trace.rewards];
          if (value === null || got === null) assert.equal(got, value, `reward ${name}`);
          else assert.ok(Math.abs(got - value) < 1e-9, `reward ${name}: expected ${value}, got ${got}`);
        }
      }
    });
  }
  it('every rule fires in at least one fixture', () => {
    const silent = RULES.map((r) => r.meta.id).filter((id) => !fired.has(id));
    assert.deepEqual(silent, []);
  });
});
