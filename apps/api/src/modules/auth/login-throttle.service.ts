import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';

export const LOGIN_FAILED = 'auth.login_failed';
export const MFA_FAILED = 'auth.mfa_failed';
export const LOGIN_SUCCEEDED = 'auth.login';
export const ACCOUNT_UNLOCKED = 'auth.unlock';

/** What the throttle decided about a sign-in attempt. */
export type LoginVerdict = 'allowed' | 'locked';

interface CountRow {
  pair: number;
  pair_oldest: Date | null;
  account: number;
  account_oldest: Date | null;
  client: number;
  client_oldest: Date | null;
  now: Date;
}

/**
 * Sign-in throttling that slows attackers down without locking the owner
 * out. Counted from the audit trail (every failure is recorded there anyway),
 * so it holds across any number of API replicas. Failed passwords and failed
 * two-factor codes count alike, in three ways within LOGIN_WINDOW_MINUTES:
 *
 * - one account from one client (LOGIN_MAX_FAILURES_PER_ACCOUNT): that client
 *   gets 429 for that account — the owner, signing in from elsewhere, does not;
 * - one client across all accounts (LOGIN_MAX_FAILURES_PER_IP): 429 for it;
 * - one account from all clients together (LOGIN_LOCK_AFTER_FAILURES, well
 *   above the first): a spread-out guessing campaign locks the account's
 *   sign-in (429 ACCOUNT_LOCKED) until the window passes or the owner follows
 *   the unlock link e-mailed to them.
 *
 * An account's counts start afresh after a successful sign-in or an unlock.
 * Unknown e-mails are counted by the address typed, so they answer exactly
 * as known ones do.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Throws 429 when this client may not try this account now; 'locked' when only the unlock link helps. */
  async check(email: string, ip: string): Promise<LoginVerdict> {
    const windowMinutes = this.config.LOGIN_WINDOW_MINUTES;
    const [row] = (await this.dataSource.query(
      `WITH since AS (
         SELECT greatest(now() - make_interval(mins => $3),
                         coalesce((SELECT max(occurred_at) FROM audit_events
                                    WHERE action = ANY($5) AND subject = $1
                                      AND occurred_at > now() - make_interval(mins => $3)), '-infinity')) AS t
       ),
       account AS (
         SELECT occurred_at, ip FROM audit_events, since
          WHERE action = ANY($4) AND subject = $1 AND occurred_at > since.t
          ORDER BY occurred_at DESC LIMIT $8
       ),
       pair AS (
         SELECT occurred_at FROM account WHERE ip = $2::inet ORDER BY occurred_at DESC LIMIT $6
       ),
       client AS (
         SELECT occurred_at FROM audit_events
          WHERE action = ANY($4) AND ip = $2::inet AND occurred_at > now() - make_interval(mins => $3)
          ORDER BY occurred_at DESC LIMIT $7
       )
       SELECT (SELECT count(*) FROM pair)::int AS pair, (SELECT min(occurred_at) FROM pair) AS pair_oldest,
              (SELECT count(*) FROM account)::int AS account, (SELECT min(occurred_at) FROM account) AS account_oldest,
              (SELECT count(*) FROM client)::int AS client, (SELECT min(occurred_at) FROM client) AS client_oldest,
              now() AS now`,
      [
        email,
        ip || '0.0.0.0',
        windowMinutes,
        [LOGIN_FAILED, MFA_FAILED],
        [LOGIN_SUCCEEDED, ACCOUNT_UNLOCKED],
        this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        this.config.LOGIN_MAX_FAILURES_PER_IP,
        this.config.LOGIN_LOCK_AFTER_FAILURES,
      ],
    )) as CountRow[];

    const windowMs = windowMinutes * 60_000;
    const waitUntil = (oldest: Date | null) => (oldest ? oldest.getTime() + windowMs - row.now.getTime() : windowMs);
    const waits: number[] = [];
    if (row.client >= this.config.LOGIN_MAX_FAILURES_PER_IP) waits.push(waitUntil(row.client_oldest));
    if (row.pair >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) waits.push(waitUntil(row.pair_oldest));
    if (waits.length > 0) throw tooMany(ErrorCode.TooManyRequests, Math.max(...waits));
    return row.account >= this.config.LOGIN_LOCK_AFTER_FAILURES ? 'locked' : 'allowed';
  }

  /** The 429 of a locked account, after the caller had the chance to send the unlock link. */
  locked(): ProblemException {
    return tooMany(ErrorCode.AccountLocked, this.config.LOGIN_WINDOW_MINUTES * 60_000);
  }

  /**
   * Throws 429 when `actions` were recorded at least `max` times within the
   * last `minutes` for this subject (an e-mail) or this client IP.
   */
  async assertUnder(limit: { actions: string[]; subject?: string; ip?: string; max: number; minutes: number }) {
    const by = limit.subject !== undefined ? 'subject = $4' : 'ip = $4::inet';
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n, min(occurred_at) AS oldest, now() AS now FROM (
         SELECT occurred_at FROM audit_events
          WHERE action = ANY($1) AND ${by} AND occurred_at > now() - make_interval(mins => $2)
          ORDER BY occurred_at DESC LIMIT $3) recent`,
      [limit.actions, limit.minutes, limit.max, limit.subject ?? (limit.ip || '0.0.0.0')],
    )) as { n: number; oldest: Date | null; now: Date }[];
    if (row.n >= limit.max) {
      const wait = row.oldest ? row.oldest.getTime() + limit.minutes * 60_000 - row.now.getTime() : 60_000;
      throw tooMany(ErrorCode.TooManyRequests, wait);
    }
  }
}

function tooMany(code: ErrorCode, waitMs: number): ProblemException {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return new ProblemException(429, code, { headers: { 'retry-after': String(retryAfter) } });
}
