import { Routes } from '@angular/router';
import { unsavedChangesGuard } from '../../shared/forms/unsaved-changes.guard';

export const ADMIN_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./admin-home.page').then((m) => m.AdminHomePage) },
  { path: 'institutions', loadComponent: () => import('./institution-list.page').then((m) => m.InstitutionListPage) },
  {
    path: 'institutions/new',
    loadComponent: () => import('./institution-form.page').then((m) => m.InstitutionFormPage),
  },
  {
    path: 'institutions/:id',
    loadComponent: () => import('./institution-form.page').then((m) => m.InstitutionFormPage),
  },
  {
    path: 'institutions/:id/certificate-design',
    loadComponent: () => import('./certificate-design.page').then((m) => m.CertificateDesignPage),
  },
  { path: 'programs', loadComponent: () => import('./program-list.page').then((m) => m.ProgramListPage) },
  { path: 'programs/new', loadComponent: () => import('./program-form.page').then((m) => m.ProgramFormPage) },
  { path: 'programs/:id/edit', loadComponent: () => import('./program-form.page').then((m) => m.ProgramFormPage) },
  {
    path: 'programs/:id/schedule',
    loadComponent: () => import('./schedule-editor.page').then((m) => m.ScheduleEditorPage),
  },
  {
    path: 'programs/:id/attendance',
    loadComponent: () => import('./program-attendance.page').then((m) => m.ProgramAttendancePage),
  },
  {
    path: 'programs/:id/scores',
    loadComponent: () => import('../attendance/scores.page').then((m) => m.ScoresPage),
    data: { area: 'admin' },
    canDeactivate: [unsavedChangesGuard],
  },
  {
    path: 'sessions/:id/attendance',
    loadComponent: () => import('../attendance/take-attendance.page').then((m) => m.TakeAttendancePage),
    data: { area: 'admin' },
    canDeactivate: [unsavedChangesGuard],
  },
  {
    path: 'sessions/:id/check-in',
    loadComponent: () => import('../attendance/check-in-screen.page').then((m) => m.CheckInScreenPage),
    data: { area: 'admin' },
  },
  {
    path: 'sessions/:id/import',
    loadComponent: () => import('../attendance/meeting-report-import.page').then((m) => m.MeetingReportImportPage),
    data: { area: 'admin' },
  },
  {
    path: 'programs/:id/roster',
    loadComponent: () => import('../rosters/roster.page').then((m) => m.RosterPage),
  },
  {
    path: 'programs/:id/report',
    loadComponent: () => import('../reports/program-report.page').then((m) => m.ProgramReportPage),
  },
  {
    path: 'programs/:id/complete',
    loadComponent: () => import('../certificates/completion.page').then((m) => m.CompletionPage),
  },
  {
    path: 'programs/:id/logistics',
    loadComponent: () => import('../logistics/program-logistics.page').then((m) => m.ProgramLogisticsPage),
    data: { area: 'admin' },
    canDeactivate: [unsavedChangesGuard],
  },
  {
    path: 'enrolments/:id/logistics',
    loadComponent: () => import('../logistics/enrolment-logistics.page').then((m) => m.EnrolmentLogisticsPage),
    data: { area: 'admin' },
    canDeactivate: [unsavedChangesGuard],
  },
  {
    path: 'certificates',
    loadComponent: () => import('../certificates/certificate-list.page').then((m) => m.CertificateListPage),
  },
  {
    path: 'applications',
    loadComponent: () => import('../enrolments/review-queue.page').then((m) => m.ReviewQueuePage),
  },
  {
    path: 'nominations',
    loadComponent: () => import('../enrolments/review-queue.page').then((m) => m.ReviewQueuePage),
    data: { queue: 'nominations' },
  },
  { path: 'trainees', loadComponent: () => import('../trainees/trainee-list.page').then((m) => m.TraineeListPage) },
  {
    path: 'trainees/new',
    loadComponent: () => import('../trainees/trainee-form.page').then((m) => m.TraineeFormPage),
  },
  {
    path: 'trainees/import',
    loadComponent: () => import('../trainees/trainee-import.page').then((m) => m.TraineeImportPage),
  },
  {
    path: 'trainees/:id',
    loadComponent: () => import('../trainees/trainee-form.page').then((m) => m.TraineeFormPage),
  },
  { path: 'audit', loadComponent: () => import('./audit-log.page').then((m) => m.AuditLogPage) },
  {
    path: 'privacy-notice',
    loadComponent: () => import('./privacy-notice-admin.page').then((m) => m.PrivacyNoticeAdminPage),
  },
  { path: 'mailbox', loadComponent: () => import('./mailbox.page').then((m) => m.MailboxPage) },
  {
    path: 'privacy-requests',
    loadComponent: () => import('./privacy-requests.page').then((m) => m.PrivacyRequestsPage),
  },
  { path: 'users', loadComponent: () => import('./user-list.page').then((m) => m.UserListPage) },
  { path: 'users/new', loadComponent: () => import('./user-form.page').then((m) => m.UserFormPage) },
  { path: 'instructors', loadComponent: () => import('./instructor-list.page').then((m) => m.InstructorListPage) },
  {
    path: 'instructors/new',
    loadComponent: () => import('./instructor-form.page').then((m) => m.InstructorFormPage),
  },
  {
    path: 'instructors/:id',
    loadComponent: () => import('./instructor-form.page').then((m) => m.InstructorFormPage),
  },
];
