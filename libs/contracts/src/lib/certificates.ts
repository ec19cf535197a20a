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
}

export interface AttendanceSheet {
  sessionId: string;
  programId: string;
  /** When the sheet was last saved, if ever. */
  updatedAt?: string;
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

export interface CompletionPreview {
  programId: string;
  sessions: number;
  minAttendanceRate: number;
  passingScore?: number;
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

export interface Certificate {
  id: string;
  serial: string;
  verificationCode: string;
  enrolmentId: string;
  traineeId: string;
  programId: string;
  issuedAt: string;
  status: CertificateStatus;
  revokedReason?: string;
  revokedAt?: string;
}

/** A certificate line of a list: with whose it is and for what. */
export interface CertificateListEntry extends Certificate {
  holderName: string;
  holderNameLatin?: string;
  institutionId?: string;
  institutionCode?: string;
  programCode: string;
  programTitle: LocalizedText;
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

/** What anyone with the code may learn (`GET /verify/:code`), and nothing more. */
export interface Verification {
  status: CertificateStatus;
  serial: string;
  holderName: string;
  holderNameLatin?: string;
  programTitle: LocalizedText;
  issuedAt: string;
  issuer: LocalizedText;
  revokedReason?: string;
}
