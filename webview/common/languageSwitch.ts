/**
 * The language switch of the learning panels: one button per language, each named in its own
 * language, the current one pressed. The caller keeps the choice (getState/setState) and tells
 * the extension; this only draws the buttons and reports clicks.
 */
import './languageSwitch.css';
import { h } from './dom';
import { LOCALES, LOCALE_NAMES, htmlLang, type Locale } from './locale';

export interface LanguageSwitch {
  element: HTMLElement;
  /** Marks `locale` as the current language and relabels the group. */
  update(locale: Locale, groupLabel: string): void;
}

export function languageSwitch(onChange: (locale: Locale) => void): LanguageSwitch {
  const element = h('div', { className: 'language-switch', role: 'group', id: 'language-switch' });
  const buttons = LOCALES.map((locale) => {
    const button = h('button', { type: 'button', className: 'language', 'data-locale': locale, lang: htmlLang(locale), translate: 'no' }, LOCALE_NAMES[locale]);
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-pressed') !== 'true') onChange(locale);
    });
    element.appendChild(button);
    return button;
  });
  return {
    element,
    update(locale, groupLabel) {
      element.setAttribute('aria-label', groupLabel);
      for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.locale === locale));
    },
  };
}
