import type { AttendanceSource } from './attendance';
import type { CountryCode } from './countries';
import type { AttendanceStatus, CertificateStatus } from './enums';
import type { Locale } from './locales';
import type { LocalizedText } from './localized-text';

export const ASSESSMENT_REMARKS_MAX_LENGTH = 1000;
export const REVOKE_REASON_MAX_LENGTH = 500;
/** Most trainees one follow-on selection may carry. */
export const SELECTION_MAX = 1000;

/** `PUT /sessions/:id/attendance`: the whole sheet of the session; trainees left out have no record. */
export interface AttendanceMark {
  traineeId: string;
  status: AttendanceStatus;
}

/** One confirmed trainee of the session's program, with their mark if there is one. */
export interface AttendanceLine {
  traineeId: string;
  enrolmentId: string;
  fullName: string;
  fullNameLatin?: string;
  nationality: CountryCode;
  institutionCode?: string;
  status: AttendanceStatus | null;
  /** When the mark was last changed, and how (the register, a QR check-in, a meeting report). */
  recordedAt?: string;
  source?: AttendanceSource;
}

export interface AttendanceSheet {
  sessionId: string;
  programId: string;
  /** When the sheet was last saved, if ever. */
  updatedAt?: string;
  /** From when marks may be written: shortly before the session starts (earlier → 409 `SESSION_NOT_STARTED`). */
  opensAt: string;
  /**
   * The register's version, also its `ETag`: send it back as `If-Match` with a `PUT` and a register changed
   * meanwhile answers 412 `ATTENDANCE_CHANGED` instead of being overwritten.
   */
  version: string;
  lines: AttendanceLine[];
}

export interface AssessmentRequest {
  /** 0–100, two decimals at most. */
  score: number;
  remarks?: string;
}

export interface Assessment {
  enrolmentId: string;
  score: number;
  remarks?: string;
  assessedAt: string;
  assessedBy?: string;
}

/** One row of a bulk score entry: which enrolment, and its score. */
export interface AssessmentItem extends AssessmentRequest {
  enrolmentId: string;
}

/**
 * `PUT /programs/:id/assessments`: several scores of one program at once, all
 * saved or none; a problem names the row (`assessments[3].score`).
 */
export interface BulkAssessmentRequest {
  assessments: AssessmentItem[];
}

export interface BulkAssessmentResult {
  assessments: Assessment[];
}

/** Why a trainee does not complete: the rule they miss. */
export type CompletionShortfall = 'attendance' | 'no-attended-session' | 'no-score' | 'score';

/** One confirmed (or already decided) trainee as the completion rule sees them. */
export interface CompletionLine {
  enrolmentId: string;
  traineeId: string;
  fullName: string;
  fullNameLatin?: string;
  institutionCode?: string;
  /** Sessions that count (excused ones are left out). */
  countedSessions: number;
  /** Present or late. */
  attendedSessions: number;
  /** attended / counted, 0..1; absent when no session counts. */
  attendanceRate?: number;
  score?: number;
  completes: boolean;
  shortfalls: CompletionShortfall[];
}

/** A session of a program in which no attendance was taken (no trainee has a mark). */
export interface UnmarkedSession {
  sessionId: string;
  title: LocalizedText;
  startsAt: string;
  endsAt: string;
}

export interface CompletionPreview {
  programId: string;
  sessions: number;
  minAttendanceRate: number;
  passingScore?: number;
  /**
   * When the program may be closed: the end of its last session that is not
   * cancelled (the end of its last day when it has none). Closing earlier →
   * 409 `PROGRAM_NOT_ENDED`.
   */
  endsAt: string;
  /** Sessions (not cancelled) without any attendance taken, by start: the close asks about them first. */
  sessionsWithoutAttendance: UnmarkedSession[];
  lines: CompletionLine[];
}

export interface CompletionResult {
  completed: number;
  notCompleted: number;
  certificatesIssued: number;
}

/** `POST /programs/:id/selections`: enrol chosen completers of another program, all or none. */
export interface SelectionRequest {
  fromProgramId: string;
  traineeIds: string[];
}

export interface SelectionResult {
  enrolled: number;
}

/** One session that counted toward a certificate, as the certificate states it. */
export interface CertificateTopic {
  title: LocalizedText;
  startsAt: string;
  endsAt: string;
  /** Scheduled hours of the session. */
  hours: number;
}

/** What the completion rule found, as the certificate states it. */
export interface CompletionBasis {
  /** attended / counted sessions, 0..1; absent when no session counted. */
  attendanceRate?: number;
  minAttendanceRate: number;
  score?: number;
  passingScore?: number;
}

/** The issuing institution as the certificate names it. */
export interface CertificateIssuer {
  institutionId: string;
  name: LocalizedText;
}

/**
 * A certificate as issued. Everything it vouches for is frozen at issue and
 * never read from live records again; a correction is a reissue.
 */
export interface Certificate {
  id: string;
  serial: string;
  /** Typable code (groups of four from an alphabet without look-alikes); certificates issued before 2026-12 keep their 22-character one. */
  verificationCode: string;
  enrolmentId: string;
  traineeId: string;
  programId: string;
  issuedAt: string;
  status: CertificateStatus;
  revokedReason?: string;
  revokedAt?: string;
  holderName: string;
  holderNameLatin?: string;
  programCode: string;
  programTitle: LocalizedText;
  /** The program's first and last day (`YYYY-MM-DD`). */
  startDate: string;
  endDate: string;
  /** The program's IANA time zone, in which the dates above and the issue date are read. */
  timeZone: string;
  /** Scheduled hours of the sessions that counted (学时 on Chinese certificates). */
  hours: number;
  topics: CertificateTopic[];
  completion: CompletionBasis;
  issuer: CertificateIssuer;
  /** `YYYY-MM-DD`, when the program gives its certificates a validity period. */
  validUntil?: string;
  /** The certificate this one replaced (reissue), by id and serial. */
  replaces?: { id: string; serial: string };
  /** The certificate that replaced this one. */
  replacedBy?: { id: string; serial: string };
}

/** `POST /certificates/:id/reissue`: a new certificate from today's data; the old one is revoked with this reason. */
export interface ReissueCertificateRequest {
  reason: string;
}

/** A certificate line of a list: with whose it is and for what. */
export interface CertificateListEntry extends Certificate {
  institutionId?: string;
  institutionCode?: string;
  /** The holder's preferred language: the default second language of the PDF. */
  holderLocale: Locale;
}

export interface CertificateListQuery {
  programId?: string;
  status?: CertificateStatus;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface RevokeCertificateRequest {
  reason: string;
}

/** What anyone with the code (or the serial) may learn (`GET /verify/:code`), and nothing more. */
export interface Verification {
  status: CertificateStatus;
  serial: string;
  holderName: string;
  holderNameLatin?: string;
  programTitle: LocalizedText;
  startDate: string;
  endDate: string;
  timeZone: string;
  hours: number;
  issuedAt: string;
  issuer: LocalizedText;
  validUntil?: string;
  revokedReason?: string;
  revokedAt?: string;
  /** A reissued certificate names the serial that replaced it. */
  replacedBy?: { serial: string };
}

/**
 * Verification codes issued from December 2026: 24 characters of Crockford's
 * base32 (no I, L, O or U — nothing to mistake), 120 random bits, written in
 * groups of four (`7KQ4-M9TX-2WHP-…`). Typed in any case, with or without the
 * dashes, and with I/L for 1 and O for 0, they still match.
 */
export const VERIFICATION_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_LENGTH = 24;

/** A typed code in its stored form (upper case, no separators, look-alikes mapped), or null when it cannot be one. */
export function normalizeVerificationCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return code.length === VERIFICATION_CODE_LENGTH && [...code].every((c) => VERIFICATION_CODE_ALPHABET.includes(c))
    ? code
    : null;
}

/** A stored code as printed: groups of four joined by dashes. */
export function formatVerificationCode(code: string): string {
  return code.length === VERIFICATION_CODE_LENGTH ? (code.match(/.{4}/g) ?? [code]).join('-') : code;
}
