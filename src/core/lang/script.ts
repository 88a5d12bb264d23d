/**
 * A code-point scan that splits text into words and classifies each by script. It is the
 * basis of the language-consistency reward (words in the target language / all words of the
 * chain of thought) and runs in one pass with a lookup table (no Intl.Segmenter, which is
 * orders of magnitude slower).
 *
 * What counts as a word:
 *  - alphabetic scripts (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Hangul):
 *    a maximal run of letters of one script; a one-letter run is a variable (x, π), not a word;
 *  - Chinese characters (Han): each character is one word;
 *  - Japanese kana: a run of Hiragana/Katakana is one word (Han characters beside it count
 *    one each, as above);
 *  - never words: numbers, punctuation, symbols; LaTeX commands (`\frac`) and bare function
 *    names (`sin`, `log`, `max`, …); letters glued to
 *    digits or to `^`/`_` (`x2`, `3cm`, `x^2`); anything inside `$…$`, `$$…$$`, `\(…\)`,
 *    `\[…\]` (math mode ends at a blank line if left open), inline code and fenced code.
 *  - never words either: Latin capitals only, up to six letters (points and segments `AB`,
 *    `ABC`), words with a capital inside (`GeoQA`, `maxValue`), and, after a word of another
 *    script, a capitalised word that is not common English (a name: `Font Awesome`).
 *
 * Scripts, not languages: English and French (both Latin) are not told apart.
 */

export const SCRIPTS = [
  'latin',
  'han',
  'kana',
  'hangul',
  'cyrillic',
  'greek',
  'arabic',
  'hebrew',
  'devanagari',
  'thai',
] as const;
export type Script = (typeof SCRIPTS)[number];

// Script ids in the table: 0 = not a letter; 1.. = SCRIPTS index + 1; COMBINING continues a run.
const COMBINING = 255;
const HIGH_HAN = 254;
const TABLE = new Uint8Array(0x10000);
const LATIN = 1;
const HAN = 2;
const KANA = 3;
const HANGUL = 4;
const fill = (from: number, to: number, id: number) => TABLE.fill(id, from, to + 1);
fill(0x41, 0x5a, LATIN);
fill(0x61, 0x7a, LATIN);
fill(0xc0, 0x24f, LATIN);
TABLE[0xd7] = 0;
TABLE[0xf7] = 0;
fill(0x1e00, 0x1eff, LATIN);
fill(0x300, 0x36f, COMBINING);
fill(0x370, 0x3ff, 6);
TABLE[0x37e] = 0;
TABLE[0x387] = 0;
fill(0x1f00, 0x1fff, 6);
fill(0x400, 0x52f, 5);
fill(0x483, 0x489, COMBINING);
fill(0x5d0, 0x5ff, 8);
fill(0x620, 0x64a, 7);
fill(0x64b, 0x65f, COMBINING);
fill(0x66e, 0x6d3, 7);
fill(0x750, 0x77f, 7);
fill(0x904, 0x939, 9);
fill(0x93a, 0x94f, COMBINING);
fill(0x958, 0x961, 9);
fill(0xe01, 0xe30, 10);
fill(0xe31, 0xe3a, COMBINING);
fill(0xe40, 0xe46, 10);
fill(0xe47, 0xe4e, COMBINING);
fill(0x1100, 0x11ff, HANGUL);
fill(0x3130, 0x318f, HANGUL);
fill(0xac00, 0xd7af, HANGUL);
fill(0x3041, 0x309f, KANA);
fill(0x30a1, 0x30ff, KANA);
fill(0x31f0, 0x31ff, KANA);
fill(0xff66, 0xff9f, KANA);
fill(0x3400, 0x4dbf, HAN);
fill(0x4e00, 0x9fff, HAN);
fill(0xf900, 0xfaff, HAN);
TABLE[0x3005] = HAN; // 々
fill(0xd840, 0xd87e, HIGH_HAN); // supplementary ideographs (high surrogates)

/** Number of scripts; `counts` arrays are indexed by script id − 1. */
export const SCRIPT_COUNT = SCRIPTS.length;

/** Called for every word: script id (index into SCRIPTS) and text offsets. */
export type WordSink = (script: number, start: number, end: number) => void;

/** Receives every word of a scan (one class, so the call is cheap in the hot loop). */
export interface WordCollector {
  add(script: number, start: number, end: number): void;
}

/** Function names written without a backslash (`sin x`, `log 2`): math, not English. */
const MATH_WORDS = new Set(
  ['sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'ln', 'exp', 'lim', 'max', 'min', 'gcd', 'lcm', 'mod', 'det', 'arg', 'sinh', 'cosh', 'tanh'].map(
    (w) => wordCode(w, 0, w.length),
  ),
);

/** A small integer for a lower-case ASCII word of up to 4 letters (5 bits a letter), -1 otherwise. */
function wordCode(text: string, start: number, end: number): number {
  let code = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return -1;
    code = code * 32 + (c - 0x60);
  }
  return code;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * English words that start sentences and clauses. Written with a capital inside text of
 * another script (`Wait, 我们…`) they are English, not a name; any other capitalised word
 * there is taken for a name (`Font Awesome`, `Python`).
 */
const COMMON_ENGLISH = new Set(
  (
    'a about actually after again ah alright also alternatively although an and another answer any anyway are as at be because before both but by ' +
    'calculate can case check compute consider correct could did do does done each either else even every final finally find first for from ' +
    'given good great had has have he hence her here hmm how however i if in indeed instead is it its just last let lets like looking maybe ' +
    'me might more moreover most must my next no nor not note now of oh ok okay on once one only or other otherwise our perhaps recall right ' +
    'second see she should similarly since so some still step suppose sure than that the their them then there therefore these they third ' +
    'this those though thus to too two um uh up us wait was we well were what when where whether which while who why will with would wrong ' +
    'yes yet you your'
  ).split(' '),
);

const isCommonEnglish = (text: string, start: number, end: number) => end - start <= 13 && COMMON_ENGLISH.has(text.slice(start, end).toLowerCase());

/**
 * Scans `text[start, end)`, adds the number of words per script to `counts` (indexed like
 * SCRIPTS) and calls `sink` (and `collector`) for each word when given. Stops after `limit`
 * words. Returns the number of words.
 */
export function scanWords(
  text: string,
  start: number,
  end: number,
  counts: Int32Array,
  sink?: WordSink,
  collector?: WordCollector,
  limit = Infinity,
): number {
  let words = 0;
  let i = start;
  let math = 0; // 0 none, 1 `$`, 2 `$$`, 3 `\(`, 4 `\[`
  let code = 0; // 0 none, 1 inline, 3 fenced
  let lastScript = 0; // script id of the last word counted
  while (i < end) {
    const c = text.charCodeAt(i);
    if (code !== 0) {
      if (c === 0x60) {
        if (code === 3 && text.startsWith('```', i)) {
          code = 0;
          i += 3;
          continue;
        }
        if (code === 1) code = 0;
      } else if (c === 0x0a && code === 1) code = 0;
      i++;
      continue;
    }
    if (math !== 0) {
      if (c === 0x24 /* $ */ && (math === 1 || math === 2)) {
        if (math === 2 && text.charCodeAt(i + 1) === 0x24) i++;
        math = 0;
      } else if (c === 0x5c /* \ */) {
        const n = text.charCodeAt(i + 1);
        if ((n === 0x29 && math === 3) || (n === 0x5d && math === 4)) math = 0;
        i++;
      } else if (c === 0x0a && text.charCodeAt(i + 1) === 0x0a) math = 0;
      i++;
      continue;
    }
    const id = TABLE[c];
    if (id === 0 || id === COMBINING) {
      if (c === 0x24) {
        math = text.charCodeAt(i + 1) === 0x24 ? 2 : 1;
        i += math;
        continue;
      }
      if (c === 0x5c) {
        const n = text.charCodeAt(i + 1);
        if (n === 0x28) math = 3;
        else if (n === 0x5b) math = 4;
        if (math !== 0) {
          i += 2;
          continue;
        }
        // A LaTeX command: skip the backslash and its letters.
        i++;
        while (i < end) {
          const d = text.charCodeAt(i);
          if ((d >= 0x41 && d <= 0x5a) || (d >= 0x61 && d <= 0x7a)) i++;
          else break;
        }
        continue;
      }
      if (c === 0x60) {
        if (text.startsWith('```', i)) {
          code = 3;
          i += 3;
        } else {
          code = 1;
          i++;
        }
        continue;
      }
      i++;
      continue;
    }
    if (id === HAN) {
      lastScript = HAN;
      counts[HAN - 1]++;
      words++;
      if (sink) sink(HAN - 1, i, i + 1);
      if (collector) collector.add(HAN - 1, i, i + 1);
      i++;
      if (words >= limit) break;
      continue;
    }
    if (id === HIGH_HAN) {
      lastScript = HAN;
      counts[HAN - 1]++;
      words++;
      if (sink) sink(HAN - 1, i, i + 2);
      if (collector) collector.add(HAN - 1, i, i + 2);
      i += 2;
      if (words >= limit) break;
      continue;
    }
    // A run of one alphabetic script (or of kana).
    const runStart = i;
    let letters = 0;
    let capitals = c <= 0x5a ? 1 : 0; // A–Z (a Latin letter at or below Z is a capital)
    i++;
    letters++;
    while (i < end) {
      const e = text.charCodeAt(i);
      const d = TABLE[e];
      if (d === id) {
        letters++;
        if (e <= 0x5a) capitals++;
      } else if (d !== COMBINING) break;
      i++;
    }
    if (id !== KANA && letters < 2) continue;
    const before = runStart > 0 ? text.charCodeAt(runStart - 1) : 0;
    const after = i < text.length ? text.charCodeAt(i) : 0;
    if (id === LATIN) {
      if (letters <= 4 && MATH_WORDS.has(wordCode(text, runStart, i))) continue;
      if (capitals > 0) {
        const first = c <= 0x5a ? 1 : 0;
        // Points and segments (AB, BC, ABC), identifiers and names with a capital inside
        // (GeoQA, maxValue, JavaScript): not words of a language.
        if ((capitals === letters && letters <= 6) || capitals > first) continue;
        // A capitalised word inside text of another script is a name unless it is common English.
        if (lastScript !== 0 && lastScript !== LATIN && !isCommonEnglish(text, runStart, i)) continue;
      }
    }
    if (id === LATIN || id >= 5) {
      if (isDigit(before) || isDigit(after) || after === 0x5e || after === 0x5f || before === 0x5f || before === 0x5e)
        continue;
    }
    lastScript = id;
    counts[id - 1]++;
    words++;
    if (sink) sink(id - 1, runStart, i);
    if (collector) collector.add(id - 1, runStart, i);
    if (words >= limit) break;
  }
  return words;
}

const letterTests = new Map<string, RegExp>();

/**
 * A test for any code unit that can start a word of a script outside `allowed` (by SCRIPTS
 * index). Built from the same table as the scan, one character class per set of scripts.
 */
const testsByMask = new WeakMap<readonly boolean[], RegExp>();

function otherLetterTest(allowed: readonly boolean[]): RegExp {
  const known = testsByMask.get(allowed);
  if (known) return known;
  const key = allowed.map((a) => (a ? '1' : '0')).join('');
  let test = letterTests.get(key);
  if (!test) {
    const other = (id: number) => (id === HIGH_HAN ? !allowed[HAN - 1] : id !== 0 && id !== COMBINING && !allowed[id - 1]);
    const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
    let ranges = '';
    for (let c = 0; c < 0x10000; c++) {
      if (!other(TABLE[c])) continue;
      let to = c;
      while (to + 1 < 0x10000 && other(TABLE[to + 1])) to++;
      ranges += to === c ? hex(c) : `${hex(c)}-${hex(to)}`;
      c = to;
    }
    test = ranges ? new RegExp(`[${ranges}]`) : /(?!)/;
    letterTests.set(key, test);
  }
  testsByMask.set(allowed, test);
  return test;
}

/**
 * False when `text[start, end)` cannot hold a word outside the scripts marked in `allowed`
 * (indexed like SCRIPTS): no letter of any other script occurs in it. A cheap test that
 * lets a caller skip the word scan; true means "maybe" (the letter may sit in math or code).
 */
export function mayHaveOtherScripts(text: string, start: number, end: number, allowed: readonly boolean[]): boolean {
  const test = otherLetterTest(allowed);
  return test.test(start === 0 && end === text.length ? text : text.slice(start, end));
}

const LATIN_ONLY = SCRIPTS.map((s) => s === 'latin');

/** Scripts of each language code the target may name. */
const LANGUAGE_SCRIPTS: Record<string, Script[]> = {
  zh: ['han'],
  ja: ['han', 'kana'],
  ko: ['hangul', 'han'],
  ru: ['cyrillic'],
  uk: ['cyrillic'],
  bg: ['cyrillic'],
  sr: ['cyrillic'],
  el: ['greek'],
  ar: ['arabic'],
  fa: ['arabic'],
  ur: ['arabic'],
  he: ['hebrew'],
  hi: ['devanagari'],
  mr: ['devanagari'],
  ne: ['devanagari'],
  th: ['thai'],
};
const LATIN_LANGUAGES = new Set(
  'en fr de es it pt nl sv da no nb fi pl cs sk sl hr ro hu tr vi id ms tl sw et lv lt is ga ca eu gl af sq'.split(' '),
);

/** The scripts a target (a language code such as `en`, `zh-CN`, or a script name) is written in; undefined if unknown. */
export function scriptsOf(target: string): Script[] | undefined {
  const t = target.toLowerCase();
  if ((SCRIPTS as readonly string[]).includes(t)) return [t as Script];
  const base = t.split(/[-_]/)[0];
  if (LANGUAGE_SCRIPTS[base]) return LANGUAGE_SCRIPTS[base];
  if (LATIN_LANGUAGES.has(base)) return ['latin'];
  return undefined;
}

/** A language code for a dominant script (used by `auto`). */
const SCRIPT_LANGUAGE: Record<Script, string> = {
  latin: 'en',
  han: 'zh',
  kana: 'ja',
  hangul: 'ko',
  cyrillic: 'ru',
  greek: 'el',
  arabic: 'ar',
  hebrew: 'he',
  devanagari: 'hi',
  thai: 'th',
};

/** The language of a piece of text from its dominant script (Han text is Japanese when kana words are at least a tenth of its Han characters); undefined without words. */
export function guessLanguage(text: string, start = 0, end = text.length): string | undefined {
  const counts = new Int32Array(SCRIPT_COUNT);
  // Letters of no script but Latin: the answer is English as soon as one word is found.
  if (!mayHaveOtherScripts(text, start, end, LATIN_ONLY)) return scanWords(text, start, end, counts, undefined, undefined, 1) ? 'en' : undefined;
  const words = scanWords(text, start, end, counts);
  if (words === 0) return undefined;
  let best = 0;
  for (let s = 1; s < SCRIPT_COUNT; s++) if (counts[s] > counts[best]) best = s;
  const script = SCRIPTS[best];
  // Japanese writes much of its text in kana; a few kana words in a Han text (a quoted name) leave it Chinese.
  if (script === 'han' && counts[2] * 10 >= counts[1]) return 'ja';
  return SCRIPT_LANGUAGE[script];
}
