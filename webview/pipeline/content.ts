/**
 * The walkthrough's content, bundled into the page (no network): the section index and the
 * Markdown of every section in content/learn/, and its Simplified Chinese version in
 * content/learn/zh-cn/ (same ids and file names). Editing a .md file needs a rebuild, never a
 * code change; adding a section means adding its file and an entry in index.json (and in
 * zh-cn/index.json, which test/unit/content checks).
 */
import index from '../../content/learn/index.json';
import zhIndex from '../../content/learn/zh-cn/index.json';
import type { Locale } from '../common/locale';

export interface Section {
  id: string;
  title: string;
  file: string;
  /** 1–4 for the four training stages. */
  stage?: number;
}

export const SECTIONS: readonly Section[] = (index as { sections: Section[] }).sections;

const ZH_TITLES = new Map((zhIndex as { sections: Section[] }).sections.map((s) => [s.id, s.title]));

/**
 * The sections in `locale`: the English order, ids, files and stages, with the translated
 * titles (the English title where a translation is missing).
 */
export function sectionsFor(locale: Locale): readonly Section[] {
  if (locale === 'en') return SECTIONS;
  return SECTIONS.map((s) => ({ ...s, title: ZH_TITLES.get(s.id) ?? s.title }));
}

// esbuild bundles every file matching these patterns (the `.md` text loader makes each a string).
function load(file: string, locale: Locale): string | undefined {
  const name = file.replace(/\.md$/, '');
  try {
    /* eslint-disable @typescript-eslint/no-require-imports -- esbuild turns these into bundled file maps */
    const mod = (locale === 'zh-cn' ? require(`../../content/learn/zh-cn/${name}.md`) : require(`../../content/learn/${name}.md`)) as string | { default: string };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return typeof mod === 'string' ? mod : mod.default;
  } catch {
    return undefined;
  }
}

const cache = new Map<string, string>();

/** The Markdown of a section in `locale`; the English text where a translation is missing. */
export function sectionMarkdown(section: Section, locale: Locale = 'en'): string {
  const key = `${locale}/${section.id}`;
  let text = cache.get(key);
  if (text === undefined) {
    text =
      load(section.file, locale) ??
      (locale === 'en' ? undefined : load(section.file, 'en')) ??
      `# Missing content\n\nThe file \`content/learn/${section.file}\` was not found in this build.`;
    cache.set(key, text);
  }
  return text;
}

export function sectionIndex(id: string): number {
  return SECTIONS.findIndex((s) => s.id === id);
}
