/**
 * Finding the final answer in a piece of text: the last `\boxed{…}` (or `\fbox{…}`), braces
 * balanced. Linear: one forward search of the range and one brace walk.
 */

export interface Extracted {
  /** The content inside the braces. */
  value: string;
  /** Text offsets of the content. */
  start: number;
  end: number;
}

const BOX_COMMANDS = ['\\boxed', '\\fbox'];

/** Reads a balanced `{…}` group starting at `open` (which must be `{`); undefined if never closed. */
export function readGroup(text: string, open: number, limit = text.length): { start: number; end: number } | undefined {
  if (text.charCodeAt(open) !== 0x7b) return undefined;
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      i++; // an escaped brace does not count
      continue;
    }
    if (c === 0x7b) depth++;
    else if (c === 0x7d) {
      depth--;
      if (depth === 0) return { start: open + 1, end: i };
    }
  }
  return undefined;
}

/**
 * Where `needle` starts inside `text[start, end)`, last first. Found with forward `indexOf`
 * over the range only (`lastIndexOf` would walk back past `start` to the text's beginning,
 * and it is much slower per character).
 */
function occurrencesFromLast(text: string, needle: string, start: number, end: number): number[] {
  const found: number[] = [];
  const last = end - needle.length;
  for (let at = text.indexOf(needle, start); at >= 0 && at <= last; at = text.indexOf(needle, at + 1)) found.push(at);
  return found.reverse();
}

/** The last complete `\boxed{…}` / `\fbox{…}` in `text[start, end)`. */
export function lastBoxed(text: string, start = 0, end = text.length): Extracted | undefined {
  let best: Extracted | undefined;
  for (const command of BOX_COMMANDS) {
    for (const at of occurrencesFromLast(text, command, Math.max(0, start), end)) {
      let open = at + command.length;
      while (text.charCodeAt(open) === 0x20) open++;
      const group = readGroup(text, open, end);
      if (group) {
        if (!best || group.start > best.start) best = { value: text.slice(group.start, group.end), ...group };
        break;
      }
      // `\boxed 5` (no braces): take the next token.
      if (text.charCodeAt(at + command.length) === 0x20) {
        let e = open;
        while (e < end && !/[\s$]/.test(text[e])) e++;
        if (e > open) {
          if (!best || open > best.start) best = { value: text.slice(open, e), start: open, end: e };
          break;
        }
      }
    }
  }
  return best;
}

/** The reference answer from a ground-truth field: its last `\boxed{}` when it is a worked solution, else the whole text. */
export function referenceAnswer(groundTruth: string): string {
  const boxed = lastBoxed(groundTruth);
  if (boxed) return boxed.value.trim();
  const hashes = groundTruth.lastIndexOf('####');
  if (hashes !== -1) return groundTruth.slice(hashes + 4).trim();
  return groundTruth.trim();
}

/** How a final answer was found. */
export type AnswerMethod = 'boxed' | 'answer-tag' | 'phrase' | 'hashes' | 'bold' | 'math' | 'sentence';

export interface FoundAnswer extends Extracted {
  method: AnswerMethod;
}

// "the final answer is X", "Answer: X", "答案：X", "答案是X" — X up to the end of its sentence.
const PHRASE = /(?:\b(?:the\s+)?(?:final\s+)?answer\s*(?:is|:)|答案\s*(?:是|为|:|：))\s*(?:\*\*)?\s*([^\n]*?)\s*(?:\*\*)?\s*(?:[.。](?:\s|$)|$)/gim;
const CONCLUSION = /(?:^|[.。!\n]\s*)(?:therefore|thus|so|hence|in conclusion|所以|因此|故)\b[^.。\n]*?(?:\bis|\bequals|=|是|为)\s*\$?([-+]?\d[\d,]*(?:\.\d+)?(?:\s*[a-zA-Z°%]{1,12})?)\$?\s*(?:[.。]|$)/gim;
const HASHES = /^####\s*(.+?)\s*$/gm;
const BOLD = /\*\*([^*\n]{1,80})\*\*/g;
const MATH = /\$\$([\s\S]{1,400}?)\$\$|\\\[([\s\S]{1,400}?)\\\]|\\\(([\s\S]{1,400}?)\\\)|\$([^$\n]{1,200})\$/g;

/** Where the last sentence of `text[start, end)` starts. */
function lastSentenceStart(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s.。]/.test(text[e - 1])) e--;
  let i = e;
  while (i > start && !/[.。!\n]/.test(text[i - 1])) i--;
  return i;
}

function lastMatch(re: RegExp, text: string, start: number, end: number): { value: string; start: number; end: number } | undefined {
  const slice = text.slice(start, end);
  re.lastIndex = 0;
  let found: { value: string; start: number; end: number } | undefined;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    const group = m.slice(1).findIndex((g) => g !== undefined && g.trim() !== '');
    if (group === -1) continue;
    const value = m[group + 1];
    const at = start + m.index + m[0].indexOf(value);
    found = { value: value.trim(), start: at, end: at + value.length };
  }
  return found;
}

/** Whether a word answer may be read from the final sentence: a name or a word, only yes or no, or none. */
export type WordAnswers = false | 'word' | 'yes-no';

/**
 * The final answer of an answer section written without a box, in this order: an explicit
 * phrase ("the answer is X", "Answer: X", "答案：X"), a GSM8K `#### X` line, a bold final
 * value, the last math of the last paragraph, and — only when `words` allows it (the reference
 * is a word or a name, or there is none) — the word or name the final sentence states.
 * Undefined when there is none.
 */
export function unboxedAnswer(text: string, start: number, end: number, words: WordAnswers = false): FoundAnswer | undefined {
  const hashes = lastMatch(HASHES, text, start, end);
  if (hashes) return { ...hashes, method: 'hashes' };
  const phrase = lastMatch(PHRASE, text, start, end);
  if (phrase && phrase.value.length <= 200) {
    const math = lastMatch(MATH, text, phrase.start, phrase.end);
    return math ? { ...math, method: 'phrase' } : { ...phrase, value: phrase.value.replace(/^\*\*|\*\*$/g, '').trim(), method: 'phrase' };
  }
  // A concluding sentence: "Therefore, the length of DB is 2.0." / "所以答案是 5".
  const conclusion = lastMatch(CONCLUSION, text, start, end);
  if (conclusion && conclusion.end >= lastSentenceStart(text, start, end)) return { ...conclusion, method: 'phrase' };
  // The last paragraph only: never a value from the middle of the text.
  let from = end;
  while (from > start && /\s/.test(text[from - 1])) from--;
  const paragraph = text.lastIndexOf('\n\n', from);
  const lastStart = Math.max(start, paragraph === -1 ? start : paragraph);
  const bold = lastMatch(BOLD, text, lastStart, end);
  if (bold && /\d|\\/.test(bold.value)) {
    const math = lastMatch(MATH, text, bold.start, bold.end);
    return math ? { ...math, method: 'bold' } : { ...bold, method: 'bold' };
  }
  const math = lastMatch(MATH, text, lastStart, end);
  if (math) return { ...math, method: 'math' };
  const word = words ? sentenceAnswer(text, start, end, words) : undefined;
  if (word) return { ...word, method: 'sentence' };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// A word or a name stated by the final sentence ("So the person who finished first is Evelyn.")

/** The longest final sentence read for a word answer. */
const MAX_SENTENCE = 300;
/** Capitalised words that are never the answer's name: function words, pronouns, connectives. */
const NOT_NAMES = new Set(
  (
    'the a an this that these those there here it its he she his her they their them we our us you your i my me ' +
    'so thus therefore hence then finally overall in on at of for from by with to as and or but if since because ' +
    'answer final conclusion yes no not which who whom whose what when where why how all each every both either neither ' +
    'step note wait let now first second third last next also however indeed clearly option options choice ' +
    'among after before only one two three according based given using comparing looking since because while although'
  ).split(' '),
);
// A capitalised word (a possessive dropped), or a run of them: "Evelyn", "Mary Ann", "Evelyn’s".
const NAME = /(?<![\p{L}\p{N}_])\p{Lu}\p{Ll}+(?:[-\s]\p{Lu}\p{Ll}+)*(?=(?:['’]s)?(?![\p{L}\p{N}_]))/gu;
const NAMED_RESULT = /(?:^|\s)(?:theorem|formula|law|rule|method|principle|inequality|identity|lemma|algorithm|test|equation|triangle|criterion)s?$/i;
const NEGATION = /\b(?:not|never|no|cannot|isn['’]t|aren['’]t|wasn['’]t|doesn['’]t|don['’]t|didn['’]t|won['’]t)\b/i;
const CUE = /^(?:so|thus|therefore|hence|consequently|in conclusion|in summary|overall|finally|this means(?: that)?|which means(?: that)?)\b[\s,:]*/i;
// The lowercase complement of a concluding "is": "Therefore, the triangle is isosceles." (one to three words).
const COMPLEMENT = /\b(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*){0,3})$/u;
/** Complements that describe rather than answer ("… is the largest", "… is correct"). */
const NOT_ANSWERS = /^(?:largest|greatest|smallest|biggest|highest|lowest|fastest|slowest|longest|shortest|most|least|best|worst|same|correct|incorrect|wrong|right|true for|shown|given|above|below|as follows|following|possible|impossible|unknown|undefined|equal|clear|obvious|this|that|it|one|done|needed|required)\b/;

/** Where the sentence ending at `end` starts: after the previous `. ` / `! ` / `? ` / `。` or line break. */
function sentenceStart(text: string, start: number, end: number): number {
  for (let i = end - 1; i > start; i--) {
    const c = text[i];
    if (c === '\n' || c === '。' || c === '！' || c === '？') return i + 1;
    if ((c === ' ' || c === '\t') && /[.!?]/.test(text[i - 1])) return i;
  }
  return start;
}

function nameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ');
}

/** The names of `clause` that may be an answer, in order of appearance, distinct. */
function namesOf(clause: string, offset: number): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  NAME.lastIndex = 0;
  for (let m = NAME.exec(clause); m; m = NAME.exec(clause)) {
    let value = m[0];
    let at = m.index;
    // "So Evelyn": drop connectives at the front of a run ("Thus Evelyn" is one run).
    for (;;) {
      const first = /^\p{Lu}\p{Ll}+/u.exec(value)?.[0];
      if (!first || !NOT_NAMES.has(first.toLowerCase())) break;
      const rest = value.slice(first.length).replace(/^[-\s]+/, '');
      at += value.length - rest.length;
      value = rest;
    }
    if (value === '' || NOT_NAMES.has(value.toLowerCase())) continue;
    // "Calculating …", "Based on …" opening a sentence: a verb form, not a name.
    if (at === 0 && /^\p{Lu}\p{Ll}+(?:ing|ed)$/u.test(value)) continue;
    // "Heron's formula", "the Pythagorean Theorem": a named result, not an answer.
    if (NAMED_RESULT.test(value) || NAMED_RESULT.test(clause.slice(at + value.length).replace(/^['’]s/, '').trimStart().split(/\s/)[0] ?? '')) continue;
    if (!out.some((x) => nameKey(x.value) === nameKey(value))) out.push({ value, start: offset + at, end: offset + at + value.length });
  }
  return out;
}

/**
 * A word answer from the final sentence of the answer section: the one name it states ("So the
 * person who finished first is Evelyn.", "…, which means Evelyn wins.", "Thus, Evelyn’s average
 * speed is the largest."), or the one- to three-word complement of a concluding "is" ("Therefore,
 * the triangle is isosceles."). Only a complete sentence (it ends with `.`, `!` or `。`), only the
 * last one, never one that negates or holds math or digits; with several names, the one after
 * its final "is", else the one its last clause names alone; "Yes, …" / "No, …" are yes and no.
 * Undefined when in doubt.
 */
export function sentenceAnswer(text: string, start: number, end: number, kind: 'word' | 'yes-no' = 'word'): { value: string; start: number; end: number } | undefined {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  while (e > start && text[e - 1] === '*') e--;
  if (e <= start || !/[.!。]/.test(text[e - 1])) return undefined;
  const stop = e - 1;
  // Looked for no further back than the longest sentence read: bounded work on any answer.
  const floor = Math.max(start, stop - MAX_SENTENCE - 1);
  const from = sentenceStart(text, floor, stop);
  if (from === floor && floor > start) return undefined;
  let s = from;
  while (s < stop && /[\s*#>-]/.test(text[s])) s++;
  const sentence = text.slice(s, stop);
  if (sentence === '' || /[$\\=<>{}?]|\d/.test(sentence)) return undefined;
  // "Yes, …" / "No, …": the answer to a yes-or-no question.
  const yesNo = /^(yes|no)\b(?=[,.!;:]|$)/i.exec(sentence);
  if (yesNo) return { value: yesNo[1], start: s, end: s + yesNo[1].length };
  // A yes-or-no reference is answered by a yes or a no, never by a name ("So Sima tells the truth.").
  if (kind === 'yes-no') return undefined;
  if (NEGATION.test(sentence)) return undefined;
  const names = namesOf(sentence, s);
  if (names.length > 0) {
    // "The capital of Australia is Canberra": the name the sentence ends on, after "is".
    const last = names[names.length - 1];
    if (last.end === stop && /\b(?:is|are|was|were)\s+(?:the\s+)?$/.test(text.slice(s, last.start))) return last;
    // The one name of the last clause ("…, which means Evelyn wins"), or of the sentence.
    const cut = Math.max(sentence.lastIndexOf(','), sentence.lastIndexOf(';'), sentence.lastIndexOf(':'), sentence.lastIndexOf(' — '));
    const inLast = cut > 0 ? names.filter((n) => n.start > s + cut) : [];
    if (inLast.length === 1) return inLast[0];
    return names.length === 1 ? names[0] : undefined;
  }
  // No name: the complement of a concluding "is" ("Therefore, the triangle is isosceles").
  const body = sentence.replace(CUE, '');
  if (body.length === sentence.length) return undefined;
  const complement = COMPLEMENT.exec(body);
  if (!complement || NOT_ANSWERS.test(complement[1])) return undefined;
  // "f is neither even nor odd": neither.
  const value = /^neither\b/.test(complement[1]) ? 'neither' : complement[1];
  if (value !== 'neither' && complement[1].split(/\s+/).length > 3) return undefined;
  const at = s + sentence.length - complement[1].length;
  return { value, start: at, end: at + value.length };
}
