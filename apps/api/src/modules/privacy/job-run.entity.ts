import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last run of a periodic job, shared by every API replica: a daily job
 * claims its day with one conditional UPDATE (`last_run_on < today`), so it runs
 * once a day however many processes tick.
 */
@Entity({ name: 'job_runs' })
export class JobRunRecord {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_job_runs' })
  name: string;

  @Column({ type: 'date', nullable: true })
  lastRunOn: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastStartedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastFinishedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  lastReport: Record<string, unknown> | null;
}
