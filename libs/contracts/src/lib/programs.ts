import type { AttendanceRule } from './attendance';
import type { DeliveryMode, ProgramKind, ProgramStatus, SessionType } from './enums';
import type { LocalizedText } from './localized-text';

export const PROGRAM_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;
export const PROGRAM_TITLE_MAX_LENGTH = 200;
export const PROGRAM_SUMMARY_MAX_LENGTH = 2000;
export const PROGRAM_CAPACITY_MAX = 100_000;
/** A program lasts at most this many days. */
export const PROGRAM_MAX_DAYS = 366;

export interface CompletionRule {
  /** Share of sessions attended (late counts, excused sessions are left out), 0..1. */
  minAttendanceRate: number;
  /** Assessment score needed to complete, 0..100; no assessment when absent. */
  passingScore?: number;
  /** Months a certificate of the program stays valid (its `validUntil`); valid without end when absent. */
  certificateValidityMonths?: number;
}

/** Whose enrolments a `Seats`' counts are: the whole program's, or only the viewer's own institution's people. */
export const SEAT_SCOPES = ['program', 'institution'] as const;
export type SeatScope = (typeof SEAT_SCOPES)[number];

/**
 * A program's seats as the viewer may know them. `capacity` and `available` are the program's; the counts are
 * the whole program's for admins, instructors and trainees (`scope: 'program'`), and only the viewer's own
 * institution's people for partner staff (`scope: 'institution'`), who never learn other institutions' numbers.
 */
export interface Seats {
  capacity: number;
  /** Seats anyone may still be given: capacity − confirmed while the program is published, else 0. */
  available: number;
  scope: SeatScope;
  confirmed: number;
  waitlisted: number;
  pending: number;
  /** Approved by their partner, awaiting the host (programs with `hostReview`). */
  nominated: number;
  /**
   * Per institution (`GET /programs/:id` only, not in lists): admins get a line for every institution with a
   * quota or with people in the program; partner staff only their own institution's line. People without an
   * institution are not in any line.
   */
  byInstitution?: InstitutionSeats[];
}

/** One partner institution's share of a program's capacity. Their sum is at most the capacity; the rest is open. */
export interface PartnerQuota {
  institutionId: string;
  seats: number;
}

export interface InstitutionSeats {
  institutionId: string;
  /** Absent when the institution has no quota (its people share the open seats). */
  quota?: number;
  confirmed: number;
  waitlisted: number;
  pending: number;
  nominated: number;
}

export interface Program {
  id: string;
  code: string;
  kind: ProgramKind;
  title: LocalizedText;
  summary?: LocalizedText;
  deliveryMode: DeliveryMode;
  /** IANA time zone the program's dates and agenda are in. */
  timezone: string;
  /** Calendar dates (`YYYY-MM-DD`) in the program's time zone. */
  startDate: string;
  endDate: string;
  venue?: string;
  /**
   * Only for those who may join: admins, instructors of any of its sessions, confirmed trainees and the partner
   * staff of their institutions. Absent for everyone else, also when the program has one.
   */
  meetingUrl?: string;
  capacity: number;
  enrolmentOpensAt?: string;
  enrolmentClosesAt?: string;
  hostInstitutionId: string;
  partnerInstitutionIds: string[];
  completionRule: CompletionRule;
  /** How meeting reports and QR check-ins turn into marks. */
  attendanceRule: AttendanceRule;
  status: ProgramStatus;
  seats: Seats;
  /** Seats kept for partner institutions; every institution here is in `partnerInstitutionIds` when that is set. */
  partnerQuotas: PartnerQuota[];
  /** The host office accepts each nominated person (partner approval → `nominated`, then `accept`). */
  hostReview: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateProgramRequest {
  code: string;
  kind: ProgramKind;
  title: LocalizedText;
  summary?: LocalizedText;
  deliveryMode: DeliveryMode;
  timezone: string;
  startDate: string;
  endDate: string;
  venue?: string;
  meetingUrl?: string;
  capacity: number;
  enrolmentOpensAt?: string;
  enrolmentClosesAt?: string;
  hostInstitutionId: string;
  partnerInstitutionIds?: string[];
  completionRule?: CompletionRule;
  /** Default `{ minMinutesPresentRate: 0.8, graceMinutes: 10 }`. */
  attendanceRule?: AttendanceRule;
  /** Default none. Sum ≤ capacity; institutions must be partners (and in `partnerInstitutionIds` when set). */
  partnerQuotas?: PartnerQuota[];
  /** Default false. */
  hostReview?: boolean;
}

/** `POST /programs/:id/duplicate`: a draft copy starting on `startDate`, its sessions moved by as many days. */
export interface DuplicateProgramRequest {
  code: string;
  /** Calendar date in the program's time zone. */
  startDate: string;
}

/** An instructor who could not be put on a copied session: they teach elsewhere at that time. */
export interface DuplicateClash {
  /** The new (copied) session, kept without that instructor. */
  sessionId: string;
  instructorId: string;
  /** The instructor's other session at that time. */
  clashingSessionId: string;
}

/** The answer of a duplicate: the new draft, and the instructors who could not be kept on its sessions. */
export type DuplicatedProgram = Program & { clashes: DuplicateClash[] };

/** A published program open to anyone, as the public catalog shows it: no meeting links, no per-partner counts. */
export interface PublicProgram {
  id: string;
  code: string;
  kind: ProgramKind;
  title: LocalizedText;
  summary?: LocalizedText;
  deliveryMode: DeliveryMode;
  timezone: string;
  startDate: string;
  endDate: string;
  venue?: string;
  enrolmentOpensAt?: string;
  enrolmentClosesAt?: string;
  hostInstitution: { id: string; name: LocalizedText };
  /** Seats anyone may still be given, and the capacity. */
  seats: { capacity: number; available: number };
}

/** A public session of the agenda: never a meeting link. */
export interface PublicSession {
  id: string;
  title: LocalizedText;
  type: SessionType;
  startsAt: string;
  endsAt: string;
  venue?: string;
  status: SessionStatus;
}

export type PublicProgramDetail = PublicProgram & { sessions: PublicSession[] };

export interface PublicProgramListQuery {
  kind?: ProgramKind;
  /** Part of the code or of the title in any language. */
  q?: string;
  /** Programs that end on or after this date (or instant). */
  from?: string;
  /** Programs that start on or before this date (or instant). */
  to?: string;
  limit?: number;
  cursor?: string;
}

/** Every field may change; `null` clears an optional one. */
export type UpdateProgramRequest = {
  [K in keyof CreateProgramRequest]?:
    CreateProgramRequest[K] | (undefined extends CreateProgramRequest[K] ? null : never);
};

export interface ProgramListQuery {
  kind?: ProgramKind;
  status?: ProgramStatus;
  /** Programs that end on or after this date. */
  from?: string;
  /** Programs that start on or before this date. */
  to?: string;
  /** Part of the code or of the title in any language. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** A session takes place (`scheduled`) or is called off (`cancelled`: kept, announced, left out of rates and hours). */
export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_CANCEL_REASON_MAX_LENGTH = 500;

export interface SessionInstructorRef {
  id: string;
  fullName: string;
  /** The name in Latin letters, when the profile has one. */
  fullNameLatin?: string;
}

export interface Session {
  id: string;
  programId: string;
  title: LocalizedText;
  type: SessionType;
  /** Instants, returned in UTC (`Z`). */
  startsAt: string;
  endsAt: string;
  instructorIds: string[];
  /** The instructors' names, for agendas. */
  instructors: SessionInstructorRef[];
  venue?: string;
  /**
   * Only for those who may join: admins, this session's instructors, confirmed trainees of the program and the
   * partner staff of their institutions. Absent for everyone else, also when the session has one.
   */
  meetingUrl?: string;
  /** `cancelled` once an admin called it off (POST /sessions/:id/cancel); a cancelled session is never scheduled again. */
  status: SessionStatus;
  /** Why it was cancelled (only when `status` is `cancelled`). */
  cancelledReason?: string;
}

/** `POST /sessions/:id/cancel`. */
export interface CancelSessionRequest {
  reason: string;
}

export interface CreateSessionRequest {
  title: LocalizedText;
  type: SessionType;
  startsAt: string;
  endsAt: string;
  instructorIds?: string[];
  venue?: string;
  meetingUrl?: string;
}

export type UpdateSessionRequest = {
  [K in keyof CreateSessionRequest]?:
    CreateSessionRequest[K] | (undefined extends CreateSessionRequest[K] ? null : never);
};

/** Extension member of a SESSION_CLASH problem: the session the instructor already teaches. */
export interface SessionClash {
  sessionId: string;
  programId: string;
  instructorId: string;
  title: LocalizedText;
  startsAt: string;
  endsAt: string;
}

export interface Instructor {
  id: string;
  userId?: string;
  /** In the person's own script. */
  fullName: string;
  /** In Latin letters (pinyin, RTGS…), when the own script is not Latin. */
  fullNameLatin?: string;
  institutionId: string;
  expertise: string[];
  languages: string[];
}

export interface CreateInstructorRequest {
  fullName: string;
  /** `null` in a PATCH removes it. */
  fullNameLatin?: string | null;
  institutionId: string;
  expertise?: string[];
  languages?: string[];
}

export type UpdateInstructorRequest = Partial<CreateInstructorRequest>;

export interface InstructorListQuery {
  institutionId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** One entry of an instructor's timetable: the session and its program. */
export interface TimetableEntry extends Session {
  programCode: string;
  programTitle: LocalizedText;
  programTimezone: string;
}

/**
 * The secret address of the caller's own calendar (`GET /me/calendar-feed`): anyone with it reads the
 * caller's sessions as iCalendar, without signing in, until it is reset (`POST /me/calendar-feed/rotate`).
 */
export interface CalendarFeed {
  /** `https://…/api/v1/calendar/<token>.ics` under PUBLIC_URL. */
  url: string;
  /** The same address with the `webcal:` scheme, which calendar apps open as a subscription. */
  webcalUrl: string;
}
