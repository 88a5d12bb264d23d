import { MESSAGES, type MessageId } from './catalogue';
import { fill, type Locale, type Localized, type MessageArg } from './format';

export { LOCALES, localeFromEnv, localeOf, placeholders, type Locale, type Localized, type MessageArg, type MessageText } from './format';
export { MESSAGES, type MessageId } from './catalogue';

/** A text in English with the id and arguments to render it in another locale. */
export interface Text {
  message: string;
  l10n: Localized;
}

/** The text of a message in a locale (English when the id is unknown to the catalogue). */
export function formatMessage(id: string, args: Record<string, MessageArg> | undefined, locale: Locale = 'en'): string {
  const entry = (MESSAGES as Record<string, { en: string; zh: string } | undefined>)[id];
  if (!entry) return id;
  return fill(locale === 'zh-cn' ? entry.zh : entry.en, args, (nested) => render(nested, locale));
}

/** A localisable message rendered in a locale. */
export function render(message: Localized, locale: Locale = 'en'): string {
  return formatMessage(message.id, message.args, locale);
}

/** A message of the catalogue, as its id and arguments (for an argument that is itself a message). */
export function ref(id: MessageId, args?: Record<string, MessageArg>): Localized {
  return args ? { id, args } : { id };
}

/** A message of the catalogue with its English text: what a finding or a fix carries. */
export function msg(id: MessageId, args?: Record<string, MessageArg>): Text {
  const l10n = ref(id, args);
  return { message: render(l10n), l10n };
}

/**
 * A finding's message in a locale. A finding made without an id (by code outside the engine)
 * and English keep the message as it was written.
 */
export function localizeFinding(finding: { message: string; l10n?: Localized }, locale: Locale): string {
  return locale === 'en' || !finding.l10n || !(finding.l10n.id in MESSAGES) ? finding.message : render(finding.l10n, locale);
}

/** A fix's title in a locale (as `localizeFinding`). */
export function localizeFix(fix: { title: string; l10n?: Localized }, locale: Locale): string {
  return locale === 'en' || !fix.l10n || !(fix.l10n.id in MESSAGES) ? fix.title : render(fix.l10n, locale);
}

/** The renderer of one locale, for code that writes many messages (`t('summary.reward', { value })`). */
export function translator(locale: Locale): (id: MessageId, args?: Record<string, MessageArg>) => string {
  return (id, args) => formatMessage(id, args, locale);
}
