import type { Locale } from '@skillbridge/contracts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a calendar date 'YYYY-MM-DD' as midnight UTC (formatted in UTC, so no day shifts). */
export function parseCalendarDate(value: string): Date {
  const match = ISO_DATE.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.getUTCDate() !== Number(match[3])) throw new Error(`Not a calendar date: ${value}`);
  return date;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag} ${JSON.stringify(options)}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
    formats.set(key, formatter);
  }
  return formatter;
}

const LONG: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/**
 * A calendar date as a certificate in that language writes it:
 * zh 2024年9月3日; en 3 September 2024; ms 3 September 2024 (Malay months);
 * th 3 กันยายน พ.ศ. 2567 (ค.ศ. 2024) — Buddhist era with the Gregorian year.
 */
export function formatCertificateDate(locale: Locale, value: string): string {
  const date = parseCalendarDate(value);
  switch (locale) {
    case 'zh':
      return format('zh-CN', LONG).format(date);
    case 'ms':
      return format('ms-MY', LONG).format(date);
    case 'th': {
      const buddhist = format('th-TH-u-ca-buddhist-nu-latn', { ...LONG, era: 'short' }).format(date);
      const parts = format('th-TH-u-ca-gregory-nu-latn', { year: 'numeric', era: 'short' }).formatToParts(date);
      const era = parts.find((part) => part.type === 'era')?.value ?? 'ค.ศ.';
      const year = parts.find((part) => part.type === 'year')?.value ?? String(date.getUTCFullYear());
      return `${buddhist} (${era} ${year})`;
    }
    default:
      return format('en-GB', LONG).format(date);
  }
}
