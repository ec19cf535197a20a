import { DEFAULT_LOCALE, Locale } from '@skillbridge/contracts';
import en from '../../i18n/en.json';
import ms from '../../i18n/ms.json';
import th from '../../i18n/th.json';
import zh from '../../i18n/zh.json';

type Catalog = { [key: string]: string | Catalog };

const catalogs: Record<Locale, Catalog> = { en, zh, th, ms };

export type TranslationParams = Record<string, string | number | boolean | null | undefined>;

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Whether the English catalog (the reference the i18n check holds the others to) has the key. */
export function hasTranslation(key: string): boolean {
  return lookup(catalogs[DEFAULT_LOCALE], key) !== undefined;
}

/**
 * The API's words in one of the four languages, with `{{name}}` placeholders
 * filled in. Falls back to English, then to the key itself, so a missing
 * entry shows up as an odd word rather than a crash.
 */
export function translate(locale: Locale, key: string, params: TranslationParams = {}): string {
  const template = lookup(catalogs[locale], key) ?? lookup(catalogs[DEFAULT_LOCALE], key) ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? match : String(value);
  });
}
