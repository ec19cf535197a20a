import { formatZonedRange, formatZonedTime, offsetMinutes, type Locale } from '@skillbridge/contracts';

export interface ZonedTimeText {
  /** In the program's zone, with the zone's short name: `09:00 GMT+8`, `09:00（GMT+8）`. */
  program: string;
  /** In the viewer's zone, when it differs at that instant: `08:00`. */
  viewer: string | null;
}

/** Whether the viewer's clocks show another time than the program's at any of these instants. */
const clocksDiffer = (instants: string[], programZone: string, viewerZone: string) =>
  instants.some((instant) => offsetMinutes(instant, programZone) !== offsetMinutes(instant, viewerZone));

/**
 * The one place times of sessions become text in the web app (the words come
 * from the formatters in @skillbridge/contracts, which e-mail uses too): the
 * program's zone first, the viewer's own beside it when their clocks differ
 * at that instant ("09:00 GMT+8 · 08:00 your time").
 */
export function zonedTimeText(
  instant: string,
  programZone: string,
  viewerZone: string,
  locale: Locale,
  withDate = false,
): ZonedTimeText {
  const program = formatZonedTime(instant, programZone, locale, { withDate });
  return {
    program,
    viewer: clocksDiffer([instant], programZone, viewerZone)
      ? formatZonedTime(instant, viewerZone, locale, { withDate, zoneName: false })
      : null,
  };
}

/**
 * A session's span: `09:00 – 11:30 GMT+8` (`09:00–11:30（GMT+8）` in Chinese),
 * and `08:00 – 10:30` in the viewer's zone when it differs. A span past
 * midnight names the day it ends on; `withDate` names the day it starts on
 * too (an enrolment window: `Mon, Mar 1, 2027, 09:00 – Fri, Mar 12, 2027, 17:00 GMT+8`).
 */
export function zonedRangeText(
  startsAt: string,
  endsAt: string,
  programZone: string,
  viewerZone: string,
  locale: Locale,
  withDate = false,
): ZonedTimeText {
  return {
    program: formatZonedRange(startsAt, endsAt, programZone, locale, { withDate }),
    viewer: clocksDiffer([startsAt, endsAt], programZone, viewerZone)
      ? formatZonedRange(startsAt, endsAt, viewerZone, locale, { withDate, zoneName: false })
      : null,
  };
}
