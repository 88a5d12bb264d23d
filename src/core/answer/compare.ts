/**
 * Comparing a final answer with the reference as a mathematician would: numbers by value
 * (fractions, decimals, percent, roots, π), tuples in order, sets in any order, intervals with
 * their brackets, inequalities as intervals, matrices cell by cell, equations as equations,
 * text without case or articles, JSON objects by structure, symbolic expressions through the
 * compute engine (`math.ts`). Bounded: each side is capped in length, and a comparison that
 * cannot be decided says "not checkable" with the reason. Never throws.
 */
import { readGroup } from './extract';
import { evaluateNumber, PLAIN_NUMBER } from './evaluate';
import { symbolicEqual, symbolicParses } from './math';
import { ref, render, type Localized, type MessageArg, type MessageId } from '../messages';

/** The longest answer compared at all. */
export const MAX_ANSWER_CHARS = 1000;
const MAX_ITEMS = 64;

export interface Comparison {
  /** true equal, false different, null not checkable. */
  equal: boolean | null;
  /** Why, in a few words (English: what JSON output and the reward server show). */
  reason: string;
  /** The same reason as a message of the catalogue, to render in the user's locale. */
  why: Localized;
  /** The normalised forms of both sides, as compared. */
  answer: string;
  reference: string;
}

// ---------------------------------------------------------------------------------------------
// Normalising the text of one side

const UNWRAP = ['\\text', '\\textbf', '\\textit', '\\textrm', '\\textup', '\\mathrm', '\\mathbf', '\\mathit', '\\mathsf', '\\operatorname', '\\mbox', '\\boxed', '\\fbox', '\\displaystyle', '\\bm', '\\mathbb'];

function unwrapCommands(s: string): string {
  for (let guard = 0; guard < 8; guard++) {
    let changed = false;
    for (const command of UNWRAP) {
      let at = s.indexOf(command + '{');
      while (at !== -1) {
        const group = readGroup(s, at + command.length);
        if (!group) break;
        s = s.slice(0, at) + s.slice(group.start, group.end) + s.slice(group.end + 1);
        changed = true;
        at = s.indexOf(command + '{', at);
      }
    }
    if (!changed) break;
  }
  return s.replace(/\\displaystyle\b/g, '');
}

const UNICODE: Array<[RegExp, string]> = [
  [/√\s*\{/g, '\\sqrt{'],
  [/√\s*(\d+(?:\.\d+)?|[a-zA-Z])/g, '\\sqrt{$1}'],
  [/√/g, '\\sqrt'],
  [/π/g, '\\pi '],
  [/(?<![\\a-zA-Z])pi(?![a-zA-Z])/g, '\\pi '],
  [/∞/g, '\\infty '],
  [/×/g, '\\times '],
  [/[·⋅]/g, '\\cdot '],
  [/÷/g, '\\div '],
  [/[−–]/g, '-'],
  [/±/g, '\\pm '],
  [/≤|⩽/g, '\\le '],
  [/≥|⩾/g, '\\ge '],
  [/≠/g, '\\ne '],
  [/∪/g, '\\cup '],
  [/(?<![\\a-zA-Z])sqrt\s*\(([^()]{1,40})\)/g, '\\sqrt{$1}'],
  [/\^(\d)\^/g, '^$1'],
  [/²/g, '^2'],
  [/³/g, '^3'],
  [/，/g, ','],
  [/：/g, ':'],
  [/（/g, '('],
  [/）/g, ')'],
  [/．/g, '.'],
];

// Trailing units: Latin unit words (after a number only), and CJK measure words.
const UNIT_WORDS =
  'square\\s+units|sq\\.?\\s+units|cubic\\s+units|units?|square\\s+(?:cm|centimeters?|meters?|inches|feet|units)|cubic\\s+(?:cm|centimeters?|meters?|inches|feet)|' +
  'km/h|m/s|mph|kmh|cm|mm|km|m|kg|mg|g|ml|l|s|sec|seconds?|min|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|' +
  'inch(?:es)?|in|ft|feet|foot|yards?|miles?|meters?|metres?|centimeters?|kilometers?|grams?|kilograms?|liters?|litres?|' +
  'dollars?|cents?|euros?|yuan|people|persons?|students?|items?|pieces?|times|ways|degrees?|deg|rad|radians?';
const UNIT_TAIL = new RegExp(`^(.*?[\\d}a-zA-Z)])\\s*(?:\\\\,|\\\\;|\\\\ |~)?\\s*(?:${UNIT_WORDS})(?:\\^\\{?[23]\\}?)?\\.?$`, 'i');
const CJK_UNIT_TAIL = /^(.*?[\d}])\s*(?:海里|平方厘米|平方分米|平方米|平方千米|立方厘米|立方米|厘米|毫米|分米|千米|公里|米|千克|公斤|克|毫升|升|度|元|角|分|秒|分钟|小时|天|年|个|人|只|本|次|种|倍|岁|辆|条|块|张|台|道|名)$/;

/** A clock time: `1:04`, `13:04:30`, `1:04 p.m.`, `1:04PM`. */
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?\s*[Mm]\.?)?$/;

const DEGREES = /\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|°|\\degree|\^\s*\{\s*o\s*\}/g;

function jsonObject(s: string): object | undefined {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

export interface Cleaned {
  /** The normalised text. */
  s: string;
  /** It ended in a percent sign. */
  percent: boolean;
}

/** Normalises one side: wrappers, spacing, Unicode math, degrees, percent, units, a trailing period. */
export function cleanAnswer(raw: string): Cleaned {
  let s = raw.trim();
  if (PLAIN_NUMBER.test(s)) return { s, percent: false };
  if (s.startsWith('{') && s.endsWith('}') && s.includes('"') && jsonObject(s) !== undefined) return { s, percent: false };
  s = s.replace(/^\$\$([\s\S]*)\$\$$/, '$1').replace(/^\$([\s\S]*)\$$/, '$1');
  s = s.replace(/^\\\[([\s\S]*)\\\]$/, '$1').replace(/^\\\(([\s\S]*)\\\)$/, '$1');
  s = unwrapCommands(s);
  for (const [from, to] of UNICODE) s = s.replace(from, to);
  s = s.replace(/\\[dt]frac/g, '\\frac').replace(/\\left(?![a-zA-Z])|\\right(?![a-zA-Z])|\\big+l?r?(?![a-zA-Z])|\\Big+l?r?(?![a-zA-Z])/g, '');
  s = s.replace(/\\\(|\\\)|\\\[|\\\]|\$/g, '');
  s = s.replace(/(?<!\\)\\[!,;: ]|\\q?quad\b|~/g, ' ');
  s = s.replace(/\\leq?(?![a-zA-Z])|\\leqslant/g, '\\le ').replace(/\\geq?(?![a-zA-Z])|\\geqslant/g, '\\ge ').replace(/\\neq(?![a-zA-Z])/g, '\\ne ');
  s = s.replace(/\\dots|\\ldots|\\cdots/g, '...');
  s = s.replace(DEGREES, '');
  s = s.replace(/\{,\}/g, ',');
  s = s.trim().replace(/[.。]+$/, '').trim();
  let percent = false;
  if (/(?:\\%|%|\s*percent)$/.test(s)) {
    percent = true;
    s = s.replace(/(?:\\%|%|\s*percent)$/, '').trim();
  }
  s = s.replace(/\\%|%/g, '');
  // A clock time keeps its a.m. / p.m. (the "m" is not metres).
  const time = CLOCK.exec(s);
  if (time) return { s: `${time[1]}:${time[2]}${time[3] ? ':' + time[3] : ''}${time[4] ? ' ' + time[4].toLowerCase() + 'm' : ''}`, percent: false };
  // Units after a value (never a lone word: "m" alone stays a variable).
  for (let guard = 0; guard < 2; guard++) {
    const unit = UNIT_TAIL.exec(s) ?? CJK_UNIT_TAIL.exec(s);
    if (!unit || !/[\d}]/.test(unit[1])) break;
    s = unit[1].trim();
  }
  s = s.replace(/\s+/g, ' ').trim();
  while (s.startsWith('{') && readGroup(s, 0)?.end === s.length - 1) s = s.slice(1, -1).trim();
  return { s, percent };
}

// ---------------------------------------------------------------------------------------------
// Reading the structure of a cleaned side

type Value =
  | { k: 'num'; v: number; src: string; percent: boolean }
  | { k: 'expr'; src: string }
  | { k: 'text'; src: string }
  | { k: 'choice'; letter: string; rest?: string }
  | { k: 'ratio'; terms: [number, number]; src: string }
  | { k: 'time'; minutes: number; half?: 'am' | 'pm' }
  | { k: 'seq'; open: string; close: string; items: string[]; ordered: boolean }
  | { k: 'matrix'; rows: string[][] }
  | { k: 'eq'; lhs: string; rhs: string }
  | { k: 'json'; v: unknown }
  | { k: 'bad'; why: Localized };

/** Splits at top-level separators (outside braces, brackets and parentheses). */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && (s[i + 1] === '{' || s[i + 1] === '}')) {
      depth += s[i + 1] === '{' ? 1 : -1;
      i++;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(from, i));
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(s.slice(from));
  return parts.map((p) => p.trim());
}

/** Whether the first bracket of `s` closes at its last character. */
function wrapsWhole(s: string, open: number, closeAt: number): boolean {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && (s[i + 1] === '{' || s[i + 1] === '}')) {
      depth += s[i + 1] === '{' ? 1 : -1;
      i++;
      if (depth === 0) return i === s.length - 1 && i >= closeAt;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      depth--;
      if (depth === 0) return i === s.length - 1;
    }
  }
  return false;
}

const THOUSANDS = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const INEQ = /\\le |\\ge |<|>/;

function inequalityToInterval(s: string): Value | undefined {
  const ops = s.split(/(\\le |\\ge |<=|>=|<|>)/).map((x) => x.trim());
  const isVar = (x: string) => /^[a-zA-Z](?:_\{?\w+\}?)?$/.test(x);
  const low = (op: string) => (op === '<' ? '(' : '[');
  const high = (op: string) => (op === '<' ? ')' : ']');
  const norm = (op: string) => (op === '\\le' || op === '<=' ? '<=' : op === '\\ge' || op === '>=' ? '>=' : op);
  if (ops.length === 3) {
    const [a, op0, b] = ops;
    const op = norm(op0);
    if (isVar(a)) {
      if (op === '<' || op === '<=') return { k: 'seq', open: '(', close: op === '<' ? ')' : ']', items: ['-\\infty', b], ordered: true };
      return { k: 'seq', open: op === '>' ? '(' : '[', close: ')', items: [b, '\\infty'], ordered: true };
    }
    if (isVar(b)) {
      if (op === '<' || op === '<=') return { k: 'seq', open: op === '<' ? '(' : '[', close: ')', items: [a, '\\infty'], ordered: true };
      return { k: 'seq', open: '(', close: op === '>' ? ')' : ']', items: ['-\\infty', a], ordered: true };
    }
  }
  if (ops.length === 5 && isVar(ops[2])) {
    const o1 = norm(ops[1]);
    const o2 = norm(ops[3]);
    if ((o1 === '<' || o1 === '<=') && (o2 === '<' || o2 === '<=')) {
      return { k: 'seq', open: low(o1 === '<' ? '<' : '<='), close: high(o2 === '<' ? '<' : '<='), items: [ops[0], ops[4]], ordered: true };
    }
    if ((o1 === '>' || o1 === '>=') && (o2 === '>' || o2 === '>=')) {
      return { k: 'seq', open: o2 === '>' ? '(' : '[', close: o1 === '>' ? ')' : ']', items: [ops[4], ops[0]], ordered: true };
    }
  }
  return undefined;
}

function readValue(c: Cleaned, other?: string): Value {
  const s = c.s;
  if (s === '') return { k: 'bad', why: ref('reason.empty') };
  if (PLAIN_NUMBER.test(s)) return { k: 'num', v: Number(s), src: s, percent: c.percent };
  if (THOUSANDS.test(s)) return { k: 'num', v: Number(s.replace(/,/g, '')), src: s.replace(/,/g, ''), percent: c.percent };
  // JSON objects (logic-puzzle answers).
  if (s.startsWith('{') && s.endsWith('}') && s.includes('"')) {
    const v = jsonObject(s);
    if (v !== undefined) return { k: 'json', v };
  }
  // Multiple choice: (B), B, B., B), "B. 8", "(B) 8".
  const choice = /^\(([A-Ja-j])\)\s*(.*)$|^([A-J])(?:[.:)]\s*(.*))?$/.exec(s);
  if (choice) {
    const letter = (choice[1] ?? choice[3]).toUpperCase();
    const rest = (choice[2] ?? choice[4] ?? '').trim();
    return { k: 'choice', letter, ...(rest ? { rest } : {}) };
  }
  // Matrices.
  const matrix = /^\\begin\{([pbvBV]?matrix|array)\}(?:\{[^}]*\})?([\s\S]*)\\end\{\1\}$/.exec(s);
  if (matrix) {
    const rows = matrix[2]
      .split(/\\\\/)
      .map((r) => r.trim())
      .filter((r) => r !== '')
      .map((r) => r.split('&').map((x) => x.trim()));
    return { k: 'matrix', rows };
  }
  // Unions of intervals, then single intervals / tuples / sets.
  if (s.includes('\\cup')) {
    const parts = splitTop(s, '\\cup');
    if (parts.length > 1) return { k: 'seq', open: 'U', close: 'U', items: parts, ordered: false };
  }
  const first = s[0];
  const last = s[s.length - 1];
  if (s.startsWith('\\{') && s.endsWith('\\}') && wrapsWhole(s, 0, s.length - 1)) {
    const items = splitTop(s.slice(2, -2), ',').filter((x) => x !== '');
    return { k: 'seq', open: '{', close: '}', items, ordered: false };
  }
  if ((first === '(' || first === '[') && (last === ')' || last === ']') && wrapsWhole(s, 0, s.length - 1)) {
    const items = splitTop(s.slice(1, -1), ',');
    if (items.length > 1) return { k: 'seq', open: first, close: last, items, ordered: true };
  }
  // ± : the two values it stands for.
  const pm = splitTop(s, '\\pm');
  if (pm.length === 2 && !s.includes(',')) {
    const a = pm[0];
    const b = pm[1];
    return a === '' ? { k: 'seq', open: '', close: '', items: [b, `-(${b})`], ordered: false } : { k: 'seq', open: '', close: '', items: [`${a}+${b}`, `${a}-(${b})`], ordered: false };
  }
  // A bare list "1, 2" (solutions): in any order. Also "1 \text{ or } 2" / "1 and 2".
  const listed = splitTop(s, ',');
  if (listed.length > 1) return { k: 'seq', open: '', close: '', items: listed, ordered: false };
  const spoken = s.split(/\s+(?:or|and)\s+/);
  if (spoken.length > 1 && spoken.every((x) => /[\d\\]/.test(x))) return { k: 'seq', open: '', close: '', items: spoken, ordered: false };
  // Equations and inequalities.
  if (INEQ.test(s)) {
    const interval = inequalityToInterval(s);
    if (interval) return interval;
  }
  const sides = splitTop(s, '=');
  if (sides.length >= 2 && sides.every((x) => x !== '')) {
    const lhs = sides[0];
    const rhs = sides[sides.length - 1];
    // "x = 5", "AB = 1.8 \cdot 9 / 1.5 = 10.8": the value is the last side — unless the
    // reference is itself an equation.
    const otherIsEquation = other !== undefined && splitTop(other, '=').length >= 2;
    if (!otherIsEquation || sides.length > 2) return readValue({ s: rhs, percent: c.percent }, undefined);
    return { k: 'eq', lhs, rhs };
  }
  // `1:4`: a ratio, odds, or a clock time — which one, the question says (see `compareRatio`).
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([ap])m)?$/.exec(s);
  if (clock && (clock[4] || asked() === 'time')) {
    const h = Number(clock[1]);
    const m = Number(clock[2]);
    if (m < 60 && h < 24) return { k: 'time', minutes: h * 60 + m, ...(clock[4] ? { half: clock[4] === 'a' ? ('am' as const) : ('pm' as const) } : {}) };
  }
  const ratio = /^(-?\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (ratio) return { k: 'ratio', terms: [Number(ratio[1]), Number(ratio[2])], src: `${ratio[1]}:${ratio[2]}` };
  const n = evaluateNumber(s);
  if (n !== undefined) return { k: 'num', v: n, src: s, percent: c.percent };
  // Words: letters, spaces, a little punctuation, no LaTeX.
  if (/^[\p{L}\p{M}' -]+$/u.test(s) && /\p{L}{2}/u.test(s)) return { k: 'text', src: s };
  return { k: 'expr', src: s };
}

// ---------------------------------------------------------------------------------------------
// Comparing

type Outcome = { equal: boolean | null; why: Localized };

/** An outcome and its reason, a message of the catalogue (`reason.…`). */
function out(equal: boolean | null, id: MessageId, args?: Record<string, MessageArg>): Outcome {
  return { equal, why: ref(id, args) };
}

function closeNumbers(x: number, y: number): boolean {
  return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y)) || x === y;
}

function compareNumbers(a: Extract<Value, { k: 'num' }>, b: Extract<Value, { k: 'num' }>): Outcome {
  if (closeNumbers(a.v, b.v)) return out(true, 'reason.equal-values');
  if (a.percent !== b.percent) {
    const [p, q] = a.percent ? [a.v / 100, b.v] : [a.v, b.v / 100];
    if (closeNumbers(p, q)) return out(true, 'reason.equal-values-percent');
  }
  return out(false, 'reason.different-values', { answer: fmt(a.v), reference: fmt(b.v) });
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)));
}

const ARTICLES = /\b(?:the|a|an)\b/g;
function textKey(s: string): string {
  return s
    .toLowerCase()
    .replace(ARTICLES, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return textKey(a) === textKey(b) || compareStrings(a, b).equal === true;
  if (typeof a === 'number' && typeof b === 'string') return compareStrings(String(a), b).equal === true;
  if (typeof a === 'string' && typeof b === 'number') return compareStrings(a, String(b)).equal === true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    const norm = (k: string) => k.trim().toLowerCase();
    if (ka.length !== kb.length) return false;
    const mb = new Map(kb.map((k) => [norm(k), (b as Record<string, unknown>)[k]]));
    return ka.every((k) => mb.has(norm(k)) && sameJson((a as Record<string, unknown>)[k], mb.get(norm(k))));
  }
  return false;
}

function compareItems(xs: string[], ys: string[], ordered: boolean): Outcome {
  if (xs.length !== ys.length) return out(false, 'reason.item-count', { answer: xs.length, reference: ys.length });
  if (xs.length > MAX_ITEMS) return out(null, 'reason.too-many-items', { max: MAX_ITEMS });
  if (ordered) {
    for (let i = 0; i < xs.length; i++) {
      const o = compareStrings(xs[i], ys[i]);
      if (o.equal !== true) return o.equal === null ? o : out(false, 'reason.item-differs', { item: i + 1, reason: o.why });
    }
    return out(true, 'reason.items-in-order');
  }
  const used = new Array<boolean>(ys.length).fill(false);
  for (const x of xs) {
    let found = false;
    for (let j = 0; j < ys.length && !found; j++) {
      if (!used[j] && compareStrings(x, ys[j]).equal === true) {
        used[j] = true;
        found = true;
      }
    }
    if (!found) return out(false, 'reason.item-missing', { item: x });
  }
  return out(true, 'reason.items-any-order');
}

/** What the question asks for, as far as `a:b` answers go; undefined when there is no question or it says nothing. */
type Asked = 'ratio' | 'odds' | 'time' | 'other';

/** The clauses of a question that ask something: from "what / find / …" to the end of its sentence, else its last sentence. */
function askingClauses(question: string): string {
  const sentences = question.split(/(?<=[?？。！!])\s*|(?<=\.)\s+|\n+/).filter((x) => x.trim() !== '');
  const asking: string[] = [];
  for (const sentence of sentences) {
    const at = sentence.search(/\b(?:what|which|find|compute|calculate|determine|express|give|how|evaluate|write)\b|求|则|是多少|为多少|等于多少/i);
    if (at >= 0 || /[?？]\s*$|\(\s*\)|（\s*）/.test(sentence)) asking.push(at >= 0 ? sentence.slice(at) : sentence);
  }
  return asking.length > 0 ? asking.join(' ') : (sentences[sentences.length - 1] ?? '');
}

/** Reads what a question asks for: a ratio (`1:4` is `\frac14`), odds (a ratio too), a clock time (`1:04` is no number), or something else. */
export function askedFor(question: string): Asked {
  const q = askingClauses(question.length > 4000 ? question.slice(-4000) : question);
  if (/\bprobability\b|\bchance\b|概率|可能性/i.test(q)) return 'other';
  if (/\bwhat time\b|\bo['’]clock\b|\bclock\b|\b[ap]\.m\.|\btime of day\b|几点|时刻|什么时间|几时/i.test(q)) return 'time';
  if (/\bodds\b|赔率/i.test(q)) return 'odds';
  if (/\bratios?\b|\bproportion\b|比值|之比|比是|比为|比等于|比例/i.test(q)) return 'ratio';
  // Two quantities written with a colon between them: `a:b`, `AB:BC`, `S~AOD~:S~BOC~ = ()`.
  if (/[^\s\d:/]:[^\s\d:/]/.test(q)) return 'ratio';
  return 'other';
}

/** The question being checked, while compareAnswers runs, and what it asks for (read on first need). */
let questionText: string | undefined;
let askedMemo: Asked | undefined;
function asked(): Asked | undefined {
  if (questionText === undefined) return undefined;
  askedMemo ??= askedFor(questionText);
  return askedMemo;
}

const hhmm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * `a:b` against another value. As a ratio or odds (the question asks for one) it equals any
 * proportional ratio and the fraction `a/b`; as a clock time it equals the same time (12-hour
 * forms read with their a.m./p.m.), never a number; otherwise it is only the same pair.
 */
function compareRatio(a: Value, b: Value): Outcome {
  type Clock = Extract<Value, { k: 'time' }>;
  const clockText = (v: Clock) => hhmm(v.minutes) + (v.half ? ` ${v.half}` : '');
  // `13:04` against `1:04 p.m.`: written as a time, read as one.
  const asTime = (v: Value): Value => (v.k === 'ratio' && /^\d{1,2}:\d{2}$/.test(v.src) && v.terms[0] < 24 && v.terms[1] < 60 ? { k: 'time', minutes: v.terms[0] * 60 + v.terms[1] } : v);
  if (a.k === 'time' || b.k === 'time') {
    a = asTime(a);
    b = asTime(b);
    if (a.k !== 'time' || b.k !== 'time') return out(false, 'reason.time-vs-value');
    const at = (v: Clock, other: Clock) => {
      const h = Math.floor(v.minutes / 60) % 12;
      const m = v.minutes % 60;
      // 12-hour clock: read by its half; a bare time is read as the other side's half, when it has one.
      const half = v.half ?? (v.minutes >= 12 * 60 ? 'pm' : other.half);
      return half === undefined ? h * 60 + m : (half === 'pm' ? 12 * 60 : 0) + h * 60 + m;
    };
    const x = at(a, b);
    const y = at(b, a);
    const same = x === y || (a.half === undefined && b.half === undefined && x % (12 * 60) === y % (12 * 60));
    return same ? out(true, 'reason.same-time') : out(false, 'reason.different-times', { answer: clockText(a), reference: clockText(b) });
  }
  const kind = asked();
  const proportional = kind === 'ratio' || kind === 'odds';
  if (a.k === 'ratio' && b.k === 'ratio') {
    const [p, q] = a.terms;
    const [r, t] = b.terms;
    if (closeNumbers(p, r) && closeNumbers(q, t)) return out(true, 'reason.same-ratio');
    if (proportional && closeNumbers(p * t, q * r)) return out(true, kind === 'odds' ? 'reason.same-odds-proportional' : 'reason.same-ratio-proportional');
    return out(false, proportional ? (kind === 'odds' ? 'reason.different-odds' : 'reason.different-ratios') : 'reason.different-pairs');
  }
  const ratio = (a.k === 'ratio' ? a : b) as Extract<Value, { k: 'ratio' }>;
  const other = a.k === 'ratio' ? b : a;
  if (!proportional) return out(false, 'reason.ratio-not-asked', { ratio: ratio.src });
  if (ratio.terms[1] === 0) return out(false, 'reason.ratio-zero-term');
  const value = ratio.terms[0] / ratio.terms[1];
  const n = other.k === 'num' ? other.v : other.k === 'expr' ? evaluateNumber(other.src) : undefined;
  if (n === undefined) return out(false, kind === 'odds' ? 'reason.odds-vs-nan' : 'reason.ratio-vs-nan');
  const odds = kind === 'odds';
  return closeNumbers(value, n)
    ? out(true, odds ? 'reason.odds-is' : 'reason.ratio-is', { ratio: ratio.src, value: fmt(value) })
    : out(false, odds ? 'reason.odds-is-not' : 'reason.ratio-is-not', { ratio: ratio.src, value: fmt(value), other: fmt(n) });
}

function compareValues(a: Value, b: Value, ca: Cleaned, cb: Cleaned): Outcome {
  if (b.k === 'bad') return out(null, 'reason.reference-not-checkable', { reason: b.why });
  if (a.k === 'bad') return out(false, 'reason.answer-bad', { reason: a.why });
  if (a.k === 'num' && b.k === 'num') return compareNumbers(a, b);
  if (a.k === 'ratio' || b.k === 'ratio' || a.k === 'time' || b.k === 'time') return compareRatio(a, b);
  if (b.k === 'choice') {
    if (a.k === 'choice') return a.letter === b.letter ? out(true, 'reason.same-choice') : out(false, 'reason.choice-vs-choice', { answer: a.letter, reference: b.letter });
    // The value itself, when the question lists the choices: compared with the reference's choice.
    const option = options?.get(b.letter);
    if (option !== undefined) {
      const o = compareStrings(ca.s, option);
      return o.equal === true ? out(true, 'reason.value-of-choice', { letter: b.letter, option }) : out(false, 'reason.not-value-of-choice', { letter: b.letter, option });
    }
    return out(false, 'reason.reference-is-choice');
  }
  if (a.k === 'choice') {
    // "A. 8" when the reference is the value itself.
    if (a.rest) return compareStrings(a.rest, cb.s);
    // A bare letter: the value the question gives that choice.
    const option = options?.get(a.letter);
    if (option !== undefined) {
      const o = compareStrings(option, cb.s);
      return o.equal === true ? out(true, 'reason.choice-is-reference', { letter: a.letter, option }) : out(false, 'reason.choice-not-reference', { letter: a.letter, option });
    }
    return out(false, 'reason.choice-vs-value', { letter: a.letter });
  }
  if (a.k === 'json' || b.k === 'json') {
    if (a.k === 'json' && b.k === 'json') return sameJson(a.v, b.v) ? out(true, 'reason.same-object') : out(false, 'reason.different-objects');
    return out(false, 'reason.object-vs-value');
  }
  if (a.k === 'seq' || b.k === 'seq') {
    if (a.k !== 'seq' || b.k !== 'seq') {
      // "1, 2" vs "\{1, 2\}": fine; a list vs a single value is not.
      return a.k === 'seq' ? out(false, 'reason.values-vs-one', { count: a.items.length }) : out(false, 'reason.one-vs-values', { count: (b as { items: string[] }).items.length });
    }
    const bracketed = (v: typeof a) => v.open !== '';
    if (bracketed(a) && bracketed(b)) {
      if (a.open === '{' || b.open === '{') {
        if (a.open !== b.open) return out(false, 'reason.set-vs-tuple');
        return compareItems(a.items, b.items, false);
      }
      if (a.open === 'U' || b.open === 'U') {
        if (a.open !== b.open) return out(false, 'reason.union-vs-interval');
        return compareItems(a.items, b.items, false);
      }
      if (a.open !== b.open || a.close !== b.close) return out(false, 'reason.brackets-differ', { answer: `${a.open}…${a.close}`, reference: `${b.open}…${b.close}` });
      return compareItems(a.items, b.items, true);
    }
    // A bare list against a bracketed one: a set or tuple written without its brackets.
    const ordered = (bracketed(a) && a.ordered) || (bracketed(b) && b.ordered);
    return compareItems(a.items, b.items, ordered && a.open !== '{' && b.open !== '{' ? true : false);
  }
  if (a.k === 'matrix' || b.k === 'matrix') {
    if (a.k !== 'matrix' || b.k !== 'matrix') return out(false, 'reason.matrix-vs-value');
    if (a.rows.length !== b.rows.length) return out(false, 'reason.row-count');
    for (let r = 0; r < a.rows.length; r++) {
      const o = compareItems(a.rows[r], b.rows[r], true);
      if (o.equal !== true) return o.equal === null ? o : out(false, 'reason.row-differs', { row: r + 1 });
    }
    return out(true, 'reason.cells-equal');
  }
  if (a.k === 'eq' || b.k === 'eq') {
    if (a.k !== 'eq' || b.k !== 'eq') return out(false, 'reason.equation-vs-value');
    const same = compareStrings(a.lhs, b.lhs).equal === true && compareStrings(a.rhs, b.rhs).equal === true;
    const swapped = !same && compareStrings(a.lhs, b.rhs).equal === true && compareStrings(a.rhs, b.lhs).equal === true;
    if (same || swapped) return out(true, 'reason.same-equation');
    const o = symbolicEqual(`${a.lhs}-(${a.rhs})`, `${b.lhs}-(${b.rhs})`);
    if (o.equal === true) return out(true, 'reason.same-equation-rearranged');
    const neg = symbolicEqual(`${a.lhs}-(${a.rhs})`, `${b.rhs}-(${b.lhs})`);
    if (neg.equal === true) return out(true, 'reason.same-equation-rearranged');
    return o.equal === null && neg.equal === null ? o : out(false, 'reason.different-equations');
  }
  if (a.k === 'text' || b.k === 'text') {
    if (textKey(ca.s) === textKey(cb.s)) return out(true, 'reason.same-text');
    return out(false, 'reason.different-text');
  }
  // A number against an expression, or two expressions: the compute engine decides.
  const sa = a.k === 'num' ? a.src : a.src;
  const sb = b.k === 'num' ? b.src : b.src;
  if (sa.replace(/\s+/g, '') === sb.replace(/\s+/g, '')) return out(true, 'reason.same-expression');
  const o = symbolicEqual(sa, sb);
  if (o.equal === null && o.why.id === 'reason.answer-not-checkable' && symbolicParses(sb)) return { equal: false, why: ref('reason.answer-malformed', o.why.args) };
  // A number as the reference, and an answer the engine cannot reduce to one.
  if (o.equal === null && b.k === 'num' && o.why.id !== 'reason.reference-not-checkable') return out(false, 'reason.not-a-number');
  return o;
}

const cleanCache = new Map<string, Cleaned>();

function cleaned(raw: string): Cleaned {
  let c = cleanCache.get(raw);
  if (c === undefined) {
    c = cleanAnswer(raw);
    if (cleanCache.size > 4000) cleanCache.clear();
    cleanCache.set(raw, c);
  }
  return c;
}

let depth = 0;

/** Compares two answer strings (no structure view kept): equal, different or not checkable. */
function compareStrings(answer: string, reference: string): Outcome {
  if (answer === reference) return out(true, 'reason.identical');
  if (depth > 6) return out(null, 'reason.nested-too-deeply');
  depth++;
  try {
    const ca = cleaned(answer);
    const cb = cleaned(reference);
    if (ca.s === cb.s && ca.percent === cb.percent) return out(true, 'reason.normalised');
    return compareValues(readValue(ca, cb.s), readValue(cb, ca.s), ca, cb);
  } finally {
    depth--;
  }
}

/** The choices of the question being checked (letter → its text), while compareAnswers runs. */
let options: Map<string, string> | undefined;

/**
 * The lettered choices a question lists — `(A) 8`, `A. 8`, `A) 8`, `A: 8`, `A．8`, one per
 * line or in a row — when they run A, B, … without a gap (at least two). Empty otherwise.
 */
export function questionChoices(question: string): Map<string, string> {
  const found = new Map<string, string>();
  const marker = /(?:^|[\s(（。，,：:；;])\(?([A-J])(?:\)|[.:：．、])\s*/g;
  const hits: { letter: string; start: number; end: number }[] = [];
  for (let m = marker.exec(question); m; m = marker.exec(question)) {
    const letter = m[1];
    const expected = String.fromCharCode(65 + hits.length);
    if (letter === expected) hits.push({ letter, start: m.index, end: m.index + m[0].length });
    else if (letter === 'A') {
      hits.length = 0;
      hits.push({ letter, start: m.index, end: m.index + m[0].length });
    }
  }
  if (hits.length < 2) return found;
  for (let k = 0; k < hits.length; k++) {
    const stop = k + 1 < hits.length ? hits[k + 1].start : question.length;
    let text = question.slice(hits[k].end, stop);
    const line = text.search(/\n/);
    if (line >= 0) text = text.slice(0, line);
    text = text.trim().replace(/[;,，；]$/, '').trim();
    if (text && text.length <= MAX_ANSWER_CHARS) found.set(hits[k].letter, text);
  }
  return found.size >= 2 ? found : new Map();
}

/**
 * Compares a final answer with the reference: `equal` is null ("not checkable") when the
 * reference cannot be read or a limit was hit, and `reason` says which. With the question, a
 * choice letter and the value the question gives that choice are the same answer (`B` vs `8`
 * when the question lists `(B) 8`), and `1:4` is `\frac14` when the question asks for a ratio
 * (or odds) and a clock time when it asks for one (see `askedFor`).
 */
export function compareAnswers(answer: string, reference: string, question?: string): Comparison {
  options = question && /\b[B-J]\b/.test(question) ? questionChoices(question) : undefined;
  questionText = question;
  askedMemo = undefined;
  try {
    return compareWith(answer, reference);
  } finally {
    options = undefined;
    questionText = undefined;
  }
}

/** A comparison with its reason in English beside the message (the machine output keeps the English). */
function done(o: Outcome, answer: string, reference: string): Comparison {
  return { equal: o.equal, reason: render(o.why), why: o.why, answer, reference };
}

function compareWith(answer: string, reference: string): Comparison {
  const a = answer.trim();
  const r = reference.trim();
  // The common case, cheaply: two plain numbers.
  if (PLAIN_NUMBER.test(a) && PLAIN_NUMBER.test(r)) {
    const x = Number(a);
    const y = Number(r);
    return done(closeNumbers(x, y) ? out(true, 'reason.equal-values') : out(false, 'reason.different-values', { answer: fmt(x), reference: fmt(y) }), a, r);
  }
  if (r.length > MAX_ANSWER_CHARS) return done(out(null, 'reason.reference-too-long', { max: MAX_ANSWER_CHARS }), a, r.slice(0, 80));
  if (a.length > MAX_ANSWER_CHARS) return done(out(null, 'reason.answer-too-long', { max: MAX_ANSWER_CHARS }), a.slice(0, 80), r);
  try {
    depth = 0;
    const o = compareStrings(a, r);
    return done(o, cleaned(a).s + (cleaned(a).percent ? '%' : ''), cleaned(r).s + (cleaned(r).percent ? '%' : ''));
  } catch {
    return done(out(null, 'reason.failed'), a, r);
  }
}

/**
 * Whether the reference is a word or a name (`Evelyn`, `\\text{odd}`), or yes / no: then its
 * answer may be read from the final sentence (a yes-or-no reference only from a yes or a no).
 */
export function isWordAnswer(reference: string): false | 'word' | 'yes-no' {
  try {
    const c = cleaned(reference.trim());
    if (readValue(c).k !== 'text') return false;
    return /^(?:yes|no)$/i.test(c.s) ? 'yes-no' : 'word';
  } catch {
    return false;
  }
}

/** Whether the reference can be read as a mathematical value (open-r1 gives `null` otherwise). */
export function referenceParses(reference: string): boolean {
  try {
    const c = cleaned(reference.trim());
    const v = readValue(c);
    if (v.k === 'bad' || v.k === 'text' || v.k === 'json') return false;
    if (v.k === 'expr') return symbolicParses(v.src);
    return true;
  } catch {
    return false;
  }
}
