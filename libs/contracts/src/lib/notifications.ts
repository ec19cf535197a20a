import type { Locale } from './locales';

/** What happened, from the recipient's point of view. */
export const NOTIFICATION_KINDS = [
  /** To the partner's staff: one of their trainees applied and waits for review. */
  'application-received',
  /** To the trainee: the application was approved and a seat is theirs. */
  'enrolment-confirmed',
  /** To the trainee: approved, but the program is full; they wait for a seat. */
  'enrolment-waitlisted',
  /** To the trainee: the application was declined (with the reason). */
  'enrolment-rejected',
  /** To the trainee: a seat opened and they moved up from the wait-list. */
  'enrolment-promoted',
  /** To enrolled trainees and the session's instructors: new time or place. */
  'session-changed',
  /** To confirmed trainees and the session's instructors: the session was cancelled or removed from the program. */
  'session-cancelled',
  /** To the program's applicants (confirmed, wait-listed, pending) and its instructors: the program was cancelled. */
  'program-cancelled',
  /** To the trainee: the certificate is ready, with its verification link. */
  'certificate-issued',
  /** To the trainee: the certificate was revoked (with the reason). */
  'certificate-revoked',
  /** To the trainee: the certificate was corrected and replaced by a new one (with the reason). */
  'certificate-reissued',
  /** To a new account's address: the link that proves it is theirs (e-mail only, never in-app). */
  'email-verification',
  /** To an account's new address: the link that makes it the account's address (e-mail only). */
  'email-change',
  /** To an account's old address: it was replaced (e-mail only). */
  'email-changed',
  /** To the account: the link that sets a new password (e-mail only). */
  'password-reset',
  /** To the account: its password changed (e-mail only). */
  'password-changed',
  /** To the account: sign-in was paused after many failures, with the link that unlocks it (e-mail only). */
  'account-unlock',
  /** To the account: two-factor sign-in was turned on (e-mail only). */
  'mfa-enabled',
  /** To the account: two-factor sign-in was turned off (e-mail only). */
  'mfa-disabled',
  /** To a trainee whose camp logistics miss something: a week before the program's due date and on it (issue 20). */
  'logistics-reminder',
  /** To the trainee and their partner's staff: the partner nominated them; the host decides (issue 22). */
  'enrolment-nominated',
  /** To the nominee's partner staff: the host accepted (a seat or the wait-list) or declined the nomination. */
  'nomination-decided',
  /** To the person who asked for a copy of their data: it is ready to download until it expires (issue 23). */
  'data-export-ready',
  /** To the admins: a person (or their partner institution) asked for erasure; answer by the due date (issue 23). */
  'privacy-request-received',
  /** To the person: their erasure request was received, with the date it will be answered by. */
  'erasure-request-received',
  /** To the person: their erasure request was refused, with the reason. */
  'erasure-request-refused',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The kinds about the account itself: sent by e-mail only, and never listed in the app (they may carry a link that acts). */
export const ACCOUNT_NOTIFICATION_KINDS = [
  'email-verification',
  'email-change',
  'email-changed',
  'password-reset',
  'password-changed',
  'account-unlock',
  'mfa-enabled',
  'mfa-disabled',
] as const satisfies readonly NotificationKind[];
export type AccountNotificationKind = (typeof ACCOUNT_NOTIFICATION_KINDS)[number];

/**
 * One in-app notification as its recipient sees it. Title and body are
 * rendered by the API in the caller's language (`Accept-Language`) and in the
 * recipient's own time zone, from the same wording the e-mail uses.
 */
export interface Notification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where in the web app the notification leads, e.g. `/my/programs`; null when nowhere. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationListQuery {
  /** Only unread ones. */
  unread?: boolean;
  limit?: number;
  cursor?: string;
}

export interface UnreadCount {
  count: number;
}

/** How many notifications a "mark all as read" changed. */
export interface MarkedRead {
  marked: number;
}

/** Where e-mail goes: a real SMTP server (`SMTP_URL` set) or the development mailbox. */
export const MAIL_TRANSPORTS = ['smtp', 'mailbox'] as const;
export type MailTransport = (typeof MAIL_TRANSPORTS)[number];

/** A message in the development mailbox, as listed. */
export interface MailboxEntry {
  id: string;
  notificationId: string;
  kind: NotificationKind;
  to: string;
  subject: string;
  locale: Locale;
  createdAt: string;
}

/** A message in the development mailbox, whole. */
export interface MailboxMessage extends MailboxEntry {
  text: string;
  html: string;
  /**
   * The whole message as an SMTP server would have received it: headers and
   * MIME parts, CRLF line ends. Null for messages kept before it was.
   */
  raw: string | null;
}

export interface MailboxQuery {
  /** Part of the recipient's address. */
  to?: string;
  limit?: number;
  cursor?: string;
}

/** A page of the mailbox, and which transport the server delivers e-mail through now. */
export interface MailboxPage {
  items: MailboxEntry[];
  nextCursor: string | null;
  transport: MailTransport;
}

/** E-mail delivery states of the outbox. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
