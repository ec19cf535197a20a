import { Routes } from '@angular/router';
import { unsavedChangesGuard } from '../../shared/forms/unsaved-changes.guard';

/** The partner portal: its own institution's applications, rosters, trainees and their certificates. */
export const PARTNER_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./partner-area.component').then((m) => m.PartnerAreaComponent),
    children: [
      { path: '', loadComponent: () => import('./partner-home.page').then((m) => m.PartnerHomePage) },
      {
        path: 'applications',
        loadComponent: () => import('../enrolments/review-queue.page').then((m) => m.ReviewQueuePage),
      },
      { path: 'rosters', loadComponent: () => import('../rosters/roster.page').then((m) => m.RosterPage) },
      { path: 'rosters/:id', loadComponent: () => import('../rosters/roster.page').then((m) => m.RosterPage) },
      {
        path: 'reports/:id',
        loadComponent: () => import('../reports/program-report.page').then((m) => m.ProgramReportPage),
      },
      {
        path: 'programs/:id/logistics',
        loadComponent: () => import('../logistics/program-logistics.page').then((m) => m.ProgramLogisticsPage),
        data: { area: 'partner' },
      },
      {
        path: 'enrolments/:id/logistics',
        loadComponent: () => import('../logistics/enrolment-logistics.page').then((m) => m.EnrolmentLogisticsPage),
        data: { area: 'partner' },
        canDeactivate: [unsavedChangesGuard],
      },
      {
        path: 'certificates',
        loadComponent: () => import('../certificates/certificate-list.page').then((m) => m.CertificateListPage),
      },
      {
        path: 'trainees',
        loadComponent: () => import('../trainees/trainee-list.page').then((m) => m.TraineeListPage),
      },
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
    ],
  },
];
