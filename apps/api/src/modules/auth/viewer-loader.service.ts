import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { AppConfig } from '../../config';
import type { AccessClaims } from './token.service';

interface ViewerRow {
  id: string;
  role: Role;
  institution_id: string | null;
  disabled: boolean;
  token_version: number;
  email_verified: boolean;
  mfa_enabled: boolean;
  trainee_id: string | null;
  instructor_id: string | null;
  /** Whether the token's sign-in is still open (null: no such sign-in of this account). */
  sign_in_open: boolean | null;
}

interface CachedRow {
  /** null: no such account (deleted). */
  row: ViewerRow | null;
  /** When the read that produced it started. */
  readAt: number;
}

/** Accounts remembered at most; the oldest is dropped first. */
const MAX_CACHED = 10_000;
/** After a change to an account, its reads are not remembered for this long, so a read racing the change's commit is never kept. */
const QUIET_MS = 10_000;

/**
 * Turns valid token claims into the current Viewer with one primary-key
 * lookup, so a deleted or disabled account, a changed role or password, or an
 * ended sign-in takes effect on the next request, not when tokens expire.
 * A trainee's institution is read from their trainee row, where it lives.
 *
 * The lookup is remembered for VIEWER_CACHE_MS (2 s) per account and sign-in:
 * without it every authenticated request paid a second database round trip,
 * as much as the work it asked for. Every change to an account made through
 * this process calls forget() and takes effect at once; another replica's
 * change reaches this process within VIEWER_CACHE_MS.
 */
@Injectable()
export class ViewerLoader {
  private readonly cache = new Map<string, Map<string, CachedRow>>();
  private readonly quietUntil = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async load(claims: AccessClaims): Promise<Viewer | null> {
    const row = await this.row(claims.sub, claims.sid);
    if (!row || row.disabled || row.token_version !== claims.ver || row.role !== claims.role) return null;
    if (row.sign_in_open !== true) return null;
    return {
      userId: row.id,
      role: row.role,
      institutionId: row.institution_id,
      traineeId: row.trainee_id,
      instructorId: row.instructor_id,
      emailVerified: row.email_verified,
      mfaSetupRequired: !row.mfa_enabled && this.config.mfaRequiredRoles.includes(row.role),
      sessionId: claims.sid,
    };
  }

  /** The account changed (or is about to, in a transaction not yet committed): read it afresh for a while. */
  forget(userId: string): void {
    this.cache.delete(userId);
    this.quietUntil.set(userId, Date.now() + Math.max(QUIET_MS, this.config.VIEWER_CACHE_MS));
  }

  private async row(userId: string, signInId: string): Promise<ViewerRow | null> {
    const ttl = this.config.VIEWER_CACHE_MS;
    const now = Date.now();
    const cached = ttl > 0 ? this.cache.get(userId)?.get(signInId) : undefined;
    if (cached && now - cached.readAt < ttl) return cached.row;

    const rows = (await this.dataSource.query(
      `SELECT u.id, u.role, u.disabled, u.token_version,
              u.email_verified_at IS NOT NULL AS email_verified, u.totp_enabled_at IS NOT NULL AS mfa_enabled,
              CASE WHEN u.role = 'trainee' THEN t.institution_id ELSE u.institution_id END AS institution_id,
              t.id AS trainee_id,
              (SELECT i.id FROM instructors i WHERE i.user_id = u.id) AS instructor_id,
              (SELECT s.ended_at IS NULL FROM sign_ins s WHERE s.id = $2 AND s.user_id = u.id) AS sign_in_open
         FROM users u LEFT JOIN trainees t ON t.user_id = u.id
        WHERE u.id = $1`,
      [userId, signInId],
    )) as ViewerRow[];
    const row = rows[0] ?? null;
    if (ttl > 0) this.remember(userId, signInId, row, now);
    return row;
  }

  private remember(userId: string, signInId: string, row: ViewerRow | null, readAt: number): void {
    const quiet = this.quietUntil.get(userId);
    if (quiet !== undefined) {
      if (quiet > Date.now()) return;
      this.quietUntil.delete(userId);
    }
    let signIns = this.cache.get(userId);
    if (!signIns) {
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      signIns = new Map();
      this.cache.set(userId, signIns);
    }
    signIns.set(signInId, { row, readAt });
  }
}
