/** The languages the whole product speaks, in the order the UI offers them. */
export const SUPPORTED_LOCALES = ['en', 'zh', 'th', 'ms'] as const;

export type Locale = (typeof SUPPORTED_LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in its own script, as a language switcher shows it. */
export const LOCALE_NATIVE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  zh: '中文',
  th: 'ไทย',
  ms: 'Bahasa Melayu',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * Maps a BCP 47 tag (`zh-Hans-CN`, `th-TH`, `ms-MY`, `en-GB`) to a supported
 * locale by its primary language subtag, or `null` when we do not speak it.
 */
export function toSupportedLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : null;
}

/**
 * Picks the best supported locale from an HTTP `Accept-Language` header,
 * honouring q-values; falls back to English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = toSupportedLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
