import type { Role } from '@skillbridge/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which record, when — written in the same transaction as the
 * change it describes. No foreign keys: the trail outlives deleted records.
 */
@Entity({ name: 'audit_events' })
@Index('IDX_audit_events_occurred_at_id', ['occurredAt', 'id'])
@Index('IDX_audit_events_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('IDX_audit_events_actor', ['actorId', 'occurredAt'])
@Index('IDX_audit_events_action_subject', ['action', 'subject', 'occurredAt'])
@Index('IDX_audit_events_action_ip', ['action', 'ip', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_audit_events' })
  id: string;

  /** Millisecond precision: list pages continue after it (keyset cursors carry JS dates). */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: Role | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text', nullable: true })
  entityId: string | null;

  /** What the event is about when there is no record id, e.g. the e-mail of a failed sign-in. */
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
