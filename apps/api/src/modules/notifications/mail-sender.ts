import type { Locale, MailTransport, NotificationKind } from '@skillbridge/contracts';
import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
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
  /** When this attempt sends it (the `Date:` header). */
  date: Date;
}

/**
 * The message as it goes to an SMTP server: RFC 5322 with MIME (a text and
 * an HTML part, UTF-8), CRLF line ends, the subject and any non-ASCII
 * header encoded per RFC 2047 — built by nodemailer's MailComposer. Both
 * senders send exactly these bytes, so the development mailbox keeps what an
 * SMTP server would have received. The multipart boundary derives from the
 * Message-ID: every attempt at one e-mail is the same message but for its
 * Date.
 */
export function composeMail(mail: OutgoingMail, from: string): Promise<Buffer> {
  return new MailComposer({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    date: mail.date,
    // Transactional: no List-Unsubscribe; Auto-Submitted keeps auto-responders from answering (RFC 3834).
    headers: { 'Content-Language': mail.locale, 'Auto-Submitted': 'auto-generated' },
    baseBoundary: createHash('sha256').update(mail.messageId).digest('hex').slice(0, 16),
    // Line breaks of the bodies too, which SMTP would otherwise turn from LF into CRLF on the way.
    newline: 'windows',
  })
    .compile()
    .build();
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

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = createTransport({
      url,
      pool: true,
      maxConnections: 2,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(_manager: EntityManager, mail: OutgoingMail): Promise<void> {
    try {
      const raw = await composeMail(mail, this.from);
      await this.transporter.sendMail({ envelope: { from: this.from, to: [mail.to] }, raw });
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
 * transaction, so it lands exactly once — with the raw message an SMTP
 * server would have received, for checking its headers.
 */
export class MailboxSender implements MailSender {
  readonly transport = 'mailbox' as const;

  constructor(private readonly from: string) {}

  async send(manager: EntityManager, mail: OutgoingMail): Promise<void> {
    const raw = await composeMail(mail, this.from);
    await manager.insert(MailboxMessage, {
      notificationId: mail.notificationId,
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      locale: mail.locale,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      raw: raw.toString('utf8'), // 7-bit in practice: quoted-printable or base64 bodies, RFC 2047 headers
    });
  }

  close(): void {
    // nothing to release
  }
}
