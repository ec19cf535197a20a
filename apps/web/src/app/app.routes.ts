import { Route } from '@angular/router';
import { guestGuard, landingMatch, mfaSetupGuard, rolesGuard, signedInGuard } from './core/auth/auth.guards';
import { pendingCheckInGuard } from './features/check-in/pending-check-in';
import { HomePage } from './features/home/home.page';
import { unsavedChangesGuard } from './shared/forms/unsaved-changes.guard';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    canMatch: [landingMatch],
    // In the initial bundle, not lazy: it is the first page most visitors see, and
    // loading it lazily put two more round trips (its chunk, then that chunk's
    // imports) between the shell and the largest paint.
    component: HomePage,
  },
  {
    path: 'sign-in',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'register',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/register.page').then((m) => m.RegisterPage),
  },
  {
    path: 'forgot-password',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
  // Public: e-mailed links land here, in whatever browser the person opens them (signed in or not).
  {
    path: 'reset-password',
    loadComponent: () => import('./features/auth/reset-password.page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'verify-email',
    loadComponent: () => import('./features/auth/verify-email.page').then((m) => m.VerifyEmailPage),
  },
  {
    path: 'unlock',
    loadComponent: () => import('./features/auth/unlock.page').then((m) => m.UnlockPage),
  },
  {
    path: 'two-factor-setup',
    canActivate: [mfaSetupGuard],
    loadComponent: () => import('./features/two-factor/two-factor-setup.page').then((m) => m.TwoFactorSetupPage),
  },
  {
    path: 'admin',
    canActivate: [rolesGuard('admin')],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'partner',
    canActivate: [rolesGuard('partner')],
    loadChildren: () => import('./features/partner/partner.routes').then((m) => m.PARTNER_ROUTES),
  },
  {
    path: 'instructor',
    canActivate: [rolesGuard('instructor')],
    loadChildren: () => import('./features/instructor/instructor.routes').then((m) => m.INSTRUCTOR_ROUTES),
  },
  {
    path: 'trainee',
    canActivate: [rolesGuard('trainee'), pendingCheckInGuard],
    loadComponent: () => import('./features/trainee/trainee-home.page').then((m) => m.TraineeHomePage),
  },
  {
    path: 'my/programs',
    canActivate: [rolesGuard('trainee')],
    loadComponent: () => import('./features/enrolments/my-programs.page').then((m) => m.MyProgramsPage),
  },
  {
    path: 'my/certificates',
    canActivate: [rolesGuard('trainee')],
    loadComponent: () => import('./features/certificates/my-certificates.page').then((m) => m.MyCertificatesPage),
  },
  {
    // Public: the certificate's QR code and links point here, for anyone, signed in or not.
    path: 'verify',
    loadComponent: () => import('./features/verify/verify.page').then((m) => m.VerifyPage),
  },
  {
    path: 'verify/:code',
    loadComponent: () => import('./features/verify/verify.page').then((m) => m.VerifyPage),
  },
  {
    // Public (issue 22): signed out, the open catalog; signed in, the programs the viewer may see.
    path: 'programs',
    loadComponent: () => import('./features/programs/program-catalog.page').then((m) => m.ProgramCatalogPage),
  },
  {
    // Public: the address shared in chats; the API puts the program's preview tags into this page's HTML.
    path: 'p/:code',
    loadComponent: () => import('./features/programs/public-program.page').then((m) => m.PublicProgramPage),
  },
  {
    path: 'programs/:id',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/programs/program-detail.page').then((m) => m.ProgramDetailPage),
  },
  {
    path: 'profile',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/profile/profile.page').then((m) => m.ProfilePage),
  },
  {
    path: 'notifications',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/notifications/notifications.page').then((m) => m.NotificationsPage),
  },
  {
    path: 'my/logistics/:id',
    canActivate: [rolesGuard('trainee')],
    canDeactivate: [unsavedChangesGuard],
    data: { area: 'trainee' },
    loadComponent: () => import('./features/logistics/enrolment-logistics.page').then((m) => m.EnrolmentLogisticsPage),
  },
  {
    // Public: the QR code and reference printed on a visa invitation letter point here.
    path: 'verify/letters/:reference',
    loadComponent: () => import('./features/logistics/letter-verification.page').then((m) => m.LetterVerificationPage),
  },
  {
    // Public: the QR shown in the room leads here; signed out, the page sends the person to sign in and back.
    path: 'check-in/:sessionId',
    loadComponent: () => import('./features/check-in/check-in.page').then((m) => m.CheckInPage),
  },
  {
    // Public (issue 23): the privacy notice, linked from the footer, the registration form and every e-mail.
    path: 'privacy',
    loadComponent: () => import('./features/privacy/privacy-notice.page').then((m) => m.PrivacyNoticePage),
  },
  {
    path: 'privacy/:version',
    loadComponent: () => import('./features/privacy/privacy-notice.page').then((m) => m.PrivacyNoticePage),
  },
  {
    path: '**',
    loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
