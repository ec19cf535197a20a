/*
 * Enumerations shared by the API and the web app. Each is a frozen object of
 * string values plus a union type of the same name, so both `Role.Admin` and
 * the literal `'admin'` type-check, and the JSON on the wire is the plain word.
 */

export const Role = {
  Admin: 'admin',
  Instructor: 'instructor',
  Partner: 'partner',
  Trainee: 'trainee',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

export const InstitutionKind = {
  Host: 'host',
  Partner: 'partner',
  Enterprise: 'enterprise',
} as const;
export type InstitutionKind = (typeof InstitutionKind)[keyof typeof InstitutionKind];
export const INSTITUTION_KINDS: readonly InstitutionKind[] = Object.values(InstitutionKind);

export const ProgramKind = {
  Camp: 'camp',
  Course: 'course',
} as const;
export type ProgramKind = (typeof ProgramKind)[keyof typeof ProgramKind];
export const PROGRAM_KINDS: readonly ProgramKind[] = Object.values(ProgramKind);

export const DeliveryMode = {
  Online: 'online',
  Onsite: 'onsite',
  Hybrid: 'hybrid',
} as const;
export type DeliveryMode = (typeof DeliveryMode)[keyof typeof DeliveryMode];
export const DELIVERY_MODES: readonly DeliveryMode[] = Object.values(DeliveryMode);

export const ProgramStatus = {
  Draft: 'draft',
  Published: 'published',
  Completed: 'completed',
  Cancelled: 'cancelled',
} as const;
export type ProgramStatus = (typeof ProgramStatus)[keyof typeof ProgramStatus];
export const PROGRAM_STATUSES: readonly ProgramStatus[] = Object.values(ProgramStatus);

export const SessionType = {
  Lecture: 'lecture',
  Workshop: 'workshop',
  Seminar: 'seminar',
  Practice: 'practice',
  CaseStudy: 'case-study',
  FieldVisit: 'field-visit',
  Ceremony: 'ceremony',
} as const;
export type SessionType = (typeof SessionType)[keyof typeof SessionType];
export const SESSION_TYPES: readonly SessionType[] = Object.values(SessionType);

export const EnrolmentStatus = {
  Pending: 'pending',
  /** Approved (or enrolled) by the partner; awaits the host's acceptance when the program has `hostReview`. */
  Nominated: 'nominated',
  Confirmed: 'confirmed',
  Waitlisted: 'waitlisted',
  Rejected: 'rejected',
  Withdrawn: 'withdrawn',
  Completed: 'completed',
  NotCompleted: 'not-completed',
  /** The program was cancelled while the enrolment was active. */
  Cancelled: 'cancelled',
} as const;
export type EnrolmentStatus = (typeof EnrolmentStatus)[keyof typeof EnrolmentStatus];
export const ENROLMENT_STATUSES: readonly EnrolmentStatus[] = Object.values(EnrolmentStatus);

export const AttendanceStatus = {
  Present: 'present',
  Late: 'late',
  Absent: 'absent',
  Excused: 'excused',
} as const;
export type AttendanceStatus = (typeof AttendanceStatus)[keyof typeof AttendanceStatus];
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = Object.values(AttendanceStatus);

export const CertificateStatus = {
  Issued: 'issued',
  Revoked: 'revoked',
} as const;
export type CertificateStatus = (typeof CertificateStatus)[keyof typeof CertificateStatus];
export const CERTIFICATE_STATUSES: readonly CertificateStatus[] = Object.values(CertificateStatus);
