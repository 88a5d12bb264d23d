import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { SCRIPTS, guessLanguage, scanWords } from '../../../src/core/lang/script';
import { autoTarget, countLanguage, mayHaveOffTarget, measureLanguage, offTargetSpans } from '../../../src/core/lang';
import { corpusDatasets, readCorpus } from '../../corpus';

function words(text: string): Record<string, number> {
  const counts = new Int32Array(SCRIPTS.length);
  scanWords(text, 0, text.length, counts);
  const out: Record<string, number> = {};
  SCRIPTS.forEach((s, i) => {
    if (counts[i]) out[s] = counts[i];
  });
  return out;
}

describe('word scan', () => {
  it('counts Latin words as letter runs', () => assert.deepEqual(words("Let's add these numbers"), { latin: 4 }));
  it('counts each Han character as one word', () => assert.deepEqual(words('我们计算'), { han: 4 }));
  it('counts a run of kana as one word, Han characters one each', () => {
    // 計算 (2 Han) + します (1 kana run) + ね (kana run after the Han? no: contiguous kana after Han)
    assert.deepEqual(words('計算します'), { han: 2, kana: 1 });
    assert.deepEqual(words('これはペンです'), { kana: 1 });
  });
  it('ignores math, numbers and LaTeX', () => {
    assert.deepEqual(words('$x^2 + \\frac{a}{b}$ = 12 \\(y\\) \\[z\\]'), {});
    assert.deepEqual(words('\\frac{1}{2} \\sqrt{x} x^2 2x a_1 sin x log 3'), {});
  });
  it('single letters are variables, not words', () => assert.deepEqual(words('let x be a number, then π'), { latin: 4 }));
  it('ignores code', () => {
    assert.deepEqual(words('run `print hello` then\n```python\nprint("hi there")\n```\ndone'), { latin: 3 });
  });
  it('ends an unclosed $ at a blank line', () => assert.deepEqual(words('costs $5 today\n\nsecond paragraph'), { latin: 3 }));
  it('points, segments and identifiers inside Chinese reasoning are not words (AB, BC, x_1, sin, A.)', () => {
    assert.deepEqual(words('因为AB=AC，所以∠ABC=∠ACB'), { han: 4 });
    assert.deepEqual(words('设x_1=∠ABC，则sin 40°约为0.643'), { han: 4 });
    assert.deepEqual(words('选项中A. 70°，B. 55°，所以选A'), { han: 6 });
    assert.deepEqual(words('用GeoQA的数据和maxValue变量'), { han: 7 });
  });
  it('a capitalised name inside Chinese is not a word, English inside Chinese still is', () => {
    assert.deepEqual(words('用Font Awesome加一个图标'), { han: 6 });
    assert.deepEqual(words('用Python验证'), { han: 3 });
    assert.deepEqual(words('我们算出结果。Wait, let me check again。'), { han: 6, latin: 5 });
    assert.deepEqual(words('这个awesome图标'), { han: 4, latin: 1 });
    // At the start of a text (nothing before it) a capitalised word stays a word.
    assert.deepEqual(words('Consider the sum'), { latin: 3 });
  });
  it('classifies Cyrillic, Hangul, Arabic', () => {
    assert.deepEqual(words('привет мир'), { cyrillic: 2 });
    assert.deepEqual(words('안녕 하세요'), { hangul: 2 });
    assert.deepEqual(words('مرحبا بالعالم'), { arabic: 2 });
  });
});

describe('language ratio', () => {
  it('mixed zh/en against zh: 4 Han words + 2 English words → 4/6', () => {
    const mix = measureLanguage('首先 compute 然后 verify', 0, 21, 'zh');
    assert.equal(mix.words, 6);
    assert.equal(mix.targetWords, 4);
    assert.equal(mix.ratio, 4 / 6);
  });
  it('mixed zh/en against en: 2/6', () => {
    const text = '首先 compute 然后 verify';
    assert.equal(measureLanguage(text, 0, text.length, 'en').ratio, 2 / 6);
  });
  it('pure math has no words: ratio null (not penalised)', () => {
    const text = '$x^2 + 2x + 1 = 0$ \\Rightarrow (x+1)^2 = 0, x = -1.';
    assert.equal(measureLanguage(text, 0, text.length, 'zh').ratio, null);
  });
  it('Japanese counts both kana and Han for ja', () => {
    const text = 'まず計算します';
    const mix = measureLanguage(text, 0, text.length, 'ja');
    assert.equal(mix.ratio, 1);
    assert.equal(measureLanguage(text, 0, text.length, 'zh').ratio, 2 / 4);
  });
  it('French is Latin: indistinguishable from English (script-based)', () => {
    const text = 'Calculons la somme';
    assert.equal(measureLanguage(text, 0, text.length, 'en').ratio, 1);
  });
  it('unknown target: nothing is on target', () => assert.equal(measureLanguage('hello world', 0, 11, 'xx').ratio, 0));
});

describe('off-target spans', () => {
  it('merges adjacent off-target words until a target word', () => {
    const text = 'First 然后我们 check, 再验证 done';
    const { spans, total } = offTargetSpans(text, 0, text.length, 'en', 10);
    assert.equal(total, 2);
    assert.deepEqual(
      spans.map((s) => text.slice(s.start, s.end)),
      ['然后我们', '再验证'],
    );
  });
  it('caps the number of spans but counts them all', () => {
    const text = 'a 中 b 文 c 字 d 词'.replace(/ ([a-d]) /g, ' word$1 ');
    const { spans, total } = offTargetSpans(text, 0, text.length, 'en', 2);
    assert.equal(spans.length, 2);
    assert.equal(total, 4);
  });
});

describe('auto target', () => {
  it('uses the first candidate that has words', () => {
    assert.equal(autoTarget([{ text: '12 + 3' }, { text: '请计算' }, { text: 'hello there' }]), 'zh');
    assert.equal(autoTarget([{ text: 'Вычислите сумму' }]), 'ru');
    assert.equal(autoTarget([{ text: '計算してください' }]), 'ja');
    assert.equal(autoTarget([undefined, { text: '' }]), 'en');
  });
});

// Pieces of every kind the scan tells apart: words of several scripts, variables, math, code.
const PIECES = ['the sum', 'x', 'π', 'sin', '我们', '計算してください', 'Вычислите', 'αβγ', '수학', 'é', 'x2', '$a+b$', '\\(y\\)', '`code`', '```\n块\n```', '\\frac', ' ', '\n\n', '3cm', '—', '×', '\ud840\udc00'];
const mixed = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(''));
const TARGETS = ['en', 'zh', 'ja', 'ru', 'el', 'ko', 'latin', 'han', 'xx'];

/** guessLanguage as a full scan (the dominant script) decides it. */
function guessByScan(text: string): string | undefined {
  const counts = new Int32Array(SCRIPTS.length);
  if (!scanWords(text, 0, text.length, counts)) return undefined;
  let best = 0;
  for (let s = 1; s < SCRIPTS.length; s++) if (counts[s] > counts[best]) best = s;
  const language: Record<string, string> = { latin: 'en', han: 'zh', kana: 'ja', hangul: 'ko', cyrillic: 'ru', greek: 'el', arabic: 'ar', hebrew: 'he', devanagari: 'hi', thai: 'th' };
  // Japanese when kana words are at least a tenth of the Han ones (a few quoted kana words leave a Han text Chinese).
  const kana = counts[SCRIPTS.indexOf('kana')];
  return SCRIPTS[best] === 'han' && kana * 10 >= counts[best] ? 'ja' : language[SCRIPTS[best]];
}

describe('language pre-checks', () => {
  it('a text with no letter of another script has ratio 1 or null', () => {
    fc.assert(
      fc.property(mixed, fc.constantFrom(...TARGETS), (text, target) => {
        const mix = measureLanguage(text, 0, text.length, target);
        if (!mayHaveOffTarget(text, 0, text.length, target)) assert.ok(mix.ratio === null || mix.ratio === 1, `${target}: ${JSON.stringify(text)}`);
        if (mix.ratio !== null && mix.ratio < 1) assert.ok(mayHaveOffTarget(text, 0, text.length, target));
      }),
      { numRuns: 3000 },
    );
  });

  it('looks only inside the range it is given', () => {
    const text = '我们 then English only';
    assert.equal(mayHaveOffTarget(text, 0, text.length, 'en'), true);
    assert.equal(mayHaveOffTarget(text, 3, text.length, 'en'), false);
    assert.equal(mayHaveOffTarget(text, 0, 2, 'zh'), false);
    assert.equal(mayHaveOffTarget('math only: 1 + 2', 0, 16, 'xx'), true);
    assert.equal(mayHaveOffTarget('1 + 2 = 3', 0, 9, 'xx'), false);
  });

  it('guesses the language exactly as a full scan would', () => {
    fc.assert(
      fc.property(mixed, (text) => assert.equal(guessLanguage(text), guessByScan(text), JSON.stringify(text))),
      { numRuns: 3000 },
    );
  });

  it('scanWords stops after `limit` words', () => {
    const counts = new Int32Array(SCRIPTS.length);
    assert.equal(scanWords('one two 三四 five', 0, 16, counts, undefined, undefined, 3), 3);
    assert.equal(counts[0] + counts[1], 3);
  });
  it('auto: a few kana in a Han text is Chinese, a text with much kana is Japanese', () => {
    const zh = '我们先计算三角形的面积，然后再验证结果是否正确。这个问题来自テスト。'.repeat(3);
    assert.equal(guessLanguage(zh), 'zh');
    assert.equal(guessLanguage('まず三角形の面積を計算して、それから結果を確かめます。'), 'ja');
  });
});

describe('language measure: one-script shortcut', () => {
  // measureLanguage skips the word count for a text with no letter outside its target's one
  // script; countLanguage always scans. Both must agree on every field.
  const same = (text: string, target: string) => {
    const fast = measureLanguage(text, 0, text.length, target);
    const plain = countLanguage(text, 0, text.length, target);
    assert.deepEqual(
      { target: fast.target, ratio: fast.ratio, mix: fast.mix, words: fast.words, targetWords: fast.targetWords },
      { target: plain.target, ratio: plain.ratio, mix: plain.mix, words: plain.words, targetWords: plain.targetWords },
      `${target}: ${JSON.stringify(text.slice(0, 80))}`,
    );
  };
  const pieces = ['Wait', ' ', 'the sum', ', ', '$x^2$', 'sin', ' x ', 'AB', 'GeoQA', '12', '`code`', '\n\n', '我们', 'これ', 'Привет', 'é', 'x2', '\\frac', '$$', '\\('];

  it('agrees with the full count on generated texts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom('en', 'zh', 'ru', 'ja', 'latin', 'xx'), (parts, target) =>
        same(parts.join(''), target),
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with the full count on the corpus thoughts', () => {
    let checked = 0;
    for (const file of corpusDatasets()) {
      for (const line of readCorpus(file).split('\n')) {
        const text = line.trim();
        if (!text.startsWith('{')) continue;
        same(text, 'en');
        same(text, 'zh');
        checked++;
      }
    }
    assert.ok(checked > 10);
  });

  it('a Latin-only text without words has no ratio and no mix', () => {
    const mix = measureLanguage('$x$ 12 = 3', 0, 10, 'en');
    assert.equal(mix.ratio, null);
    assert.deepEqual(mix.mix, {});
    assert.equal(mix.words, 0);
  });
});
