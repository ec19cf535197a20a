import type { DeliveryStatus, Locale, NotificationKind } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One notification to one person, and the outbox row of its e-mail. Written in
 * the same transaction as the change that causes it, so a change that rolls
 * back never notifies anyone; the outbox worker then delivers the e-mail.
 * `params` keeps what the wording needs (program title in every language,
 * times in UTC), so the text is rendered in the recipient's language and zone.
 */
@Entity({ name: 'notifications' })
@Unique('UQ_notifications_event_recipient', ['eventKey', 'email'])
@Index('IDX_notifications_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_notifications_user_unread', ['userId'], { where: 'read_at IS NULL' })
@Index('IDX_notifications_outbox', ['emailNextAttemptAt'], { where: "email_status = 'pending'" })
@Check('CHK_notifications_email_status', `"email_status" IN ('pending', 'sent', 'failed')`)
@Check('CHK_notifications_locale', `"locale" IN ('en', 'zh', 'th', 'ms')`)
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notifications' })
  id: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  /** What happened, once: the same event never notifies the same address twice. */
  @Column({ type: 'text' })
  eventKey: string;

  /** The recipient's account, for the in-app list; null for trainees without one (e-mail only). */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notifications_user' })
  user?: User | null;

  @Column({ type: 'text' })
  email: string;

  /** The recipient's language and zone when the event happened. */
  @Column({ type: 'text' })
  locale: Locale;

  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  @Column({ type: 'text', default: 'pending' })
  emailStatus: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  emailAttempts: number;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  emailNextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  emailLastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  emailSentAt: Date | null;

  /** The Message-ID the e-mail went out with (the same on every attempt). */
  @Column({ type: 'text', nullable: true })
  emailMessageId: string | null;
}
