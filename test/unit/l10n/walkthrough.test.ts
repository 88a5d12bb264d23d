/**
 * The walkthrough's step media follow VS Code's display language: package.json names each
 * step's `media.markdown` / `media.image` by a `%key%`, which VS Code replaces from
 * package.nls.json (`media/walkthrough/x.md`) or package.nls.zh-cn.json (`x.zh-cn.md`) like any
 * other manifest string. Both files must exist; the Chinese Markdown is Chinese and keeps the
 * English's headings and inline code (file names, settings, keys stay as written); the Chinese
 * picture keeps the English's canvas and labels, written in Chinese.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withNlsEntries } from '../../../scripts/generate';

const ROOT = resolve(__dirname, '../../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const HAN = /\p{Script=Han}/u;

interface Step {
  id: string;
  media: { markdown?: string; image?: string };
}
interface Manifest {
  contributes: { walkthroughs: Array<{ id: string; steps: Step[] }> };
}

/** Reads a file of the extension, `undefined` when it is missing. */
export type Reader = (path: string) => string | undefined;

const headings = (markdown: string) => [...markdown.matchAll(/^(#{1,6}) /gm)].map((m) => m[1].length);
const codeSpans = (markdown: string) => [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]).sort();
const svgTexts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const viewBox = (svg: string) => /<svg\b[^>]*\bviewBox="([^"]+)"/.exec(svg)?.[1];

/** What is wrong with the walkthrough media of a manifest and its two nls files (nothing: `[]`). */
export function walkthroughMediaProblems(manifest: Manifest, en: Record<string, string>, zh: Record<string, string>, read: Reader): string[] {
  const problems: string[] = [];
  for (const walkthrough of manifest.contributes.walkthroughs) {
    for (const step of walkthrough.steps) {
      for (const kind of ['markdown', 'image'] as const) {
        const value = step.media[kind];
        if (value === undefined) continue;
        const key = /^%([^%\s]+)%$/.exec(value)?.[1];
        if (!key) {
          problems.push(`${step.id}: media.${kind} "${value}" is not a %key%, so it cannot follow the display language`);
          continue;
        }
        const enPath = en[key];
        const zhPath = zh[key];
        if (!enPath || !zhPath) {
          problems.push(`${step.id}: %${key}% has no ${enPath ? 'Chinese' : 'English'} path`);
          continue;
        }
        const expected = enPath.replace(/\.(md|svg)$/, '.zh-cn.$1');
        if (zhPath !== expected) problems.push(`${step.id}: the Chinese ${kind} is ${zhPath}, expected ${expected}`);
        const enText = read(enPath);
        const zhText = read(zhPath);
        if (enText === undefined) problems.push(`${step.id}: ${enPath} does not exist`);
        if (zhText === undefined) problems.push(`${step.id}: ${zhPath} does not exist`);
        if (enText === undefined || zhText === undefined) continue;
        if (!zhText.trim()) problems.push(`${step.id}: ${zhPath} is empty`);
        if (kind === 'markdown') {
          if (!HAN.test(zhText)) problems.push(`${step.id}: ${zhPath} has no Chinese text`);
          if (headings(zhText).join() !== headings(enText).join()) problems.push(`${step.id}: ${zhPath} has headings ${headings(zhText).join() || 'none'}, ${enPath} has ${headings(enText).join() || 'none'}`);
          if (codeSpans(zhText).join('\n') !== codeSpans(enText).join('\n')) problems.push(`${step.id}: ${zhPath} does not keep the inline code of ${enPath}`);
        } else {
          if (viewBox(zhText) !== viewBox(enText)) problems.push(`${step.id}: ${zhPath} has another viewBox than ${enPath}`);
          const title = /<title\b[^>]*>([^<]*)<\/title>/.exec(zhText)?.[1] ?? '';
          if (!HAN.test(title)) problems.push(`${step.id}: the title of ${zhPath} is not Chinese`);
          const enLabels = svgTexts(enText);
          const zhLabels = svgTexts(zhText);
          if (zhLabels.length !== enLabels.length) problems.push(`${step.id}: ${zhPath} has ${zhLabels.length} labels, ${enPath} has ${enLabels.length}`);
          // A label with English words (beyond names and numbers kept as written) is left untranslated.
          zhLabels.forEach((label, i) => {
            if (label === enLabels[i] && /[a-z]{3,}/.test(label) && !HAN.test(label) && !/^[A-Z][\w.-]*(-[\w.]+)*$/.test(label)) problems.push(`${step.id}: "${label}" in ${zhPath} is not translated`);
          });
        }
      }
    }
  }
  return problems;
}

const fromDisk: Reader = (path) => {
  const file = join(ROOT, path);
  return path.startsWith('media/walkthrough/') && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

describe('walkthrough media in English and Simplified Chinese', () => {
  const manifest = readJson('package.json') as Manifest;
  const en = readJson('package.nls.json') as Record<string, string>;
  const zh = readJson('package.nls.zh-cn.json') as Record<string, string>;

  it('every step names its media by a %key%, and both languages have the file, the Chinese one in Chinese', () => {
    const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
    assert.ok(steps.filter((s) => s.media.markdown).length >= 5, 'the walkthrough has Markdown steps');
    assert.ok(steps.filter((s) => s.media.image).length >= 2, 'the walkthrough has pictures');
    assert.deepEqual(walkthroughMediaProblems(manifest, en, zh, fromDisk), []);
  });

  it('reports a plain path, a missing file, lost headings or code, English left in Chinese', () => {
    const one = (media: Step['media']): Manifest => ({ contributes: { walkthroughs: [{ id: 'w', steps: [{ id: 's', media }] }] } });
    const files: Record<string, string> = {
      'media/walkthrough/a.md': '# Title\n\nRun `cot-trace filter`.\n\n## More\n',
      'media/walkthrough/a.zh-cn.md': '# 标题\n\n运行 `cot-trace filter`。\n',
      'media/walkthrough/b.md': '# Title\n\nText with `code`.\n',
      'media/walkthrough/b.zh-cn.md': '# Title\n\nText with `code`.\n',
      'media/walkthrough/p.svg': '<svg viewBox="0 0 10 10"><title>Picture</title><text>mean</text><text>DeepSeek-R1</text></svg>',
      'media/walkthrough/p.zh-cn.svg': '<svg viewBox="0 0 10 10"><title>图</title><text>mean</text><text>DeepSeek-R1</text></svg>',
    };
    const read: Reader = (path) => files[path];
    const keys = { 'k.a': 'media/walkthrough/a.md', 'k.b': 'media/walkthrough/b.md', 'k.p': 'media/walkthrough/p.svg', 'k.gone': 'media/walkthrough/gone.md' };
    const zhKeys = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.replace(/\.(md|svg)$/, '.zh-cn.$1')]));
    assert.deepEqual(walkthroughMediaProblems(one({ markdown: 'media/walkthrough/a.md' }), keys, zhKeys, read), ['s: media.markdown "media/walkthrough/a.md" is not a %key%, so it cannot follow the display language']);
    assert.deepEqual(walkthroughMediaProblems(one({ markdown: '%k.a%' }), keys, zhKeys, read), ['s: media/walkthrough/a.zh-cn.md has headings 1, media/walkthrough/a.md has 1,2']);
    assert.deepEqual(walkthroughMediaProblems(one({ markdown: '%k.b%' }), keys, zhKeys, read), ['s: media/walkthrough/b.zh-cn.md has no Chinese text']);
    assert.deepEqual(walkthroughMediaProblems(one({ markdown: '%k.gone%' }), keys, zhKeys, read), ['s: media/walkthrough/gone.md does not exist', 's: media/walkthrough/gone.zh-cn.md does not exist']);
    assert.deepEqual(walkthroughMediaProblems(one({ image: '%k.p%' }), keys, zhKeys, read), ['s: "mean" in media/walkthrough/p.zh-cn.svg is not translated']);
    assert.deepEqual(walkthroughMediaProblems(one({ image: '%k.p%' }), keys, { ...zhKeys, 'k.p': 'media/walkthrough/p.svg' }, read), [
      's: the Chinese image is media/walkthrough/p.svg, expected media/walkthrough/p.zh-cn.svg',
      's: the title of media/walkthrough/p.svg is not Chinese',
      's: "mean" in media/walkthrough/p.svg is not translated',
    ]);
    assert.deepEqual(walkthroughMediaProblems(one({ markdown: '%k.none%' }), keys, zhKeys, read), ['s: %k.none% has no English path']);
  });

  it('regenerating the nls files (npm run generate) keeps the hand-written walkthrough entries', () => {
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const before = JSON.parse(text) as Record<string, string>;
      const after = JSON.parse(withNlsEntries(text, { 'config.title': 'CoT Trace' })) as Record<string, string>;
      const walkthrough = (nls: Record<string, string>) => Object.entries(nls).filter(([key]) => key.startsWith('walkthrough.'));
      assert.ok(walkthrough(before).some(([key]) => key.endsWith('.markdown')));
      assert.deepEqual(walkthrough(after), walkthrough(before), file);
    }
  });
});
