import type { Locale, MailTransport, NotificationKind } from '@skillbridge/contracts';
import { createTransport, type Transporter } from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { MailboxMessage } from './mailbox-message.entity';

/** One e-mail, ready to go. */
export interface OutgoingMail {
  notificationId: string;
  kind: NotificationKind;
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  /** The same on every attempt, so a receiving system can tell a repeat. */
  messageId: string;
}

/** Sends mail; `manager` is the outbox transaction, for senders that write to the database. */
export interface MailSender {
  readonly transport: MailTransport;
  send(manager: EntityManager, mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The failure of one attempt, and whether trying again can help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Delivers through an SMTP server, on a small pool of reused connections. */
export class SmtpSender implements MailSender {
  readonly transport = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(url: string, from: string) {
    this.transporter = createTransport(
      {
        url,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      },
      { from },
    );
  }

  async send(_manager: EntityManager, mail: OutgoingMail): Promise<void> {
    try {
      await this.transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: { 'Content-Language': mail.locale, 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      const e = error as Error & { permanent?: boolean; response?: string; code?: string };
      // A 5xx reply (the server refuses this message for good) is permanent; lost connections, timeouts and 4xx are not.
      throw new DeliveryError(e.response ?? `${e.code ?? 'ERROR'}: ${e.message}`, e.permanent === true);
    }
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * The development mailbox (no `SMTP_URL`): the message is stored for admins
 * to read at /admin/mailbox instead of being dropped — in the outbox
 * transaction, so it lands exactly once.
 */
export class MailboxSender implements MailSender {
  readonly transport = 'mailbox' as const;

  async send(manager: EntityManager, mail: OutgoingMail): Promise<void> {
    await manager.insert(MailboxMessage, {
      notificationId: mail.notificationId,
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      locale: mail.locale,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  }

  close(): void {
    // nothing to release
  }
}
