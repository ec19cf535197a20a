import type { CountryCode } from './countries';
import type { DeliveryMode, EnrolmentStatus, ProgramKind, ProgramStatus } from './enums';
import type { LocalizedText } from './localized-text';

export const ENROLMENT_REASON_MAX_LENGTH = 500;
/** Most enrolments one bulk decision may carry. */
export const ENROLMENT_BULK_MAX = 500;

export interface Enrolment {
  id: string;
  programId: string;
  traineeId: string;
  status: EnrolmentStatus;
  createdAt: string;
  decidedAt?: string;
  /** The account that approved, rejected or withdrew it. */
  decidedBy?: string;
  reason?: string;
}

/** A roster line: the enrolment with who it is. */
export interface RosterEntry extends Enrolment {
  fullName: string;
  fullNameLatin?: string;
  email: string;
  nationality: CountryCode;
  institutionId?: string;
  institutionCode?: string;
  /** The assessment score, once an instructor or admin recorded one. */
  score?: number;
  remarks?: string;
}

/** A line of the review queue (`GET /enrolments`): a roster line with its program. */
export interface EnrolmentQueueEntry extends RosterEntry {
  programCode: string;
  programTitle: LocalizedText;
}

export interface EnrolmentQueueQuery {
  status?: EnrolmentStatus;
  programId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface RosterQuery {
  status?: EnrolmentStatus;
  institutionId?: string;
  nationality?: CountryCode;
  /** Part of the name in either script, or of the e-mail. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** `POST /programs/:id/enrolments`: trainees send `{}`, admins and partners name the trainee. */
export interface CreateEnrolmentRequest {
  traineeId?: string;
}

export interface RejectEnrolmentRequest {
  reason: string;
}

export interface WithdrawEnrolmentRequest {
  reason?: string;
}

/** `POST /enrolments/decisions`: approve or reject many applications at once, all or none. */
export interface EnrolmentDecisionRequest {
  /** `accept` (admins): nominated → a seat or the wait-list (issue 22). */
  action: 'approve' | 'reject' | 'accept';
  enrolmentIds: string[];
  /** Required to reject. */
  reason?: string;
}

export interface EnrolmentDecisionResult {
  items: Enrolment[];
}

/** The program side of a trainee's own enrolment. */
export interface EnrolmentProgramSummary {
  id: string;
  code: string;
  kind: ProgramKind;
  title: LocalizedText;
  deliveryMode: DeliveryMode;
  timezone: string;
  startDate: string;
  endDate: string;
  status: ProgramStatus;
}

export interface MyEnrolment extends Enrolment {
  program: EnrolmentProgramSummary;
  /** 1-based place on the wait-list, when wait-listed. */
  waitlistPosition?: number;
}
