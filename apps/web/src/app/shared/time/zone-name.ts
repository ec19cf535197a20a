import { INTL_LOCALES, type Locale } from '@skillbridge/contracts';

const names = new Map<string, string>();

/**
 * A time zone as people call it, in their language: `Asia/Shanghai` is "China Standard Time", "中国标准时间",
 * "เวลามาตรฐานจีน", "Waktu Piawai China" — the generic name (no summer/winter split) that Intl knows for the zone.
 * Unknown zones, and engines without generic names, fall back to the zone's id, which is at least exact.
 */
export function zoneName(timeZone: string, locale: Locale): string {
  const key = `${locale}|${timeZone}`;
  let name = names.get(key);
  if (name === undefined) {
    name = readName(timeZone, locale) ?? timeZone;
    names.set(key, name);
  }
  return name;
}

function readName(timeZone: string, locale: Locale): string | null {
  try {
    const parts = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      timeZone,
      timeZoneName: 'longGeneric',
    }).formatToParts(new Date());
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? null;
  } catch {
    return null; // an id Intl does not know, or an engine without 'longGeneric'
  }
}
