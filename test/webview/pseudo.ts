/**
 * A pseudo-locale build of the webview bundles, and a scan of a page for English that did not
 * come from a translation table.
 *
 * The build is the real one (same entry points and loaders as esbuild.mjs) with every label
 * table replaced as it is loaded: each panel's `strings.ts` (both locales) and the engine's
 * message catalogue (src/core/messages/catalogue.ts, both languages) get the English text
 * pseudo-translated — letters swapped for accented look-alikes and the whole wrapped in ⟦ ⟧,
 * placeholders (`{0}`, `{name}`) and TeX commands (`\boxed{}`) kept. A word a reader sees in
 * plain ASCII then did not come from a table: it is hard-coded, or it is data.
 */
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './harness';

const FROM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TO = 'áƀçđéƒĝĥíĵķĺɱñóƥǫŕšŧúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤǪŔŠŦÚṼŴẊÝŽ';
const ACCENT = new Map([...FROM].map((c, i) => [c, [...TO][i]]));

/** Kept as written: placeholders, TeX commands and the braces after them. */
const KEEP = /\{[a-zA-Z0-9]*\}|\\[a-zA-Z]+/g;

/** The pseudo translation of one English text. */
export function pseudo(text: string): string {
  let out = '';
  let last = 0;
  const accent = (s: string) => [...s].map((c) => ACCENT.get(c) ?? c).join('');
  for (const m of text.matchAll(KEEP)) {
    out += accent(text.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return `⟦${out + accent(text.slice(last))}⟧`;
}

/** The source of `pseudo` and its table, for the bundles (they cannot import test code). */
const PSEUDO_SOURCE = `
const __FROM = ${JSON.stringify(FROM)};
const __TO = ${JSON.stringify([...TO])};
const __ACCENT = new Map([...__FROM].map((c, i) => [c, __TO[i]]));
function __pseudo(text) {
  if (typeof text !== 'string') return text;
  let out = '';
  let last = 0;
  const accent = (s) => [...s].map((c) => __ACCENT.get(c) ?? c).join('');
  for (const m of text.matchAll(${KEEP.toString()})) {
    out += accent(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return '⟦' + out + accent(text.slice(last)) + '⟧';
}
`;

/** esbuild plugin: every label table pseudo-translated as it is loaded. */
const pseudoTables: esbuild.Plugin = {
  name: 'pseudo-tables',
  setup(build) {
    build.onLoad({ filter: /[\\/]webview[\\/][^\\/]+[\\/]strings\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      // Each table module declares `const en = {…}` and `const zhCn = {…}` (checked: the build fails otherwise).
      if (!/^const en = \{/m.test(source) || !/^const zhCn: \w+ = \{/m.test(source)) throw new Error(`${args.path}: no en / zhCn tables to replace`);
      return { contents: `${source}\n${PSEUDO_SOURCE}\nfor (const k of Object.keys(en)) { const v = __pseudo((en as Record<string, string>)[k]); (en as Record<string, string>)[k] = v; (zhCn as Record<string, string>)[k] = v; }\n`, loader: 'ts' };
    });
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/]messages[\\/]catalogue\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      return { contents: `${source}\n${PSEUDO_SOURCE}\nfor (const e of Object.values(MESSAGES) as Array<{ en: string; zh: string }>) { const v = __pseudo(e.en); e.en = v; e.zh = v; }\n`, loader: 'ts' };
    });
  },
};

/** Builds the webview bundles with pseudo-translated tables into a temporary `dist`; returns it and a clean-up. */
export async function buildPseudoBundles(): Promise<{ dist: string; remove: () => void }> {
  const dist = mkdtempSync(join(tmpdir(), 'cot-pseudo-'));
  const entryPoints: Record<string, string> = {};
  for (const name of readdirSync(join(ROOT, 'webview'))) {
    const main = join(ROOT, 'webview', name, 'main.ts');
    if (statSync(join(ROOT, 'webview', name)).isDirectory() && existsSync(main)) entryPoints[`webview/${name}`] = main;
  }
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir: dist,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'error',
    loader: { '.css': 'css', '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.md': 'text' },
    assetNames: 'webview/assets/[name]-[hash]',
    plugins: [pseudoTables],
  });
  return { dist, remove: () => rmSync(dist, { recursive: true, force: true }) };
}

/** What a scan reports: the text and where it was seen. */
export interface Untranslated {
  text: string;
  where: string;
}

/**
 * Every visible text node and `title` / `aria-label` / `placeholder` / `alt` attribute of the
 * page holding an ASCII word (two letters or more) outside the pseudo-translated parts, skipping
 * what is marked as data (`translate="no"`, and `code`, `kbd`, `pre`, `samp`, KaTeX output),
 * the words in `allowed` and the data strings in `data` (as the test handed them to the page).
 * The ⟦ ⟧ around a pseudo text only show where it starts and ends: the scan looks at ASCII
 * letters, so an argument filled into a template is checked like any other text.
 * `gaps` are selectors of text known not to be translated yet (the caller says why).
 * `harnessTitle` is the document title the harness gave the page (the host sets the real one).
 */
export async function scanForEnglish(page: Page, allowed: readonly string[], data: readonly string[], harnessTitle: string, gaps: readonly string[] = []): Promise<Untranslated[]> {
  // A string, not a function: tsx adds helpers (`__name`) the page does not have, so it gets a stand-in.
  const scan = ({ allowed, data, harnessTitle, gaps }: { allowed: readonly string[]; data: readonly string[]; harnessTitle: string; gaps: readonly string[] }) => {
      const found: Array<{ text: string; where: string }> = [];
      const allow = new Set(allowed);
      const skipped = ['[translate="no"]', 'code', 'kbd', 'pre', 'samp', '.katex', 'script', 'style', 'template', ...gaps].join(', ');
      const skip = (el: Element | null): boolean => !!el?.closest(skipped);
      const hidden = (el: Element): boolean => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          if ((e as HTMLElement).hidden) return true;
          const style = getComputedStyle(e);
          if (style.display === 'none' || style.visibility === 'hidden') return true;
          // A closed <details> shows only its summary.
          if (e.parentElement?.tagName === 'DETAILS' && !(e.parentElement as HTMLDetailsElement).open && e.tagName !== 'SUMMARY') return true;
        }
        return false;
      };
      const english = (text: string): string[] => {
        let rest = text;
        for (const d of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
        // TeX commands kept by the pseudo translation (`\\boxed{}`) are not words.
        rest = rest.replace(/\\[a-zA-Z]+/g, ' ');
        return (rest.match(/[A-Za-z][A-Za-z'’]*[A-Za-z]/g) ?? []).filter((w) => !allow.has(w));
      };
      const describe = (el: Element): string => {
        const id = el.id ? `#${el.id}` : '';
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        const parent = el.parentElement ? `${el.parentElement.tagName.toLowerCase()}${el.parentElement.id ? `#${el.parentElement.id}` : ''} > ` : '';
        return `${parent}${el.tagName.toLowerCase()}${id}${cls}`;
      };
      const walk = (root: Node): void => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
        for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            const el = node as Element;
            if (skip(el) || hidden(el)) continue;
            for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
              const value = el.getAttribute(name);
              if (value && english(value).length) found.push({ text: value, where: `${describe(el)}[${name}]` });
            }
            if (el.shadowRoot) walk(el.shadowRoot);
          } else {
            const parent = node.parentElement;
            const text = node.textContent ?? '';
            if (!parent || skip(parent) || hidden(parent) || !text.trim()) continue;
            if (english(text).length) found.push({ text: text.trim(), where: describe(parent) });
          }
        }
      };
      walk(document.body);
      if (document.title !== harnessTitle && english(document.title).length) found.push({ text: document.title, where: 'document.title' });
      return found;
  };
  return page.evaluate(`(() => { const __name = (f) => f; return (${scan.toString()})(${JSON.stringify({ allowed, data, harnessTitle, gaps })}); })()`) as Promise<Untranslated[]>;
}
