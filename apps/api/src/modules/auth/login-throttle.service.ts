import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';

export const LOGIN_FAILED = 'auth.login_failed';
export const LOGIN_SUCCEEDED = 'auth.login';

/**
 * Sign-in throttling per account and per client IP, counted from the audit
 * trail (every failure is recorded there anyway), so it holds across any
 * number of API replicas. An account's count restarts after a successful
 * sign-in; while over the limit even the right password gets 429.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const windowMinutes = this.config.LOGIN_WINDOW_MINUTES;
    const [row] = (await this.dataSource.query(
      `WITH since AS (
         SELECT greatest(now() - make_interval(mins => $3),
                         coalesce((SELECT max(occurred_at) FROM audit_events
                                    WHERE action = $5 AND subject = $1
                                      AND occurred_at > now() - make_interval(mins => $3)), '-infinity')) AS t
       ),
       account AS (
         SELECT occurred_at FROM audit_events, since
          WHERE action = $4 AND subject = $1 AND occurred_at > since.t
          ORDER BY occurred_at DESC LIMIT $6
       ),
       client AS (
         SELECT occurred_at FROM audit_events
          WHERE action = $4 AND ip = $2::inet AND occurred_at > now() - make_interval(mins => $3)
          ORDER BY occurred_at DESC LIMIT $7
       )
       SELECT (SELECT count(*) FROM account)::int AS account_failures,
              (SELECT min(occurred_at) FROM account) AS account_oldest,
              (SELECT count(*) FROM client)::int AS ip_failures,
              (SELECT min(occurred_at) FROM client) AS ip_oldest,
              now() AS now`,
      [
        email,
        ip || '0.0.0.0',
        windowMinutes,
        LOGIN_FAILED,
        LOGIN_SUCCEEDED,
        this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        this.config.LOGIN_MAX_FAILURES_PER_IP,
      ],
    )) as {
      account_failures: number;
      account_oldest: Date | null;
      ip_failures: number;
      ip_oldest: Date | null;
      now: Date;
    }[];

    const windowMs = windowMinutes * 60_000;
    const waits: number[] = [];
    if (row.account_failures >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT && row.account_oldest) {
      waits.push(row.account_oldest.getTime() + windowMs - row.now.getTime());
    }
    if (row.ip_failures >= this.config.LOGIN_MAX_FAILURES_PER_IP && row.ip_oldest) {
      waits.push(row.ip_oldest.getTime() + windowMs - row.now.getTime());
    }
    if (waits.length > 0) {
      const retryAfter = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
      throw new ProblemException(429, ErrorCode.TooManyRequests, { headers: { 'retry-after': String(retryAfter) } });
    }
  }
}
