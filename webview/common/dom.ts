/**
 * A tiny element builder. Text always goes in through `textContent`, never through HTML
 * parsing, so dataset text cannot inject markup. (Markdown goes through `markdown.ts`, which
 * sanitises.)
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    } else if (name === 'className') {
      element.className = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Fills `{0}`, `{1}`, … of a template with nodes (or text), everything else as text nodes. */
export function formatNodes(template: string, ...args: Child[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of template.matchAll(/\{(\d+)\}/g)) {
    const n = Number(match[1]);
    if (n >= args.length) continue;
    fragment.append(template.slice(last, match.index));
    append(fragment, [args[n]]);
    last = match.index + match[0].length;
  }
  fragment.append(template.slice(last));
  return fragment;
}
