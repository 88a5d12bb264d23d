/**
 * The walkthrough's content, bundled into the page (no network): the section index and the
 * Markdown of every section in content/learn/. Editing a .md file needs a rebuild, never a
 * code change; adding a section means adding its file and an entry in index.json.
 */
import index from '../../content/learn/index.json';

export interface Section {
  id: string;
  title: string;
  file: string;
  /** 1–4 for the four training stages. */
  stage?: number;
}

export const SECTIONS: readonly Section[] = (index as { sections: Section[] }).sections;

// esbuild bundles every file matching this pattern (the `.md` text loader makes each a string).
function load(file: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild turns this into a bundled file map
    const mod = require(`../../content/learn/${file.replace(/\.md$/, '')}.md`) as string | { default: string };
    return typeof mod === 'string' ? mod : mod.default;
  } catch {
    return `# Missing content\n\nThe file \`content/learn/${file}\` was not found in this build.`;
  }
}

const cache = new Map<string, string>();

export function sectionMarkdown(section: Section): string {
  let text = cache.get(section.id);
  if (text === undefined) {
    text = load(section.file);
    cache.set(section.id, text);
  }
  return text;
}

export function sectionIndex(id: string): number {
  return SECTIONS.findIndex((s) => s.id === id);
}
