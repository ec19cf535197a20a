import type { CountryCode } from './countries';
import type { EnrolmentStatus, ProgramKind, ProgramStatus } from './enums';
import type { LocalizedText } from './localized-text';

/** `?from&to`: calendar dates; programs that overlap the period, certificates issued in it. Both optional. */
export interface ReportPeriodQuery {
  from?: string;
  to?: string;
}

export interface CountByKey<K extends string = string> {
  key: K;
  count: number;
}

export interface InstitutionCount {
  /** Absent for trainees of no institution (self-registered). */
  institutionId?: string;
  institutionCode?: string;
  institutionName?: LocalizedText;
  count: number;
}

export interface ProgramOutcome {
  programId: string;
  code: string;
  title: LocalizedText;
  kind: ProgramKind;
  status: ProgramStatus;
  startDate: string;
  endDate: string;
  capacity: number;
  confirmed: number;
  completed: number;
  notCompleted: number;
  /** completed / (completed + not-completed), once the program is closed. */
  completionRate?: number;
  certificates: number;
}

/** Certificates of the period's programs issued in one month (UTC), by their status now. */
export interface MonthCount {
  /** `YYYY-MM`. */
  month: string;
  /** Issued that month and still valid. */
  issued: number;
  /** Issued that month and revoked since. */
  revoked: number;
}

/**
 * The office's figures for a period. One rule for all of them: a program
 * belongs to the period when its dates overlap it, and every figure counts
 * the records of those programs (their enrolments, trainees, certificates).
 */
export interface ReportOverview {
  from?: string;
  to?: string;
  totals: {
    /** Programs whose dates overlap the period. */
    programs: number;
    /** Distinct trainees enrolled in the period's programs. */
    trainees: number;
    /** Enrolments in the period's programs, whatever their status. */
    enrolments: number;
    /** Valid (not revoked) certificates of the period's programs, whenever issued. */
    certificates: number;
    /** Over the closed programs of the period. */
    completionRate?: number;
  };
  programsByKindAndStatus: { kind: ProgramKind; status: ProgramStatus; count: number }[];
  traineesByNationality: CountByKey<CountryCode>[];
  traineesByInstitution: InstitutionCount[];
  enrolmentsByStatus: CountByKey<EnrolmentStatus>[];
  programs: ProgramOutcome[];
  certificatesByMonth: MonthCount[];
}

export interface FunnelCounts {
  /** Every application or enrolment, whatever became of it. */
  applied: number;
  /** Given a seat (confirmed, completed or not-completed). */
  confirmed: number;
  completed: number;
  /** Certificates issued and not revoked. */
  certified: number;
}

export interface SessionAttendance {
  sessionId: string;
  title: LocalizedText;
  startsAt: string;
  present: number;
  late: number;
  absent: number;
  excused: number;
  unmarked: number;
  /** (present + late) / (marked − excused); absent when nothing counts. */
  rate?: number;
}

/** Cumulative, per day in the program's zone: enrolments received and seats given. */
export interface SeatsOnDay {
  date: string;
  applied: number;
  confirmed: number;
}

export interface ProgramReport {
  programId: string;
  code: string;
  title: LocalizedText;
  timezone: string;
  capacity: number;
  /** True when a partner sees only its own institution's people. */
  scopedToInstitution: boolean;
  funnel: FunnelCounts;
  seatsOverTime: SeatsOnDay[];
  attendanceBySession: SessionAttendance[];
  byInstitution: (FunnelCounts & {
    institutionId?: string;
    institutionCode?: string;
    institutionName?: LocalizedText;
  })[];
  byNationality: (FunnelCounts & { nationality: CountryCode })[];
}
