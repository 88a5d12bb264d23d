/**
 * Field paths such as `results[*].model_output`, `messages[-1].content` or `code[0]`:
 * keys separated by dots, array indices in brackets (negative from the end, `*` for all).
 */

export type PathKey = string | number;
export type PathSegment = { key: string } | { index: number } | { all: true };

/** Parses a field path. Returns null for a malformed one. */
export function parseFieldPath(path: string): PathSegment[] | null {
  const segments: PathSegment[] = [];
  const re = /\s*(?:\.?([^.[\]]+)|\[\s*(\*|-?\d+)\s*\]|\[\s*"([^"]*)"\s*\])/y;
  let i = 0;
  const text = path.trim();
  if (!text) return null;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0].length === 0) return null;
    if (m[1] !== undefined) segments.push({ key: m[1].trim() });
    else if (m[2] === '*') segments.push({ all: true });
    else if (m[2] !== undefined) segments.push({ index: Number(m[2]) });
    else segments.push({ key: m[3] });
    i = re.lastIndex;
  }
  return segments;
}

/** Formats a concrete path (`['messages', 2, 'content']` → `messages[2].content`). */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Every (path, value) the segments reach from `root` (several when `[*]` is used). */
export function resolvePath(
  root: unknown,
  segments: readonly PathSegment[],
  prefix: readonly PathKey[] = [],
): Array<{ path: PathKey[]; value: unknown }> {
  let current: Array<{ path: PathKey[]; value: unknown }> = [{ path: [...prefix], value: root }];
  for (const segment of segments) {
    const next: typeof current = [];
    for (const { path, value } of current) {
      if ('key' in segment) {
        if (isObject(value) && Object.prototype.hasOwnProperty.call(value, segment.key)) {
          next.push({ path: [...path, segment.key], value: value[segment.key] });
        }
      } else if (Array.isArray(value)) {
        if ('all' in segment) {
          value.forEach((item, i) => next.push({ path: [...path, i], value: item }));
        } else {
          const i = segment.index < 0 ? value.length + segment.index : segment.index;
          if (i >= 0 && i < value.length) next.push({ path: [...path, i], value: value[i] });
        }
      }
    }
    current = next;
  }
  return current;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
