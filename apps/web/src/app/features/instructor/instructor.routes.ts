import { Routes } from '@angular/router';
import { unsavedChangesGuard } from '../../shared/forms/unsaved-changes.guard';

/** The instructor's screens: the timetable, and from each session its register, from each program its scores. */
export const INSTRUCTOR_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./instructor-home.page').then((m) => m.InstructorHomePage) },
  {
    path: 'sessions/:id/attendance',
    loadComponent: () => import('../attendance/take-attendance.page').then((m) => m.TakeAttendancePage),
    canDeactivate: [unsavedChangesGuard],
  },
  {
    path: 'sessions/:id/check-in',
    loadComponent: () => import('../attendance/check-in-screen.page').then((m) => m.CheckInScreenPage),
  },
  {
    path: 'sessions/:id/import',
    loadComponent: () => import('../attendance/meeting-report-import.page').then((m) => m.MeetingReportImportPage),
  },
  {
    path: 'programs/:id/scores',
    loadComponent: () => import('../attendance/scores.page').then((m) => m.ScoresPage),
    canDeactivate: [unsavedChangesGuard],
  },
];
