import type { Locale } from './locales';

/** BCP 47 tags for Intl formatting and the HTML `lang` attribute (zh is Simplified Chinese). */
export const INTL_LOCALES: Readonly<Record<Locale, string>> = { en: 'en', zh: 'zh-CN', th: 'th', ms: 'ms' };

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA time zone name. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    partsFormatter(value);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of an instant in a time zone. */
export function zonedParts(instant: Date | string | number, timeZone: string): ZonedParts {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values['year'],
    month: values['month'],
    day: values['day'],
    hour: values['hour'] % 24,
    minute: values['minute'],
    second: values['second'],
  };
}

/** Minutes to add to UTC to get the zone's wall time at that instant (Asia/Yangon: 390). */
export function offsetMinutes(instant: Date | string | number, timeZone: string): number {
  const date = new Date(instant);
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of an instant in a time zone. */
export function zonedDate(instant: Date | string | number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `HH:mm` of an instant in a time zone. */
export function zonedTime(instant: Date | string | number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant at which a zone's clocks show this date and time
 * (`2024-09-03`, `09:00`, `Asia/Shanghai` → 2024-09-03T01:00:00Z). In a
 * daylight-saving gap the later offset wins, as calendar apps do.
 */
export function wallTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMinutes(wall, timeZone) * 60_000;
  const second = wall - offsetMinutes(first, timeZone) * 60_000;
  return new Date(second);
}

/** The instant a calendar date begins in a time zone (its local midnight). */
export function startOfZonedDay(date: string, timeZone: string): Date {
  return wallTimeToInstant(date, '00:00', timeZone);
}

/** `YYYY-MM-DD` plus n days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year, month - 1, day + days));
  return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** Whether an interval lies within the program's calendar dates in the program's time zone. */
export function withinZonedDates(
  startsAt: Date | string,
  endsAt: Date | string,
  startDate: string,
  endDate: string,
  timeZone: string,
): boolean {
  const from = startOfZonedDay(startDate, timeZone).getTime();
  const until = startOfZonedDay(addDays(endDate, 1), timeZone).getTime();
  return new Date(startsAt).getTime() >= from && new Date(endsAt).getTime() <= until;
}

/** A calendar date for people, e.g. `3 Sep 2024`, `2024年9月3日`, `3 ก.ย. 2567`. */
export function formatCalendarDate(date: string, locale: Locale, options: Intl.DateTimeFormatOptions = {}): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...options,
  }).format(new Date(Date.UTC(year, month - 1, day)));
}
