import { strict as assert } from 'node:assert';
import {
  countSteps,
  openR1Format,
  openR1ReasoningSteps,
  openR1TagCount,
  repetitionOf,
  repetitionPenalty,
  softOverlong,
  trlThinkFormat,
} from '../../../src/core/rewards/openr1';
import { LONG_TEXT, TextScan } from '../../../src/core/trace/scan';
import { findLoops, loopsOf } from '../../../src/core/trace/loops';

// Expected values are worked out by hand from the published Python rules:
//   format:    re.match(r"^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$", s, re.DOTALL | re.MULTILINE)
//   tag count: +0.25 per marker whose str.count == 1
//   steps:     len(re.findall(r"(Step \d+:|^\d+\.|\n-|\n\*|First,|Second,|Next,|Finally,)", s)) / 3, capped at 1
//   TRL:       re.match(r"^<think>(?!.*<think>)(.*?)</think>.*$", s, re.DOTALL | re.MULTILINE)
const GOOD = '<think>\nreason\n</think>\n<answer>\n42\n</answer>';

describe('open-r1 format_reward parity', () => {
  const cases: Array<[string, string, number]> = [
    ['canonical layout', GOOD, 1],
    ['one trailing newline: $ matches before it', GOOD + '\n', 1],
    ['two trailing newlines: $ matches before the first', GOOD + '\n\n', 1],
    ['text after a newline: MULTILINE $ still matches before that \\n', GOOD + '\nmore text', 1],
    ['text on the same line after </answer>: $ fails', GOOD + ' more', 0],
    ['leading junk line: re.match anchors at offset 0', 'junk\n' + GOOD, 0],
    ['leading space', ' ' + GOOD, 0],
    ['CRLF line ends: \\n must follow <think> directly', GOOD.replace(/\n/g, '\r\n'), 0],
    ['CRLF only after </answer>: $ does not match before \\r', GOOD + '\r\n', 0],
    ['two think blocks: the lazy .*? can span the first', '<think>\na\n</think>\n<think>\nb\n</think>\n<answer>\nc\n</answer>', 1],
    ['empty thought with a blank line: .*? may be empty', '<think>\n\n</think>\n<answer>\n4\n</answer>', 1],
    ['empty thought without blank line: needs two \\n', '<think>\n</think>\n<answer>\n4\n</answer>', 0],
    ['no newline before </answer>', '<think>\na\n</think>\n<answer>\n4</answer>', 0],
    ['a later </answer> followed by end satisfies $', '<think>\na\n</think>\n<answer>\n4\n</answer>x\n</answer>', 1],
    ['answer before thought', '<answer>\n4\n</answer>\n<think>\na\n</think>', 0],
    ['empty string', '', 0],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(openR1Format(text), expected));
  }
});

describe('open-r1 tag_count_reward parity', () => {
  const cases: Array<[string, string, number]> = [
    ['all four markers once', GOOD, 1],
    ['no \\n before </think>: "\\n</think>\\n" missing', '<think>\nA</think>\n<answer>\nB\n</answer>', 0.75],
    ['two think blocks: both think markers counted twice', '<think>\na\n</think>\n<think>\nb\n</think>\n<answer>\nc\n</answer>', 0.5],
    ['CRLF: only "\\n</answer>" survives (inside "\\r\\n</answer>")', GOOD.replace(/\n/g, '\r\n'), 0.25],
    ['R1 layout without answer tags', '<think>\nx\n</think>\nThe answer is 4.', 0.5],
    ['nothing', 'plain text', 0],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(openR1TagCount(text), expected));
  }
});

describe('open-r1 reasoning_steps_reward parity', () => {
  it('counts "Step N:" markers: 2 → 2/3', () => assert.equal(openR1ReasoningSteps('Step 1: a\nStep 2: b'), 2 / 3));
  it('^\\d+\\. matches only at the very start (findall without MULTILINE): 1 → 1/3', () => {
    assert.equal(countSteps('1. first\n2. second\n3. third'), 1);
    assert.equal(openR1ReasoningSteps('1. first\n2. second\n3. third'), 1 / 3);
  });
  it('transition words: 4 → capped at 1', () => assert.equal(openR1ReasoningSteps('First, a. Second, b. Next, c. Finally, d.'), 1));
  it('bullets need a preceding \\n: the first "- a" at offset 0 does not count', () => {
    assert.equal(countSteps('- a\n- b\n* c'), 2);
  });
  it('Python \\d matches other decimal digits (Arabic-Indic one)', () => assert.equal(countSteps('Step \u0661: go'), 1));
  it('no markers → 0', () => assert.equal(openR1ReasoningSteps('just text'), 0));
});

describe('TRL think_format_reward parity', () => {
  const cases: Array<[string, number]> = [
    ['<think>a</think>b', 1],
    ['<think></think>', 1],
    ['<think>a</think><think>b</think>', 0],
    ['x<think>a</think>', 0],
    ['<think>a', 0],
    ['<think>\r\na\r\n</think>\r\nb', 1],
  ];
  for (const [text, expected] of cases) it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(trlThinkFormat(text), expected));
});

describe('open-r1 repetition penalty (n = 3, max −1)', () => {
  it('empty text → 0', () => assert.equal(repetitionPenalty(''), 0));
  it('fewer words than n → 0', () => assert.equal(repetitionPenalty('a b'), 0));
  it('one trigram, unique → 0', () => assert.equal(repetitionPenalty('a b c'), 0));
  it('"a b c a b c": 4 trigrams, 3 distinct → −0.25', () => assert.equal(repetitionPenalty('a b c a b c'), -0.25));
  it('lower-cases like Python', () => assert.equal(repetitionPenalty('A b C a B c'), -0.25));
  it('splits on any whitespace, ideographic space included', () => assert.equal(repetitionPenalty('a\tb\u3000c a\nb  c'), -0.25));
  it('"the" ×5: 3 trigrams, 1 distinct → −2/3', () => assert.equal(repetitionPenalty('the the the the the'), -(1 - 1 / 3)));
  it('max penalty scales the result', () => assert.equal(repetitionPenalty('a b c a b c', 3, -0.5), -0.125));
  it('n = 1 counts words', () => assert.equal(repetitionPenalty('x y x y', 1, -1), -0.5));
  // The reference: Python's text.lower().split() and a set of joined n-grams.
  const reference = (text: string, n: number) => {
      // eslint-disable-next-line no-control-regex -- Python counts the separators \x1c–\x1f as whitespace
      const words = text.toLowerCase().split(/[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(Boolean);
      if (words.length < n) return 0;
      const grams = new Set<string>();
      for (let i = 0; i + n <= words.length; i++) grams.add(words.slice(i, i + n).join('\u0000'));
      const scaling = 1 - grams.size / (words.length - n + 1);
      return scaling === 0 ? 0 : -scaling;
  };
  it('agrees with a plain reference on random texts of every size, in any order (its tables are reused between calls)', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const vocabulary = ['wait', 'Wait', 'so', 'x', '=', '3', '数学', 'ÄRGER', 'ärger', 'Σ', 'step'];
    const spaces = [' ', ' ', '\n', '\t', '\u3000', '\u00a0', '  '];
    const sizes = [0, 2, 3, 5, 40, 3000, 10, 20000, 4, 700, 1];
    for (let round = 0; round < 60; round++) {
      const words = sizes[round % sizes.length] + Math.floor(random() * 5);
      let text = '';
      for (let w = 0; w < words; w++) text += vocabulary[Math.floor(random() * vocabulary.length)] + spaces[Math.floor(random() * spaces.length)];
      const n = 1 + (round % 4);
      assert.equal(repetitionPenalty(text, n, -1), reference(text, n), `round ${round}: ${words} words, n = ${n}`);
    }
  });
  it('a text too long to keep its words (hashed a window at a time): the same value as the plain reference', () => {
    let seed = 3;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const vocabulary = ['wait', 'Wait', 'so', 'x', '=', 'İs', 'ärger', 'Σ', 'step', '数学', 'the'];
    const spaces = [' ', ' ', '\n', '\t', '\u3000', '  '];
    const parts: string[] = [];
    let length = 0;
    while (length < LONG_TEXT + 5e5) {
      // Numbered words make most n-grams distinct; a stretch with no separator, longer than a window, now and then.
      const part = random() % 400 === 0 ? 'y'.repeat(3e6) + ' ' : vocabulary[random() % vocabulary.length] + (random() % 3 === 0 ? String(random() % 5000) : '') + spaces[random() % spaces.length];
      parts.push(part);
      length += part.length;
    }
    const text = parts.join('');
    assert.ok(text.length >= LONG_TEXT);
    for (const n of [1, 3, 4]) assert.equal(repetitionPenalty(text, n, -1), reference(text, n), `n = ${n}`);
    assert.equal(repetitionPenalty(text, 3, -0.5, 7, text.length - 3), reference(text.slice(7, text.length - 3), 3) / 2, 'a range of the text');
    // Through a scan shared with repetition-loop: its sentences first (no words kept), then the reward.
    const scan = new TextScan(text, true);
    const options = { minRepeats: 3, minChars: 20, maxPeriod: 8 };
    assert.deepEqual(loopsOf(scan, options), findLoops(text, 0, text.length, options));
    assert.equal(repetitionOf(scan, 3, -1), reference(text, 3));
  });
});

describe('DAPO soft overlong punishment (Lmax 20480, Lcache 4096)', () => {
  const cases: Array<[number, number]> = [
    [100, 0],
    [16384, 0],
    [16385, -1 / 4096],
    [18432, -0.5],
    [20480, -1],
    [20481, -1],
  ];
  for (const [length, expected] of cases) it(`|y| = ${length} → ${expected}`, () => assert.equal(softOverlong(length, 20480, 4096), expected));
});
