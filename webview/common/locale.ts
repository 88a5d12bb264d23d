/**
 * The languages the learning panels are written in, and how one is chosen: the page's `lang`
 * (VS Code's display language, `vscode.env.language`, put on `<html>` by the extension) unless
 * the reader picked another with the panel's language switch.
 *
 * Panel labels live in small tables keyed by locale (one per panel, `strings.ts`), each
 * string keyed by a name and written with `{0}`-style placeholders as `@vscode/l10n` uses, so a
 * table converts to an l10n bundle entry by entry. Pure: no DOM access at module level.
 */
export type Locale = 'en' | 'zh-cn';

export const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

/** Each language named in itself, for the switch. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', 'zh-cn': '简体中文' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported locale for a display language tag: Simplified Chinese for `zh-cn`, `zh-sg`,
 * `zh-hans…` and a bare `zh` (any case, `-` or `_`); English for everything else, Traditional
 * Chinese (`zh-tw`, `zh-hk`, `zh-hant…`) included, since the lessons are not written in it.
 */
export function pickLocale(language: string | null | undefined): Locale {
  const tag = (language ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (tag === 'zh' || /^zh-(cn|sg|hans)(-|$)/.test(tag)) return 'zh-cn';
  return 'en';
}

/** The locale of the page's `<html lang>`. */
export function pageLocale(): Locale {
  return pickLocale(typeof document === 'undefined' ? undefined : document.documentElement.lang);
}

/** Fills `{0}`, `{1}`, … in a template with `args`, the way `l10n.t` does. */
export function format(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (match, n: string) => (Number(n) < args.length ? String(args[Number(n)]) : match));
}

/** The `lang` attribute value (BCP 47) for a locale. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh-cn' ? 'zh-CN' : 'en';
}
