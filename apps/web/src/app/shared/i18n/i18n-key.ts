/**
 * Marks a string as a translation key held in a constant rather than written
 * beside `| translate`, so the i18n check (tools/i18n) still finds it and
 * fails when a catalog lacks it.
 */
export function i18nKey<K extends string>(key: K): K {
  return key;
}
