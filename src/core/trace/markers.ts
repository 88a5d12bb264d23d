import type { Convention } from '../types';

/** The markers the trace parser recognises. */
export type MarkerName =
  | 'think'
  | 'answer'
  | 'reasoning'
  | 'thought'
  | 'solution'
  | 'special';

/** One marker occurrence in a trace's text. */
export interface Tag {
  name: MarkerName;
  /** `open` for `<think>`, `close` for `</think>`; `sep` for the cold-start `|special_token|`. */
  kind: 'open' | 'close' | 'sep';
  start: number;
  end: number;
}

/** The literal text of every marker, as it is written. */
export const MARKER_TEXT: Record<MarkerName, { open: string; close: string }> = {
  think: { open: '<think>', close: '</think>' },
  answer: { open: '<answer>', close: '</answer>' },
  reasoning: { open: '<reasoning>', close: '</reasoning>' },
  thought: { open: '<|begin_of_thought|>', close: '<|end_of_thought|>' },
  solution: { open: '<|begin_of_solution|>', close: '<|end_of_solution|>' },
  special: { open: '|special_token|', close: '|special_token|' },
};

/** The thought and answer markers of each tagged convention. */
export interface Layout {
  thought: MarkerName | null;
  answer: MarkerName | null;
}

export const LAYOUTS: Record<Convention, Layout> = {
  r1: { thought: 'think', answer: null },
  'r1-zero': { thought: 'think', answer: 'answer' },
  prefilled: { thought: 'think', answer: null },
  openthoughts: { thought: 'thought', answer: 'solution' },
  reasoning: { thought: 'reasoning', answer: 'answer' },
  'cold-start': { thought: 'special', answer: null },
  split: { thought: null, answer: null },
  none: { thought: null, answer: null },
};

/** Printable form of a marker, for messages. */
export function markerText(name: MarkerName, kind: 'open' | 'close' | 'sep'): string {
  return kind === 'close' ? MARKER_TEXT[name].close : MARKER_TEXT[name].open;
}

const ANGLE_TAGS: Array<{ text: string; name: MarkerName; kind: 'open' | 'close' }> = [
  { text: '<think>', name: 'think', kind: 'open' },
  { text: '</think>', name: 'think', kind: 'close' },
  { text: '<answer>', name: 'answer', kind: 'open' },
  { text: '</answer>', name: 'answer', kind: 'close' },
  { text: '<reasoning>', name: 'reasoning', kind: 'open' },
  { text: '</reasoning>', name: 'reasoning', kind: 'close' },
  { text: '<|begin_of_thought|>', name: 'thought', kind: 'open' },
  { text: '<|end_of_thought|>', name: 'thought', kind: 'close' },
  { text: '<|begin_of_solution|>', name: 'solution', kind: 'open' },
  { text: '<|end_of_solution|>', name: 'solution', kind: 'close' },
];

const SPECIAL = MARKER_TEXT.special.open;

/**
 * Every marker in `text`, in order. One `indexOf('<')` walk plus one `indexOf` walk for the
 * cold-start token: linear, no regular expressions.
 */
export function scanTags(text: string): Tag[] {
  const tags: Tag[] = [];
  let i = text.indexOf('<');
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    // Only `<t`, `<a`, `<r`, `<|`, `</` can start a marker.
    if (next === 0x74 || next === 0x61 || next === 0x72 || next === 0x7c || next === 0x2f) {
      for (const candidate of ANGLE_TAGS) {
        if (text.startsWith(candidate.text, i)) {
          tags.push({ name: candidate.name, kind: candidate.kind, start: i, end: i + candidate.text.length });
          break;
        }
      }
    }
    i = text.indexOf('<', i + 1);
  }
  let s = text.indexOf(SPECIAL);
  if (s !== -1) {
    const special: Tag[] = [];
    while (s !== -1) {
      special.push({ name: 'special', kind: 'sep', start: s, end: s + SPECIAL.length });
      s = text.indexOf(SPECIAL, s + SPECIAL.length);
    }
    return mergeSorted(tags, special);
  }
  return tags;
}

function mergeSorted(a: Tag[], b: Tag[]): Tag[] {
  const out: Tag[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].start < b[j].start)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
