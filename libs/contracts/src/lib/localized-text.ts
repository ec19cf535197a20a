import type { Locale } from './locales';

/**
 * Text an editor may give in any of the four languages; at least one is
 * filled. Titles and summaries of programs, sessions and institutions use it.
 */
export type LocalizedText = Partial<Record<Locale, string>>;

/** Longest value accepted for one language of a title or name. */
export const LOCALIZED_TEXT_MAX_LENGTH = 500;

/** The order readers fall back through after their own language. */
export const LOCALIZED_TEXT_FALLBACK: readonly Locale[] = ['en', 'zh'];

/**
 * The text to show a reader of `locale`: their language, then English, then
 * Chinese, then whatever language is present; empty strings count as absent.
 */
export function resolveLocalizedText(text: LocalizedText | null | undefined, locale: Locale): string {
  if (!text) return '';
  for (const candidate of [locale, ...LOCALIZED_TEXT_FALLBACK]) {
    const value = text[candidate];
    if (value && value.trim()) return value;
  }
  const first = Object.values(text).find((value) => typeof value === 'string' && value.trim());
  return first ?? '';
}
