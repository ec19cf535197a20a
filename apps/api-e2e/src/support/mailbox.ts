import type { NotificationKind } from '@skillbridge/contracts';
import type { TestApp } from './test-app';

export interface DeliveredMail {
  to: string;
  kind: NotificationKind;
  subject: string;
  text: string;
  html: string;
}

/**
 * The newest message of `kind` to `to` in the development mailbox, once the
 * app's real outbox worker has delivered it (test apps have no SMTP_URL).
 */
export async function mailTo(
  t: TestApp,
  to: string,
  kind: NotificationKind,
  timeoutMs = 10_000,
): Promise<DeliveredMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = (await t.dataSource.query(
      `SELECT "to", kind, subject, text, html FROM mailbox_messages WHERE "to" = $1 AND kind = $2
        ORDER BY created_at DESC LIMIT 1`,
      [to, kind],
    )) as DeliveredMail[];
    if (row) return row;
    if (Date.now() > until) throw new Error(`no ${kind} e-mail reached ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many messages of `kind` went to `to`, after the outbox has nothing left to send. */
export async function mailCount(t: TestApp, to: string, kind: NotificationKind): Promise<number> {
  for (let tries = 0; tries < 200; tries += 1) {
    const [{ pending }] = (await t.dataSource.query(
      `SELECT count(*)::int AS pending FROM notifications WHERE email_status = 'pending'`,
    )) as { pending: number }[];
    if (pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const [{ n }] = (await t.dataSource.query(
    `SELECT count(*)::int AS n FROM mailbox_messages WHERE "to" = $1 AND kind = $2`,
    [to, kind],
  )) as { n: number }[];
  return n;
}

/** The token of the link in an account e-mail (`…?token=<token>`), as the web page would post it. */
export function linkToken(mail: DeliveredMail): string {
  const match = /\?token=([A-Za-z0-9._~%-]+)/.exec(mail.text);
  if (!match) throw new Error(`no token link in the ${mail.kind} e-mail`);
  return decodeURIComponent(match[1]);
}
