import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale, MailTransport, NotificationKind } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { Secrets } from '../../common/crypto/secrets';
import { AppConfig } from '../../config';
import type { AccountTokenPurpose } from '../auth/account-token.entity';
import { accountTokenFor, TOKEN_LINK_PATH } from '../auth/account-tokens.service';
import { DeliveryError, MailboxSender, SmtpSender, type MailSender } from './mail-sender';
import { renderEmail, type RenderedEmail } from './notification-text';

/** Longest wait between two attempts at one e-mail. */
const MAX_RETRY_DELAY_MS = 3_600_000;
/** Longest pause of the loop while the database is unreachable. */
const MAX_IDLE_ON_ERROR_MS = 30_000;

interface DueRow {
  id: string;
  kind: NotificationKind;
  email: string;
  locale: Locale;
  timeZone: string;
  params: Record<string, unknown>;
  attempts: number;
}

/** The wait before attempt `attempt + 1`: doubling from the base, capped, with ±20 % jitter so retries spread out. */
export function retryDelay(attempt: number, baseMs: number, random = Math.random): number {
  const delay = Math.min(baseMs * 2 ** Math.max(attempt - 1, 0), MAX_RETRY_DELAY_MS);
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/**
 * The transactional outbox's delivery loop. Each e-mail is sent inside its
 * own transaction that holds the notification's row lock (`FOR UPDATE SKIP
 * LOCKED`): two workers — in one process or on several replicas — never take
 * the same row, a sent row is never picked again, and a crash mid-send
 * releases the lock so the row is retried. Failures wait with exponential
 * backoff; after OUTBOX_MAX_ATTEMPTS, or at once on a permanent SMTP refusal,
 * the row is marked failed with the reason. The outcome is kept on the row.
 *
 * Delivery is at-least-once in one narrow window: if the process dies (or the
 * database goes away) after the SMTP server accepted a message but before the
 * commit, the message goes out again — with the same Message-ID, by which
 * mail systems recognise the repeat.
 */
@Injectable()
export class OutboxWorker implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly sender: MailSender;
  private running = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly messageDomain: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly secrets: Secrets,
  ) {
    this.sender = config.SMTP_URL
      ? new SmtpSender(config.SMTP_URL, config.MAIL_FROM)
      : new MailboxSender(config.MAIL_FROM);
    this.messageDomain = new URL(config.publicUrl).hostname || 'skillbridge.local';
  }

  /** Where e-mail goes: the SMTP server, or the development mailbox. */
  get transport(): MailTransport {
    return this.sender.transport;
  }

  /** Starts the loop (once the schema is migrated). Does nothing when OUTBOX_WORKER is off. */
  start(): void {
    if (this.running || !this.config.OUTBOX_WORKER) return;
    if (this.sender.transport === 'mailbox' && this.config.NODE_ENV === 'production') {
      this.logger.warn('No SMTP_URL: e-mail goes to the development mailbox (/admin/mailbox), not to people.');
    }
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.sender.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const attempted = await this.deliverDue();
        failures = 0;
        if (attempted === 0) await this.pause(this.config.OUTBOX_POLL_MS);
      } catch (error) {
        failures += 1;
        // The database is away (restart, failover): wait longer each time, and carry on when it is back.
        this.logger.warn(`Outbox paused: ${error instanceof Error ? error.message : String(error)}`);
        await this.pause(Math.min(this.config.OUTBOX_POLL_MS * 2 ** failures, MAX_IDLE_ON_ERROR_MS));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /**
   * An account e-mail's link, rebuilt from its token id at the moment of
   * sending: the stored row holds no usable token (see AccountTokensService).
   */
  private withTokenLink(params: Record<string, unknown>): Record<string, unknown> {
    const id = params['tokenId'];
    const purpose = params['tokenPurpose'] as AccountTokenPurpose | undefined;
    if (typeof id !== 'string' || !purpose || !(purpose in TOKEN_LINK_PATH)) return params;
    const token = accountTokenFor(this.secrets, id, purpose);
    return { ...params, link: `${TOKEN_LINK_PATH[purpose]}?token=${encodeURIComponent(token)}` };
  }

  /** Attempts every e-mail that is due now, up to `max`; returns how many it attempted. */
  async deliverDue(max = 100): Promise<number> {
    let attempted = 0;
    while (attempted < max && !this.stopping && (await this.deliverNext())) attempted += 1;
    return attempted;
  }

  /** Takes the next due e-mail and attempts it; false when none is due. */
  async deliverNext(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, kind, email, locale, time_zone AS "timeZone", params, email_attempts AS attempts
           FROM notifications
          WHERE email_status = 'pending' AND email_next_attempt_at <= clock_timestamp()
          ORDER BY email_next_attempt_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
      )) as DueRow[];
      if (!row) return false;
      const messageId = `<${row.id}@${this.messageDomain}>`;
      try {
        let email: RenderedEmail;
        try {
          email = renderEmail({ ...row, params: this.withTokenLink(row.params) }, this.config.publicUrl);
        } catch (error) {
          throw new DeliveryError(`cannot render: ${error instanceof Error ? error.message : String(error)}`, true);
        }
        await this.sender.send(manager, {
          notificationId: row.id,
          kind: row.kind,
          to: row.email,
          locale: row.locale,
          messageId,
          date: new Date(),
          ...email,
        });
        await manager.query(
          `UPDATE notifications
              SET email_status = 'sent', email_attempts = email_attempts + 1, email_sent_at = clock_timestamp(),
                  email_message_id = $2, email_last_error = NULL
            WHERE id = $1`,
          [row.id, messageId],
        );
      } catch (error) {
        // Anything but a refused delivery (a database error) rolls the attempt back; the row stays due.
        if (!(error instanceof DeliveryError)) throw error;
        const attempts = row.attempts + 1;
        const failed = error.permanent || attempts >= this.config.OUTBOX_MAX_ATTEMPTS;
        await manager.query(
          `UPDATE notifications
              SET email_attempts = $2, email_status = $3, email_last_error = $4, email_message_id = $5,
                  email_next_attempt_at = clock_timestamp() + make_interval(secs => $6::double precision / 1000)
            WHERE id = $1`,
          [
            row.id,
            attempts,
            failed ? 'failed' : 'pending',
            error.message.slice(0, 1000),
            messageId,
            retryDelay(attempts, this.config.OUTBOX_RETRY_BASE_MS),
          ],
        );
        const outcome = failed ? 'gave up' : 'will retry';
        this.logger.warn(`E-mail ${row.id} (${row.kind}) attempt ${attempts} failed, ${outcome}: ${error.message}`);
      }
      return true;
    });
  }
}
