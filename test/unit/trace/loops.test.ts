import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findLoops, type Loop, type LoopOptions } from '../../../src/core/trace/loops';

/**
 * The definition, written plainly (strings compared, no hashes, no shortcuts): sentences end
 * after `. ! ? ; ,` (or a full-width form, or `、`) or before a line break, trimmed of spaces,
 * tabs, CR and LF. For every distance q ≤ maxPeriod + maxNoise, a run is a maximal stretch of
 * sentences each equal to the one q before it. A run of L ≥ q sentences (q ≤ maxPeriod) is
 * ⌊(L + q) / q⌋ copies of a cycle of q sentences; a shorter run (L ≤ maxPeriod, q − L ≤
 * maxNoise, 2(q − L) ≤ L) is two copies of a cycle of L sentences with q − L other sentences
 * between them.
 * Copies chain into one loop when a group starts at the last copy of an earlier group of the
 * same period. Loops with at least minRepeats copies and a cycle of at least minChars
 * characters (and, for a cycle under shortChars characters, minRepeatsShort copies) compete: the one covering more sentences first, then the shorter period, then
 * the earlier; one overlapping a loop already taken is dropped.
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
  const n = words.length;
  const groups: Array<{ from: number; period: number; copies: number; step: number; end: number }> = [];
  const maxNoise = o.maxNoise ?? 0;
  for (let q = 1; q <= o.maxPeriod + maxNoise; q++) {
    let k = q;
    while (k < n) {
      if (words[k] !== words[k - q]) {
        k++;
        continue;
      }
      let e = k;
      while (e < n && words[e] === words[e - q]) e++;
      const length = e - k;
      if (length >= q && q <= o.maxPeriod) groups.push({ from: k - q, period: q, copies: Math.floor((length + q) / q), step: q, end: e });
      else if (length < q && length <= o.maxPeriod && q - length <= maxNoise && 2 * (q - length) <= length) groups.push({ from: k - q, period: length, copies: 2, step: q, end: e });
      k = e;
    }
  }
  // Chain in the order the runs end.
  groups.sort((x, y) => x.end - y.end || x.step - y.step);
  const chains: Array<{ from: number; lastStart: number; period: number; copies: number }> = [];
  // The chain open at each (start of its last copy, period): one at most, the one with more copies.
  const openAt = new Map<string, (typeof chains)[number]>();
  const keep = (c: (typeof chains)[number]) => {
    const there = openAt.get(`${c.lastStart}/${c.period}`);
    if (!there || there.copies < c.copies) openAt.set(`${c.lastStart}/${c.period}`, c);
  };
  for (const g of groups) {
    const prev = openAt.get(`${g.from}/${g.period}`);
    const lastStart = g.from + (g.copies - 1) * g.step;
    if (prev) {
      openAt.delete(`${g.from}/${g.period}`);
      prev.lastStart = lastStart;
      prev.copies += g.copies - 1;
      keep(prev);
    } else {
      const c = { from: g.from, lastStart, period: g.period, copies: g.copies };
      chains.push(c);
      keep(c);
    }
  }
  const candidates: Array<{ from: number; to: number; p: number; repeats: number }> = [];
  for (const c of chains) {
    const chars = sentences.slice(c.from, c.from + c.period).reduce((sum, s) => sum + s.b - s.a, 0);
    const enough = chars >= (o.shortChars ?? 0) || c.copies >= (o.minRepeatsShort ?? o.minRepeats);
    if (c.copies >= o.minRepeats && chars >= o.minChars && enough) candidates.push({ from: c.from, to: c.lastStart + c.period, p: c.period, repeats: c.copies });
  }
  candidates.sort((x, y) => y.to - y.from - (x.to - x.from) || x.p - y.p || x.from - y.from);
  const taken: typeof candidates = [];
  for (const c of candidates) if (!taken.some((t) => c.from < t.to && t.from < c.to)) taken.push(c);
  return taken
    .sort((x, y) => x.from - y.from)
    .map((c) => ({ start: sentences[c.from].a, end: sentences[c.to - 1].b, period: c.p, repeats: c.repeats, unitStart: sentences[c.from].a, unitEnd: sentences[c.from + c.p - 1].b }));
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
          const o = { minRepeats: repeats + 1, minChars: 1 + (cut % 5), maxPeriod, maxNoise: cut % 4, shortChars: (cut % 3) * 8, minRepeatsShort: repeats + 2 };
          assert.deepEqual(findLoops(text, start, text.length, o), reference(text, start, text.length, o), JSON.stringify({ text, o }));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds generated loops (random periods up to 64, in-cycle repeats, noise between cycles) exactly as the reference does', () => {
    // Sentences of a reasoning text; a cycle draws from a small pool, so clauses repeat inside it.
    const pool = ['Let me compute the area of triangle ABC again.', 'Wait,', 'the base is 6,', 'and the height is 4.', 'So the area is 12.', 'Hmm,', 'but the answer choices say 24.', 'Maybe I misread the figure.', 'Let me re-check the height.', 'The height from C to AB is 4.'];
    // Remarks between cycles: never the same twice (a remark that repeats is part of the cycle).
    const noise = (r: number, g: number, k: number) => `${['Hmm', 'So', 'No', 'Right', 'OK'][k]} I keep getting ${10 + r * 3 + g} here.`;
    const arb = fc.record({
      period: fc.integer({ min: 1, max: 64 }),
      picks: fc.array(fc.nat(pool.length - 1), { minLength: 64, maxLength: 64 }),
      repeats: fc.integer({ min: 3, max: 7 }),
      gaps: fc.array(fc.array(fc.nat(4), { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
      breaks: fc.array(fc.constantFrom(' ', '\n', '\n\n'), { minLength: 64, maxLength: 64 }),
      before: fc.nat(4),
    });
    fc.assert(
      fc.property(arb, ({ period, picks, repeats, gaps, breaks, before }) => {
        // One sentence of the cycle is unique to it, so the cycle is not itself periodic.
        const cycle = picks.slice(0, period).map((k, j) => (j === period - 1 ? `Step ${period} checked.` : pool[k]));
        const copies: string[] = [];
        for (let r = 0; r < repeats; r++) {
          // At most half a cycle of other text between two copies.
          if (r > 0) gaps[r].slice(0, Math.floor(period / 2)).forEach((k, g) => copies.push(noise(r, g, k)));
          copies.push(...cycle);
        }
        const head = ['First, recall the problem.', 'We need the area.', 'The figure shows a triangle.', 'Its vertices are A, B and C.'].slice(0, before);
        const all = [...head, ...copies, 'Therefore the answer is 12.'];
        const text = all.map((s, k) => s + breaks[k % breaks.length]).join('');
        const o = { minRepeats: 3, minChars: 12, maxPeriod: 64, maxNoise: 3 };
        const loops = findLoops(text, 0, text.length, o);
        assert.deepEqual(loops, reference(text, 0, text.length, o));
        // The planted loop is found whole: one loop of the planted period from its first cycle
        // to its last, repeated as often as planted.
        const planted = loops.find((l) => l.period === period);
        assert.ok(planted, JSON.stringify({ period, repeats, loops }));
        assert.equal(planted.repeats, repeats);
        assert.equal(planted.start, text.indexOf(cycle[0], head.join(' ').length));
        assert.ok(text.slice(planted.end).startsWith(` Therefore`) || /^\s*Therefore/.test(text.slice(planted.end)));
      }),
      { numRuns: 400 },
    );
  });

});
