/**
 * package.json speaks through `%key%` placeholders: every placeholder has its English text in
 * package.nls.json and its Chinese text in package.nls.zh-cn.json, both files hold the same
 * keys, and no user-facing manifest field is left as plain English.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/** Every `%key%` placeholder anywhere in a JSON value. */
export function placeholders(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m) found.add(m[1]);
  } else if (Array.isArray(value)) for (const v of value) placeholders(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) placeholders(v, found);
  return found;
}

/** The problems of a manifest against its nls files: placeholders without text, keys in one file only. */
export function nlsProblems(manifest: unknown, en: Record<string, string>, zh: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of placeholders(manifest)) {
    if (!(key in en)) problems.push(`%${key}% has no English text`);
    if (!(key in zh)) problems.push(`%${key}% has no Chinese text`);
  }
  for (const key of Object.keys(en)) if (!(key in zh)) problems.push(`${key} is missing from package.nls.zh-cn.json`);
  for (const key of Object.keys(zh)) if (!(key in en)) problems.push(`${key} is missing from package.nls.json`);
  for (const [key, text] of Object.entries(zh)) if (!text.trim()) problems.push(`${key} is empty in Chinese`);
  return problems;
}

/** User-facing manifest fields (by path pattern) that must be placeholders. */
const LOCALISED = [
  /^displayName$/,
  /^description$/,
  /^capabilities\.virtualWorkspaces\.description$/,
  /^contributes\.commands\.\d+\.(title|category)$/,
  /^contributes\.customEditors\.\d+\.displayName$/,
  /^contributes\.configuration\.title$/,
  /^contributes\.configuration\.properties\.[^.]+(\.[^.]+)*\.(markdownDescription|description)$/,
  /^contributes\.configuration\.properties\..+\.enumDescriptions\.\d+$/,
  /^contributes\.walkthroughs\.\d+\.(title|description)$/,
  /^contributes\.walkthroughs\.\d+\.steps\.\d+\.(title|description|media\.altText|media\.markdown|media\.image)$/,
  /^contributes\.(views|viewsContainers)\..*\.(name|title|contextualTitle)$/,
];

/** Keys whose texts are walkthrough media paths (`media/walkthrough/x.md`, `x.zh-cn.md`), not prose. */
export const MEDIA_KEY = /^walkthrough\..+\.(markdown|image)$/;

function strings(value: unknown, path: string[] = [], out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path.join('.'), value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, [...path, String(i)], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, [...path, k], out);
  return out;
}

describe('package.json localisation (package.nls.json, package.nls.zh-cn.json)', () => {
  const manifest = readJson('package.json');
  const en = readJson('package.nls.json') as Record<string, string>;
  const zh = readJson('package.nls.zh-cn.json') as Record<string, string>;

  it('every %key% has English and Chinese text, and both files hold the same keys', () => {
    assert.ok(placeholders(manifest).size > 50, 'the manifest uses placeholders');
    assert.deepEqual(nlsProblems(manifest, en, zh), []);
  });
  it('no user-facing field is left as plain text', () => {
    const plain = strings(manifest).filter(([path, text]) => LOCALISED.some((re) => re.test(path)) && !/^%[^%\s]+%$/.test(text));
    assert.deepEqual(plain, []);
  });
  it('no key is left over that the manifest does not use', () => {
    const used = placeholders(manifest);
    assert.deepEqual(Object.keys(en).filter((key) => !used.has(key)), []);
  });
  it('the Chinese texts are Chinese, and keep the command links of the English', () => {
    for (const [key, text] of Object.entries(zh)) {
      if (en[key] === text) continue; // names such as "CoT Trace" stay as they are
      if (MEDIA_KEY.test(key)) continue; // file paths: test/unit/l10n/walkthrough.test.ts checks them
      assert.match(text, /\p{Script=Han}/u, `${key} is written in Chinese`);
      const links = (s: string) => [...s.matchAll(/\]\((command:[^)]+)\)/g)].map((m) => m[1]);
      assert.deepEqual(links(text), links(en[key]), `${key} keeps its links`);
    }
  });
  it('a missing key fails the check', () => {
    const trimmed = { ...zh };
    delete trimmed['command.openQuiz'];
    assert.deepEqual(nlsProblems(manifest, en, trimmed), ['%command.openQuiz% has no Chinese text', 'command.openQuiz is missing from package.nls.zh-cn.json']);
    const extra = { ...en, 'command.gone': 'Gone' };
    assert.deepEqual(nlsProblems({ title: '%command.gone%' }, extra, zh), ['%command.gone% has no Chinese text', 'command.gone is missing from package.nls.zh-cn.json']);
  });
});
