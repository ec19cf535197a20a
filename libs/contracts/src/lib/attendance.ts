import type { AttendanceLine, AttendanceSheet } from './certificates';
import type { AttendanceStatus } from './enums';
import type { LocalizedText } from './localized-text';

/*
 * Attendance where it happens (issue 21): meeting reports of online classes, QR check-in in the room, a register
 * that keeps working offline and never overwrites another instructor's marks silently.
 */

/**
 * How a program turns a meeting report into marks (`Program.attendanceRule`): `present` when a person's minutes
 * inside the session reach `minMinutesPresentRate` of its length, `late` when they also joined first after the
 * start + `graceMinutes`, else `absent`. QR check-in uses the same grace: `late` after start + `graceMinutes`.
 */
export interface AttendanceRule {
  /** 0..1, default 0.8. */
  minMinutesPresentRate: number;
  /** 0..120, default 10. */
  graceMinutes: number;
}

export const DEFAULT_ATTENDANCE_RULE: AttendanceRule = { minMinutesPresentRate: 0.8, graceMinutes: 10 };
export const ATTENDANCE_RULE_MAX_GRACE_MINUTES = 120;

/** Where a mark came from: the register (an instructor's tap), a QR check-in, a meeting report. */
export const ATTENDANCE_SOURCES = ['register', 'check-in', 'import'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

// ——— The register: ETag / If-Match and one mark at a time ———

/**
 * `PATCH /sessions/:id/attendance/:traineeId`: one trainee's mark (the offline register sends its queue this way,
 * one trainee at a time, so two instructors' registers merge per trainee).
 */
export interface AttendanceMarkPatch {
  /** The new mark; `null` clears it. */
  status: AttendanceStatus | null;
  /**
   * The mark this change was made over, as the client last saw it (`null`: it saw none). When given and the
   * register now holds another mark for the trainee → 412 `ATTENDANCE_CHANGED` whose `current` member is the
   * trainee's line as it is now. Left out: the change applies whatever is there (API clients).
   */
  previous?: AttendanceStatus | null;
}

/**
 * Extension members of a 412 `ATTENDANCE_CHANGED` problem: on a `PUT`, the register as it is now (`sheet`); on a
 * `PATCH`, the trainee's line as it is now (`current`).
 */
export interface AttendanceChangedProblem {
  sheet?: AttendanceSheet;
  current?: AttendanceLine;
}

// ——— Meeting reports ———

/** Platforms whose participant reports `POST /sessions/:id/attendance/import` reads (CSV or XLSX). */
export const MEETING_REPORT_FORMATS = ['zoom', 'teams', 'tencent'] as const;
export type MeetingReportFormat = (typeof MEETING_REPORT_FORMATS)[number];
/** Largest report file accepted (checked before it is read). */
export const MEETING_REPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Most data rows a report may have. */
export const MEETING_REPORT_MAX_ROWS = 20_000;

/** What a meeting report's minutes make of a person: never `excused` (that is the instructor's word). */
export type ImportedStatus = Extract<AttendanceStatus, 'present' | 'late' | 'absent'>;

/** How a person of the report was matched to a trainee. */
export const IMPORT_MATCH_KINDS = ['email', 'name', 'assigned'] as const;
export type ImportMatchKind = (typeof IMPORT_MATCH_KINDS)[number];

/** One person of a meeting report, their joins merged (several rows when they left and came back). */
export interface ImportedPerson {
  /** The row of the person's first join, numbered as a spreadsheet shows it (the header row is 1). */
  row: number;
  /** All of their rows. */
  rows: number[];
  /** As the report gives it. */
  name: string;
  email?: string;
  /** Whole minutes inside the session: the union of their join–leave intervals clipped to it. */
  minutes: number;
  /** Their first join, an instant. */
  firstJoinAt: string;
  /** What the program's rule makes of it. */
  status: ImportedStatus;
}

export interface ImportedMatch extends ImportedPerson {
  traineeId: string;
  /** The trainee's name as the register shows it. */
  fullName: string;
  matchedBy: ImportMatchKind;
}

/** A person whose name fits more than one trainee of the register (e-mail did not decide). */
export interface ImportedAmbiguity extends ImportedPerson {
  /** The trainees the name fits. */
  candidates: { traineeId: string; fullName: string }[];
}

/**
 * The answer of `POST /sessions/:id/attendance/import?dryRun=true|false`. A dry run writes nothing; a commit
 * writes the `matched` people's marks and `absent` for the register's trainees the report does not name
 * (`missing`), keeping marks that say `excused`.
 */
export interface AttendanceImportResult {
  format: MeetingReportFormat;
  dryRun: boolean;
  /** Data rows read from the file. */
  rows: number;
  matched: ImportedMatch[];
  unmatched: ImportedPerson[];
  ambiguous: ImportedAmbiguity[];
  /** Trainees of the register that no person of the report matched: absent. */
  missing: { traineeId: string; fullName: string }[];
  /** The register as saved (a commit only). */
  sheet?: AttendanceSheet;
}

/**
 * The multipart field `assignments` of an import (a JSON array): the instructor's own matches, by the report
 * row of a person (`ImportedPerson.row`). `traineeId: null` leaves that person out. Assigned people win over
 * the API's matching; two people assigned to one trainee have their minutes merged.
 */
export interface ImportAssignment {
  row: number;
  traineeId: string | null;
}

// ——— QR check-in ———

/** A new check-in code at most this often; the current and the previous one are accepted. */
export const CHECK_IN_CODE_PERIOD_SECONDS = 30;
/** Check-in opens at most this long before a session starts (and closes at its end at the latest). */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;
export const CHECK_IN_MAX_MINUTES = 240;

/** `POST /sessions/:id/check-in/open`. */
export interface OpenCheckInRequest {
  /** 1..240; the window closes after this many minutes, at the session's end at the latest. */
  minutes: number;
}

/*
 * `POST /sessions/:id/check-in/close` (the session's instructors, admin) → 204: check-in closes now (the codes
 * shown stop working at once). Closing a window that is not open is not an error.
 */

/** `POST /sessions/:id/check-in/open` → the window. */
export interface CheckInWindow {
  sessionId: string;
  openedAt: string;
  closesAt: string;
}

/** `GET /sessions/:id/check-in/code`: what the QR in the room shows. */
export interface CheckInCode {
  code: string;
  /** When a new code replaces it (it is still accepted one period longer). */
  expiresAt: string;
  /** The address the QR carries: the web app's check-in page with the session and the code. */
  url: string;
}

/** `POST /sessions/:id/check-in`. */
export interface CheckInRequest {
  code: string;
}

export interface CheckInResult {
  sessionId: string;
  status: Extract<AttendanceStatus, 'present' | 'late'>;
  checkedInAt: string;
  /**
   * The register's mark when it stays another than `status`: an instructor had already marked the trainee
   * present, late or excused, and a check-in never overrides that (an `absent` mark, or none, becomes `status`).
   */
  keptMark?: AttendanceStatus;
  /** The session checked in to, for the trainee's confirmation screen. */
  sessionTitle?: LocalizedText;
  startsAt?: string;
  endsAt?: string;
  /** The program's zone (IANA). */
  timezone?: string;
}

/** One trainee who checked in. */
export interface CheckInEntry {
  traineeId: string;
  fullName: string;
  fullNameLatin?: string;
  status: Extract<AttendanceStatus, 'present' | 'late'>;
  checkedInAt: string;
}

/** `GET /sessions/:id/check-in` (the session's instructors, admin): the window and who checked in, newest first. */
export interface CheckInState {
  sessionId: string;
  /** Whether check-in is open now. */
  open: boolean;
  openedAt?: string;
  closesAt?: string;
  /** Confirmed trainees of the program: how many could check in. */
  expected: number;
  checkIns: CheckInEntry[];
}
