/**
 * The review sidecar: decisions about a dataset's records, kept beside it in
 * `<dataset>.review.jsonl`, one JSON object per line, appended and never rewritten in place
 * (compaction writes a new file). Each entry names its record twice — by position and by a
 * hash of the record's source text — so decisions follow a record that moved and are
 * flagged as stale when the record itself changed.
 *
 *   {"i":12,"h":"af63dc4c8601ec8c","d":"accept","labels":["clean"],"comment":"…","id":"math500_0012","by":"ada","t":"2026-…"}
 *
 * `id` (the record's own id, when it has one), `by` (the reviewer) and `t` (the time) are for
 * people and tools reading the sidecar; matching uses `i` and `h` only, so older sidecars
 * without them read the same.
 * For a given key (position + hash) the last entry wins. `d: null` clears a decision.
 */
import { msg, type Localized } from '../messages';

export const DECISIONS = ['accept', 'reject', 'skip'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface SidecarEntry {
  /** 0-based record index when the decision was taken. */
  i: number;
  /** Content hash of the record's source text (hashText / hashBytes). */
  h: string;
  /** The decision, or null when it was cleared. */
  d: Decision | null;
  labels?: string[];
  comment?: string;
  /** ISO time of the decision. */
  t?: string;
  /** The record's own id (`id`, `item_id`, …), when it has one. */
  id?: string;
  /** Who decided (git user.name, else the OS user). */
  by?: string;
}

export interface SidecarProblem {
  /** 1-based line of the sidecar. */
  line: number;
  /** In English; `l10n` renders it in the user's locale. */
  message: string;
  l10n: Localized;
}

export interface ParsedSidecar {
  /** Entries in file order (later ones override earlier ones with the same key). */
  entries: SidecarEntry[];
  problems: SidecarProblem[];
  /** The last line was incomplete (no line break and not valid JSON): a write was cut short. */
  torn: boolean;
}

export function entryKey(entry: Pick<SidecarEntry, 'i' | 'h'>): string {
  return `${entry.i}:${entry.h}`;
}

function isEntry(value: unknown): value is SidecarEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (!Number.isInteger(v.i) || (v.i as number) < 0 || typeof v.h !== 'string' || !/^[0-9a-f]{16}$/.test(v.h)) return false;
  if (v.d !== null && !DECISIONS.includes(v.d as Decision)) return false;
  if (v.labels !== undefined && !(Array.isArray(v.labels) && v.labels.every((l) => typeof l === 'string'))) return false;
  if (v.comment !== undefined && typeof v.comment !== 'string') return false;
  if (v.id !== undefined && typeof v.id !== 'string') return false;
  if (v.by !== undefined && typeof v.by !== 'string') return false;
  return true;
}

/** One sidecar line (with its line break). */
export function formatEntry(entry: SidecarEntry): string {
  const out: SidecarEntry = { i: entry.i, h: entry.h, d: entry.d };
  if (entry.labels?.length) out.labels = entry.labels;
  if (entry.comment) out.comment = entry.comment;
  if (entry.id !== undefined) out.id = entry.id;
  if (entry.by) out.by = entry.by;
  if (entry.t) out.t = entry.t;
  return JSON.stringify(out) + '\n';
}

/**
 * Reads a sidecar. Lines that are not entries are reported and skipped; a last line without
 * a line break that does not parse is a torn write (reported, ignored).
 */
export function parseSidecar(text: string): ParsedSidecar {
  const entries: SidecarEntry[] = [];
  const problems: SidecarProblem[] = [];
  let torn = false;
  // A byte order mark (an editor may add one) is not part of the first entry.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  lines.forEach((raw, n) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    const last = n === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (last) {
        torn = true;
        problems.push({ line: n + 1, ...msg('sidecar.torn') });
      } else {
        problems.push({ line: n + 1, ...msg('sidecar.invalid-json') });
      }
      return;
    }
    if (!isEntry(value)) {
      problems.push({ line: n + 1, ...msg('sidecar.not-entry') });
      return;
    }
    entries.push(value);
  });
  return { entries, problems, torn };
}

/** The latest entry per key, in order of last write. */
export function latestEntries(entries: readonly SidecarEntry[]): SidecarEntry[] {
  const byKey = new Map<string, SidecarEntry>();
  for (const entry of entries) {
    const key = entryKey(entry);
    byKey.delete(key);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/**
 * The compacted sidecar: the latest entry per key, in order of last write. A cleared entry
 * (d: null) is dropped only when no other entry names the same content: while one does, the
 * clearing is what keeps that older decision from coming back (a record decided at one
 * position, moved, then cleared). Matching a compacted sidecar gives what matching the
 * whole one gives.
 */
export function compactEntries(entries: readonly SidecarEntry[]): string {
  const latest = latestEntries(entries);
  const perHash = new Map<string, number>();
  for (const e of latest) perHash.set(e.h, (perHash.get(e.h) ?? 0) + 1);
  return latest
    .filter((e) => e.d !== null || (perHash.get(e.h) ?? 0) > 1)
    .map(formatEntry)
    .join('');
}

export interface RecordDecision {
  decision: Decision;
  labels: string[];
  comment: string;
  /**
   * How the entry was matched: `exact` (same position and content), `moved` (same content,
   * other position), `stale` (same position, the content changed since the decision).
   */
  match: 'exact' | 'moved' | 'stale';
  /** Position the decision was taken at. */
  from: number;
}

/**
 * Attaches the sidecar's decisions to the records of the dataset as it is now.
 * `hashes[k]` is the content hash of record k. Matching, in order:
 *  1. content that occurs once in the dataset takes the latest entry with its hash, at
 *     whatever position it was written (`exact` when that is the record's position, else
 *     `moved`): a decision taken after the record moved overrides one taken before, also
 *     when the record later moves back;
 *  2. content that occurs several times: same position and same hash, then the same hash
 *     at another position (the nearest one);
 *  3. same position, different hash, when that hash no longer belongs to any record
 *     (the record was edited) and the nearest decisions matched by hash on either side did
 *     not move (else records were deleted or inserted around it, and the record now at
 *     that position is another one): the decision is kept and flagged stale.
 * Cleared decisions (d: null) take part in matching, so clearing wins over an older entry.
 */
export function matchDecisions(entries: readonly SidecarEntry[], hashes: readonly string[]): Map<number, RecordDecision> {
  const latest = latestEntries(entries);
  const result = new Map<number, RecordDecision>();
  const used = new Set<SidecarEntry>();
  const matched = new Set<number>();
  const take = (index: number, entry: SidecarEntry, match: RecordDecision['match']) => {
    used.add(entry);
    matched.add(index);
    if (entry.d === null) return;
    result.set(index, { decision: entry.d, labels: entry.labels ?? [], comment: entry.comment ?? '', match, from: entry.i });
  };
  const occurrences = new Map<string, number>();
  for (const hash of hashes) occurrences.set(hash, (occurrences.get(hash) ?? 0) + 1);
  // 1. content that occurs once: its latest entry (latestEntries is in order of last write)
  const allByHash = new Map<string, SidecarEntry[]>();
  for (const entry of latest) {
    const list = allByHash.get(entry.h);
    if (list) list.push(entry);
    else allByHash.set(entry.h, [entry]);
  }
  hashes.forEach((hash, index) => {
    const list = occurrences.get(hash) === 1 ? allByHash.get(hash) : undefined;
    if (!list) return;
    // Every older entry of this content is settled too: none may land elsewhere as stale.
    for (const e of list) used.add(e);
    const entry = list[list.length - 1];
    take(index, entry, entry.i === index ? 'exact' : 'moved');
  });
  // 2. repeated content: same position first
  const byKey = new Map(latest.map((e) => [entryKey(e), e]));
  hashes.forEach((hash, index) => {
    if (matched.has(index)) return;
    const entry = byKey.get(`${index}:${hash}`);
    if (entry && !used.has(entry)) take(index, entry, 'exact');
  });
  // then the same content elsewhere
  const byHash = new Map<string, SidecarEntry[]>();
  for (const entry of latest) {
    if (used.has(entry)) continue;
    const list = byHash.get(entry.h);
    if (list) list.push(entry);
    else byHash.set(entry.h, [entry]);
  }
  hashes.forEach((hash, index) => {
    if (matched.has(index)) return;
    const candidates = byHash.get(hash)?.filter((e) => !used.has(e));
    if (!candidates?.length) return;
    let best = candidates[0];
    for (const c of candidates) if (Math.abs(c.i - index) < Math.abs(best.i - index) || (Math.abs(c.i - index) === Math.abs(best.i - index) && c.t && best.t && c.t > best.t)) best = c;
    take(index, best, 'moved');
  });
  // 3. stale: the record at that position changed
  const current = new Set(hashes);
  const byIndex = new Map<number, SidecarEntry>();
  for (const entry of latest) {
    if (used.has(entry) || current.has(entry.h)) continue;
    byIndex.set(entry.i, entry); // later writes win
  }
  // A record that was deleted (or one inserted before it) shifts its neighbours: the record
  // now at the old position is another one, not an edit. The nearest decisions matched by
  // hash on either side tell: if one of them moved, positions around here shifted, and the
  // orphaned decision is left unmatched (it stays in the sidecar) instead of landing on the
  // wrong record.
  const anchors = [...result.entries()].filter(([, d]) => d.match !== 'stale').map(([index, d]) => ({ index, shift: index - d.from }));
  anchors.sort((a, b) => a.index - b.index);
  const shifted = (index: number) => {
    let before: number | undefined;
    let after: number | undefined;
    for (const a of anchors) {
      if (a.index < index) before = a.shift;
      else if (a.index > index && after === undefined) after = a.shift;
    }
    return (before !== undefined && before !== 0) || (after !== undefined && after !== 0);
  };
  for (const [index, entry] of byIndex) {
    if (index < hashes.length && !matched.has(index) && !shifted(index)) take(index, entry, 'stale');
  }
  return result;
}

/** Name of the sidecar of a dataset file. */
export function sidecarPathFor(datasetPath: string): string {
  return `${datasetPath}.review.jsonl`;
}
