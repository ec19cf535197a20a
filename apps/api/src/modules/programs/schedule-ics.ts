import {
  resolveLocalizedText,
  SESSION_TYPES,
  type Locale,
  type LocalizedText,
  type Session,
} from '@skillbridge/contracts';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { translate } from '../../common/i18n/translator';

export interface CalendarEntry extends Session {
  /** Bumped on every change of the session, so calendar apps replace their copy. */
  sequence: number;
  updatedAt: Date;
  programTitle: LocalizedText;
  programCode: string;
}

/**
 * An RFC 5545 calendar (CRLF, folded lines, one VEVENT per session with a
 * stable UID, DTSTAMP, times in UTC) in the reader's language — what Google
 * Calendar and Outlook import. Built with ical-generator.
 */
export function scheduleCalendar(name: string, entries: CalendarEntry[], locale: Locale, publicUrl?: string): string {
  const calendar = ical({
    name,
    prodId: { company: 'Skillbridge', product: 'Schedule', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const entry of entries) {
    const type = SESSION_TYPES.includes(entry.type) ? translate(locale, `sessionTypes.${entry.type}`) : entry.type;
    const instructors = entry.instructors.map((i) => i.fullName).join(', ');
    calendar.createEvent({
      id: `${entry.id}@skillbridge`,
      sequence: entry.sequence,
      stamp: entry.updatedAt,
      start: new Date(entry.startsAt),
      end: new Date(entry.endsAt),
      summary: resolveLocalizedText(entry.title, locale),
      description: [
        `${resolveLocalizedText(entry.programTitle, locale)} (${entry.programCode})`,
        type,
        instructors ? `${translate(locale, 'calendar.instructors')}: ${instructors}` : '',
        entry.meetingUrl ?? '',
      ]
        .filter(Boolean)
        .join('\n'),
      location: entry.venue ?? entry.meetingUrl ?? undefined,
      url: entry.meetingUrl ?? (publicUrl ? `${publicUrl}/programs/${entry.programId}` : undefined),
    });
  }
  return calendar.toString();
}
