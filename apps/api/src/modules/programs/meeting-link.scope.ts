import type { Viewer } from '../../common/auth/viewer';

/**
 * The record whose meeting link is asked about, as SQL expressions of the
 * query that reads it: the program's id, and for a session's own link the
 * session's id (without it, the question is about the program's link).
 */
export interface MeetingLinkOf {
  programId: string;
  sessionId?: string;
}

/** A boolean SQL condition that refers to at most one parameter, written as the caller's `placeholder`. */
export interface ViewerCondition {
  sql: string;
  /** The parameter's value, or `null` when `sql` uses none (then do not bind it). */
  param: string | null;
}

/** A confirmed enrolment in the program that meets `condition` (on `mle`, and on `join`ed tables). */
const confirmedEnrolment = (programId: string, condition: string, join = '') =>
  `EXISTS (SELECT 1 FROM enrolments mle ${join} ` +
  `WHERE mle.program_id = ${programId} AND mle.status = 'confirmed' AND ${condition})`;

/**
 * Who may see a meeting link — the `meetingUrl` of a program or of one of its
 * sessions, wherever it appears (JSON, .ics, and any later catalog or personal
 * feed). The link lets a person into the live class, so it goes only to the
 * people in it:
 *
 * - admins;
 * - instructors: of that session, for a session's link; of any session of the
 *   program, for the program's own link;
 * - trainees with a `confirmed` enrolment in the program (not pending,
 *   wait-listed, rejected, withdrawn, nor — once it is over — completed);
 * - partner staff whose institution has a trainee with a `confirmed`
 *   enrolment in the program ("the trainee and their partner").
 *
 * Everyone else who may see the program (PROGRAM_SCOPE) sees it and its
 * sessions without the link. An account whose role lacks the record it needs
 * (a trainee without a trainee record, a partner without an institution) sees
 * no link; so does no viewer at all (a public page).
 *
 * Returned as SQL, so a list decides it in its own query — no query per row.
 * The condition names the viewer's id once, as `placeholder` (`:meetingLinkViewer`
 * for a TypeORM query builder, `$3` for a raw query); bind `param` to it when
 * it is not null. Use `meetingUrlSql()` to select the link itself.
 */
export function meetingLinkVisibleSql(viewer: Viewer | null, of: MeetingLinkOf, placeholder: string): ViewerCondition {
  const none = { sql: 'FALSE', param: null };
  if (!viewer) return none;
  const id = `CAST(${placeholder} AS uuid)`;
  switch (viewer.role) {
    case 'admin':
      return { sql: 'TRUE', param: null };
    case 'instructor':
      if (!viewer.instructorId) return none;
      return {
        sql: of.sessionId
          ? `EXISTS (SELECT 1 FROM session_instructors mli WHERE mli.session_id = ${of.sessionId} AND mli.instructor_id = ${id})`
          : `EXISTS (SELECT 1 FROM sessions mls JOIN session_instructors mli ON mli.session_id = mls.id ` +
            `WHERE mls.program_id = ${of.programId} AND mli.instructor_id = ${id})`,
        param: viewer.instructorId,
      };
    case 'trainee':
      if (!viewer.traineeId) return none;
      return { sql: confirmedEnrolment(of.programId, `mle.trainee_id = ${id}`), param: viewer.traineeId };
    case 'partner':
      if (!viewer.institutionId) return none;
      return {
        sql: confirmedEnrolment(
          of.programId,
          `mlt.institution_id = ${id}`,
          'JOIN trainees mlt ON mlt.id = mle.trainee_id',
        ),
        param: viewer.institutionId,
      };
    default:
      return none;
  }
}

/**
 * The select expression of a meeting link column (`p.meeting_url`,
 * `s.meeting_url`) as this viewer may see it: the link, or NULL. The rule is
 * asked only of rows that have a link.
 */
export function meetingUrlSql(
  viewer: Viewer | null,
  column: string,
  of: MeetingLinkOf,
  placeholder: string,
): ViewerCondition {
  const visible = meetingLinkVisibleSql(viewer, of, placeholder);
  if (visible.sql === 'TRUE') return { sql: column, param: null };
  if (visible.sql === 'FALSE') return { sql: 'NULL::text', param: null };
  return { sql: `CASE WHEN ${column} IS NULL THEN NULL WHEN ${visible.sql} THEN ${column} END`, param: visible.param };
}
