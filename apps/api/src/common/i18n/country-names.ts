import { COUNTRY_CODES, INTL_LOCALES, SUPPORTED_LOCALES, type CountryCode, type Locale } from '@skillbridge/contracts';

const displays = new Map<Locale, Intl.DisplayNames>();

function display(locale: Locale): Intl.DisplayNames {
  let names = displays.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([INTL_LOCALES[locale]], { type: 'region', fallback: 'code' });
    displays.set(locale, names);
  }
  return names;
}

/** A country's name in one of the four languages (the runtime's CLDR data): TH → ไทย, 泰国, Thailand, Thailand. */
export function countryName(locale: Locale, code: string): string {
  try {
    return display(locale).of(code) ?? code;
  } catch {
    // Intl refuses what is not a region code at all; a stored code always is one.
    return code;
  }
}

/** `Viet Nam`, `越南 `, `VIETNAM` → the same key. */
const nameKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

let byName: Map<string, CountryCode> | undefined;

/**
 * The ISO code of a country named in any of the four languages (as our own
 * exports write it), or undefined. Names two countries share in some language
 * are left out rather than guessed.
 */
export function countryCodeByName(name: string): CountryCode | undefined {
  if (!byName) {
    const found = new Map<string, CountryCode | null>();
    for (const locale of SUPPORTED_LOCALES) {
      for (const code of COUNTRY_CODES) {
        const key = nameKey(countryName(locale, code));
        const seen = found.get(key);
        found.set(key, seen === undefined || seen === code ? code : null);
      }
    }
    byName = new Map([...found].filter((entry): entry is [string, CountryCode] => entry[1] !== null));
  }
  return byName.get(nameKey(name));
}
