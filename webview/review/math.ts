/**
 * Markdown with math, for dataset text: `$…$`, `\(…\)`, `$$…$$` and `\[…\]` are typeset with
 * KaTeX (`trust: false`: no \href, \url, \includegraphics or HTML extensions), everything else
 * goes through the shared Markdown renderer (marked + DOMPurify). KaTeX's output is sanitised
 * too, and its inline styles are applied through the CSS object model, which the page's
 * Content-Security-Policy allows (style attributes in markup would be blocked).
 */
import katex from 'katex';
import DOMPurify from 'dompurify';
import { renderMarkdown } from '../common/markdown';
import { extractMath, TOKEN_RE } from './mathText';

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

/**
 * Markdown + math → sanitised DOM. Dataset text: HTML tags in it are shown literally (a
 * curator must see an `<img>` or a `<script>` in a prompt, not a blank gap).
 */
export function renderRich(source: string): DocumentFragment {
  const { text, pieces } = extractMath(source);
  const fragment = renderMarkdown(text, { literalHtml: true });
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
