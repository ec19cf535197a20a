import {
  resolveLocalizedText,
  type Locale,
  type LocalizedText,
  type NotificationKind,
  type Role,
} from '@skillbridge/contracts';
import type { EntityManager } from 'typeorm';
import type { SecretBox } from '../../../common/crypto/secret-box';
import { openDietary, openPassport } from '../../logistics/sealed-details';
import { notificationText } from '../../notifications/notification-text';

/** Whose data a copy holds: the account, and the trainee record it is linked to (if any). */
export interface DataSubject {
  userId: string;
  role: Role;
  email: string;
  traineeId: string | null;
  institutionId: string | null;
  /** The language of the README and of the certificates' second language. */
  locale: Locale;
  timeZone: string;
}

type Row = Record<string, unknown>;

/**
 * One part of the copy: `rows` become `<name>.csv` (one line each, a header
 * first); `json` (default: the rows) becomes `<name>.json`.
 */
export interface DataCopyPart {
  name: string;
  rows: Row[];
  json?: unknown;
}

/** The certificates of the copy: their frozen fields, and what their files are made from. */
export interface CertificateRow {
  id: string;
  serial: string;
  status: string;
}

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : (value as string | null));

/**
 * Reads everything held about one person, strictly by their own user id and
 * trainee id — never through a program, a roster or an institution, so no one
 * else's record can slip in. Sealed logistics are opened for them alone.
 */
export class DataCopyReader {
  constructor(
    private readonly manager: EntityManager,
    private readonly box: SecretBox,
    private readonly publicUrl: string,
  ) {}

  private query<T = Row>(sql: string, params: unknown[]): Promise<T[]> {
    return this.manager.query(sql, params) as Promise<T[]>;
  }

  /** The subject of `userId`, or null when the account is gone. */
  static async subject(manager: EntityManager, userId: string, fallback: Locale): Promise<DataSubject | null> {
    const [row] = (await manager.query(
      `SELECT u.id AS "userId", u.role, u.email, u.institution_id AS "institutionId", u.time_zone AS "timeZone",
              coalesce(u.preferred_locale, t.preferred_locale) AS locale, t.id AS "traineeId"
         FROM users u LEFT JOIN trainees t ON t.user_id = u.id
        WHERE u.id = $1`,
      [userId],
    )) as (DataSubject & { locale: Locale | null })[];
    if (!row) return null;
    return { ...row, locale: row.locale ?? fallback };
  }

  /**
   * How big the copy is: the rows it would list, and the caller's certificates
   * whose PDF in `locale` is not rendered and stored yet (rendering is the slow part).
   */
  static async size(manager: EntityManager, s: DataSubject): Promise<{ rows: number; unrendered: number }> {
    const [row] = (await manager.query(
      `SELECT (SELECT count(*) FROM enrolments WHERE trainee_id = $2)
            + (SELECT count(*) FROM attendance WHERE trainee_id = $2)
            + (SELECT count(*) FROM certificates WHERE trainee_id = $2)
            + (SELECT count(*) FROM notifications WHERE user_id = $1)
            + (SELECT count(*) FROM sign_ins WHERE user_id = $1)
            + (SELECT count(*) FROM consents WHERE user_id = $1 OR trainee_id = $2)
            + (SELECT count(*) FROM access_log_entries WHERE subject_user_id = $1 OR subject_trainee_id = $2) AS rows,
              (SELECT count(*) FROM certificates c
                WHERE c.trainee_id = $2
                  AND NOT EXISTS (SELECT 1 FROM certificate_documents d
                                   WHERE d.certificate_id = c.id AND d.language = $3
                                     AND d.revoked = (c.status = 'revoked'))) AS unrendered`,
      [s.userId, s.traineeId, s.locale],
    )) as { rows: string; unrendered: string }[];
    return { rows: Number(row.rows), unrendered: Number(row.unrendered) };
  }

  async parts(s: DataSubject): Promise<{ parts: DataCopyPart[]; certificates: CertificateRow[] }> {
    const parts: DataCopyPart[] = [await this.profile(s)];
    let certificates: CertificateRow[] = [];
    if (s.traineeId) {
      parts.push(await this.enrolments(s.traineeId, s.locale));
      parts.push(await this.attendance(s.traineeId, s.locale));
      parts.push(await this.assessments(s.traineeId, s.locale));
      const certificatePart = await this.certificates(s.traineeId);
      certificates = certificatePart.rows as unknown as CertificateRow[];
      parts.push(certificatePart);
      parts.push(await this.logistics(s.traineeId, s.locale));
    }
    parts.push(await this.consents(s));
    parts.push(await this.notifications(s));
    parts.push(await this.signIns(s.userId));
    parts.push(await this.privacyRequests(s));
    parts.push(await this.dataAccesses(s));
    return { parts, certificates };
  }

  private async profile(s: DataSubject): Promise<DataCopyPart> {
    const [account] = await this.query(
      // A trainee's name and language live on their trainee record: the account shows them as the app does.
      `SELECT u.email, coalesce(u.full_name, t.full_name) AS "fullName", u.role,
              coalesce(u.preferred_locale, t.preferred_locale) AS "preferredLocale",
              u.time_zone AS "timeZone", u.totp_enabled_at IS NOT NULL AS "twoFactor",
              u.email_verified_at AS "emailVerifiedAt", u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt",
              i.code AS "institutionCode", i.name AS "institutionName"
         FROM users u
         LEFT JOIN trainees t ON t.user_id = u.id
         LEFT JOIN institutions i ON i.id = u.institution_id
        WHERE u.id = $1`,
      [s.userId],
    );
    const [trainee] = s.traineeId
      ? await this.query(
          `SELECT t.full_name AS "fullName", t.full_name_latin AS "fullNameLatin", t.email, t.nationality,
                  t.preferred_locale AS "preferredLocale", t.created_at AS "createdAt",
                  i.code AS "institutionCode", i.name AS "institutionName"
             FROM trainees t LEFT JOIN institutions i ON i.id = t.institution_id
            WHERE t.id = $1`,
          [s.traineeId],
        )
      : [];
    const named = (row: Row | undefined) =>
      row && {
        ...row,
        institutionName: row['institutionName']
          ? resolveLocalizedText(row['institutionName'] as LocalizedText, s.locale)
          : null,
        createdAt: iso(row['createdAt']),
        ...('emailVerifiedAt' in row
          ? { emailVerifiedAt: iso(row['emailVerifiedAt']), lastLoginAt: iso(row['lastLoginAt']) }
          : {}),
      };
    const json = { account: named(account), trainee: named(trainee) ?? null };
    // The CSV as "record, field, value" lines: one person is not a table.
    const rows: Row[] = [];
    for (const [record, fields] of Object.entries(json)) {
      for (const [field, value] of Object.entries(fields ?? {})) rows.push({ record, field, value });
    }
    return { name: 'profile', rows, json };
  }

  private async enrolments(traineeId: string, locale: Locale): Promise<DataCopyPart> {
    const enrolments = await this.query(
      `SELECT e.id, p.code AS "programCode", p.title AS "programTitle", e.status, e.created_at AS "requestedAt",
              e.decided_at AS "decidedAt", d.role AS "decidedByRole", e.reason, e.waitlisted_at AS "waitlistedAt"
         FROM enrolments e
         JOIN programs p ON p.id = e.program_id
         LEFT JOIN users d ON d.id = e.decided_by
        WHERE e.trainee_id = $1
        ORDER BY e.created_at, e.id`,
      [traineeId],
    );
    // The history of each of their enrolments, from the audit trail: what was decided, when, by which role,
    // and why — only these fields (an event's details may name another enrolment, e.g. the seat it freed).
    const events = await this.query(
      `SELECT a.entity_id AS "enrolmentId", a.action, a.occurred_at AS at, a.actor_role AS "actorRole",
              a.details->>'from' AS "from", coalesce(a.details->>'to', a.details->>'status') AS "to",
              a.details->>'reason' AS reason
         FROM audit_events a
        WHERE a.entity_type = 'enrolment' AND a.action LIKE 'enrolment.%'
          AND a.entity_id IN (SELECT id::text FROM enrolments WHERE trainee_id = $1)
        ORDER BY a.occurred_at, a.id`,
      [traineeId],
    );
    const rows = enrolments.map((e) => ({
      id: e['id'],
      programCode: e['programCode'],
      programTitle: resolveLocalizedText(e['programTitle'] as LocalizedText, locale),
      status: e['status'],
      requestedAt: iso(e['requestedAt']),
      waitlistedAt: iso(e['waitlistedAt']),
      decidedAt: iso(e['decidedAt']),
      decidedByRole: e['decidedByRole'] ?? null,
      reason: e['reason'] ?? null,
      decisions: events
        .filter((a) => a['enrolmentId'] === e['id'])
        .map((a) => ({
          action: a['action'],
          at: iso(a['at']),
          byRole: a['actorRole'] ?? null,
          from: a['from'] ?? null,
          to: a['to'] ?? null,
          reason: a['reason'] ?? null,
        })),
    }));
    return { name: 'enrolments', rows };
  }

  private async attendance(traineeId: string, locale: Locale): Promise<DataCopyPart> {
    const rows = await this.query(
      `SELECT p.code AS "programCode", s.title AS "sessionTitle", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              p.timezone AS "timeZone", a.status, a.source, a.recorded_at AS "recordedAt",
              round(extract(epoch FROM s.ends_at - s.starts_at) / 60)::int AS minutes
         FROM attendance a
         JOIN sessions s ON s.id = a.session_id
         JOIN programs p ON p.id = s.program_id
        WHERE a.trainee_id = $1
        ORDER BY s.starts_at, s.id`,
      [traineeId],
    );
    return {
      name: 'attendance',
      rows: rows.map((r) => ({
        programCode: r['programCode'],
        session: resolveLocalizedText(r['sessionTitle'] as LocalizedText, locale),
        // The day as the program lived it, in its own zone.
        date: new Intl.DateTimeFormat('en-CA', { timeZone: String(r['timeZone']) }).format(r['startsAt'] as Date),
        startsAt: iso(r['startsAt']),
        endsAt: iso(r['endsAt']),
        status: r['status'],
        minutes: r['minutes'],
        source: r['source'],
        recordedAt: iso(r['recordedAt']),
      })),
    };
  }

  private async assessments(traineeId: string, locale: Locale): Promise<DataCopyPart> {
    const rows = await this.query(
      `SELECT p.code AS "programCode", p.title AS "programTitle", e.score, e.remarks, e.assessed_at AS "assessedAt",
              p.passing_score AS "passingScore"
         FROM enrolments e JOIN programs p ON p.id = e.program_id
        WHERE e.trainee_id = $1 AND (e.score IS NOT NULL OR e.assessed_at IS NOT NULL)
        ORDER BY e.assessed_at, e.id`,
      [traineeId],
    );
    return {
      name: 'assessments',
      rows: rows.map((r) => ({
        programCode: r['programCode'],
        programTitle: resolveLocalizedText(r['programTitle'] as LocalizedText, locale),
        score: r['score'] === null ? null : Number(r['score']),
        passingScore: r['passingScore'] === null ? null : Number(r['passingScore']),
        remarks: r['remarks'] ?? null,
        assessedAt: iso(r['assessedAt']),
      })),
    };
  }

  private async certificates(traineeId: string): Promise<DataCopyPart> {
    const rows = await this.query(
      `SELECT id, serial, status, verification_code AS "verificationCode", issued_at AS "issuedAt",
              holder_name AS "holderName", holder_name_latin AS "holderNameLatin", program_code AS "programCode",
              program_title AS "programTitle", start_date AS "startDate", end_date AS "endDate",
              time_zone AS "timeZone", hours, topics, completion, issuer_name AS "issuerName",
              valid_until AS "validUntil", revoked_at AS "revokedAt", revoked_reason AS "revokedReason"
         FROM certificates WHERE trainee_id = $1 ORDER BY issued_at, serial`,
      [traineeId],
    );
    const json = rows.map((r) => ({
      ...r,
      hours: Number(r['hours']),
      issuedAt: iso(r['issuedAt']),
      revokedAt: iso(r['revokedAt']),
      files: { pdf: `certificates/${r['serial']}.pdf`, credential: `certificates/${r['serial']}.credential.json` },
      verifyUrl: `${this.publicUrl}/verify/${r['verificationCode']}`,
    }));
    return { name: 'certificates', rows: json as Row[], json };
  }

  private async logistics(traineeId: string, locale: Locale): Promise<DataCopyPart> {
    const rows = await this.query(
      `SELECT p.code AS "programCode", p.title AS "programTitle", l.gender,
              l.arrival_at AS "arrivalAt", l.arrival_carrier AS "arrivalCarrier", l.arrival_number AS "arrivalNumber",
              l.arrival_point AS "arrivalPoint", l.departure_at AS "departureAt",
              l.departure_carrier AS "departureCarrier", l.departure_number AS "departureNumber",
              l.departure_point AS "departurePoint", l.emergency_name AS "emergencyName",
              l.emergency_relationship AS "emergencyRelationship", l.emergency_phone AS "emergencyPhone",
              l.passport_sealed AS "passportSealed", l.passport_deleted_at AS "passportDeletedAt",
              l.dietary_sealed AS "dietarySealed", r.name AS room, l.updated_at AS "updatedAt"
         FROM enrolment_logistics l
         JOIN enrolments e ON e.id = l.enrolment_id
         JOIN programs p ON p.id = e.program_id
         LEFT JOIN room_assignments ra ON ra.enrolment_id = e.id
         LEFT JOIN rooms r ON r.id = ra.room_id
        WHERE e.trainee_id = $1
        ORDER BY p.start_date, p.code`,
      [traineeId],
    );
    const json = rows.map((r) => {
      const passport = r['passportSealed'] ? openPassport(this.box, String(r['passportSealed'])) : null;
      const dietary = r['dietarySealed'] ? openDietary(this.box, String(r['dietarySealed'])) : null;
      return {
        programCode: r['programCode'],
        programTitle: resolveLocalizedText(r['programTitle'] as LocalizedText, locale),
        gender: r['gender'] ?? null,
        arrival: {
          at: iso(r['arrivalAt']),
          carrier: r['arrivalCarrier'] ?? null,
          number: r['arrivalNumber'] ?? null,
          point: r['arrivalPoint'] ?? null,
        },
        departure: {
          at: iso(r['departureAt']),
          carrier: r['departureCarrier'] ?? null,
          number: r['departureNumber'] ?? null,
          point: r['departurePoint'] ?? null,
        },
        passport,
        passportDeletedAt: iso(r['passportDeletedAt']),
        dietary,
        emergencyContact: r['emergencyName']
          ? { name: r['emergencyName'], relationship: r['emergencyRelationship'], phone: r['emergencyPhone'] }
          : null,
        room: r['room'] ?? null,
        updatedAt: iso(r['updatedAt']),
      };
    });
    return { name: 'logistics', rows: json.map((r) => flatten(r)), json };
  }

  private async consents(s: DataSubject): Promise<DataCopyPart> {
    const general = await this.query(
      `SELECT 'privacy' AS kind, purpose, notice_version AS "noticeVersion", source, given_at AS "givenAt",
              withdrawn_at AS "withdrawnAt", NULL AS "programCode"
         FROM consents WHERE user_id = $1 OR trainee_id = $2
        ORDER BY given_at, id`,
      [s.userId, s.traineeId],
    );
    const logistics = s.traineeId
      ? await this.query(
          `SELECT 'logistics' AS kind, c.purpose, c.notice_version AS "noticeVersion", c.collected AS source,
                  c.given_at AS "givenAt", c.withdrawn_at AS "withdrawnAt", p.code AS "programCode"
             FROM logistics_consents c
             JOIN enrolments e ON e.id = c.enrolment_id
             JOIN programs p ON p.id = e.program_id
            WHERE e.trainee_id = $1
            ORDER BY c.given_at, c.id`,
          [s.traineeId],
        )
      : [];
    const rows = [...general, ...logistics].map((r) => ({
      ...r,
      givenAt: iso(r['givenAt']),
      withdrawnAt: iso(r['withdrawnAt']),
    }));
    return { name: 'consents', rows };
  }

  private async notifications(s: DataSubject): Promise<DataCopyPart> {
    const rows = await this.query<{
      kind: NotificationKind;
      params: Record<string, unknown>;
      createdAt: Date;
      readAt: Date | null;
      timeZone: string;
      emailStatus: string;
      emailSentAt: Date | null;
    }>(
      `SELECT kind, params, created_at AS "createdAt", read_at AS "readAt", time_zone AS "timeZone",
              email_status AS "emailStatus", email_sent_at AS "emailSentAt"
         FROM notifications WHERE user_id = $1
        ORDER BY created_at, id`,
      [s.userId],
    );
    return {
      name: 'notifications',
      rows: rows.map((n) => {
        const words = notificationText({ kind: n.kind, params: n.params }, s.locale, n.timeZone, this.publicUrl);
        return {
          kind: n.kind,
          title: words.title,
          body: words.lines.join('\n'),
          createdAt: iso(n.createdAt),
          readAt: iso(n.readAt),
          emailStatus: n.emailStatus,
          emailSentAt: iso(n.emailSentAt),
        };
      }),
    };
  }

  private async signIns(userId: string): Promise<DataCopyPart> {
    const rows = await this.query(
      `SELECT user_agent AS "userAgent", ip, created_at AS "createdAt", last_used_at AS "lastUsedAt",
              ended_at AS "endedAt"
         FROM sign_ins WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return {
      name: 'sign-ins',
      rows: rows.map((r) => ({
        ...r,
        createdAt: iso(r['createdAt']),
        lastUsedAt: iso(r['lastUsedAt']),
        endedAt: iso(r['endedAt']),
      })),
    };
  }

  private async privacyRequests(s: DataSubject): Promise<DataCopyPart> {
    const rows = await this.query(
      `SELECT kind, status, requested_by_role AS "requestedBy", keep_certificates_verifiable AS "keepCertificatesVerifiable",
              requested_at AS "requestedAt", due_at AS "dueAt", decided_at AS "decidedAt",
              refusal_reason AS "refusalReason"
         FROM privacy_requests WHERE user_id = $1 OR trainee_id = $2
        ORDER BY requested_at, id`,
      [s.userId, s.traineeId],
    );
    return {
      name: 'privacy-requests',
      rows: rows.map((r) => ({
        ...r,
        requestedAt: iso(r['requestedAt']),
        dueAt: iso(r['dueAt']),
        decidedAt: iso(r['decidedAt']),
      })),
    };
  }

  /** "Who accessed my data": staff reads of their record, with the reader's role, institution and name. */
  private async dataAccesses(s: DataSubject): Promise<DataCopyPart> {
    const rows = await this.query(
      `SELECT a.at, a.actor_role AS "actorRole", u.full_name AS "actorName", i.name AS "actorInstitution",
              a.resource, a.fields
         FROM access_log_entries a
         LEFT JOIN users u ON u.id = a.actor_user_id
         LEFT JOIN institutions i ON i.id = a.actor_institution_id
        WHERE a.subject_user_id = $1 OR a.subject_trainee_id = $2
        ORDER BY a.at, a.id`,
      [s.userId, s.traineeId],
    );
    return {
      name: 'data-accesses',
      rows: rows.map((r) => ({
        at: iso(r['at']),
        actorRole: r['actorRole'],
        actorName: r['actorName'] ?? null,
        actorInstitution: r['actorInstitution']
          ? resolveLocalizedText(r['actorInstitution'] as LocalizedText, s.locale)
          : null,
        resource: r['resource'],
        fields: r['fields'] ?? [],
      })),
    };
  }
}

/** A nested record as one CSV line: `arrival.at`, `passport.number`, … */
function flatten(value: Row, prefix = '', out: Row = {}): Row {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) flatten(v as Row, name, out);
    else out[name] = v;
  }
  return out;
}
