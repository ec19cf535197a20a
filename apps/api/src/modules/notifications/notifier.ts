import { Injectable } from '@nestjs/common';
import type { AccountNotificationKind, Locale } from '@skillbridge/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** What a session looked like before a change, for the "before" line of its notice. */
export interface SessionBefore {
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  meetingUrl: string | null;
}

/**
 * Trainee recipients of enrolment `e`: their own account when they have an
 * active one (in-app + e-mail, in the language and zone they chose), else the
 * e-mail and language of the trainee record and the program's zone.
 */
const TRAINEE_RECIPIENT = `
  JOIN trainees t ON t.id = e.trainee_id
  JOIN programs p ON p.id = e.program_id
  LEFT JOIN users u ON u.id = t.user_id AND NOT u.disabled`;
const TRAINEE_COLUMNS = `u.id, coalesce(u.email, t.email), coalesce(u.preferred_locale, t.preferred_locale),
       coalesce(u.time_zone, p.timezone)`;
const PROGRAM_PARAMS = `'programId', p.id, 'programCode', p.code, 'programTitle', p.title`;

/** An e-mail about the account itself, to one address. */
export interface AccountMail {
  kind: AccountNotificationKind;
  email: string;
  locale: Locale;
  timeZone: string;
  name: string | null;
  /** The account token whose link the e-mail carries (the outbox rebuilds the link from it). */
  token?: { id: string; purpose: string };
  /** Further facts for the wording (e.g. the new address of an e-mail change). */
  params?: Record<string, string>;
}

/**
 * Writes notifications — the in-app row and the outbox entry of its e-mail —
 * in the caller's transaction, so they exist exactly when the change that
 * causes them commits. Each method is one set-based INSERT … SELECT, however
 * many people it reaches. `event_key` names the event; the same event never
 * notifies the same address twice.
 */
/**
 * The people a session concerns, as a CTE over `s` (the session with its
 * program's `program_id` and `timezone`): the program's confirmed trainees
 * and the session's instructors, those with an enabled account, each with
 * their address, language, zone, name and where the notice leads.
 */
const SESSION_PEOPLE = `recipients AS (
         SELECT u.id AS user_id, coalesce(u.email, t.email) AS email,
                coalesce(u.preferred_locale, t.preferred_locale) AS locale,
                coalesce(u.time_zone, s.timezone) AS time_zone, coalesce(u.full_name, t.full_name) AS name,
                '/programs/' || s.program_id AS link
           FROM s
           JOIN enrolments e ON e.program_id = s.program_id AND e.status = 'confirmed'
           JOIN trainees t ON t.id = e.trainee_id
           LEFT JOIN users u ON u.id = t.user_id AND NOT u.disabled
         UNION ALL
         SELECT u.id, u.email, u.preferred_locale, u.time_zone, u.full_name, '/instructor'
           FROM s
           JOIN session_instructors si ON si.session_id = s.id
           JOIN instructors i ON i.id = si.instructor_id
           JOIN users u ON u.id = i.user_id AND NOT u.disabled
       )`;

@Injectable()
export class Notifier {
  /**
   * To the partner staff of each pending applicant's institution — or, for an
   * applicant who belongs to no institution, to the admins, who review them.
   */
  async applicationsReceived(manager: EntityManager, enrolmentIds: string[]): Promise<void> {
    if (!enrolmentIds.length) return;
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'application-received', 'application-received:' || e.id || ':' || txid_current(),
              u.id, u.email, u.preferred_locale, u.time_zone,
              jsonb_build_object(${PROGRAM_PARAMS}, 'name', u.full_name, 'traineeName', t.full_name,
                                 'traineeNameLatin', t.full_name_latin,
                                 'link', CASE u.role WHEN 'admin' THEN '/admin/applications' ELSE '/partner/applications' END)
         FROM enrolments e
         JOIN trainees t ON t.id = e.trainee_id
         JOIN programs p ON p.id = e.program_id
         JOIN users u ON NOT u.disabled
                     AND ((u.role = 'partner' AND u.institution_id = t.institution_id)
                       OR (u.role = 'admin' AND t.institution_id IS NULL))
        WHERE e.id = ANY($1::uuid[]) AND e.status = 'pending'
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [enrolmentIds],
    );
  }

  /**
   * To each trainee whose enrolment was just decided: confirmed, wait-listed
   * or rejected (with the reason), by the status it now has — or, with
   * `promoted`, moved up from the wait-list.
   */
  async enrolmentsDecided(manager: EntityManager, enrolmentIds: string[], promoted = false): Promise<void> {
    if (!enrolmentIds.length) return;
    await manager.query(
      `WITH decided AS (
         SELECT e.*, CASE WHEN $2 THEN 'enrolment-promoted' ELSE 'enrolment-' || e.status END AS kind
           FROM enrolments e
          WHERE e.id = ANY($1::uuid[]) AND e.status IN ('confirmed', 'waitlisted', 'rejected')
       )
       INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT e.kind, e.kind || ':' || e.id || ':' || txid_current(), ${TRAINEE_COLUMNS},
              jsonb_build_object(${PROGRAM_PARAMS}, 'name', coalesce(u.full_name, t.full_name),
                                 'reason', e.reason, 'link', '/my/programs')
         FROM decided e ${TRAINEE_RECIPIENT}
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [enrolmentIds, promoted],
    );
  }

  /**
   * When a partner nominates its trainees (programs whose host reviews): to
   * each nominee, and to the staff of their partner institution, who learn
   * that the host now decides.
   */
  async enrolmentsNominated(manager: EntityManager, enrolmentIds: string[]): Promise<void> {
    if (!enrolmentIds.length) return;
    await manager.query(
      `WITH nominated AS (
         SELECT e.* FROM enrolments e WHERE e.id = ANY($1::uuid[]) AND e.status = 'nominated'
       )
       INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'enrolment-nominated', 'enrolment-nominated:' || e.id || ':' || txid_current(), ${TRAINEE_COLUMNS},
              jsonb_build_object(${PROGRAM_PARAMS}, 'name', coalesce(u.full_name, t.full_name),
                                 'audience', 'trainee', 'link', '/my/programs')
         FROM nominated e ${TRAINEE_RECIPIENT}
       UNION ALL
       SELECT 'enrolment-nominated', 'enrolment-nominated:' || e.id || ':' || txid_current(),
              s.id, s.email, s.preferred_locale, s.time_zone,
              jsonb_build_object(${PROGRAM_PARAMS}, 'name', s.full_name, 'audience', 'partner',
                                 'traineeName', t.full_name, 'traineeNameLatin', t.full_name_latin,
                                 'link', '/partner/applications')
         FROM nominated e
         JOIN trainees t ON t.id = e.trainee_id
         JOIN programs p ON p.id = e.program_id
         JOIN users s ON s.role = 'partner' AND NOT s.disabled AND s.institution_id = t.institution_id
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [enrolmentIds],
    );
  }

  /**
   * To the staff of each nominee's partner institution when the host decided
   * the nomination: accepted (confirmed or wait-listed) or declined, with the
   * reason. The trainee hears it through enrolmentsDecided.
   */
  async nominationsDecided(manager: EntityManager, enrolmentIds: string[]): Promise<void> {
    if (!enrolmentIds.length) return;
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'nomination-decided', 'nomination-decided:' || e.id || ':' || txid_current(),
              s.id, s.email, s.preferred_locale, s.time_zone,
              jsonb_build_object(${PROGRAM_PARAMS}, 'name', s.full_name, 'status', e.status, 'reason', e.reason,
                                 'traineeName', t.full_name, 'traineeNameLatin', t.full_name_latin,
                                 'link', '/partner/applications')
         FROM enrolments e
         JOIN trainees t ON t.id = e.trainee_id
         JOIN programs p ON p.id = e.program_id
         JOIN users s ON s.role = 'partner' AND NOT s.disabled AND s.institution_id = t.institution_id
        WHERE e.id = ANY($1::uuid[]) AND e.status IN ('confirmed', 'waitlisted', 'rejected')
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [enrolmentIds],
    );
  }

  /**
   * To the confirmed trainees of the session's program and the session's
   * instructors (those with an account), when its time or place changed.
   * Call after saving the session; `before` is how it was.
   *
   * The meeting link itself is never in a notification: e-mails are
   * forwarded and kept, and only links the system builds are links in them.
   * The notice says the session is online (and whether its link changed) and
   * leads to Skillbridge, where the link shows to whoever may have it
   * (meetingLinkVisibleSql) at the time they look.
   */
  async sessionChanged(manager: EntityManager, sessionId: string, before: SessionBefore): Promise<void> {
    await manager.query(
      `WITH s AS (
         SELECT s.id, s.program_id, s.title, s.starts_at, s.ends_at, s.venue, s.meeting_url, s.sequence,
                p.code, p.title AS program_title, p.timezone
           FROM sessions s JOIN programs p ON p.id = s.program_id
          WHERE s.id = $1 AND p.status = 'published'
       ), ${SESSION_PEOPLE}
       INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'session-changed', 'session-changed:' || s.id || ':' || s.sequence,
              r.user_id, r.email, r.locale, r.time_zone,
              jsonb_build_object('programId', s.program_id, 'programCode', s.code, 'programTitle', s.program_title,
                                 'programTimeZone', s.timezone, 'name', r.name, 'sessionTitle', s.title,
                                 'startsAt', s.starts_at, 'endsAt', s.ends_at, 'venue', s.venue,
                                 'online', s.meeting_url IS NOT NULL, 'previousStartsAt', $2::timestamptz,
                                 'previousEndsAt', $3::timestamptz, 'previousVenue', $4::text,
                                 'previousOnline', $5::text IS NOT NULL,
                                 'meetingLinkChanged', coalesce(s.meeting_url <> $5::text, FALSE), 'link', r.link)
         FROM s CROSS JOIN recipients r
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [sessionId, before.startsAt, before.endsAt, before.venue, before.meetingUrl],
    );
  }

  /**
   * To the confirmed trainees of the session's program and the session's
   * instructors (those with an account) when the session is cancelled, or
   * removed from the program (`reason` null). Call before deleting it: the
   * session and its instructors are read here. Wait-listed and pending
   * applicants hold no seat and hear nothing, as for a session's move. Like
   * every notice, it never carries the meeting link.
   */
  async sessionCancelled(manager: EntityManager, sessionId: string, reason: string | null): Promise<void> {
    await manager.query(
      `WITH s AS (
         SELECT s.id, s.program_id, s.title, s.starts_at, s.ends_at, s.venue, s.meeting_url,
                p.code, p.title AS program_title, p.timezone, p.venue AS program_venue
           FROM sessions s JOIN programs p ON p.id = s.program_id
          WHERE s.id = $1 AND p.status = 'published'
       ), ${SESSION_PEOPLE}
       INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'session-cancelled', 'session-cancelled:' || s.id,
              r.user_id, r.email, r.locale, r.time_zone,
              jsonb_build_object('programId', s.program_id, 'programCode', s.code, 'programTitle', s.program_title,
                                 'programTimeZone', s.timezone, 'name', r.name, 'sessionTitle', s.title,
                                 'startsAt', s.starts_at, 'endsAt', s.ends_at,
                                 'venue', coalesce(s.venue, s.program_venue), 'online', s.meeting_url IS NOT NULL,
                                 'reason', $2::text, 'removed', $2::text IS NULL, 'link', r.link)
         FROM s CROSS JOIN recipients r
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [sessionId, reason],
    );
  }

  /**
   * To everyone whose plans a cancelled program changes, once each (`audience` picks the words):
   * - `trainee`: the trainees of `enrolmentIds`, the enrolments the cancellation ended (whatever status they had:
   *   a seat, the wait-list, or an application under review) — their enrolment ended;
   * - `partner`: the staff of each of those trainees' partner institutions, naming how many of their people
   *   (`count`) it concerns — only their own institution's number;
   * - `instructor`: the instructors of its sessions (those with an account).
   * Call after the enrolments were cancelled, in the same transaction.
   */
  async programCancelled(manager: EntityManager, programId: string, enrolmentIds: string[] = []): Promise<void> {
    await manager.query(
      `WITH ended AS (
         SELECT e.id, e.trainee_id, t.institution_id
           FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
          WHERE e.id = ANY($2::uuid[]) AND e.program_id = $1
       ), recipients AS (
         SELECT u.id AS user_id, coalesce(u.email, t.email) AS email,
                coalesce(u.preferred_locale, t.preferred_locale) AS locale,
                coalesce(u.time_zone, p.timezone) AS time_zone, coalesce(u.full_name, t.full_name) AS name,
                '/my/programs' AS link, 'trainee' AS audience, NULL::int AS count
           FROM ended x
           JOIN enrolments e ON e.id = x.id ${TRAINEE_RECIPIENT}
         UNION ALL
         SELECT u.id, u.email, u.preferred_locale, u.time_zone, u.full_name,
                '/partner/rosters/' || $1, 'partner', c.count
           FROM (SELECT institution_id, count(*)::int AS count FROM ended
                  WHERE institution_id IS NOT NULL GROUP BY institution_id) c
           JOIN users u ON u.role = 'partner' AND u.institution_id = c.institution_id AND NOT u.disabled
         UNION ALL
         SELECT DISTINCT u.id, u.email, u.preferred_locale, u.time_zone, u.full_name, '/instructor',
                'instructor', NULL::int
           FROM session_instructors si
           JOIN sessions s ON s.id = si.session_id
           JOIN instructors i ON i.id = si.instructor_id
           JOIN users u ON u.id = i.user_id AND NOT u.disabled
          WHERE s.program_id = $1
       )
       INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'program-cancelled', 'program-cancelled:' || p.id, r.user_id, r.email, r.locale, r.time_zone,
              jsonb_build_object(${PROGRAM_PARAMS}, 'name', r.name, 'link', r.link, 'audience', r.audience)
                || CASE WHEN r.count IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('count', r.count) END
         FROM programs p CROSS JOIN recipients r
        WHERE p.id = $1
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [programId, enrolmentIds],
    );
  }

  /**
   * An e-mail about the account (verification, reset, notices). It has no
   * in-app row (`user_id` null): some carry a link that acts, which only the
   * mailbox of the address may see.
   */
  async accountMail(manager: EntityManager, mail: AccountMail): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       VALUES ($1, $2, NULL, $3, $4, $5, $6)`,
      [
        mail.kind,
        `${mail.kind}:${mail.token?.id ?? randomUUID()}`,
        mail.email,
        mail.locale,
        mail.timeZone,
        {
          ...mail.params,
          name: mail.name,
          ...(mail.token ? { tokenId: mail.token.id, tokenPurpose: mail.token.purpose } : {}),
        },
      ],
    );
  }

  /** To the holder of a certificate just revoked, with the reason. */
  async certificateRevoked(manager: EntityManager, certificateId: string): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'certificate-revoked', 'certificate-revoked:' || c.id, ${TRAINEE_COLUMNS},
              jsonb_build_object('programId', c.program_id, 'programCode', c.program_code, 'programTitle', c.program_title,
                                 'name', t.full_name, 'serial', c.serial, 'reason', c.revoked_reason,
                                 'link', '/my/certificates')
         FROM certificates c
         JOIN trainees t ON t.id = c.trainee_id
         JOIN programs p ON p.id = c.program_id
         LEFT JOIN users u ON u.id = t.user_id AND NOT u.disabled
        WHERE c.id = $1
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [certificateId],
    );
  }

  /** To the holder of a corrected certificate: the old serial, the new one with its verification link, and why. */
  async certificateReissued(manager: EntityManager, oldId: string, newId: string): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'certificate-reissued', 'certificate-reissued:' || c.id, ${TRAINEE_COLUMNS},
              jsonb_build_object('programId', c.program_id, 'programCode', c.program_code, 'programTitle', c.program_title,
                                 'name', t.full_name, 'serial', c.serial, 'previousSerial', o.serial,
                                 'reason', o.revoked_reason, 'verificationCode', c.verification_code,
                                 'link', '/my/certificates')
         FROM certificates c
         JOIN certificates o ON o.id = $1
         JOIN trainees t ON t.id = c.trainee_id
         JOIN programs p ON p.id = c.program_id
         LEFT JOIN users u ON u.id = t.user_id AND NOT u.disabled
        WHERE c.id = $2
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [oldId, newId],
    );
  }

  /** To each holder of a newly issued certificate, with its verification link. */
  async certificatesIssued(manager: EntityManager, certificateIds: string[]): Promise<void> {
    if (!certificateIds.length) return;
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'certificate-issued', 'certificate-issued:' || c.id,
              ${TRAINEE_COLUMNS},
              jsonb_build_object('programId', c.program_id, 'programCode', c.program_code, 'programTitle', c.program_title, 'name', coalesce(u.full_name, t.full_name),
                                 'serial', c.serial, 'verificationCode', c.verification_code,
                                 'link', '/my/certificates')
         FROM certificates c
         JOIN trainees t ON t.id = c.trainee_id
         JOIN programs p ON p.id = c.program_id
         LEFT JOIN users u ON u.id = t.user_id AND NOT u.disabled
        WHERE c.id = ANY($1::uuid[])
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [certificateIds],
    );
  }

  /**
   * To the person whose copy of their data is ready (in the app and by e-mail): until when it can be
   * downloaded, and the profile page it is downloaded from — never the file or a link that acts alone.
   */
  async dataExportReady(manager: EntityManager, exportId: string, expiresAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'data-export-ready', 'data-export-ready:' || x.id, u.id, u.email,
              coalesce(u.preferred_locale, t.preferred_locale, 'en'), u.time_zone,
              jsonb_build_object('name', u.full_name, 'expiresAt', $2::timestamptz, 'link', '/profile#data-copy')
         FROM data_exports x
         JOIN users u ON u.id = x.user_id AND NOT u.disabled
         LEFT JOIN trainees t ON t.user_id = u.id
        WHERE x.id = $1
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [exportId, expiresAt],
    );
  }
}
