import { TZDate } from '@date-fns/tz';
import {
  resolveLocalizedText,
  SESSION_TYPES,
  type Locale,
  type LocalizedText,
  type SessionInstructorRef,
  type SessionType,
} from '@skillbridge/contracts';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { translate } from '../../common/i18n/translator';

/** Why an event is cancelled: the session was, it was removed from the program, or the program was cancelled. */
export type Cancellation = { by: 'session'; reason: string } | { by: 'removal' } | { by: 'program' };

/** One session as a calendar event, with what the calendar's reader may see of it. */
export interface CalendarEntry {
  id: string;
  programId: string;
  title: LocalizedText;
  type: SessionType;
  startsAt: Date;
  endsAt: Date;
  instructors: SessionInstructorRef[];
  /** The session's venue, else the program's. */
  venue: string | null;
  /** The session's meeting link, else the program's — only when the reader may have it (meetingLinkVisibleSql). */
  meetingUrl: string | null;
  cancelled: Cancellation | null;
  /** Raised on every change of the session (and when its program is cancelled), so calendar apps replace their copy. */
  sequence: number;
  updatedAt: Date;
  programTitle: LocalizedText;
  programCode: string;
  /** IANA zone of the program: the event's TZID. */
  programTimezone: string;
}

export interface CalendarOptions {
  name: string;
  /** The calendar's own zone (X-WR-TIMEZONE): the program's, or the feed owner's. */
  timeZone: string;
  /** The reader's language: summaries and descriptions. */
  locale: Locale;
  /** The web app's address: events link to the program's page there when they carry no meeting link. */
  publicUrl?: string;
  /** How often a subscribed calendar should look again (REFRESH-INTERVAL, X-PUBLISHED-TTL), in seconds. */
  refreshSeconds?: number;
}

let knownZones: Set<string> | undefined;
const canonical = new Map<string, string | null>();

/**
 * The TZID that `timezones-ical-library` has a VTIMEZONE for: the zone's canonical IANA name (`Asia/Rangoon` →
 * `Asia/Yangon`, `UTC` → `Etc/UTC`), or null for a name it does not know (then the times go out in UTC).
 */
export function calendarZone(zone: string): string | null {
  let tzid = canonical.get(zone);
  if (tzid === undefined) {
    knownZones ??= new Set(tzlib_get_timezones() as string[]);
    const block = knownZones.has(zone) ? tzlib_get_ical_block(zone) : '';
    tzid = Array.isArray(block) && block[1]?.startsWith('TZID=') ? block[1].slice('TZID='.length) : null;
    canonical.set(zone, tzid);
  }
  return tzid;
}

/** The VTIMEZONE component of a canonical TZID (ical-generator's timezone generator). */
function vtimezone(tzid: string): string | null {
  const block = tzlib_get_ical_block(tzid);
  return Array.isArray(block) && block[0] ? block[0] : null;
}

function describe(entry: CalendarEntry, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const type = SESSION_TYPES.includes(entry.type) ? t(`sessionTypes.${entry.type}`) : entry.type;
  const instructors = entry.instructors.map((i) => i.fullName).join(', ');
  const cancelled = entry.cancelled;
  return [
    cancelled?.by === 'session' ? t('calendar.cancelledReason', { reason: cancelled.reason }) : '',
    cancelled?.by === 'removal' ? t('calendar.sessionRemoved') : '',
    cancelled?.by === 'program' ? t('calendar.programCancelled') : '',
    `${resolveLocalizedText(entry.programTitle, locale)} (${entry.programCode})`,
    type,
    instructors ? `${t('calendar.instructors')}: ${instructors}` : '',
    entry.meetingUrl && !cancelled ? t('calendar.meetingLink', { url: entry.meetingUrl }) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * An RFC 5545 calendar (CRLF, folded lines) in the reader's language — what
 * Google Calendar, Outlook and Apple Calendar import or subscribe to. One
 * VEVENT per session with a stable UID and its SEQUENCE; times in the
 * program's zone (`DTSTART;TZID=Asia/Yangon:…`) with a VTIMEZONE for each
 * zone used (a personal feed mixes programs of several zones) from the tz
 * database bundled in `timezones-ical-library`, and X-WR-TIMEZONE for the
 * calendar. LOCATION is the venue; the meeting link is the event's URL and a
 * line of its description when the reader may have it (the entries carry it
 * only then), otherwise the URL is the program's page. Cancelled sessions
 * stay, as STATUS:CANCELLED and "Cancelled: …" in the summary (some clients
 * show no status). Built with ical-generator.
 */
export function scheduleCalendar(entries: CalendarEntry[], options: CalendarOptions): string {
  const { locale, publicUrl } = options;
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Skillbridge', product: 'Schedule', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone here: ical-generator would then write DTSTAMP in it, which must be UTC.
    timezone: { name: null, generator: vtimezone },
    ...(options.refreshSeconds ? { ttl: options.refreshSeconds } : {}),
  });
  for (const entry of entries) {
    const tzid = calendarZone(entry.programTimezone);
    const at = (instant: Date) => (tzid ? new TZDate(instant.getTime(), tzid) : instant);
    const title = resolveLocalizedText(entry.title, locale);
    const meetingUrl = entry.cancelled ? null : entry.meetingUrl;
    calendar.createEvent({
      id: `${entry.id}@skillbridge`,
      sequence: entry.sequence,
      stamp: entry.updatedAt,
      lastModified: entry.updatedAt,
      start: at(entry.startsAt),
      end: at(entry.endsAt),
      ...(tzid ? { timezone: tzid } : {}),
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: entry.cancelled ? translate(locale, 'calendar.cancelledSummary', { title }) : title,
      description: describe(entry, locale),
      location: entry.venue ?? meetingUrl ?? undefined,
      url: meetingUrl ?? (publicUrl ? `${publicUrl}/programs/${entry.programId}` : undefined),
    });
  }
  return withCalendarZone(calendar.toString(), calendarZone(options.timeZone));
}

/** Adds X-WR-TIMEZONE among the calendar's properties, which come before its first component. */
function withCalendarZone(ics: string, tzid: string | null): string {
  if (!tzid) return ics;
  return ics.replace(/\r\n(?=BEGIN:|END:VCALENDAR)/, `\r\nX-WR-TIMEZONE:${tzid}\r\n`);
}
