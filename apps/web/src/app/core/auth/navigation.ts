import type { Role } from '@skillbridge/contracts';

export interface NavItem {
  path: string;
  /** Translation key of the label. */
  label: string;
  exact?: boolean;
}

/** The top-bar navigation of each role — only what that role may use. */
export const NAVIGATION: Readonly<Record<Role | 'guest', readonly NavItem[]>> = {
  guest: [
    { path: '/', label: 'nav.home', exact: true },
    // The open catalog (issue 22): camps and courses anyone may enrol in.
    { path: '/programs', label: 'nav.programs' },
    { path: '/sign-in', label: 'nav.signIn' },
    { path: '/register', label: 'nav.register' },
    { path: '/verify', label: 'nav.verify' },
  ],
  admin: [
    { path: '/admin', label: 'nav.dashboard', exact: true },
    { path: '/admin/programs', label: 'nav.programs' },
    { path: '/admin/certificates', label: 'nav.certificates' },
    { path: '/admin/institutions', label: 'nav.institutions' },
    { path: '/admin/users', label: 'nav.users' },
    { path: '/admin/instructors', label: 'nav.instructors' },
    { path: '/admin/audit', label: 'nav.audit' },
    { path: '/admin/privacy-requests', label: 'nav.privacyRequests' },
    { path: '/admin/privacy-notice', label: 'nav.privacyNotice' },
    { path: '/admin/mailbox', label: 'nav.mailbox' },
  ],
  instructor: [
    { path: '/instructor', label: 'nav.timetable', exact: true },
    { path: '/programs', label: 'nav.programs' },
  ],
  partner: [
    // The portal's sections (applications, rosters, trainees, import, certificates) are tabs inside /partner.
    { path: '/partner', label: 'nav.partnerHome' },
    { path: '/programs', label: 'nav.programs' },
  ],
  trainee: [
    { path: '/trainee', label: 'nav.myPrograms', exact: true },
    { path: '/my/certificates', label: 'nav.myCertificates' },
    { path: '/programs', label: 'nav.programs' },
  ],
};
