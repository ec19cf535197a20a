import type { LocalizedText, PrivacyNoticeRecipient } from '@skillbridge/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One version of the privacy notice, in four languages: the controller (the
 * host college), the purposes, the recipients and their countries, the
 * retention period and a contact. Written once: a change is a new version, and
 * every consent names the version it was given to, so what a person was shown
 * stays readable forever.
 */
@Entity({ name: 'privacy_notices' })
export class PrivacyNoticeRecord {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_privacy_notices' })
  version: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  publishedAt: Date;

  @Column({ type: 'jsonb' })
  text: LocalizedText;

  @Column({ type: 'jsonb' })
  controller: LocalizedText;

  @Column({ type: 'text' })
  contact: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  recipients: PrivacyNoticeRecipient[];

  @Column({ type: 'integer' })
  retentionYears: number;

  @Column({ type: 'uuid', nullable: true })
  publishedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'published_by', foreignKeyConstraintName: 'FK_privacy_notices_published_by' })
  publisher?: User | null;
}
