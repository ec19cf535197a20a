import type { PrivacyRequestKind, PrivacyRequestStatus } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';

/**
 * A person's request (erasure), made by themselves or by their partner
 * institution, answered by an admin within `dueAt`. The `email` is kept for the
 * admins' list while the request is open and erased with the person.
 */
@Entity({ name: 'privacy_requests' })
@Check('CHK_privacy_requests_kind', `"kind" IN ('erasure')`)
@Check('CHK_privacy_requests_status', `"status" IN ('pending', 'completed', 'refused')`)
@Check('CHK_privacy_requests_requested_by_role', `"requested_by_role" IN ('self', 'partner', 'admin')`)
@Check('CHK_privacy_requests_refusal', `"status" <> 'refused' OR "refusal_reason" IS NOT NULL`)
@Index('IDX_privacy_requests_status_due', ['status', 'dueAt', 'id'])
@Index('UQ_privacy_requests_pending_user', ['userId'], {
  unique: true,
  where: `"status" = 'pending' AND "user_id" IS NOT NULL`,
})
@Index('UQ_privacy_requests_pending_trainee', ['traineeId'], {
  unique: true,
  where: `"status" = 'pending' AND "trainee_id" IS NOT NULL`,
})
export class PrivacyRequestRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_privacy_requests' })
  id: string;

  @Column({ type: 'text' })
  kind: PrivacyRequestKind;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_privacy_requests_user' })
  user?: User | null;

  @Column({ type: 'uuid', nullable: true })
  traineeId: string | null;

  @ManyToOne(() => Trainee, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'FK_privacy_requests_trainee' })
  trainee?: Trainee | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'boolean' })
  keepCertificatesVerifiable: boolean;

  @Column({ type: 'text' })
  requestedByRole: 'self' | 'partner' | 'admin';

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'FK_privacy_requests_requested_by' })
  requester?: User | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ type: 'text', default: 'pending' })
  status: PrivacyRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'FK_privacy_requests_decided_by' })
  decider?: User | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  refusalReason: string | null;
}
