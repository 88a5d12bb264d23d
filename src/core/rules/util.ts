import { markerText, type Tag } from '../trace/markers';
import type { ParsedTrace } from '../trace/parse';

/** How a marker is written, for messages: `<think>`. */
export const show = (tag: Tag): string => '`' + markerText(tag.name, tag.kind) + '`';

/** The thought's closing marker of a parsed trace's layout, e.g. `</think>`. */
export function thoughtClose(parsed: ParsedTrace): string {
  const name = parsed.layout.thought;
  return name ? markerText(name, 'close') : '';
}

/** The first line of `text` from `start` (at most `max` characters), for spans that mark "this place". */
export function lineAt(text: string, start: number, max = 120): { start: number; end: number } {
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  return { start, end: Math.max(Math.min(end, start + max), Math.min(start + 1, text.length)) };
}

/** The last non-blank line of `text[0, end)`. */
export function lastLine(text: string, end = text.length, max = 120): { start: number; end: number } {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  let s = text.lastIndexOf('\n', e - 1) + 1;
  if (e - s > max) s = e - max;
  return { start: s, end: e };
}

export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/** Non-blank characters in a range. */
export function visibleLength(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) n++;
  }
  return n;
}
