/**
 * The engine's messages in more than one language, without a runtime or a file to load: a
 * message is an id in the catalogue (messages/catalogue.ts) with its arguments, and every face
 * renders it in the locale it serves. Findings keep their English `message` (the CLI's JSON,
 * the reward server and the tests read it) beside the id and arguments (`l10n`).
 */

/** The languages the messages are written in. */
export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

/** An argument of a message: text and numbers are put in as they are; a nested message is rendered in the same locale. */
export type MessageArg = string | number | Localized;

/** A message as an id and its arguments, renderable in any locale. */
export interface Localized {
  id: string;
  args?: Record<string, MessageArg>;
}

/** A message's text in each language, with `{name}` placeholders for its arguments. */
export interface MessageText {
  en: string;
  zh: string;
}

/** A placeholder: `{name}`. Braces around anything else (`\boxed{}`, `{"results": …}`) are text. */
const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The placeholder names of a template, sorted, each once. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

// Each template cut once at its placeholders: text, name, text, name, …, text.
const PARTS = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = PARTS.get(template);
  if (!parts) {
    parts = template.split(PLACEHOLDER);
    PARTS.set(template, parts);
  }
  return parts;
}

/** A template with its placeholders replaced; `nested` renders an argument that is itself a message. */
export function fill(template: string, args: Record<string, MessageArg> | undefined, nested: (message: Localized) => string): string {
  if (!args) return template;
  const parts = partsOf(template);
  let out = parts[0];
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k];
    const value = args[name];
    out += (value === undefined ? `{${name}}` : typeof value === 'object' ? nested(value) : String(value)) + parts[k + 1];
  }
  return out;
}

/**
 * The locale for a language tag as editors and systems write it: `zh-cn`, `zh-CN`, `zh-Hans`,
 * `zh-SG`, `zh` and POSIX `zh_CN.UTF-8` give Simplified Chinese; anything else (`zh-TW` and
 * `zh-Hant` too, which are written in traditional characters), English.
 */
export function localeOf(tag: string | null | undefined): Locale {
  if (!tag) return 'en';
  const t = tag.trim().toLowerCase().replace(/_/g, '-').replace(/[.@].*$/, '');
  if (t === 'zh' || t === 'zh-cn' || t === 'zh-sg' || t.startsWith('zh-hans') || t === 'zh-chs') return 'zh-cn';
  return 'en';
}

/**
 * The locale of a POSIX environment, as a program's messages follow it: `LC_ALL`, else
 * `LC_MESSAGES`, else `LANG` (the first that is set and not empty); `zh_CN.UTF-8` gives
 * Simplified Chinese, `C`, `POSIX` and anything not Chinese, English.
 */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return localeOf(value);
  }
  return 'en';
}
