/**
 * Self-correction phrases: the "aha" words a reasoning model uses when it stops and
 * re-examines its work. Counted only at the start of a sentence (after `.`, `!`, `?`, a
 * line break, or at the start of the thought), case-sensitively, so "but wait" mid-sentence
 * and words such as "Waiting" do not count.
 *
 * Shared by the engine (`stats.reflections`), the grammar and the statistics views.
 */
export const REFLECTION_PHRASES: readonly string[] = [
  'But wait',
  'Wait',
  'Hmm',
  'Hold on',
  'Let me re-check',
  'Let me recheck',
  'Let me double-check',
  'Let me double check',
  'Let me verify',
  'Let me reconsider',
  'Let me think again',
  'Let me check again',
  'Alternatively',
  'Actually',
  'On second thought',
  'Oh wait',
  'No, wait',
  'Oops',
  '等等',
  '不对',
  '再检查',
  '让我再',
];

// Bucket the phrases by first character for a cheap check at each sentence start.
const BY_FIRST = new Map<number, string[]>();
for (const phrase of [...REFLECTION_PHRASES].sort((a, b) => b.length - a.length)) {
  const c = phrase.charCodeAt(0);
  const list = BY_FIRST.get(c) ?? [];
  list.push(phrase);
  BY_FIRST.set(c, list);
}

const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** The reflection phrase starting at `i`, if any (must end at a word boundary for Latin phrases). */
export function reflectionAt(text: string, i: number): string | undefined {
  const list = BY_FIRST.get(text.charCodeAt(i));
  if (!list) return undefined;
  for (const phrase of list) {
    if (text.startsWith(phrase, i) && !isLetter(text.charCodeAt(i + phrase.length))) return phrase;
  }
  return undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A sentence start (text start, line break, `. ! ?` or their CJK forms, `，`), optional
// spaces / `*` / `"`, then a phrase not followed by a Latin letter.
const PATTERN = new RegExp(
  `(?:^|[\\n.!?\u3002\uff01\uff1f\uff0c])[ \\t*"]*(?:${[...REFLECTION_PHRASES]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![A-Za-z])`,
  'g',
);

/** Counts sentence-initial reflection phrases in `text[start, end)`. One regular-expression scan, no backtracking across sentences. */
export function countReflections(text: string, start = 0, end = text.length): number {
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  PATTERN.lastIndex = 0;
  let count = 0;
  while (PATTERN.exec(slice) !== null) count++;
  return count;
}
