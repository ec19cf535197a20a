import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolveLocalizedText, type Locale, type LocalizedText, type SessionType } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { translate } from '../../common/i18n/translator';
import { AppConfig } from '../../config';
import { SESSION_TOMBSTONE_DAYS } from '../sessions/sessions.service';
import { meetingUrlSql } from './meeting-link.scope';
import { ProgramsService } from './programs.service';
import { CalendarEntry, scheduleCalendar } from './schedule-ics';
import { ReplicaReads } from '../../database/replicas/replica-reads';

/** How often subscribed calendars are asked to look again (they may look less often: Google does). */
const FEED_REFRESH_SECONDS = 3600;
/**
 * The enrolments whose programs are in a trainee's own calendar (or a partner's): they had a seat — or were
 * ended by the program's cancellation (`cancelled`), so its sessions stay there marked cancelled.
 */
const SEATED = `('confirmed', 'completed', 'not-completed', 'cancelled')`;
/** How far back an admin's feed — every program of the office — reaches. */
const ADMIN_FEED_DAYS = 90;

interface CalendarRow {
  id: string;
  program_id: string;
  title: LocalizedText;
  type: SessionType;
  starts_at: Date;
  ends_at: Date;
  venue: string | null;
  meeting_url: string | null;
  cancelled: 'session' | 'program' | 'removal' | null;
  cancelled_reason: string | null;
  sequence: number;
  updated_at: Date;
  program_code: string;
  program_title: LocalizedText;
  program_timezone: string;
  instructors: { id: string; fullName: string }[];
}

/** Which sessions (`s`) and deleted sessions (`d`) a calendar holds, as SQL conditions on `$1` (`param`), if any. */
interface CalendarScope {
  sessions: string;
  tombstones: string;
  param: string | null;
}

/**
 * The sessions of a calendar with the program-level venue and meeting link as fallbacks for a session without
 * its own — each link only for a reader who may have it (a session's own link hidden from the reader is not
 * replaced by the program's: that is not where the session meets) — and the deleted sessions whose tombstones
 * calendars still need. `link` and `programLink` are meetingUrlSql expressions.
 */
const CALENDAR_ROWS_SQL = (scope: CalendarScope, link: string, programLink: string) => `
  SELECT s.id, s.program_id, s.title, s.type, s.starts_at, s.ends_at, coalesce(s.venue, p.venue) AS venue,
         CASE WHEN s.meeting_url IS NULL THEN ${programLink} ELSE ${link} END AS meeting_url,
         CASE WHEN p.status = 'cancelled' THEN 'program' WHEN s.status = 'cancelled' THEN 'session' END AS cancelled,
         s.cancelled_reason, s.sequence, s.updated_at,
         p.code AS program_code, p.title AS program_title, p.timezone AS program_timezone,
         coalesce((SELECT json_agg(json_build_object('id', i.id, 'fullName', i.full_name) ORDER BY i.full_name)
                     FROM session_instructors si JOIN instructors i ON i.id = si.instructor_id
                    WHERE si.session_id = s.id), '[]'::json) AS instructors
    FROM sessions s JOIN programs p ON p.id = s.program_id
   WHERE ${scope.sessions}
  UNION ALL
  SELECT d.id, d.program_id, d.title, d.type, d.starts_at, d.ends_at, coalesce(d.venue, p.venue), NULL,
         'removal', NULL, d.sequence, d.deleted_at,
         p.code, p.title, p.timezone, '[]'::json
    FROM session_tombstones d JOIN programs p ON p.id = d.program_id
   WHERE (${scope.tombstones})
     AND greatest(d.deleted_at + make_interval(days => ${SESSION_TOMBSTONE_DAYS}), d.ends_at) >= now()
   ORDER BY starts_at, id`;

/** A program's sessions. */
const programScope = (programId: string): CalendarScope => ({
  sessions: 's.program_id = $1',
  tombstones: 'd.program_id = $1',
  param: programId,
});

/** The sessions an instructor teaches. */
const instructorScope = (instructorId: string): CalendarScope => ({
  sessions: 's.id IN (SELECT session_id FROM session_instructors WHERE instructor_id = $1)',
  tombstones: 'CAST($1 AS uuid) = ANY(d.instructor_ids)',
  param: instructorId,
});

/** The sessions of the programs in `programs` (a query of program ids that uses $1). */
const programsScope = (programs: string, param: string): CalendarScope => ({
  sessions: `s.program_id IN (${programs})`,
  tombstones: `d.program_id IN (${programs})`,
  param,
});

/**
 * Whose sessions a person's own calendar holds: a trainee's, those of the programs they have (or had) a seat in;
 * an instructor's, the sessions they teach; a partner's, the programs their institution's trainees have a seat
 * in; an admin's, every published (or since completed or cancelled) program's, from ADMIN_FEED_DAYS ago on.
 * An account without the record its role needs has an empty calendar.
 */
function personalScope(viewer: Viewer): CalendarScope | null {
  switch (viewer.role) {
    case 'trainee':
      return viewer.traineeId
        ? programsScope(
            `SELECT e.program_id FROM enrolments e WHERE e.trainee_id = $1 AND e.status IN ${SEATED}`,
            viewer.traineeId,
          )
        : null;
    case 'instructor':
      return viewer.instructorId ? instructorScope(viewer.instructorId) : null;
    case 'partner':
      return viewer.institutionId
        ? programsScope(
            `SELECT e.program_id FROM enrolments e JOIN trainees t ON t.id = e.trainee_id ` +
              `WHERE t.institution_id = $1 AND e.status IN ${SEATED}`,
            viewer.institutionId,
          )
        : null;
    case 'admin':
      return {
        sessions:
          `p.status IN ('published', 'completed', 'cancelled') ` +
          `AND s.ends_at >= now() - make_interval(days => ${ADMIN_FEED_DAYS})`,
        tombstones: `p.status IN ('published', 'completed', 'cancelled')`,
        param: null,
      };
    default:
      return null;
  }
}

/** The owner of a personal calendar, as its feed reads them. */
export interface CalendarOwner {
  viewer: Viewer;
  locale: Locale;
  timeZone: string;
}

/**
 * Builds .ics files: a program's agenda, an instructor's timetable, and a
 * person's own calendar (the subscribed feed). A meeting link is in an event
 * (URL, LOCATION when there is no venue, DESCRIPTION) only for readers who
 * may have it (meetingLinkVisibleSql); for the others the event's URL is the
 * program's page in the web app.
 */
@Injectable()
export class ProgramCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReplicaReads,
    private readonly programs: ProgramsService,
    private readonly config: AppConfig,
  ) {}

  private async entries(viewer: Viewer, scope: CalendarScope): Promise<CalendarEntry[]> {
    const params = scope.param === null ? [] : [scope.param];
    const placeholder = `$${params.length + 1}`;
    const link = meetingUrlSql(viewer, 's.meeting_url', { programId: 's.program_id', sessionId: 's.id' }, placeholder);
    const programLink = meetingUrlSql(viewer, 'p.meeting_url', { programId: 's.program_id' }, placeholder);
    // Both conditions name the same viewer id (their role's record), so they share the one parameter.
    const viewerParam = link.param ?? programLink.param;
    const rows = (await this.reads.query(
      CALENDAR_ROWS_SQL(scope, link.sql, programLink.sql),
      viewerParam === null ? params : [...params, viewerParam],
    )) as CalendarRow[];
    return rows.map((row) => ({
      id: row.id,
      programId: row.program_id,
      title: row.title,
      type: row.type,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      instructors: row.instructors,
      venue: row.venue,
      meetingUrl: row.meeting_url,
      cancelled:
        row.cancelled === 'session'
          ? { by: 'session', reason: row.cancelled_reason ?? '' }
          : row.cancelled
            ? { by: row.cancelled }
            : null,
      sequence: row.sequence,
      updatedAt: row.updated_at,
      programTitle: row.program_title,
      programCode: row.program_code,
      programTimezone: row.program_timezone,
    }));
  }

  async forProgram(id: string, ctx: RequestContext): Promise<{ filename: string; body: string }> {
    const viewer = signedIn(ctx);
    const program = await this.programs.findVisible(id, viewer);
    const entries = await this.entries(viewer, programScope(id));
    return {
      filename: `${program.code}.ics`,
      body: scheduleCalendar(entries, {
        name: resolveLocalizedText(program.title, ctx.locale),
        timeZone: program.timezone,
        locale: ctx.locale,
        publicUrl: this.config.publicUrl,
      }),
    };
  }

  /** Only the instructor's own sessions: they (and admins) have each one's link. */
  async forInstructor(
    instructorId: string,
    name: string,
    ctx: RequestContext,
  ): Promise<{ filename: string; body: string }> {
    const entries = await this.entries(signedIn(ctx), instructorScope(instructorId));
    return {
      filename: 'timetable.ics',
      body: scheduleCalendar(entries, {
        name,
        // Each event carries its own program's zone; the calendar's is the first one's.
        timeZone: entries[0]?.programTimezone ?? 'UTC',
        locale: ctx.locale,
        publicUrl: this.config.publicUrl,
      }),
    };
  }

  /** The owner's own calendar, in their language, as its subscribed feed serves it. */
  async forPerson(owner: CalendarOwner): Promise<string> {
    const scope = personalScope(owner.viewer);
    const entries = scope ? await this.entries(owner.viewer, scope) : [];
    return scheduleCalendar(entries, {
      name: translate(owner.locale, 'calendar.feedName'),
      timeZone: owner.timeZone,
      locale: owner.locale,
      publicUrl: this.config.publicUrl,
      refreshSeconds: FEED_REFRESH_SECONDS,
    });
  }
}
