/**
 * A message of the engine's catalogue (src/core/messages) as nodes in the page's locale: the
 * template in that locale, each text argument (an answer, a tag, a key, a language code — put in
 * as it is in every language) in a `translate="no"` span, so the page shows which words are data.
 */
import { h } from './dom';
import { render, type Locale, type Localized, type MessageArg } from '../../src/core/messages';

/** Where a text argument goes, between two private-use characters no message contains. */
const SLOT = /\uE000(\d+)\uE001/g;

export function messageNodes(message: Localized, locale: Locale): Array<Node | string> {
  const slots: string[] = [];
  const mark = (m: Localized): Localized => ({
    id: m.id,
    ...(m.args ? { args: Object.fromEntries(Object.entries(m.args).map(([k, v]): [string, MessageArg] => [k, typeof v === 'string' ? `\uE000${slots.push(v) - 1}\uE001` : typeof v === 'number' ? v : mark(v)])) } : {}),
  });
  const text = render(mark(message), locale);
  const out: Array<Node | string> = [];
  let last = 0;
  for (const m of text.matchAll(SLOT)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(h('span', { translate: 'no' }, slots[Number(m[1])]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** `nodes` cut to `max` characters of text, with an ellipsis when cut. */
export function shortenNodes(nodes: Array<Node | string>, max = 90): Array<Node | string> {
  const out: Array<Node | string> = [];
  let left = max - 1;
  const total = nodes.reduce((n, x) => n + (typeof x === 'string' ? x.length : (x.textContent ?? '').length), 0);
  if (total <= max) return nodes;
  for (const x of nodes) {
    const text = typeof x === 'string' ? x : (x.textContent ?? '');
    if (text.length <= left) {
      out.push(x);
      left -= text.length;
      continue;
    }
    if (left > 0) out.push(typeof x === 'string' ? x.slice(0, left) : h('span', { translate: 'no' }, text.slice(0, left)));
    break;
  }
  out.push('…');
  return out;
}
