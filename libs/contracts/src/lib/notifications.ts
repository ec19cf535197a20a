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
  /** To the trainee: the certificate is ready, with its verification link. */
  'certificate-issued',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

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
