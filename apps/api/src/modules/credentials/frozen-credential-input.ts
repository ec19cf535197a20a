import { wallTimeToInstant, type CompletionBasis, type LocalizedText } from '@skillbridge/contracts';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CredentialInput } from './credential-input';

/** `sha256$<hex>` of the e-mail followed by the salt: how Open Badges identifies a subject without naming them. */
export function identityHashOf(email: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(email + salt)
    .digest('hex')}`;
}

interface FrozenRow {
  id: string;
  serial: string;
  issued_at: Date;
  valid_until: string | null;
  time_zone: string;
  holder_name: string;
  holder_name_latin: string | null;
  program_id: string;
  program_code: string;
  program_title: LocalizedText;
  start_date: string;
  end_date: string;
  hours: string;
  issuer_institution_id: string;
  issuer_name: LocalizedText;
  completion: CompletionBasis;
  salt: string;
  identity_hash: string;
  status_list_id: string;
  status_list_index: number;
}

/**
 * The CredentialInput of a certificate: its own frozen fields (issue 17) and
 * its credential's place and frozen identity hash — never a live record, so
 * the credential says what the certificate said the day it was issued. Null
 * when the certificate has no credential place yet.
 */
export async function frozenCredentialInput(
  manager: EntityManager,
  certificateId: string,
): Promise<CredentialInput | null> {
  const [row] = (await manager.query(
    `SELECT c.id, c.serial, c.issued_at, c.valid_until::text AS valid_until, c.time_zone, c.holder_name,
            c.holder_name_latin, c.program_id, c.program_code, c.program_title, c.start_date::text AS start_date,
            c.end_date::text AS end_date, c.hours, c.issuer_institution_id, c.issuer_name, c.completion,
            cc.salt, cc.identity_hash, cc.status_list_id, cc.status_list_index
       FROM certificates c JOIN certificate_credentials cc ON cc.certificate_id = c.id
      WHERE c.id = $1`,
    [certificateId],
  )) as FrozenRow[];
  if (!row) return null;
  return {
    certificateId: row.id,
    serial: row.serial,
    issuedAt: row.issued_at,
    // Valid through the last day, in the program's zone.
    validUntil: row.valid_until ? wallTimeToInstant(row.valid_until, '23:59', row.time_zone) : null,
    holderName: row.holder_name,
    holderNameLatin: row.holder_name_latin,
    identityHash: row.identity_hash,
    salt: row.salt,
    programId: row.program_id,
    programCode: row.program_code,
    programTitle: row.program_title,
    startDate: row.start_date,
    endDate: row.end_date,
    hours: Number(row.hours),
    issuer: { institutionId: row.issuer_institution_id, name: row.issuer_name },
    completion: {
      minAttendanceRate: row.completion.minAttendanceRate,
      passingScore: row.completion.passingScore ?? null,
      attendanceRate: row.completion.attendanceRate ?? null,
      score: row.completion.score ?? null,
    },
    status: { listId: row.status_list_id, index: row.status_list_index },
  };
}
