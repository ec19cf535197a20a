import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normalizeVerificationCode, type LocalizedText, type Verification } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { RateLimiter } from './rate-limiter';
import { LEGACY_CODE_PATTERN, SERIAL_PATTERN } from './verification-code';
import { ReplicaReads } from '../../database/replicas/replica-reads';

interface VerifyRow {
  status: Verification['status'];
  serial: string;
  issued_at: Date;
  revoked_reason: string | null;
  revoked_at: Date | null;
  holder_name: string;
  holder_name_latin: string | null;
  program_title: LocalizedText;
  start_date: string;
  end_date: string;
  time_zone: string;
  hours: string;
  issuer_name: LocalizedText;
  valid_until: string | null;
  replaced_by_serial: string | null;
}

/** Which column a typed key looks in, and its stored form; null when it cannot be a certificate's. */
export function verificationKey(typed: string): { column: 'verification_code' | 'serial'; value: string } | null {
  const trimmed = typed.trim();
  if (LEGACY_CODE_PATTERN.test(trimmed)) return { column: 'verification_code', value: trimmed };
  if (SERIAL_PATTERN.test(trimmed)) return { column: 'serial', value: trimmed.toUpperCase() };
  const code = normalizeVerificationCode(trimmed);
  return code ? { column: 'verification_code', value: code } : null;
}

/**
 * The public verification of a certificate by its code (from the QR or typed)
 * or by the serial printed on it: what the certificate states — its own frozen
 * fields — and its state, nothing more about the holder. Rate-limited per
 * client; serials, which are sequential and so could be walked, have a
 * tighter limit of their own.
 */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReplicaReads,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async verify(typed: string, ctx: RequestContext): Promise<Verification> {
    this.limiter.hit(`verify:${ctx.ip}`, this.config.VERIFY_RATE_LIMIT_PER_MINUTE);
    const key = verificationKey(typed);
    if (!key) throw ProblemException.notFound();
    if (key.column === 'serial') {
      this.limiter.hit(`verify-serial:${ctx.ip}`, this.config.VERIFY_SERIAL_RATE_LIMIT_PER_MINUTE);
    }
    // One round trip, only the columns shown: the public's most frequent request.
    const [row] = (await this.reads.query(
      `SELECT c.status, c.serial, c.issued_at, c.revoked_reason, c.revoked_at, c.holder_name, c.holder_name_latin,
              c.program_title, c.start_date, c.end_date, c.time_zone, c.hours, c.issuer_name, c.valid_until,
              r.serial AS replaced_by_serial
         FROM certificates c LEFT JOIN certificates r ON r.id = c.replaced_by
        WHERE c.${key.column} = $1`,
      [key.value],
    )) as VerifyRow[];
    if (!row) throw ProblemException.notFound();
    return {
      status: row.status,
      serial: row.serial,
      holderName: row.holder_name,
      ...(row.holder_name_latin ? { holderNameLatin: row.holder_name_latin } : {}),
      programTitle: row.program_title,
      startDate: row.start_date,
      endDate: row.end_date,
      timeZone: row.time_zone,
      hours: Number(row.hours),
      issuedAt: row.issued_at.toISOString(),
      issuer: row.issuer_name,
      ...(row.valid_until ? { validUntil: row.valid_until } : {}),
      ...(row.revoked_reason ? { revokedReason: row.revoked_reason } : {}),
      ...(row.revoked_at ? { revokedAt: row.revoked_at.toISOString() } : {}),
      ...(row.replaced_by_serial ? { replacedBy: { serial: row.replaced_by_serial } } : {}),
    };
  }
}
