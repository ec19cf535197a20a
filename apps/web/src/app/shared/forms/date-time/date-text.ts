import type { Locale } from '@skillbridge/contracts';

/*
 * Dates and times as people type them, in each language, to and from the
 * values the forms keep (`YYYY-MM-DD`, `HH:mm`). No Angular here, so the
 * rules can be read and tested on their own.
 *
 * Shown: the day, the month's short name and the year, day first where the
 * language writes it so — `3 Jan 2027` (English is written day-first here, as
 * in Malaysia, Thailand and the UK: a month name never leaves 03/01 in doubt),
 * `3 Jan 2027` (Malay), `3 ม.ค. 2570` (Thai, Buddhist era), `2027年1月3日`.
 * Read: the same, the long month names, English month names in every
 * language, numbers alone (`3/1/2027`, `3.1.27`; year first in Chinese and
 * whenever the first number has four digits, so ISO `2027-01-03` always
 * works), Thai and full-width digits. In Thai a year of 2400 or more, or of
 * two digits, counts in the Buddhist era (2570 → 2027), as Thai people write it.
 */

/** The Intl locale the inputs speak: English day-first (en-GB), Thai in the Buddhist calendar. */
export const INPUT_INTL_LOCALES: Readonly<Record<Locale, string>> = {
  en: 'en-GB',
  zh: 'zh-CN',
  th: 'th-TH-u-ca-buddhist',
  ms: 'ms',
};

/** Buddhist era years run 543 ahead of the Gregorian ones. */
export const BUDDHIST_ERA_OFFSET = 543;

/** The first day of the week in the calendar pop-up: Sunday in Thailand, Monday elsewhere. */
export const FIRST_DAY_OF_WEEK: Readonly<Record<Locale, number>> = { en: 1, zh: 1, th: 0, ms: 1 };

export interface CalendarDay {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `{ year: 2027, month: 1, day: 3 }` → `2027-01-03`. */
export const isoDate = ({ year, month, day }: CalendarDay): string => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** `2027-01-03` → its parts; anything else (or a day that does not exist) → null. */
export function parseIsoDate(value: string | null | undefined): CalendarDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return match ? validDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** `09:05` → `[9, 5]`; anything else → null. */
export function parseIsoTime(value: string | null | undefined): [number, number] | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? [hours, minutes] : null;
}

export const isoTime = (hours: number, minutes: number): string => `${pad(hours)}:${pad(minutes)}`;

function validDay(year: number, month: number, day: number): CalendarDay | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // 2000 is a leap year
  if (day > lastDay) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  return { year, month, day };
}

const THAI_ZERO = 0x0e50;

/** Full-width digits and signs (`２０２７／１／３`, from Chinese input methods) and Thai digits as ASCII, lower case. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0e50-\u0e59]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO))
    .trim()
    .toLowerCase();
}

/** Letters only: `ม.ค.` and `มค` are the same month; era words (`พ.ศ.`), `年月日` and punctuation go. */
const letters = (text: string) =>
  text
    .replace(/พ\.?\s*ศ\.?|ค\.?\s*ศ\.?/g, '')
    .replace(/[\d\s.,/\-年月日号號]/g, '')
    .toLowerCase();

const monthNameCache = new Map<string, Map<string, number>>();

/** The month names a person may type in `locale` (its short and long ones, and English), each → 1–12. */
function monthNames(locale: Locale): Map<string, number> {
  let names = monthNameCache.get(locale);
  if (!names) {
    names = new Map();
    for (const intl of [INPUT_INTL_LOCALES[locale], 'en']) {
      for (const month of ['short', 'long'] as const) {
        const format = new Intl.DateTimeFormat(intl, { month, timeZone: 'UTC' });
        for (let m = 1; m <= 12; m++) {
          const name = letters(normalize(format.format(new Date(Date.UTC(2021, m - 1, 1)))));
          if (name && !names.has(name)) names.set(name, m);
        }
      }
    }
    monthNameCache.set(locale, names);
  }
  return names;
}

/** The Gregorian year a person meant by what they typed (`27` → 2027, `2570` in Thai → 2027). */
function gregorianYear(typed: string, locale: Locale): number {
  let year = Number(typed);
  if (typed.length <= 2) year += locale === 'th' ? 2500 : 2000;
  if (locale === 'th' && year >= 2400) year -= BUDDHIST_ERA_OFFSET;
  return year;
}

/**
 * The day a person typed in `locale`, or null when it is not one (a wrong
 * month, a 31 February, words we do not know). Empty text is null too; the
 * caller tells "nothing" from "not a date".
 */
export function parseDateText(text: string, locale: Locale): CalendarDay | null {
  const value = normalize(text);
  const numbers = value.match(/\d+/g) ?? [];
  const words = letters(value);
  if (words) {
    // A month by name, with the day and the year as numbers in either order ("3 Jan 2027", "Jan 3, 2027").
    const month = monthNames(locale).get(words);
    if (!month || numbers.length !== 2) return null;
    const yearFirst = numbers[0].length > 2;
    const [day, year] = yearFirst ? [numbers[1], numbers[0]] : [numbers[0], numbers[1]];
    if (day.length > 2 || year.length === 3) return null;
    return validDay(gregorianYear(year, locale), month, Number(day));
  }
  if (numbers.length !== 3) return null;
  const yearFirst = locale === 'zh' || numbers[0].length > 2;
  const [year, month, day] = yearFirst ? numbers : [numbers[2], numbers[1], numbers[0]];
  if (day.length > 2 || month.length > 2 || year.length === 3 || year.length > 4) return null;
  return validDay(gregorianYear(year, locale), Number(month), Number(day));
}

/**
 * A time of day typed on a 24-hour clock: `9:30`, `09.30`, `0930`, `9`,
 * `9时30分`; `9:30 pm` is understood too. Anything else → null.
 */
export function parseTimeText(text: string): [number, number] | null {
  const value = normalize(text).replace(/\s+/g, '');
  const match =
    /^(\d{1,2})(?:[:.h時时点點](\d{2}))?(?:分|น\.?)?(am|pm)?$/.exec(value) ?? /^(\d{2})(\d{2})()$/.exec(value);
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const half = match[3];
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  }
  return hours < 24 && minutes < 60 ? [hours, minutes] : null;
}
