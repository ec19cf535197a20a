// Maintained by `npm run migration:generate`: every migration, oldest first.
import { InitialSchema1795300812925 } from './1795300812925-initial-schema';
import { AddIdentity1795302526699 } from './1795302526699-add-identity';
import { AddProgramsAndSessions1795304445265 } from './1795304445265-add-programs-and-sessions';
import { AddEnrolments1795307377237 } from './1795307377237-add-enrolments';
import { AddAttendanceAndCertificates1795308264873 } from './1795308264873-add-attendance-and-certificates';
import { AddReportIndexes1795311187743 } from './1795311187743-add-report-indexes';
import { AddNotifications1795313419847 } from './1795313419847-add-notifications';
import { AddReportDataVersion1795320000000 } from './1795320000000-add-report-data-version';
import { AddProgramPartnerIds1795320000001 } from './1795320000001-add-program-partner-ids';
import { AddAccountTrust1796574666216 } from './1796574666216-add-account-trust';
import { FreezeCertificates1796580562970 } from './1796580562970-freeze-certificates';
import { AddCredentials1796580688745 } from './1796580688745-add-credentials';
import { AddCertificateDesignsAndDocuments1796581227922 } from './1796581227922-add-certificate-designs-and-documents';
import { AddSessionCancellationAndCalendarFeeds1796588284518 } from './1796588284518-add-session-cancellation-and-calendar-feeds';
import { AddMailboxRaw1796589104454 } from './1796589104454-add-mailbox-raw';
import { AddInstructorFullNameLatin1796598262189 } from './1796598262189-add-instructor-full-name-latin';
import { AddCampLogistics1796607577692 } from './1796607577692-add-camp-logistics';
import { AddInvitationLetters1796608588025 } from './1796608588025-add-invitation-letters';
import { AttendanceWhereItHappens1796618115278 } from './1796618115278-attendance-where-it-happens';
import { ProgramOperations1796630110048 } from './1796630110048-program-operations';
import { AddPrivacy1796638720605 } from './1796638720605-add-privacy';
import { InitialPrivacyNotice1796640000000 } from './1796640000000-initial-privacy-notice';

export const MIGRATIONS = [
  InitialSchema1795300812925,
  AddIdentity1795302526699,
  AddProgramsAndSessions1795304445265,
  AddEnrolments1795307377237,
  AddAttendanceAndCertificates1795308264873,
  AddReportIndexes1795311187743,
  AddNotifications1795313419847,
  AddReportDataVersion1795320000000,
  AddProgramPartnerIds1795320000001,
  AddAccountTrust1796574666216,
  FreezeCertificates1796580562970,
  AddCredentials1796580688745,
  AddCertificateDesignsAndDocuments1796581227922,
  AddSessionCancellationAndCalendarFeeds1796588284518,
  AddMailboxRaw1796589104454,
  AddInstructorFullNameLatin1796598262189,
  AddCampLogistics1796607577692,
  AddInvitationLetters1796608588025,
  AttendanceWhereItHappens1796618115278,
  ProgramOperations1796630110048,
  AddPrivacy1796638720605,
  InitialPrivacyNotice1796640000000,
];
