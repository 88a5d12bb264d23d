import { strict as assert } from 'node:assert';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readDocument } from '../../../src/core/documents';
import { checkRecord } from '../../../src/core/engine';

const splits = (text: string, at: number) => {
  const a = text.charCodeAt(at - 1);
  const b = text.charCodeAt(at);
  return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
};

describe('finding ranges never split a surrogate pair', () => {
  const config = resolveConfig({});
  const cases: Array<[string, string]> = [];
  // A truncated thought whose last 120 characters start inside an emoji, at every alignment.
  for (let pad = 0; pad < 4; pad++) cases.push([`<think>${'x'.repeat(pad)}${'😀'.repeat(200)}`, 'trunc.cot']);
  // The truncated rule's last 120 characters start in the middle of the emoji.
  cases.push([`<think>Add them.\n😀${'b'.repeat(119)}`, 'trunc-odd.cot']);
  cases.push([JSON.stringify({ completion: `<think>Add them.\n😀${'b'.repeat(119)}` }), 'trunc-odd.jsonl']);
  cases.push(['<think>𝑥 😀</think>😀 \\boxed{𝑥}😀 </think>🧠', 'stray.cot']);
  for (let pad = 0; pad < 2; pad++) cases.push([JSON.stringify({ completion: `<think>${'a'.repeat(pad)}${'🧠'.repeat(300)}` }), 'trunc.jsonl']);

  for (const [text, name] of cases) {
    it(`${name}: ${text.slice(0, 24)}…`, () => {
      let checked = 0;
      for (const record of readDocument(text, name)) {
        for (const f of checkRecord(record, config).findings) {
          for (const s of [f.span, ...(f.fixes ?? []).flatMap((x) => x.edits.map((e) => e.span))]) {
            assert.ok(!splits(text, s.start) && !splits(text, s.end), `${f.ruleId} ${s.start}-${s.end}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 0);
    });
  }
});
