import { Attendance } from '../modules/attendance/attendance.entity';
import { CheckIn, CheckInWindow } from '../modules/attendance/check-in.entity';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { AccountToken } from '../modules/auth/account-token.entity';
import { RecoveryCode } from '../modules/auth/recovery-code.entity';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { SignIn } from '../modules/auth/sign-in.entity';
import { CalendarFeed } from '../modules/calendar-feeds/calendar-feed.entity';
import { Certificate } from '../modules/certificates/certificate.entity';
import { CertificateDesignImage } from '../modules/certificates/design/certificate-design-image.entity';
import { CertificateDesign } from '../modules/certificates/design/certificate-design.entity';
import { CertificateDocument } from '../modules/certificates/documents/certificate-document.entity';
import { RateLimitHit } from '../modules/certificates/rate-limit-hit.entity';
import { CertificateCredential } from '../modules/credentials/certificate-credential.entity';
import { IssuerKey } from '../modules/credentials/issuer-key.entity';
import { StatusList } from '../modules/credentials/status-list.entity';
import { Enrolment } from '../modules/enrolments/enrolment.entity';
import { Institution } from '../modules/institutions/institution.entity';
import { EnrolmentLogisticsRecord } from '../modules/logistics/enrolment-logistics.entity';
import { InvitationLetter } from '../modules/logistics/letters/invitation-letter.entity';
import { LogisticsConsentRecord } from '../modules/logistics/logistics-consent.entity';
import { ProgramLogisticsSettings } from '../modules/logistics/logistics-settings.entity';
import { RoomAssignment } from '../modules/logistics/room-assignment.entity';
import { Room } from '../modules/logistics/room.entity';
import { Instructor } from '../modules/instructors/instructor.entity';
import { MailboxMessage } from '../modules/notifications/mailbox-message.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { ProgramPartner } from '../modules/programs/program-partner.entity';
import { ProgramQuota } from '../modules/programs/program-quota.entity';
import { Program } from '../modules/programs/program.entity';
import { AccessLogEntryRecord } from '../modules/privacy/access-log-entry.entity';
import { ConsentRecord } from '../modules/privacy/consent.entity';
import { DataExportRecord } from '../modules/privacy/data-export.entity';
import { JobRunRecord } from '../modules/privacy/job-run.entity';
import { PrivacyNoticeRecord } from '../modules/privacy/privacy-notice.entity';
import { PrivacyRequestRecord } from '../modules/privacy/privacy-request.entity';
import { TraineeImportRecord } from '../modules/privacy/trainee-import.entity';
import { SessionInstructor } from '../modules/sessions/session-instructor.entity';
import { SessionTombstone } from '../modules/sessions/session-tombstone.entity';
import { Session } from '../modules/sessions/session.entity';
import { Trainee } from '../modules/trainees/trainee.entity';
import { User } from '../modules/users/user.entity';

/** Every entity of the schema; the data source and the drift check use this list. */
export const ENTITIES = [
  Institution,
  User,
  Trainee,
  Instructor,
  AuditEvent,
  SignIn,
  RefreshToken,
  AccountToken,
  RecoveryCode,
  Program,
  ProgramPartner,
  ProgramQuota,
  Session,
  SessionInstructor,
  SessionTombstone,
  Enrolment,
  Attendance,
  Certificate,
  CertificateDesignImage,
  CertificateDesign,
  CertificateDocument,
  RateLimitHit,
  IssuerKey,
  StatusList,
  CertificateCredential,
  Notification,
  MailboxMessage,
  CalendarFeed,
  ProgramLogisticsSettings,
  EnrolmentLogisticsRecord,
  LogisticsConsentRecord,
  Room,
  RoomAssignment,
  InvitationLetter,
  CheckInWindow,
  CheckIn,
  PrivacyNoticeRecord,
  ConsentRecord,
  TraineeImportRecord,
  PrivacyRequestRecord,
  DataExportRecord,
  AccessLogEntryRecord,
  JobRunRecord,
];
