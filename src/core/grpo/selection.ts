/**
 * Reading rewards typed or selected by a user: "0 1 1 0", "0, 1, 1, 0", one per line, a JSON
 * array, or several JSON arrays (one group each). Records (JSON objects) are recognised so the
 * caller can score them instead. Messages come in English with their catalogue id and arguments
 * (`l10n`), so the CLI and the extension can show them in their locale.
 */
import { msg, type Localized } from '../messages';

export type RewardList = Array<number | null>;

/** A problem as the parsers return it: `error` in English, `l10n` to render it in another locale. */
function problem(text: { message: string; l10n: Localized }): { error: string; l10n: Localized } {
  return { error: text.message, l10n: text.l10n };
}

export type ParsedSelection =
  | { kind: 'numbers'; groups: RewardList[] }
  | { kind: 'records' }
  | { kind: 'empty' }
  /** `token`: the text that is not a number (and `line`, its line), for a face that words the message itself. */
  | { kind: 'invalid'; message: string; l10n: Localized; token?: string; line?: number };

/** Words accepted for a missing reward. */
const MISSING = new Set(['null', 'none', 'nan', 'na', 'n/a', '-', '']);

/** A number written by a person or a program: 1, -0.5, .5, 1e-3, +2; `null`/`None`/`NaN` → null. */
export function parseRewardToken(token: string): number | null | undefined {
  const t = token.trim();
  if (MISSING.has(t.toLowerCase())) return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const value = Number(t);
  return Number.isFinite(value) ? value : undefined;
}

function jsonNumberList(value: unknown): RewardList | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: RewardList = [];
  for (const v of value) {
    if (v === null) out.push(null);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
    else return undefined;
  }
  return out;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Reads a list of rewards written as plain text: separated by commas, semicolons, spaces or line breaks. */
export function parseRewardText(text: string): { values: RewardList } | { error: string; l10n: Localized; token: string } {
  const body = text.trim().replace(/^\[|\]$/g, '');
  if (!body.trim()) return { values: [] };
  const tokens = body.split(/[\s,;]+/).filter((t) => t.length > 0);
  const values: RewardList = [];
  for (const token of tokens) {
    const value = parseRewardToken(token);
    if (value === undefined) {
      const shown = token.length > 40 ? token.slice(0, 40) + '…' : token;
      return { ...problem(msg('selection.not-a-number', { token: shown })), token: shown };
    }
    values.push(value);
  }
  return { values };
}

/**
 * Decides what a selection holds.
 *  - a JSON array of numbers → one group; a JSON array of such arrays → one group each;
 *  - one JSON array of numbers per line → one group per line;
 *  - a JSON object, JSON Lines of objects, or an array of objects → `records`;
 *  - plain numbers: each line is one group (`0,1,1,0⏎1,1,1,1` → two groups of 4); a column
 *    of one number per line is one group, and blank lines separate such columns.
 */
export function parseSelection(text: string): ParsedSelection {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const first = trimmed[0];
  if (first === '{') return { kind: 'records' };
  if (first === '[') {
    const whole = tryJson(trimmed);
    if (whole.ok) {
      const list = jsonNumberList(whole.value);
      if (list) return list.length ? { kind: 'numbers', groups: [list] } : { kind: 'empty' };
      const value = whole.value as unknown[];
      const nested = value.map(jsonNumberList);
      if (value.length && nested.every((g) => g !== undefined)) return { kind: 'numbers', groups: nested as RewardList[] };
      if (value.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) return { kind: 'records' };
      return { kind: 'invalid', ...msg('selection.json-mixed') };
    }
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim());
    const groups: RewardList[] = [];
    for (let i = 0; i < lines.length; i++) {
      const parsed = tryJson(lines[i].trim().replace(/,$/, ''));
      const list = parsed.ok ? jsonNumberList(parsed.value) : undefined;
      if (!list) {
        const loose = parseRewardText(lines[i]);
        if ('error' in loose) return { kind: 'invalid', ...msg('selection.line', { line: i + 1, error: loose.l10n }), token: loose.token, line: i + 1 };
        groups.push(loose.values);
      } else groups.push(list);
    }
    return { kind: 'numbers', groups: groups.filter((g) => g.length) };
  }
  const lines: RewardList[] = [];
  const blank: boolean[] = [];
  for (const line of trimmed.split(/\r?\n/)) {
    const parsed = parseRewardText(line);
    if ('error' in parsed) return { kind: 'invalid', ...msg('selection.not-rewards', { error: parsed.l10n }), token: parsed.token };
    lines.push(parsed.values);
    blank.push(parsed.values.length === 0);
  }
  const groups: RewardList[] = [];
  if (lines.every((l) => l.length <= 1)) {
    // A column: one group, or one per block between blank lines.
    let current: RewardList = [];
    lines.forEach((l, i) => {
      if (blank[i]) {
        if (current.length) groups.push(current);
        current = [];
      } else current.push(l[0]);
    });
    if (current.length) groups.push(current);
  } else for (const l of lines) if (l.length) groups.push(l);
  return groups.length ? { kind: 'numbers', groups } : { kind: 'empty' };
}

/**
 * Reads `name=weight` pairs ("format=1,accuracy=2"); returns the weights or a message.
 * Names may be reward names or 0-based positions.
 */
export function parseWeights(text: string): { weights: Record<string, number> } | { error: string; l10n: Localized } {
  const weights: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return problem(msg('selection.not-name-weight', { part }));
    const name = part.slice(0, eq).trim();
    const value = Number(part.slice(eq + 1).trim());
    if (!part.slice(eq + 1).trim() || !Number.isFinite(value)) return problem(msg('selection.weight-not-number', { name }));
    weights[name] = value;
  }
  return { weights };
}
