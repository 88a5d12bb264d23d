/**
 * The extension's own strings (src/extension, through `vscode.l10n.t`): l10n/bundle.l10n.json is
 * what @vscode/l10n-dev extracts from the sources today (`npm run l10n` rewrites it), every
 * message has a Chinese translation in l10n/bundle.l10n.zh-cn.json with the same placeholders,
 * and no message box, quick pick or panel title is written as a bare English literal.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = resolve(__dirname, '../../..');
const readJson = (path: string): Record<string, string> => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return extname(entry.name) === '.ts' ? [path] : [];
  });
}

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

/** Messages of the English bundle that lack a translation, or whose translation drops or adds a placeholder. */
export function bundleProblems(en: Record<string, string>, zh: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(en)) {
    if (!(key in zh)) problems.push(`no Chinese for: ${key}`);
    else if (placeholdersOf(zh[key]).join() !== placeholdersOf(key).join()) problems.push(`placeholders differ: ${key}`);
  }
  for (const key of Object.keys(zh)) if (!(key in en)) problems.push(`not in the English bundle: ${key}`);
  return problems;
}

describe('extension strings (l10n/bundle.l10n.json, l10n/bundle.l10n.zh-cn.json)', () => {
  const files = sources('src/extension');
  const en = readJson('l10n/bundle.l10n.json');
  const zh = readJson('l10n/bundle.l10n.zh-cn.json');

  it('package.json points VS Code at the bundles', () => {
    assert.equal((readJson('package.json') as unknown as { l10n: string }).l10n, './l10n');
  });
  it('the bundle is what the sources say (run `npm run l10n` after changing a message)', async () => {
    const extracted = await getL10nJson(files.map((path) => ({ contents: readFileSync(join(ROOT, path), 'utf8'), extension: '.ts' })));
    assert.ok(Object.keys(extracted).length > 40, 'messages are found in the sources');
    assert.deepEqual(en, extracted);
  });
  it('every message has a Chinese translation with the same placeholders', () => {
    assert.deepEqual(bundleProblems(en, zh), []);
    // Chinese characters, or at least Chinese punctuation ("CoT Trace：{0}。"); format names stay as they are.
    for (const [key, text] of Object.entries(zh)) if (key !== 'JSON Lines') assert.match(text, /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u, key);
  });
  it('a missing or broken translation fails the check', () => {
    const broken = { ...zh };
    delete broken['Problems'];
    broken['Indexing {0}'] = '正在索引';
    assert.deepEqual(bundleProblems(en, broken), ['no Chinese for: Problems', 'placeholders differ: Indexing {0}']);
  });
  it('no message box, quick pick item or panel title is a bare English literal', () => {
    // The product name, codicons and interpolations are no English to translate.
    const BRAND = /CoT Trace|\$\([^)]*\)|\$\{[^}]*\}/g;
    const bare =
      /(show(Information|Warning|Error)Message|setStatusBarMessage)\(\s*['`"]|\b(label|title|placeHolder|description|detail|openLabel)\s*[:=]\s*['`"][A-Z]|\.text\s*=\s*['`"][^'`"]*[a-z]{3}/;
    const found = files.flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .map((line, i) => [`${path}:${i + 1}`, line] as const)
        .filter(([, line]) => bare.test(line.replace(BRAND, '')) && !/^\s*(\*|\/\/)/.test(line)),
    );
    assert.deepEqual(found.map(([where, line]) => `${where}: ${line.trim()}`), []);
  });
});
