// Loads the cot-trace grammars next to the vendored VS Code grammars (JSON, JSON Lines,
// Markdown) and resolves injections the way VS Code's grammar factory does.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const repoRoot = resolve(__dirname, '..', '..');
const vendor = join(__dirname, 'vendor');

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
  embeddedLanguages?: Record<string, string>;
  tokenTypes?: Record<string, string>;
}

/** The extension's own grammar contributions, read from package.json. */
export function contributedGrammars(): GrammarContribution[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return manifest.contributes.grammars.map((g: GrammarContribution) => ({ ...g, path: join(repoRoot, g.path) }));
}

const builtIn: GrammarContribution[] = [
  { scopeName: 'source.json', path: join(vendor, 'JSON.tmLanguage.json') },
  { scopeName: 'source.json.lines', path: join(vendor, 'JSONL.tmLanguage.json') },
  { scopeName: 'text.html.markdown', path: join(vendor, 'markdown.tmLanguage.json') },
];

/** Language ids used in token metadata (arbitrary, distinct numbers). */
export const LANGUAGE_IDS: Record<string, number> = { 'cot-trace': 1, json: 2, jsonl: 3, markdown: 4 };
const SCOPE_LANGUAGE: Record<string, number> = {
  'source.cot-trace': 1,
  'source.json': 2,
  'source.json.lines': 3,
  'text.html.markdown': 4,
};

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOniguruma(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

export interface Harness {
  registry: vsctm.Registry;
  grammar(scopeName: string): Promise<vsctm.IGrammar>;
}

/** A registry holding every grammar; optionally with a colour theme applied. */
export async function createHarness(theme?: vsctm.IRawTheme): Promise<Harness> {
  const all = [...builtIn, ...contributedGrammars()];
  const byScope = new Map(all.map((g) => [g.scopeName, g]));
  // VS Code: a grammar receives the injections of every dotted prefix of its scope name.
  const injectTo = new Map<string, string[]>();
  for (const g of all) {
    for (const target of g.injectTo ?? []) injectTo.set(target, [...(injectTo.get(target) ?? []), g.scopeName]);
  }
  const registry = new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const g = byScope.get(scopeName);
      if (!g) return null;
      return vsctm.parseRawGrammar(readFileSync(g.path, 'utf8'), g.path);
    },
    getInjections: (scopeName) => {
      const parts = scopeName.split('.');
      const found: string[] = [];
      for (let i = 1; i <= parts.length; i++) found.push(...(injectTo.get(parts.slice(0, i).join('.')) ?? []));
      return found;
    },
    theme,
  });
  const cache = new Map<string, Promise<vsctm.IGrammar>>();
  return {
    registry,
    grammar(scopeName) {
      let loaded = cache.get(scopeName);
      if (!loaded) {
        const contribution = byScope.get(scopeName);
        // Embedded languages declared by injections into this grammar, as VS Code merges them.
        const embedded: Record<string, number> = {};
        for (const g of all) {
          if (!g.injectTo?.some((t) => scopeName.startsWith(t))) continue;
          for (const [scope, lang] of Object.entries(g.embeddedLanguages ?? {})) embedded[scope] = LANGUAGE_IDS[lang] ?? 99;
        }
        const tokenTypes: Record<string, number> = {};
        for (const [selector, type] of Object.entries(contribution?.tokenTypes ?? {})) {
          tokenTypes[selector] = type === 'comment' ? 1 : type === 'string' ? 2 : 0;
        }
        loaded = registry
          .loadGrammarWithConfiguration(scopeName, SCOPE_LANGUAGE[scopeName] ?? 0, { embeddedLanguages: embedded, tokenTypes })
          .then((g) => {
            if (!g) throw new Error(`grammar ${scopeName} not found`);
            return g;
          });
        cache.set(scopeName, loaded);
      }
      return loaded;
    },
  };
}

export interface Token {
  text: string;
  scopes: string[];
  line: number;
  start: number;
}

/** Tokenizes a whole document, line by line, carrying the rule stack. */
export function tokenize(grammar: vsctm.IGrammar, text: string): Token[] {
  const tokens: Token[] = [];
  let stack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, lineNo) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) {
      tokens.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: lineNo, start: t.startIndex });
    }
    stack = result.ruleStack;
  });
  return tokens;
}

/**
 * The scopes at the first character of the `occurrence`-th appearance of `needle`
 * (counting over the whole document), and the full text of the token there.
 */
export function scopesAt(tokens: Token[], needle: string, occurrence = 1): { scopes: string[]; token: string } {
  const lines = new Map<number, string>();
  for (const t of tokens) lines.set(t.line, (lines.get(t.line) ?? '') + t.text);
  let seen = 0;
  for (const [lineNo, line] of [...lines.entries()].sort((a, b) => a[0] - b[0])) {
    let from = 0;
    for (;;) {
      const at = line.indexOf(needle, from);
      if (at < 0) break;
      if (++seen === occurrence) {
        const token = tokens.find((t) => t.line === lineNo && t.start <= at && at < t.start + t.text.length);
        if (!token) throw new Error(`no token at "${needle}"`);
        return { scopes: token.scopes, token: token.text };
      }
      from = at + 1;
    }
  }
  throw new Error(`"${needle}" (occurrence ${occurrence}) not found in the tokenized text`);
}

/** A default VS Code colour theme (Dark+ or Light+) as a vscode-textmate theme. */
export function loadTheme(file: 'dark_plus.json' | 'light_plus.json'): vsctm.IRawTheme {
  const read = (name: string) => JSON.parse(readFileSync(join(vendor, name), 'utf8'));
  const top = read(file);
  const base = read(top.include.replace('./', ''));
  return {
    name: top.name,
    settings: [
      { settings: { foreground: base.colors['editor.foreground'], background: base.colors['editor.background'] } },
      ...base.tokenColors,
      ...top.tokenColors,
    ],
  };
}

/** Foreground colour and font style of the token that starts at `needle` on a single line. */
export function styleAt(
  harness: Harness,
  grammar: vsctm.IGrammar,
  line: string,
  needle: string,
): { foreground: string; fontStyle: number; tokenType: number; languageId: number } {
  const at = line.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in line`);
  const { tokens } = grammar.tokenizeLine2(line, vsctm.INITIAL);
  let metadata = 0;
  for (let i = 0; i < tokens.length; i += 2) {
    if (tokens[i] <= at) metadata = tokens[i + 1];
  }
  const colors = harness.registry.getColorMap();
  return {
    foreground: colors[(metadata & 0x00ff8000) >>> 15],
    fontStyle: (metadata & 0x00007800) >>> 11,
    tokenType: (metadata & 0x00000300) >>> 8,
    languageId: metadata & 0x000000ff,
  };
}
