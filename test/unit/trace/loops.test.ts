import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findLoops, type Loop, type LoopOptions } from '../../../src/core/trace/loops';

/**
 * The definition, written plainly: sentences end after `. ! ? ; ,` (or a full-width form, or
 * `、`) or before a line break, trimmed of spaces, tabs, CR and LF; each is matched with the
 * nearest equal sentence at most maxPeriod before it; a loop is a run of sentences with the
 * same distance p, reported as one cycle and its repeats.
 */
function reference(text: string, start: number, end: number, o: LoopOptions): Loop[] {
  const sentences: Array<{ a: number; b: number }> = [];
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  let i = start;
  while (i < end) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const a = i;
    while (i < end && !'.!?;,\n、。！，；？'.includes(text[i])) i++;
    let b = i < end && text[i] !== '\n' ? i + 1 : i;
    i = Math.min(end, i + 1);
    while (b > a && isSpace(text[b - 1])) b--;
    sentences.push({ a, b });
  }
  const words = sentences.map(({ a, b }) => text.slice(a, b));
  const distance = words.map((w, k) => {
    for (let d = 1; d <= Math.min(k, o.maxPeriod); d++) if (words[k - d] === w) return d;
    return 0;
  });
  const loops: Loop[] = [];
  let k = 0;
  while (k < words.length) {
    const p = distance[k];
    if (p === 0) {
      k++;
      continue;
    }
    let n = 1;
    while (k + n < words.length && distance[k + n] === p) n++;
    const first = k - p;
    const repeats = Math.floor((n + p) / p);
    const unitChars = sentences.slice(first, first + p).reduce((sum, s) => sum + s.b - s.a, 0);
    if (repeats >= o.minRepeats && unitChars >= o.minChars) {
      loops.push({ start: sentences[first].a, end: sentences[first + repeats * p - 1].b, period: p, repeats, unitStart: sentences[first].a, unitEnd: sentences[first + p - 1].b });
    }
    k += n;
  }
  return loops;
}

describe('repetition loops', () => {
  it('reports a long cycle of 70 sentences when maxPeriod allows it', () => {
    const unit = Array.from({ length: 70 }, (_, k) => `Sentence number ${k}.`).join(' ') + ' ';
    const t = unit.repeat(3);
    const loops = findLoops(t, 0, t.length, { minRepeats: 3, minChars: 12, maxPeriod: 100 });
    assert.equal(loops.length, 1);
    assert.equal(loops[0].period, 70);
    assert.equal(loops[0].repeats, 3);
    assert.equal(findLoops(t, 0, t.length, { minRepeats: 3, minChars: 12, maxPeriod: 60 }).length, 0);
    // The bound is inclusive: a cycle of exactly maxPeriod sentences counts.
    assert.equal(findLoops(t, 0, t.length, { minRepeats: 3, minChars: 12, maxPeriod: 70 })[0]?.period, 70);
    assert.equal(findLoops(t, 0, t.length, { minRepeats: 3, minChars: 12, maxPeriod: 69 }).length, 0);
    const short = Array.from({ length: 16 }, (_, k) => `Step ${k}.`).join(' ') + ' ';
    assert.equal(findLoops(short.repeat(5), 0, short.length * 5, { minRepeats: 5, minChars: 12, maxPeriod: 16 })[0]?.period, 16);
  });

  it('cuts at full-width boundaries and ignores the spaces around sentences', () => {
    const t = '等一下，我需要重新检查。\n'.repeat(6);
    const loops = findLoops(t, 0, t.length, { minRepeats: 5, minChars: 4, maxPeriod: 16 });
    assert.equal(loops.length, 1);
    assert.equal(loops[0].period, 2);
    assert.equal(loops[0].repeats, 6);
    assert.equal(t.slice(loops[0].start, loops[0].end), t.trimEnd());
  });

  it('finds exactly the loops of the definition (a plain reference implementation), for any text', () => {
    const piece = fc.constantFrom('Wait', ' ', ',', '.', '\n', 'ab', '。', '、', '\t', '  x ', 'Let me check', '？', '\r\n', 'No', '!', ';');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), fc.nat(6), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 5 }), (parts, cut, period, repeats) => {
        const text = parts.join('');
        const start = Math.min(cut, text.length);
        // A period bound that cuts cycles off, and one far above any cycle here.
        for (const maxPeriod of [period, 64 + period]) {
          const o = { minRepeats: repeats + 1, minChars: 1 + (cut % 5), maxPeriod };
          assert.deepEqual(findLoops(text, start, text.length, o), reference(text, start, text.length, o), JSON.stringify({ text, o }));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
