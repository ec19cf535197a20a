import { Injectable } from '@nestjs/common';
import { ERASED_NAME, erasedEmail } from '@skillbridge/contracts';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../common/auth/viewer';
import { Certificate } from '../../certificates/certificate.entity';
import { CertificatesService } from '../../certificates/certificates.service';

/** Who is erased: an account, a trainee record, or both (an account's own trainee record is found either way). */
export interface ErasedPerson {
  userId: string | null;
  traineeId: string | null;
}

export interface AnonymizeOptions {
  /** Keep the certificates as issued (frozen names, PDFs, credentials) so they still verify; else revoke and blank them. */
  keepCertificates: boolean;
  /** The revocation reason of certificates not kept. */
  revocationReason?: string;
  now: Date;
}

export interface AnonymizeResult {
  userId: string | null;
  traineeId: string | null;
  certificatesRevoked: number;
  auditEventsScrubbed: number;
}

/** What an erased person's words become inside stored JSON (audit details, notification parameters). */
export const ERASED_TEXT = '[erased]';

/** Keys of audit details that hold what a person is or wrote, erased in the events about the person's own records. */
const PERSONAL_KEY =
  /(name|email|phone|passport|address|contact|reason|remarks|note|comment|dietary|allerg|birth|gender|relationship)/i;

/** Names shorter than this are not searched for in other people's records: "Li" would blank half the trail. */
const MIN_NAME_LENGTH = 3;

function scrub(value: unknown, terms: string[], personalKeys: boolean, key = ''): unknown {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (personalKeys && key && PERSONAL_KEY.test(key)) return ERASED_TEXT;
    return terms.some((term) => lower.includes(term)) ? ERASED_TEXT : value;
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, terms, personalKeys, key));
  if (value && typeof value === 'object') {
    // A change record `{ field: 'fullName', from, to }` names the personal key in a value, not a key.
    const field = (value as Record<string, unknown>)['field'];
    const fieldKey = typeof field === 'string' ? field : '';
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        scrub(v, terms, personalKeys, (k === 'from' || k === 'to' || k === 'value') && fieldKey ? fieldKey : k),
      ]),
    );
  }
  return value;
}

/**
 * Erases one person everywhere, in the caller's transaction, irreversibly. What each table holds of a person and
 * what happens to it (every table of database/entities.ts):
 *
 * - users: e-mail → `erased-<id>@invalid`, name and pending profile gone, password hash unusable, two-factor secrets
 *   cleared, disabled, token version bumped, `anonymized_at` set (sign-in answers as for bad credentials).
 * - trainees: names → "—", e-mail → `erased-<id>@invalid`, `anonymized_at` set; nationality, institution and
 *   language stay (reports count them; alone they name nobody).
 * - instructors (a staff member erased): names → "—"; expertise and languages stay.
 * - sign_ins (user agent, IP), refresh_tokens, recovery_codes, account_tokens (addresses), calendar_feeds,
 *   data_exports: deleted — every session ends, so an access token already given out stops working at once.
 * - enrolments: reason and remarks (the free texts staff wrote) → null; status, score and dates stay.
 * - attendance, check_ins, check_in_windows: ids, marks and times only — kept (program attendance rates).
 * - enrolment_logistics (travel, sealed passport and dietary data, emergency contact), room_assignments,
 *   invitation_letters (frozen holder names, passport MAC): deleted.
 * - logistics_consents, consents (privacy): ids, purposes, versions and times only — kept as the record of what
 *   was agreed; an open logistics consent is marked withdrawn (its data is gone).
 * - certificates: kept verifiable → untouched (the frozen names stay, as issued). Otherwise each is revoked with
 *   the reason "erasure" through CertificatesService (status-list bit, audit), its holder names → "—", any
 *   earlier revocation reason → "erasure", certificate_documents (rendered PDFs) deleted, certificate_credentials'
 *   salted e-mail hash replaced by a random one.
 * - notifications: the person's own (by account or address, including mail still waiting in the outbox) deleted;
 *   other people's that name them have those values replaced. mailbox_messages: to the person, of the notifications
 *   just deleted or changed, or naming them, deleted.
 * - audit_events: every event stays with its id, action, actor id, record id and time; e-mails and names in
 *   `subject` and in `details` (anywhere in the trail) are replaced, as are the personal fields of the events about
 *   the person's own records (user, trainee, enrolments), and their IP addresses.
 * - privacy_requests: the `email` of the person's requests → null (the request itself records that, when and by
 *   whom the erasure happened).
 * - access_log_entries, trainee_imports, privacy_notices, job_runs, rate_limit_hits, programs, sessions,
 *   institutions and the other program tables: no personal data of a trainee (ids only, or none) — untouched.
 */
@Injectable()
export class Anonymizer {
  constructor(private readonly certificates: CertificatesService) {}

  async anonymize(
    manager: EntityManager,
    person: ErasedPerson,
    options: AnonymizeOptions,
    ctx: RequestContext,
  ): Promise<AnonymizeResult> {
    const { now } = options;
    // The account and its trainee record, locked so nothing writes to them meanwhile.
    const [user] = (await manager.query(
      `SELECT u.id, u.email, u.full_name, u.pending_profile, t.id AS trainee_id
         FROM users u LEFT JOIN trainees t ON t.user_id = u.id
        WHERE u.id = coalesce($1::uuid, (SELECT user_id FROM trainees WHERE id = $2::uuid))
          FOR UPDATE OF u`,
      [person.userId, person.traineeId],
    )) as {
      id: string;
      email: string;
      full_name: string | null;
      pending_profile: { fullName?: string; fullNameLatin?: string | null } | null;
      trainee_id: string | null;
    }[];
    const userId = user?.id ?? null;
    const traineeId = person.traineeId ?? user?.trainee_id ?? null;
    const [trainee] = traineeId
      ? ((await manager.query(`SELECT id, email, full_name, full_name_latin FROM trainees WHERE id = $1 FOR UPDATE`, [
          traineeId,
        ])) as { id: string; email: string; full_name: string; full_name_latin: string | null }[])
      : [];
    const [instructor] = userId
      ? ((await manager.query(`SELECT id, full_name, full_name_latin FROM instructors WHERE user_id = $1`, [
          userId,
        ])) as { id: string; full_name: string; full_name_latin: string | null }[])
      : [];

    // What to look for elsewhere: every address the person had here, every form of their name.
    const addressRows = userId
      ? ((await manager.query(
          `SELECT DISTINCT lower(email) AS email FROM account_tokens WHERE user_id = $1
           UNION SELECT DISTINCT lower(email) FROM notifications WHERE user_id = $1`,
          [userId],
        )) as { email: string }[])
      : [];
    const emails = [
      ...new Set(
        [user?.email, trainee?.email, ...addressRows.map((r) => r.email)]
          .filter((e): e is string => !!e)
          .map((e) => e.toLowerCase())
          .filter((e) => !e.endsWith('@invalid')),
      ),
    ];
    const certificateRows = traineeId
      ? ((await manager.query(
          `SELECT id, status, holder_name, holder_name_latin FROM certificates WHERE trainee_id = $1 FOR UPDATE`,
          [traineeId],
        )) as { id: string; status: string; holder_name: string; holder_name_latin: string | null }[])
      : [];
    const names = [
      ...new Set(
        [
          user?.full_name,
          user?.pending_profile?.fullName,
          user?.pending_profile?.fullNameLatin,
          trainee?.full_name,
          trainee?.full_name_latin,
          instructor?.full_name,
          instructor?.full_name_latin,
          ...certificateRows.flatMap((c) => [c.holder_name, c.holder_name_latin]),
        ]
          .filter((n): n is string => !!n && n.trim().length >= MIN_NAME_LENGTH && n !== ERASED_NAME)
          .map((n) => n.trim().toLowerCase()),
      ),
    ];
    const terms = [...emails, ...names];
    const enrolmentIds = traineeId
      ? ((await manager.query(`SELECT id FROM enrolments WHERE trainee_id = $1`, [traineeId])) as { id: string }[]).map(
          (r) => r.id,
        )
      : [];

    // Certificates first: revoking writes audit events and status-list bits that the rest must not undo.
    let certificatesRevoked = 0;
    if (traineeId && !options.keepCertificates && certificateRows.length) {
      for (const row of certificateRows.filter((c) => c.status === 'issued')) {
        const certificate = await manager.findOneByOrFail(Certificate, { id: row.id });
        await this.certificates.markRevoked(manager, certificate, options.revocationReason ?? 'erasure', ctx);
        certificatesRevoked += 1;
      }
      const ids = certificateRows.map((c) => c.id);
      await manager.query(
        `UPDATE certificates SET holder_name = $2, holder_name_latin = NULL, revoked_reason = $3
          WHERE id = ANY($1::uuid[])`,
        [ids, ERASED_NAME, options.revocationReason ?? 'erasure'],
      );
      await manager.query(`DELETE FROM certificate_documents WHERE certificate_id = ANY($1::uuid[])`, [ids]);
      await manager.query(
        `UPDATE certificate_credentials
            SET salt = md5(gen_random_uuid()::text) || md5(gen_random_uuid()::text),
                identity_hash = 'sha256$' || encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex')
          WHERE certificate_id = ANY($1::uuid[])`,
        [ids],
      );
    }

    if (enrolmentIds.length) {
      await manager.query(`UPDATE enrolments SET reason = NULL, remarks = NULL WHERE id = ANY($1::uuid[])`, [
        enrolmentIds,
      ]);
      await manager.query(`DELETE FROM enrolment_logistics WHERE enrolment_id = ANY($1::uuid[])`, [enrolmentIds]);
      await manager.query(`DELETE FROM room_assignments WHERE enrolment_id = ANY($1::uuid[])`, [enrolmentIds]);
      await manager.query(`DELETE FROM invitation_letters WHERE enrolment_id = ANY($1::uuid[])`, [enrolmentIds]);
      await manager.query(
        `UPDATE logistics_consents SET withdrawn_at = $2 WHERE enrolment_id = ANY($1::uuid[]) AND withdrawn_at IS NULL`,
        [enrolmentIds, now],
      );
    }

    // Notifications: the person's own go (with any mail still queued to them); others' that name them are blanked.
    const touched: string[] = [];
    const own = (await manager.query(
      `DELETE FROM notifications WHERE ($1::uuid IS NOT NULL AND user_id = $1) OR lower(email) = ANY($2::text[])
       RETURNING id`,
      [userId, emails],
    )) as [{ id: string }[], number];
    touched.push(...own[0].map((r) => r.id));
    if (terms.length) {
      const naming = (await manager.query(
        `SELECT id, params FROM notifications
          WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS term WHERE strpos(lower(params::text), term) > 0)`,
        [terms],
      )) as { id: string; params: Record<string, unknown> }[];
      for (const row of naming) {
        await manager.query(`UPDATE notifications SET params = $2 WHERE id = $1`, [
          row.id,
          JSON.stringify(scrub(row.params, terms, false)),
        ]);
        touched.push(row.id);
      }
    }
    await manager.query(
      `DELETE FROM mailbox_messages
        WHERE notification_id = ANY($1::uuid[]) OR lower("to") = ANY($2::text[])
           OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS term
                       WHERE strpos(lower(subject || ' ' || text || ' ' || html || ' ' || coalesce(raw, '')), term) > 0)`,
      [touched, emails, terms],
    );

    // The audit trail: every event stays; what names the person in it does not.
    const personRecords = [userId, traineeId, instructor?.id ?? null, ...enrolmentIds].filter(
      (id): id is string => !!id,
    );
    const events = (await manager.query(
      `SELECT id, subject, details, entity_id = ANY($1::text[]) AS own,
              (entity_id = ANY($1::text[]) OR ($3::uuid IS NOT NULL AND actor_id = $3)
               OR lower(subject) = ANY($2::text[])) AS theirs
         FROM audit_events
        WHERE entity_id = ANY($1::text[]) OR ($3::uuid IS NOT NULL AND actor_id = $3)
           OR lower(subject) = ANY($2::text[])
           OR EXISTS (SELECT 1 FROM unnest($2::text[]) AS term WHERE strpos(lower(details::text), term) > 0)`,
      [personRecords, terms, userId],
    )) as { id: string; subject: string | null; details: Record<string, unknown>; own: boolean; theirs: boolean }[];
    const placeholder = erasedEmail(userId ?? traineeId ?? '00000000-0000-0000-0000-000000000000');
    const changed = events.map((e) => ({
      id: e.id,
      subject: e.subject && terms.includes(e.subject.toLowerCase()) ? placeholder : e.subject,
      details: JSON.stringify(scrub(e.details, terms, e.own)),
      // The address a request came from is the person's only in the events they did or that are about them.
      clearIp: e.theirs,
    }));
    if (changed.length) {
      await manager.query(
        `UPDATE audit_events a
            SET subject = c.subject, details = c.details::jsonb, ip = CASE WHEN c.clear_ip THEN NULL ELSE a.ip END
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[]) AS c(id, subject, details, clear_ip)
          WHERE a.id = c.id`,
        [
          changed.map((c) => c.id),
          changed.map((c) => c.subject),
          changed.map((c) => c.details),
          changed.map((c) => c.clearIp),
        ],
      );
    }

    if (userId) {
      // Deleting the sign-ins deletes their refresh tokens; the access tokens name a sign-in that no longer exists.
      await manager.query(`DELETE FROM sign_ins WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM refresh_tokens WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM account_tokens WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM calendar_feeds WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM data_exports WHERE user_id = $1`, [userId]);
      await manager.query(
        `UPDATE users
            SET email = $2, full_name = CASE WHEN role = 'trainee' THEN NULL ELSE $3 END,
                password_hash = '!erased', pending_profile = NULL, totp_secret = NULL, totp_pending_secret = NULL,
                totp_enabled_at = NULL, totp_last_step = NULL, last_login_at = NULL, disabled = true,
                token_version = token_version + 1, time_zone = 'UTC', anonymized_at = $4, updated_at = now()
          WHERE id = $1`,
        [userId, erasedEmail(userId), ERASED_NAME, now],
      );
    }
    if (instructor) {
      await manager.query(`UPDATE instructors SET full_name = $2, full_name_latin = NULL WHERE id = $1`, [
        instructor.id,
        ERASED_NAME,
      ]);
    }
    if (traineeId) {
      await manager.query(
        `UPDATE trainees SET full_name = $2, full_name_latin = NULL, email = $3, anonymized_at = $4, updated_at = now()
          WHERE id = $1`,
        [traineeId, ERASED_NAME, erasedEmail(traineeId), now],
      );
    }
    await manager.query(
      `UPDATE privacy_requests SET email = NULL
        WHERE ($1::uuid IS NOT NULL AND user_id = $1) OR ($2::uuid IS NOT NULL AND trainee_id = $2)`,
      [userId, traineeId],
    );
    return { userId, traineeId, certificatesRevoked, auditEventsScrubbed: changed.length };
  }
}
