import type { ConsentPurpose, ConsentSource } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';
import { PrivacyNoticeRecord } from './privacy-notice.entity';

/**
 * A person's consent to one purpose, given to one version of the privacy
 * notice: at registration, on the profile page, or attested by the partner
 * institution that imported them (then `traineeId` without `userId`). Written
 * once; withdrawing sets `withdrawnAt`, giving again adds a row.
 */
@Entity({ name: 'consents' })
@Check('CHK_consents_purpose', `"purpose" IN ('program-administration', 'cross-border-transfer', 'program-news')`)
@Check('CHK_consents_source', `"source" IN ('registration', 'profile', 'partner-attestation')`)
@Check('CHK_consents_person', `"user_id" IS NOT NULL OR "trainee_id" IS NOT NULL`)
@Index('IDX_consents_user', ['userId', 'givenAt'])
@Index('IDX_consents_trainee', ['traineeId', 'givenAt'])
export class ConsentRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_consents' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_consents_user' })
  user?: User | null;

  @Column({ type: 'uuid', nullable: true })
  traineeId: string | null;

  @ManyToOne(() => Trainee, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'FK_consents_trainee' })
  trainee?: Trainee | null;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  @Column({ type: 'text' })
  noticeVersion: string;

  @ManyToOne(() => PrivacyNoticeRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_version', foreignKeyConstraintName: 'FK_consents_notice' })
  notice?: PrivacyNoticeRecord;

  @Column({ type: 'text' })
  source: ConsentSource;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  givenAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  withdrawnAt: Date | null;

  /** The partner or admin who recorded it (an attested import); null when the person gave it. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_consents_recorded_by' })
  recorder?: User | null;
}
