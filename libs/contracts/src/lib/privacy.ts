import type { CountryCode } from './countries';
import type { LocalizedText } from './localized-text';
import type { ConsentCollection, SensitivePurpose } from './logistics';

/**
 * Privacy by design (issue 23): the notice, consents, a copy of one's data,
 * erasure, retention and the log of who looked at a person's record — what
 * Thailand's PDPA, Malaysia's PDPA and China's PIPL ask of us. Contract:
 * API.md, "Privacy".
 */

/**
 * The purposes a person consents to, with the notice version they were shown.
 * - `program-administration` (required, as the contract says): enrolment,
 *   attendance, certificates, by the host college and the partner institutions
 *   the notice names;
 * - `cross-border-transfer`: the separate consent PIPL art. 39 and TH PDPA s.28
 *   ask for the transfer to the host college's country; the web app asks for it
 *   beside the first (the API records it when given and does not demand it, so
 *   clients written to the contract keep working);
 * - `program-news`: optional, e-mails about future programs; may be withdrawn at
 *   any time without consequence.
 */
export const CONSENT_PURPOSES = ['program-administration', 'cross-border-transfer', 'program-news'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** Registration without these → 400 naming `consents`. */
export const REQUIRED_CONSENT_PURPOSES: readonly ConsentPurpose[] = ['program-administration'];
/** Withdrawing one of these means erasure (the profile page says so and offers the request). */
export const ERASURE_ON_WITHDRAWAL_PURPOSES: readonly ConsentPurpose[] = [
  'program-administration',
  'cross-border-transfer',
];

/** How a consent reached us: at registration, on the profile page, or attested by the partner that imported the person. */
export const CONSENT_SOURCES = ['registration', 'profile', 'partner-attestation'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** A recipient the notice names: a partner institution and its country. */
export interface PrivacyNoticeRecipient {
  institutionId: string | null;
  name: LocalizedText;
  country: CountryCode;
}

/** `GET /privacy-notice` (the current version), `GET /privacy-notices/:version` (any version). Written once. */
export interface PrivacyNotice {
  version: string;
  publishedAt: string;
  /** The notice itself: purposes, what is collected, rights, retention — paragraphs separated by blank lines. */
  text: LocalizedText;
  /** The controller: the host college. */
  controller: LocalizedText;
  /** An e-mail address or postal address of the data-protection contact. */
  contact: string;
  /** The recipients and their countries (the partner institutions when published). */
  recipients: PrivacyNoticeRecipient[];
  /** How long data of a person with no activity is kept, in years (RETENTION_YEARS when published). */
  retentionYears: number;
}

/** `POST /privacy-notices` (admin): a new version; the old ones stay readable. */
export interface CreatePrivacyNoticeRequest {
  version: string;
  text: LocalizedText;
  controller: LocalizedText;
  contact: string;
  /** Omitted: the partner institutions of today, with their countries. */
  recipients?: PrivacyNoticeRecipient[];
}

/** `consents` of `POST /auth/register`. */
export interface ConsentGrant {
  purpose: ConsentPurpose;
  noticeVersion: string;
}

/** `GET /me/consents`: the caller's consents, given and withdrawn. */
export interface ConsentRecordView {
  id: string;
  purpose: ConsentPurpose;
  noticeVersion: string;
  source: ConsentSource;
  givenAt: string;
  withdrawnAt: string | null;
  /** Withdrawing it means erasure: the page offers the erasure request instead. */
  erasureOnWithdrawal: boolean;
}

/** The first version of the notice, in every database (a data migration writes it). */
export const INITIAL_PRIVACY_NOTICE_VERSION = '2026-12';

/** `POST /me/consents`: an optional consent given (again) on the profile page; the same shape as at registration. */
export type GiveConsentRequest = ConsentGrant;

/**
 * A separate consent of camp logistics (issue 15/20) for one enrolment, as
 * `GET /me/consents` lists it; withdrawing it deletes the data it allowed.
 */
export interface LogisticsConsentRecordView {
  id: string;
  enrolmentId: string;
  programId: string;
  programCode: string;
  programTitle: LocalizedText;
  purpose: SensitivePurpose;
  noticeVersion: string;
  collected: ConsentCollection;
  givenAt: string;
  withdrawnAt: string | null;
}

/** `GET /me/consents`: the caller's consents, given and withdrawn, and their logistics consents per enrolment. */
export interface MyConsents {
  consents: ConsentRecordView[];
  logistics: LogisticsConsentRecordView[];
}

export const PRIVACY_REQUEST_KINDS = ['erasure'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];
export const PRIVACY_REQUEST_STATUSES = ['pending', 'completed', 'refused'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];
/** Days an admin has to answer an erasure request (TH PDPA s.33, PIPL art. 47: without undue delay; we promise 30). */
export const PRIVACY_REQUEST_DUE_DAYS = 30;

/** `POST /me/erasure-request`, `POST /trainees/:id/erasure-request` (partner, own trainee; admin). */
export interface ErasureRequestBody {
  keepCertificatesVerifiable: boolean;
}

/** An item of `GET /privacy/requests`; `email` is null once the request is completed (it is erased too). */
export interface PrivacyRequest {
  id: string;
  userId: string | null;
  traineeId: string | null;
  email: string | null;
  kind: PrivacyRequestKind;
  keepCertificatesVerifiable: boolean;
  requestedAt: string;
  /** Who asked: the person, or their partner institution's user. */
  requestedBy: 'self' | 'partner' | 'admin';
  dueAt: string;
  status: PrivacyRequestStatus;
  decidedAt: string | null;
  refusalReason: string | null;
}

/** `GET /privacy/requests` (admin): filter by status; ordered by due date, the most urgent first. */
export interface PrivacyRequestListQuery {
  status?: PrivacyRequestStatus;
  limit?: number;
  cursor?: string;
}

/** What the daily retention job did (the details of its `retention.run` audit event). */
export interface RetentionReport {
  /** The day it ran for (UTC), `YYYY-MM-DD`. */
  day: string;
  traineesAnonymized: number;
  dataExportsDeleted: number;
  accountTokensDeleted: number;
  refreshTokensDeleted: number;
  rateLimitRowsDeleted: number;
  mailboxMessagesDeleted: number;
}

export const PRIVACY_REFUSAL_REASON_MAX_LENGTH = 2000;

/** What an erased person's names become (trainee rows, certificates not kept): language-neutral, shown as is. */
export const ERASED_NAME = '—';

/** The address an erased record gets: unique per record, lower case, and never deliverable (RFC 6761 `.invalid`). */
export function erasedEmail(id: string): string {
  return `erased-${id.toLowerCase()}@invalid`;
}

export interface RefusePrivacyRequestBody {
  reason: string;
}

export const DATA_EXPORT_STATUSES = ['pending', 'ready', 'failed'] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];
/** Hours a ready data copy stays downloadable. */
export const DATA_EXPORT_TTL_HOURS = 72;

/** `POST /me/data-exports` → 202, `GET /me/data-exports/:id`: a copy made off the request path. */
export interface DataExport {
  id: string;
  status: DataExportStatus;
  requestedAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  sizeBytes: number | null;
}

/** Which part of a person's record a staff read touched (the access log, "who looked"). */
export const ACCESS_LOG_RESOURCES = [
  'trainee',
  'trainee-list',
  'enrolment',
  'logistics',
  'invitation-letter',
  'certificate',
  'attendance',
  'data-copy',
] as const;
export type AccessLogResource = (typeof ACCESS_LOG_RESOURCES)[number];

/** An entry of the access log, as the person's data copy shows it. */
export interface AccessLogEntry {
  at: string;
  actorRole: 'admin' | 'partner' | 'instructor';
  actorName: string | null;
  actorInstitutionId: string | null;
  resource: AccessLogResource;
  /** For sensitive data (passport, dietary, emergency contact, …): which fields were read. */
  fields: string[];
}
