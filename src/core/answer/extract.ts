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
export type AnswerMethod = 'boxed' | 'answer-tag' | 'phrase' | 'hashes' | 'bold' | 'math';

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

/**
 * The final answer of an answer section written without a box, in this order: an explicit
 * phrase ("the answer is X", "Answer: X", "答案：X"), a GSM8K `#### X` line, a bold final
 * value, the last math of the last paragraph. Undefined when there is none.
 */
export function unboxedAnswer(text: string, start: number, end: number): FoundAnswer | undefined {
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
  return undefined;
}
