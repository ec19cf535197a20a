import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { AppConfig } from '../../config';
import { AuditService } from '../audit/audit.service';
import { missingArraySql } from './completeness';
import { LOGISTICS_STATUSES } from './logistics.service';
import { ADVISORY_LOCK_KEYS } from '../../database/advisory-locks';

/** How often the jobs run; both are idempotent, so a missed or repeated run does no harm. */
const JOBS_INTERVAL_MS = 3_600_000;
/** One replica at a time runs them (the others skip that round): pg_try_advisory_xact_lock's key. */
const JOBS_LOCK_KEY = ADVISORY_LOCK_KEYS.logisticsJobs;

const STATUSES_SQL = LOGISTICS_STATUSES.map((s) => `'${s}'`).join(', ');

/** The actor of the jobs' audit events: the system itself (no account, no address). */
function systemContext(job: string, now: Date): RequestContext {
  return { viewer: null, requestId: `${job}:${now.toISOString()}`, ip: '', locale: 'en' };
}

/**
 * The periodic work of camp logistics, hourly in every API process (state in
 * PostgreSQL only, one replica per round):
 * - retention: passport data is deleted SENSITIVE_DATA_RETENTION_DAYS after
 *   the program's end (in its zone), each deletion audited;
 * - reminders: a week before a program's due date and on it, each trainee
 *   whose details are still incomplete is e-mailed through the outbox, in
 *   their language. The notification's event key (enrolment, due date,
 *   occasion) makes each reminder go once, however often the job runs.
 * Both take `now`, so tests run them for any day.
 */
@Injectable()
export class LogisticsJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LogisticsJobs');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    // The first round an interval after start: the schema is migrated by then, and a short-lived process never runs it.
    this.timer = setInterval(() => void this.runAll(new Date()), JOBS_INTERVAL_MS).unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async runAll(now: Date): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
          JOBS_LOCK_KEY,
        ])) as { locked: boolean }[];
        if (!locked) return;
        const deleted = await this.runRetention(now);
        const reminded = await this.runReminders(now);
        if (deleted || reminded) this.logger.log(`passports deleted: ${deleted}, reminders: ${reminded}`);
      });
    } catch (error) {
      this.logger.warn(`Logistics jobs failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Deletes the passport data of enrolments whose program ended more than
   * SENSITIVE_DATA_RETENTION_DAYS days before `now` (in the program's zone),
   * keeping everything else; one audit event per deletion. Returns how many.
   */
  async runRetention(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const gone = (await manager.query(
        `UPDATE enrolment_logistics l SET passport_sealed = NULL, passport_deleted_at = $1
           FROM enrolments e JOIN programs p ON p.id = e.program_id
          WHERE e.id = l.enrolment_id AND l.passport_sealed IS NOT NULL
            AND p.end_date + $2::int < ($1::timestamptz AT TIME ZONE p.timezone)::date
        RETURNING l.enrolment_id, e.program_id, e.trainee_id, p.end_date`,
        [now, this.config.SENSITIVE_DATA_RETENTION_DAYS],
      )) as [{ enrolment_id: string; program_id: string; trainee_id: string; end_date: string }[], number];
      const rows = gone[0];
      await this.audit.recordMany(
        manager,
        systemContext('logistics-retention', now),
        rows.map((r) => ({
          action: 'logistics.passport_delete',
          entityType: 'enrolment',
          entityId: r.enrolment_id,
          details: {
            programId: r.program_id,
            traineeId: r.trainee_id,
            programEndDate: r.end_date,
            retentionDays: this.config.SENSITIVE_DATA_RETENTION_DAYS,
          },
        })),
      );
      return rows.length;
    });
  }

  /**
   * Queues the reminders due on `now`'s day (in each program's zone): from a
   * week before the due date (`week`) and on it (`due`), to every pending or
   * confirmed trainee of a published program with something missing. Returns
   * how many were queued (those already sent are not queued again).
   */
  async runReminders(now: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH d AS (
         SELECT s.program_id, s.due_date, s.collect,
                CASE WHEN ($1::timestamptz AT TIME ZONE p.timezone)::date = s.due_date THEN 'due' ELSE 'week' END
                  AS occasion
           FROM program_logistics_settings s JOIN programs p ON p.id = s.program_id
          WHERE s.due_date IS NOT NULL AND cardinality(s.collect) > 0 AND p.status = 'published'
            AND ($1::timestamptz AT TIME ZONE p.timezone)::date BETWEEN s.due_date - 7 AND s.due_date
       )
       INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'logistics-reminder', 'logistics-reminder:' || e.id || ':' || d.due_date || ':' || d.occasion,
              u.id, coalesce(u.email, t.email), coalesce(u.preferred_locale, t.preferred_locale),
              coalesce(u.time_zone, p.timezone),
              jsonb_build_object('programId', p.id, 'programCode', p.code, 'programTitle', p.title,
                                 'name', coalesce(u.full_name, t.full_name), 'dueDate', d.due_date,
                                 'occasion', d.occasion, 'missing', to_jsonb(m.missing), 'link', '/my/programs')
         FROM d
         JOIN enrolments e ON e.program_id = d.program_id AND e.status IN (${STATUSES_SQL})
         JOIN trainees t ON t.id = e.trainee_id
         JOIN programs p ON p.id = e.program_id
         LEFT JOIN users u ON u.id = t.user_id AND NOT u.disabled
         LEFT JOIN enrolment_logistics l ON l.enrolment_id = e.id
         CROSS JOIN LATERAL (SELECT ${missingArraySql('l', 'd')} AS missing) m
        WHERE cardinality(m.missing) > 0
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING
       RETURNING id`,
      [now],
    )) as { id: string }[];
    return rows.length;
  }
}
