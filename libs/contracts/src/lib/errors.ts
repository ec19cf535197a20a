/**
 * Stable machine codes of the problem documents the API returns. Clients pick
 * their own words by code (`errors.<CODE>` in each web catalog); the API sends
 * a localized `title` and `detail` beside it.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  InternalError: 'INTERNAL_ERROR',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  EmailAlreadyRegistered: 'EMAIL_ALREADY_REGISTERED',
  InstitutionCodeExists: 'INSTITUTION_CODE_EXISTS',
  LastAdmin: 'LAST_ADMIN',
  UserInUse: 'USER_IN_USE',
  ProgramCodeExists: 'PROGRAM_CODE_EXISTS',
  InvalidTransition: 'INVALID_TRANSITION',
  ProgramNotEditable: 'PROGRAM_NOT_EDITABLE',
  SessionClash: 'SESSION_CLASH',
  SessionCancelled: 'SESSION_CANCELLED',
  SessionHasAttendance: 'SESSION_HAS_ATTENDANCE',
  SessionsOutsideDates: 'SESSIONS_OUTSIDE_DATES',
  CapacityBelowConfirmed: 'CAPACITY_BELOW_CONFIRMED',
  TraineeEmailExists: 'TRAINEE_EMAIL_EXISTS',
  AlreadyEnrolled: 'ALREADY_ENROLLED',
  EnrolmentClosed: 'ENROLMENT_CLOSED',
  ProgramNotOpen: 'PROGRAM_NOT_OPEN',
  ImportFileInvalid: 'IMPORT_FILE_INVALID',
  ProgramCompleted: 'PROGRAM_COMPLETED',
  NotConfirmed: 'NOT_CONFIRMED',
  CertificateRevoked: 'CERTIFICATE_REVOKED',
  CertificateReplaced: 'CERTIFICATE_REPLACED',
  CapacityExceeded: 'CAPACITY_EXCEEDED',
  EmailNotVerified: 'EMAIL_NOT_VERIFIED',
  TokenInvalid: 'TOKEN_INVALID',
  AccountLocked: 'ACCOUNT_LOCKED',
  MfaSetupRequired: 'MFA_SETUP_REQUIRED',
  MfaRequiredForRole: 'MFA_REQUIRED_FOR_ROLE',
  MfaAlreadyEnabled: 'MFA_ALREADY_ENABLED',
  MfaNotEnabled: 'MFA_NOT_ENABLED',
  NotAHostInstitution: 'NOT_A_HOST_INSTITUTION',
  /** Closing a program before its last session has ended (the problem carries `endsAt`). */
  ProgramNotEnded: 'PROGRAM_NOT_ENDED',
  /** Attendance for a session earlier than shortly before it starts (the problem carries `opensAt`). */
  SessionNotStarted: 'SESSION_NOT_STARTED',
  /** Assigning a trainee to a room that is full (issue 20). */
  RoomFull: 'ROOM_FULL',
  /** Assigning a trainee to a female or male room whose logistics do not say so. */
  RoomGender: 'ROOM_GENDER',
  /** 412: the register changed since the client read it (its `If-Match` or the mark's `previous` no longer holds). */
  AttendanceChanged: 'ATTENDANCE_CHANGED',
  /** 400: check-in is not open for the session (never opened, closed, or past its window). */
  CheckInClosed: 'CHECK_IN_CLOSED',
  /** 400: the code is not the session's current or previous one (wrong, expired, or another session's). */
  CheckInCodeInvalid: 'CHECK_IN_CODE_INVALID',
  /** 409: the trainee has checked in to this session already. */
  AlreadyCheckedIn: 'ALREADY_CHECKED_IN',
  /** 409: check-in opens at most 30 minutes before the session starts. */
  CheckInTooEarly: 'CHECK_IN_TOO_EARLY',
  /** 409: the session is over (opening check-in after its end; the problem carries `endsAt`). */
  SessionEnded: 'SESSION_ENDED',
  /** 409: a partner's quota is set below the people of that institution already confirmed (`confirmed`). */
  QuotaBelowConfirmed: 'QUOTA_BELOW_CONFIRMED',
  /** 409: an erasure request for this person is open already. */
  PrivacyRequestPending: 'PRIVACY_REQUEST_PENDING',
  /** 409: the request was completed or refused already. */
  PrivacyRequestDecided: 'PRIVACY_REQUEST_DECIDED',
  /** 409: a privacy notice of this version exists (versions are written once). */
  NoticeVersionExists: 'NOTICE_VERSION_EXISTS',
  /** 409: withdrawing this consent means erasure: request erasure instead. */
  ConsentNeedsErasure: 'CONSENT_NEEDS_ERASURE',
  /** 409: the person was erased; their record takes no new data. */
  PersonErased: 'PERSON_ERASED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

/** One invalid field of a request: where, what rule, and a localized message. */
export interface FieldError {
  /** Dotted path into the request (`title.en`, `items[2].email`, `limit`). */
  field: string;
  /** Stable code of the rule that failed (`IS_EMAIL`, `UNKNOWN_FIELD`). */
  code: string;
  /** In the language the request asked for (`Accept-Language`). */
  message: string;
  /**
   * The catalog key of `message` (`validation.maxLength`) and its values (`{ max: 200 }`), so a client can say it
   * again in another language — after a language switch — without asking again.
   */
  messageKey?: string;
  params?: Record<string, string | number | boolean>;
}

/** RFC 9457 problem details, as every error response of the API carries them. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode | string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `type` URI of a problem with the given code. */
export function problemType(code: string): string {
  return `urn:skillbridge:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
