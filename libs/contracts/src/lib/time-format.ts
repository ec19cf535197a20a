import type { Locale } from './locales';
import { INTL_LOCALES, zonedDate } from './time-zones';

/*
 * Times for people, the same in the web app and in e-mail: built from the
 * pieces Intl gives (formatToParts, formatRangeToParts) so each language
 * keeps its own order, separators and calendar (Thai dates count Buddhist
 * years), and the zone is said once, where the language puts it: after the
 * time in English, Thai and Malay ("09:00–11:30 GMT+8"), in full-width
 * brackets in Chinese ("09:00–11:30（GMT+8）") — CLDR's Chinese patterns put
 * it first, which reads "09:00–GMT+8 11:30" once two times are joined.
 */

export interface ZonedFormatOptions {
  /** The day too (weekday, day, month and year). */
  withDate?: boolean;
  /** The zone's short name (`GMT+8`); on unless false. */
  zoneName?: boolean;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const DATE_FIELDS = new Set(['weekday', 'day', 'month', 'year', 'era', 'relatedYear', 'yearName']);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, kind: 'time' | 'date' | 'dateTime' | 'zone') {
  const key = `${locale} ${timeZone} ${kind}`;
  let cached = formatters.get(key);
  if (!cached) {
    const options =
      kind === 'time'
        ? TIME
        : kind === 'date'
          ? DATE
          : kind === 'dateTime'
            ? { ...DATE, ...TIME }
            : { timeZoneName: 'short' as const };
    cached = new Intl.DateTimeFormat(INTL_LOCALES[locale], { timeZone, ...options });
    formatters.set(key, cached);
  }
  return cached;
}

/** Hours always with two digits: some languages' range patterns (Thai) drop the leading zero the options ask for. */
const joinParts = (parts: Intl.DateTimeFormatPart[]) =>
  parts.map((part) => (part.type === 'hour' ? part.value.padStart(2, '0') : part.value)).join('');

const timeOf = (at: Date, timeZone: string, locale: Locale) =>
  joinParts(formatter(locale, timeZone, 'time').formatToParts(at));

const dateOf = (at: Date, timeZone: string, locale: Locale) => formatter(locale, timeZone, 'date').format(at);

/** The zone's short name at that instant, in the language's words: `GMT+8`, `GMT+6:30`, `UTC`. */
function zoneOf(at: Date, timeZone: string, locale: Locale): string {
  const part = formatter(locale, timeZone, 'zone')
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** What joins a date to its time in the language (`, ` in English, a space in Chinese and Thai), as Intl writes it. */
function dateTimeGlue(locale: Locale): string {
  const parts = formatter(locale, 'UTC', 'dateTime').formatToParts(new Date(Date.UTC(2024, 8, 3, 9)));
  const hour = parts.findIndex((part) => part.type === 'hour');
  let lastDate = -1;
  parts.forEach((part, i) => {
    if (i < hour && DATE_FIELDS.has(part.type)) lastDate = i;
  });
  if (hour < 0 || lastDate < 0) return ' ';
  return (
    parts
      .slice(lastDate + 1, hour)
      .map((part) => part.value)
      .join('') || ' '
  );
}

/** What stands between the two ends of a range of days and times (` – `, ` - ` in Thai), as Intl writes it. */
function rangeSeparator(locale: Locale): string {
  const parts = formatter(locale, 'UTC', 'dateTime').formatRangeToParts(
    new Date(Date.UTC(2024, 8, 3, 9)),
    new Date(Date.UTC(2024, 8, 4, 11)),
  );
  const start = parts.findLastIndex((part) => part.source === 'startRange');
  const end = parts.findIndex((part) => part.source === 'endRange');
  const between = parts
    .slice(start + 1, end)
    .map((part) => part.value)
    .join('');
  return start >= 0 && end > start && between ? between : ' – ';
}

/** The zone said after the text, the way the language says it. */
function withZone(text: string, zone: string, locale: Locale): string {
  return locale === 'zh' ? `${text}（${zone}）` : `${text} ${zone}`;
}

/**
 * One instant for people: `09:00 GMT+8`, `09:00（GMT+8）`; with `withDate`,
 * `Tue, Sep 3, 2024, 09:00 GMT+8`, `2024年9月3日周二 09:00（GMT+8）`,
 * `อ. 3 ก.ย. 2567 09:00 GMT+8`.
 */
export function formatZonedTime(
  instant: Date | string | number,
  timeZone: string,
  locale: Locale,
  options: ZonedFormatOptions = {},
): string {
  const at = new Date(instant);
  const time = timeOf(at, timeZone, locale);
  const text = options.withDate ? `${dateOf(at, timeZone, locale)}${dateTimeGlue(locale)}${time}` : time;
  return options.zoneName === false ? text : withZone(text, zoneOf(at, timeZone, locale), locale);
}

/**
 * A span of time for people, in `timeZone`, its zone said once at the end:
 * `09:00 – 11:30 GMT+8`, `09:00–11:30（GMT+8）`; with `withDate` the day
 * before it (`Tue, Sep 3, 2024, 09:00 – 11:30 GMT+8`). A span that ends on
 * a later day names that day at its end, so it never reads as ending before
 * it starts (`22:00 – Wed, Sep 4, 2024, 01:00 GMT+8`). Across a change of
 * the zone's offset (daylight saving) each end carries its own.
 */
export function formatZonedRange(
  startsAt: Date | string | number,
  endsAt: Date | string | number,
  timeZone: string,
  locale: Locale,
  options: ZonedFormatOptions = {},
): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const withDate = options.withDate === true;
  const zoned = options.zoneName !== false;
  const [startZone, endZone] = [zoneOf(start, timeZone, locale), zoneOf(end, timeZone, locale)];
  const glue = dateTimeGlue(locale);
  const day = (at: Date) => `${dateOf(at, timeZone, locale)}${glue}`;

  if (zonedDate(start, timeZone) === zonedDate(end, timeZone) && startZone === endZone) {
    const times = joinParts(formatter(locale, timeZone, 'time').formatRangeToParts(start, end));
    const text = withDate ? `${day(start)}${times}` : times;
    return zoned ? withZone(text, startZone, locale) : text;
  }
  const sameDay = zonedDate(start, timeZone) === zonedDate(end, timeZone);
  let from = `${withDate ? day(start) : ''}${timeOf(start, timeZone, locale)}`;
  const to = `${sameDay ? '' : day(end)}${timeOf(end, timeZone, locale)}`;
  if (zoned && startZone !== endZone) from = withZone(from, startZone, locale);
  const text = `${from}${rangeSeparator(locale)}${to}`;
  return zoned ? withZone(text, endZone, locale) : text;
}
