import type { Locale, NotificationKind } from '@skillbridge/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An e-mail delivered to the development mailbox instead of an SMTP server
 * (no `SMTP_URL`): what would have been sent, for admins to read. Written in
 * the same transaction that marks the notification sent, so it is there once.
 */
@Entity({ name: 'mailbox_messages' })
@Index('IDX_mailbox_messages_created', ['createdAt', 'id'])
export class MailboxMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_mailbox_messages' })
  id: string;

  @Index('UQ_mailbox_messages_notification', { unique: true })
  @Column({ type: 'uuid' })
  notificationId: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'text' })
  to: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  locale: Locale;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  messageId: string;

  /**
   * The whole message as an SMTP server would have received it (headers and
   * MIME parts, CRLF line ends); null for messages kept before it was.
   */
  @Column({ type: 'text', nullable: true })
  raw: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;
}
