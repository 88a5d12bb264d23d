import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { READER_RULES } from '../core/documents';
import { RULES } from '../core/rules';

/** True when `url` is a `file:` folder that holds rule pages. */
function hasPages(url: string): boolean {
  if (!url.startsWith('file:')) return true; // a web address: trusted as given
  try {
    const dir = fileURLToPath(url);
    return existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.md'));
  } catch {
    return false;
  }
}

/**
 * The base URL of the rule documentation, usable as is: when the folder it names is
 * missing (a package without docs/, a server run from elsewhere), the pages are written
 * from the rules' own metadata into a temporary folder, so links and "Show documentation"
 * always open something.
 */
export function usableDocsBase(url: string): string {
  if (hasPages(url)) return url;
  const dir = join(tmpdir(), 'cot-trace-rule-docs');
  try {
    mkdirSync(dir, { recursive: true });
    for (const rule of RULES) {
      const { id, title, description, docs } = rule.meta;
      writeFileSync(join(dir, `${id}.md`), `# ${title} (\`${id}\`)\n\n${description}\n\n${docs.trim()}\n`);
    }
    for (const [id, meta] of Object.entries(READER_RULES)) {
      writeFileSync(join(dir, `${id}.md`), `# \`${id}\`\n\n${meta.description}\n\nReported while reading the document, before any rule runs.\n`);
    }
    return pathToFileURL(dir).href;
  } catch {
    return url;
  }
}
