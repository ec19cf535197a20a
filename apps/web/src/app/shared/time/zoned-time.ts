import { formatZonedTime, offsetMinutes, type Locale } from '@skillbridge/contracts';

export interface ZonedTimeText {
  /** In the program's zone, with the zone's short name: `09:00 GMT+8`. */
  program: string;
  /** In the viewer's zone, when it differs at that instant: `08:00`. */
  viewer: string | null;
}

/**
 * The one place times of sessions become text: the program's zone first,
 * the viewer's own beside it when their clocks differ at that instant
 * ("09:00 GMT+8 · 08:00 your time").
 */
export function zonedTimeText(
  instant: string,
  programZone: string,
  viewerZone: string,
  locale: Locale,
  withDate = false,
): ZonedTimeText {
  const program = formatZonedTime(instant, programZone, locale, { withDate });
  const differs = offsetMinutes(instant, programZone) !== offsetMinutes(instant, viewerZone);
  return {
    program,
    viewer: differs ? formatZonedTime(instant, viewerZone, locale, { withDate, zoneName: false }) : null,
  };
}

/** A session's span: `09:00–11:30 GMT+8`, and `08:00–10:30` in the viewer's zone when it differs. */
export function zonedRangeText(
  startsAt: string,
  endsAt: string,
  programZone: string,
  viewerZone: string,
  locale: Locale,
): ZonedTimeText {
  const range = (zone: string, zoneName: boolean) =>
    `${formatZonedTime(startsAt, zone, locale, { zoneName: false })}–${formatZonedTime(endsAt, zone, locale, { zoneName })}`;
  const differs = offsetMinutes(startsAt, programZone) !== offsetMinutes(startsAt, viewerZone);
  return { program: range(programZone, true), viewer: differs ? range(viewerZone, false) : null };
}
