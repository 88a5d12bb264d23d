/**
 * Finding math in dataset text (pure, no DOM): `$…$`, `\(…\)`, `$$…$$`, `\[…\]` and bare
 * `\boxed{…}` are replaced by placeholder tokens before the Markdown renderer runs, so
 * Markdown never mangles TeX; code spans and fences are left as they are.
 */
export interface MathPiece {
  tex: string;
  display: boolean;
}

const TOKEN = (k: number) => `KTXMATH${k}KTX`;
export const TOKEN_RE = /KTXMATH(\d+)KTX/g;

/** Replaces math by placeholder tokens; returns the text and the pieces. Code spans and fences are left alone. */
export function extractMath(source: string): { text: string; pieces: MathPiece[] } {
  const pieces: MathPiece[] = [];
  let out = '';
  let i = 0;
  const n = source.length;
  const push = (tex: string, display: boolean) => {
    out += (display ? '\n\n' : '') + TOKEN(pieces.length) + (display ? '\n\n' : '');
    pieces.push({ tex, display });
  };
  while (i < n) {
    // fenced code and inline code: copy verbatim
    if (source.startsWith('```', i)) {
      const end = source.indexOf('```', i + 3);
      const stop = end < 0 ? n : end + 3;
      out += source.slice(i, stop);
      i = stop;
      continue;
    }
    const c = source[i];
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      const stop = end < 0 ? i + 1 : end + 1;
      out += source.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '\\' && (source[i + 1] === '[' || source[i + 1] === '(')) {
      const close = source[i + 1] === '[' ? '\\]' : '\\)';
      const end = source.indexOf(close, i + 2);
      if (end > 0) {
        push(source.slice(i + 2, end), close === '\\]');
        i = end + 2;
        continue;
      }
    }
    // A bare \boxed{…} (the final answer, outside any math) is typeset too.
    if (c === '\\' && source.startsWith('\\boxed{', i)) {
      let depth = 0;
      let j = i + 6;
      for (; j < n; j++) {
        if (source[j] === '\\') j++;
        else if (source[j] === '{') depth++;
        else if (source[j] === '}' && --depth === 0) break;
      }
      if (j < n) {
        push(source.slice(i, j + 1), false);
        i = j + 1;
        continue;
      }
    }
    if (c === '\\' && source[i + 1] === '$') {
      out += '\\$';
      i += 2;
      continue;
    }
    if (c === '$') {
      if (source[i + 1] === '$') {
        const end = source.indexOf('$$', i + 2);
        if (end > 0) {
          push(source.slice(i + 2, end), true);
          i = end + 2;
          continue;
        }
      } else {
        // inline: up to the next unescaped $ on the same paragraph, not followed by a digit right after an opening space
        let j = i + 1;
        while (j < n && source[j] !== '$' && !(source[j] === '\n' && source[j + 1] === '\n')) j += source[j] === '\\' ? 2 : 1;
        if (j < n && source[j] === '$' && j > i + 1 && source[i + 1] !== ' ') {
          push(source.slice(i + 1, j), false);
          i = j + 1;
          continue;
        }
      }
    }
    out += c;
    i++;
  }
  return { text: out, pieces };
}


/**
 * How a short answer (a ground truth, an extracted answer) is best typeset: as math when it
 * is TeX or a formula (`\frac{14}{3}`, `p - q`, `(3, \pi/2)`), as text when it is prose or
 * carries HTML tags (shown literally), and as it is when it brings its own math delimiters.
 */
export function answerSource(text: string): string {
  const t = text.trim();
  if (!t || /<\/?[a-z!][^>]*>/i.test(t) || /\$|\\\(|\\\[/.test(t) || t.length > 300 || /\n\s*\n/.test(t)) return text;
  const withoutText = t.replace(/\\(?:text|mathrm|textbf|mbox|operatorname)\s*\{[^{}]*\}/g, 'x');
  if (/(?<![\\a-zA-Z])[a-zA-Z]{3,}/.test(withoutText)) return text;
  return `$${t}$`;
}
