import type { AccessLogResource, Role } from '@skillbridge/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * "Who looked": one read of a person's record by staff (admin, partner,
 * instructor) — who, whose, when, what, and for sensitive data which fields.
 * Ids only (no names or addresses), so erasing the person leaves nothing
 * personal here; the person's data copy lists these entries.
 */
@Entity({ name: 'access_log_entries' })
@Index('IDX_access_log_entries_subject_trainee', ['subjectTraineeId', 'at'])
@Index('IDX_access_log_entries_subject_user', ['subjectUserId', 'at'])
@Index('IDX_access_log_entries_at', ['at'])
export class AccessLogEntryRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_access_log_entries' })
  id: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text' })
  actorRole: Role;

  @Column({ type: 'uuid', nullable: true })
  actorInstitutionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectTraineeId: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectUserId: string | null;

  @Column({ type: 'text' })
  resource: AccessLogResource;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields: string[];

  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
