import type { LocalizedText } from '@skillbridge/contracts';
import type { EntityManager } from 'typeorm';
import type { CredentialInput } from './credential-input';

/**
 * TEMPORARY: the CredentialInput of a certificate read from today's live
 * records (trainee, program, host institution, sessions, attendance), until
 * the certificate stores its frozen fields (issue 17, "Certificates as
 * issued"). Then this one function is replaced by a mapping of the
 * certificate's own columns — holderName, holderNameLatin, programTitle,
 * startDate, endDate, hours, issuer, validUntil and the completion basis —
 * and nothing else changes. Only the holder's e-mail and the status place
 * stay outside the certificate row.
 */
export async function liveCredentialInput(
  manager: EntityManager,
  certificateId: string,
): Promise<CredentialInput | null> {
  const [row] = (await manager.query(
    `SELECT c.id, c.serial, c.issued_at, t.full_name, t.full_name_latin, t.email,
            p.id AS program_id, p.code, p.title, p.start_date::text AS start_date, p.end_date::text AS end_date,
            p.min_attendance_rate, p.passing_score, e.score,
            h.id AS host_id, h.name AS host_name,
            cc.salt, cc.status_list_id, cc.status_list_index,
            (SELECT coalesce(sum(extract(epoch FROM s.ends_at - s.starts_at)), 0) / 3600
               FROM sessions s WHERE s.program_id = p.id)::float8 AS hours,
            (SELECT count(*) FROM sessions s WHERE s.program_id = p.id)::int AS sessions,
            (SELECT count(*) FILTER (WHERE a.status IS DISTINCT FROM 'excused')
               FROM sessions s LEFT JOIN attendance a ON a.session_id = s.id AND a.trainee_id = c.trainee_id
              WHERE s.program_id = p.id)::int AS counted,
            (SELECT count(*) FILTER (WHERE a.status IN ('present', 'late'))
               FROM sessions s JOIN attendance a ON a.session_id = s.id AND a.trainee_id = c.trainee_id
              WHERE s.program_id = p.id)::int AS attended
       FROM certificates c
       JOIN trainees t ON t.id = c.trainee_id
       JOIN programs p ON p.id = c.program_id
       JOIN institutions h ON h.id = p.host_institution_id
       JOIN enrolments e ON e.id = c.enrolment_id
       JOIN certificate_credentials cc ON cc.certificate_id = c.id
      WHERE c.id = $1`,
    [certificateId],
  )) as {
    id: string;
    serial: string;
    issued_at: Date;
    full_name: string;
    full_name_latin: string | null;
    email: string;
    program_id: string;
    code: string;
    title: LocalizedText;
    start_date: string;
    end_date: string;
    min_attendance_rate: number | string;
    passing_score: number | string | null;
    score: number | string | null;
    host_id: string;
    host_name: LocalizedText;
    salt: string;
    status_list_id: string;
    status_list_index: number;
    hours: number;
    sessions: number;
    counted: number;
    attended: number;
  }[];
  if (!row) return null;
  return {
    certificateId: row.id,
    serial: row.serial,
    issuedAt: row.issued_at,
    validUntil: null,
    holderName: row.full_name,
    holderNameLatin: row.full_name_latin,
    holderEmail: row.email,
    salt: row.salt,
    programId: row.program_id,
    programCode: row.code,
    programTitle: row.title,
    startDate: row.start_date,
    endDate: row.end_date,
    hours: Math.round(row.hours * 100) / 100,
    issuer: { institutionId: row.host_id, name: row.host_name },
    completion: {
      minAttendanceRate: Number(row.min_attendance_rate),
      passingScore: row.passing_score === null ? null : Number(row.passing_score),
      attendanceRate: row.sessions > 0 && row.counted > 0 ? row.attended / row.counted : null,
      score: row.score === null ? null : Number(row.score),
    },
    status: { listId: row.status_list_id, index: row.status_list_index },
  };
}
