import { readGroup } from './extract';

/**
 * Normalising final answers before comparing them with the reference. Written for math
 * answers: the aim is that two ways of writing the same value compare equal, while
 * different values never do. Order inside sets and tuples is kept (`(1,2)` ≠ `(2,1)`).
 */

const UNWRAP = ['\\text', '\\textbf', '\\textit', '\\textrm', '\\mathrm', '\\mathbf', '\\mathit', '\\operatorname', '\\mbox', '\\boxed', '\\fbox'];

function unwrapCommands(s: string): string {
  for (let guard = 0; guard < 20; guard++) {
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
  return s;
}

/** `\frac12` → `\frac{1}{2}`, `\sqrt2` → `\sqrt{2}`. */
function braceShorthand(s: string): string {
  return s
    .replace(/\\frac(\d)(\d)/g, '\\frac{$1}{$2}')
    .replace(/\\frac\{([^{}]*)\}(\d)/g, '\\frac{$1}{$2}')
    .replace(/\\frac(\d)\{/g, '\\frac{$1}{')
    .replace(/\\sqrt(\d+)/g, '\\sqrt{$1}');
}

const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const UNIT_TAIL = /^(-?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:\/\d+)?)\s*(?:[a-zA-Z]+(?:\^\{?\d\}?)?)(?:\s+[a-zA-Z]+(?:\^\{?\d\}?)?){0,2}$/;

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The normalised form of an answer. */
export function normalizeAnswer(raw: string): string {
  let s = raw.trim();
  // A plain number (the common case) is already in normal form: none of the steps below changes it.
  if (PLAIN_NUMBER.test(s)) return s;
  s = unwrapCommands(s);
  s = s.replace(/\\[dt]frac/g, '\\frac').replace(/\\left(?![a-zA-Z])/g, '').replace(/\\right(?![a-zA-Z])/g, '');
  s = s.replace(/\\\(|\\\)|\\\[|\\\]|\$/g, '');
  s = s.replace(/\\[!,;: ]|\\q?quad\b|~/g, ' ');
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|°|\\degree/g, '');
  s = s.replace(/\\%|%/g, '');
  s = s.replace(/\{,\}/g, ',');
  s = s.trim().replace(/[.。]$/, '').trim();
  // "x = 3" → "3" (a single variable on the left, one equals sign).
  const assignment = /^[a-zA-Z](?:_\{?\w+\}?)?\s*=\s*([^=]+)$/.exec(s);
  if (assignment) s = assignment[1].trim();
  // Multiple choice: "(B)", "B)", "\text{(B)}" → "B".
  const choice = /^\(?([A-Ea-e])\)$|^\(([A-Ea-e])\)?$|^([A-E])[.:]?$/.exec(s);
  if (choice) return (choice[1] ?? choice[2] ?? choice[3]).toUpperCase();
  // Trailing units: "5 cm", "12 square units".
  const unit = UNIT_TAIL.exec(s);
  if (unit) s = unit[1];
  s = s.replace(/\s+/g, '');
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  s = braceShorthand(s);
  while (s.startsWith('{') && readGroup(s, 0)?.end === s.length - 1) s = s.slice(1, -1);
  if (/^[a-zA-Z]+$/.test(s)) s = s.toLowerCase();
  return s;
}

/** The numeric value of a normalised answer when it is a plain number, fraction or decimal. */
export function numericValue(s: string): number | undefined {
  if (/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return Number(s);
  let m = /^(-?)(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(s);
  if (!m) m = /^(-?)\\frac\{(-?\d+(?:\.\d+)?)\}\{(\d+(?:\.\d+)?)\}$/.exec(s);
  if (m) {
    const d = Number(m[3]);
    if (d === 0) return undefined;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) / d);
  }
  return undefined;
}

/** Whether two answers are the same after normalisation (numbers compared by value). */
export function answersMatch(got: string, expected: string): boolean {
  if (got === expected) return true;
  const a = normalizeAnswer(got);
  const b = normalizeAnswer(expected);
  if (a === b) return true;
  const x = numericValue(a);
  const y = numericValue(b);
  if (x === undefined || y === undefined) return false;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}
