/**
 * Markdown with math, for dataset text: `$…$`, `\(…\)`, `$$…$$` and `\[…\]` are typeset with
 * KaTeX (`trust: false`: no \href, \url, \includegraphics or HTML extensions), everything else
 * goes through the shared Markdown renderer (marked + DOMPurify). KaTeX's output is sanitised
 * too, and its inline styles are applied through the CSS object model, which the page's
 * Content-Security-Policy allows (style attributes in markup would be blocked).
 */
import katex from 'katex';
import DOMPurify from 'dompurify';
import { renderMarkdown } from '../shared/markdown';

interface MathPiece {
  tex: string;
  display: boolean;
}

const TOKEN = (k: number) => `KTXMATH${k}KTX`;
const TOKEN_RE = /KTXMATH(\d+)KTX/g;

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

/** Moves KaTeX's inline styles (carried in `title`) to the element's CSSOM style, which the CSP allows. */
function adoptStyles(root: DocumentFragment | Element): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[title]'))) {
    const css = el.getAttribute('title') ?? '';
    el.removeAttribute('title');
    for (const declaration of css.split(';')) {
      const colon = declaration.indexOf(':');
      if (colon < 0) continue;
      const property = declaration.slice(0, colon).trim();
      const value = declaration.slice(colon + 1).trim();
      if (/^[a-z-]+$/i.test(property) && !/url\s*\(|expression\s*\(/i.test(value)) el.style.setProperty(property, value);
    }
  }
}

/** Typesets one piece of TeX into sanitised nodes; bad TeX shows as the source text, in red. */
export function renderTex(tex: string, display: boolean): Node {
  const html = katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', maxSize: 50, maxExpand: 500, output: 'htmlAndMathml' });
  // Style attributes travel as `title` through parsing (parsed as `style`, the CSP would block
  // and report them). KaTeX never writes `title` itself with trust: false.
  const fragment = DOMPurify.sanitize(html.replace(/ title="[^"]*"/g, '').replace(/ style="/g, ' title="'), {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'a', 'img'],
      ALLOW_DATA_ATTR: false,
  });
  adoptStyles(fragment);
  const wrap = document.createElement(display ? 'div' : 'span');
  wrap.className = display ? 'math math-display' : 'math math-inline';
  wrap.appendChild(fragment);
  return wrap;
}

/** Markdown + math → sanitised DOM. */
export function renderRich(source: string): DocumentFragment {
  const { text, pieces } = extractMath(source);
  const fragment = renderMarkdown(text);
  if (!pieces.length) return fragment;
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (/KTXMATH\d+KTX/.test((node as Text).data)) nodes.push(node as Text);
  for (const node of nodes) {
    TOKEN_RE.lastIndex = 0;
    const parts: Node[] = [];
    let last = 0;
    for (const m of node.data.matchAll(TOKEN_RE)) {
      if (m.index! > last) parts.push(document.createTextNode(node.data.slice(last, m.index)));
      const piece = pieces[Number(m[1])];
      parts.push(piece ? renderTex(piece.tex, piece.display) : document.createTextNode(m[0]));
      last = m.index! + m[0].length;
    }
    if (last < node.data.length) parts.push(document.createTextNode(node.data.slice(last)));
    node.replaceWith(...parts);
  }
  return fragment;
}
