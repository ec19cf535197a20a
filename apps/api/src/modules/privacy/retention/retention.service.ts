import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RetentionReport } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../../../common/auth/viewer';
import { AppConfig } from '../../../config';
import { AuditService } from '../../audit/audit.service';
import { Anonymizer } from '../erasure/anonymizer';

/** The job's row in `job_runs`. */
export const RETENTION_JOB = 'retention';
/** How often each process looks whether today's run is done; only the first look of a day does the work. */
const TICK_MS = 3_600_000;
/** Revoked refresh tokens are kept this long: a rotated token presented again still revokes its family meanwhile. */
const REVOKED_REFRESH_KEEP_DAYS = 30;

/**
 * A trainee's last activity: whichever is latest of the record's creation or change, an enrolment's creation,
 * decision or assessment, an attendance mark or QR check-in, a certificate's issue, the end of a program they were
 * enrolled in (so nobody is erased before their program is over), and the account's last sign-in or session use.
 */
const LAST_ACTIVITY = `GREATEST(
    t.created_at, t.updated_at,
    (SELECT max(GREATEST(e.created_at, e.updated_at, e.decided_at, e.assessed_at, p.end_date::timestamptz))
       FROM enrolments e JOIN programs p ON p.id = e.program_id WHERE e.trainee_id = t.id),
    (SELECT max(a.recorded_at) FROM attendance a WHERE a.trainee_id = t.id),
    (SELECT max(c.checked_in_at) FROM check_ins c WHERE c.trainee_id = t.id),
    (SELECT max(c.issued_at) FROM certificates c WHERE c.trainee_id = t.id),
    u.last_login_at,
    (SELECT max(s.last_used_at) FROM sign_ins s WHERE s.user_id = u.id)
  )`;

/**
 * The daily retention job (issue 23), PostgreSQL-backed and safe with any
 * number of API replicas: each process ticks hourly, and a tick claims the day
 * in `job_runs` with one conditional upsert — the claim and the work commit
 * together, so a second replica (or a second tick) finds the day taken and
 * does nothing, and a run that fails leaves the day unclaimed for the next
 * tick. It takes `now`, so tests move the clock. What it does:
 * - anonymizes trainees without activity (see LAST_ACTIVITY) for
 *   RETENTION_YEARS, keeping their certificates verifiable;
 * - deletes expired data copies, used or expired account tokens, expired
 *   refresh tokens (revoked ones after REVOKED_REFRESH_KEEP_DAYS), rate-limit
 *   rows an hour past their window, and mailbox messages older than
 *   MAILBOX_RETENTION_DAYS;
 * - reports the counts in a `retention.run` audit event.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RetentionJob');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly anonymizer: Anonymizer,
  ) {}

  onApplicationBootstrap(): void {
    // The first look a tick after start: the schema is migrated by then, and a short-lived process never runs it.
    this.timer = setInterval(() => void this.tick(), TICK_MS).unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    try {
      const report = await this.run(new Date());
      if (report) this.logger.log(`retention: ${JSON.stringify(report)}`);
    } catch (error) {
      this.logger.warn(`Retention job failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Runs the day of `now` (UTC) unless it already ran: the report, or null when the day was taken. */
  async run(now: Date): Promise<RetentionReport | null> {
    const day = now.toISOString().slice(0, 10);
    return this.dataSource.transaction(async (manager) => {
      const claimed = (await manager.query(
        `INSERT INTO job_runs (name, last_run_on, last_started_at) VALUES ($1, $2::date, $3)
         ON CONFLICT (name) DO UPDATE SET last_run_on = EXCLUDED.last_run_on, last_started_at = EXCLUDED.last_started_at
          WHERE job_runs.last_run_on IS NULL OR job_runs.last_run_on < EXCLUDED.last_run_on
         RETURNING name`,
        [RETENTION_JOB, day, now],
      )) as { name: string }[];
      if (!claimed.length) return null;
      const ctx: RequestContext = { viewer: null, requestId: `retention:${day}`, ip: '', locale: 'en' };

      const count = async (sql: string, params: unknown[]) =>
        ((await manager.query(sql, params)) as [unknown[], number])[1];
      const report: RetentionReport = {
        day,
        traineesAnonymized: 0,
        dataExportsDeleted: await count(`DELETE FROM data_exports WHERE expires_at < $1`, [now]),
        accountTokensDeleted: await count(`DELETE FROM account_tokens WHERE used_at IS NOT NULL OR expires_at < $1`, [
          now,
        ]),
        refreshTokensDeleted: await count(
          `DELETE FROM refresh_tokens
            WHERE expires_at < $1 OR revoked_at < $1::timestamptz - make_interval(days => $2::int)`,
          [now, REVOKED_REFRESH_KEEP_DAYS],
        ),
        rateLimitRowsDeleted: await count(
          `DELETE FROM rate_limit_hits WHERE window_start < $1::timestamptz - interval '1 hour'`,
          [now],
        ),
        mailboxMessagesDeleted: await count(
          `DELETE FROM mailbox_messages WHERE created_at < $1::timestamptz - make_interval(days => $2::int)`,
          [now, this.config.MAILBOX_RETENTION_DAYS],
        ),
      };
      const inactive = (await manager.query(
        `SELECT t.id FROM trainees t LEFT JOIN users u ON u.id = t.user_id
          WHERE t.anonymized_at IS NULL
            AND ${LAST_ACTIVITY} < $1::timestamptz - make_interval(years => $2::int)
          ORDER BY t.id`,
        [now, this.config.RETENTION_YEARS],
      )) as { id: string }[];
      // After the deletions, so their counts say what expired (the anonymizer removes the rest of these people's).
      for (const { id } of inactive) {
        await this.anonymizer.anonymize(manager, { userId: null, traineeId: id }, { keepCertificates: true, now }, ctx);
      }
      report.traineesAnonymized = inactive.length;
      await this.audit.record(manager, ctx, {
        action: 'retention.run',
        entityType: 'job_run',
        subject: RETENTION_JOB,
        details: { ...report, retentionYears: this.config.RETENTION_YEARS },
      });
      await manager.query(
        `UPDATE job_runs SET last_finished_at = clock_timestamp(), last_report = $2 WHERE name = $1`,
        [RETENTION_JOB, JSON.stringify(report)],
      );
      return report;
    });
  }
}
