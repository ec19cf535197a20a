import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page as BrowserPage } from '@playwright/test';
import type {
  CertificateListEntry,
  LogisticsStatusEntry,
  MyEnrolment,
  MyLogisticsEntry,
  Page,
  Program,
  Session,
} from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, useLanguage, type DemoRole } from './support/demo';

/*
 * Every page of every role, at a desk and on a phone (the phone project runs
 * these at 360 px, the narrowest phone we serve): axe finds no violation of
 * any rule, and no page scrolls sideways on the phone. One test per role, the
 * pages visited in turn inside the app, so the sweep stays quick.
 */

type Who = DemoRole | 'public' | 'admin-records';
/** A session id of no session. */
const NO_SUCH_SESSION = '00000000-0000-4000-8000-000000000000';

/** The pages each role can reach; ids come from the demo data. */
async function pagesOf(who: Who, ids: DemoIds): Promise<string[]> {
  const common = ['/programs', `/programs/${ids.programId}`, '/profile', '/notifications'];
  switch (who) {
    case 'public':
      return [
        '/',
        '/sign-in',
        '/register',
        '/forgot-password',
        '/verify',
        `/verify/${ids.verificationCode}`,
        '/verify/letters/NO-SUCH-LETTER',
        '/programs',
        `/programs/${ids.programId}`,
        '/no-such-page',
        // The QR's address, signed out: it leads to sign-in (keeping the code).
        `/check-in/${NO_SUCH_SESSION}?code=K7M4QX9P`,
        // The open catalog's program page (issue 22), and one of no public program.
        `/p/${ids.publicCode}`,
        '/p/NO-SUCH-PROGRAM',
        // The privacy notice (issue 23): the current version, and the first one by its version.
        '/privacy',
        '/privacy/2026-12',
      ];
    case 'trainee':
      return [
        '/trainee',
        '/my/programs',
        '/my/certificates',
        `/my/logistics/${ids.logistics.trainee}`,
        // A check-in the API refuses (no such session): the page says so in words.
        `/check-in/${NO_SUCH_SESSION}?code=K7M4QX9P`,
        // A program page of the open catalog, signed in: enrol from it.
        `/p/${ids.publicCode}`,
        ...common,
      ];
    case 'instructor':
      return [
        '/instructor',
        ...(ids.sessionPath ? [ids.sessionPath] : []),
        // The QR check-in screen of the same session (its form: a demo session is long over).
        ...(ids.sessionPath ? [ids.sessionPath.replace(/\/attendance$/, '/check-in')] : []),
        ...(ids.sessionPath ? [ids.sessionPath.replace(/\/attendance$/, '/import')] : []),
        `/instructor/programs/${ids.programId}/scores`,
        ...common,
      ];
    case 'partner':
      return [
        '/partner',
        '/partner/applications',
        '/partner/rosters',
        `/partner/rosters/${ids.programId}`,
        `/partner/reports/${ids.programId}`,
        `/partner/programs/${ids.logistics.programId}/logistics`,
        `/partner/enrolments/${ids.logistics.partner}/logistics`,
        '/partner/certificates',
        '/partner/trainees',
        '/partner/trainees/new',
        '/partner/trainees/import',
        ...common,
      ];
    case 'admin':
      return [
        '/admin',
        '/admin/programs',
        '/admin/programs/new',
        `/admin/programs/${ids.programId}/edit`,
        `/admin/programs/${ids.programId}/schedule`,
        `/admin/programs/${ids.programId}/roster`,
        `/admin/programs/${ids.programId}/report`,
        `/admin/programs/${ids.programId}/complete`,
        `/admin/programs/${ids.logistics.programId}/logistics`,
        `/admin/enrolments/${ids.logistics.admin}/logistics`,
        `/admin/sessions/${ids.sessionId}/attendance`,
        `/admin/sessions/${ids.sessionId}/import`,
        `/admin/sessions/${ids.sessionId}/check-in`,
        '/admin/applications',
        // Nominations awaiting the host's decision (issue 22).
        '/admin/nominations',
        '/admin/certificates',
      ];
    // The admin's other pages: a sweep of their own, so the two run side by side.
    case 'admin-records':
      return [
        '/admin/institutions',
        '/admin/institutions/new',
        `/admin/institutions/${ids.institutionId}`,
        `/admin/institutions/${ids.institutionId}/certificate-design`,
        '/admin/trainees',
        '/admin/trainees/new',
        '/admin/trainees/import',
        '/admin/users',
        '/admin/users/new',
        '/admin/audit',
        '/admin/privacy-notice',
        '/admin/mailbox',
        // Erasure requests (issue 23).
        '/admin/privacy-requests',
        ...common,
      ];
  }
}

interface DemoIds {
  /** A demo program the instructor teaches, with trainees of the demo partner. */
  programId: string;
  institutionId: string;
  verificationCode: string;
  /**
   * The demo camp that collects logistics (YOUTH-SHOW-NEXT) and enrolments whose travel-and-stay pages each
   * role opens: the demo trainee's own, one of the camp's, one of the partner's people in it.
   */
  logistics: { programId: string; trainee: string; admin: string; partner: string };
  /** The instructor's attendance page of one session, when the timetable shows one. */
  sessionPath?: string;
  /** A session of the demo program the instructor teaches (the admin's pages of one session). */
  sessionId: string;
  /** The code of a program of the open catalog (published, open to anyone). */
  publicCode: string;
}

async function demoIds(testInfo: Parameters<Parameters<typeof test>[2]>[1]): Promise<DemoIds> {
  const admin = await Api.open(testInfo, 'admin');
  const trainee = await Api.open(testInfo, 'trainee');
  const programs = await admin.call<Page<Program>>('GET', '/programs?limit=100');
  const program = programs.items.find((p) => p.status === 'published') ?? programs.items[0];
  const institution = await admin.institution('TRPC');
  const certificates = await trainee.call<Page<CertificateListEntry>>('GET', '/me/certificates');
  // The demo camp that collects logistics, and one of its people each role may open.
  const camp = (await admin.call<Page<Program>>('GET', '/programs?q=YOUTH-SHOW-NEXT&limit=1')).items[0];
  const campPeople = await admin.call<Page<LogisticsStatusEntry>>('GET', `/programs/${camp.id}/logistics?limit=1`);
  const partner = await Api.open(testInfo, 'partner');
  const partnerPeople = await partner.call<Page<LogisticsStatusEntry>>('GET', `/programs/${camp.id}/logistics?limit=1`);
  const needs = await trainee.call<MyLogisticsEntry[]>('GET', '/me/logistics');
  const enrolments = await trainee.call<Page<MyEnrolment>>('GET', '/me/enrolments?limit=50');
  const enrolment = enrolments.items.find((e) => e.status === 'confirmed') ?? enrolments.items[0];
  const own = needs[0] ?? { enrolmentId: enrolment.id, programId: enrolment.program.id };
  const sessions = await admin.call<Session[]>('GET', `/programs/${program.id}/sessions`);
  const open = (await admin.call<Page<{ code: string }>>('GET', '/public/programs?limit=1')).items[0];
  const publicCode = open?.code ?? (await admin.publishedProgram()).code;
  await admin.dispose();
  await trainee.dispose();
  await partner.dispose();
  return {
    programId: program.id,
    institutionId: institution.id,
    verificationCode: certificates.items[0].verificationCode,
    sessionId: sessions[0].id,
    publicCode,
    logistics: {
      trainee: own.enrolmentId,
      programId: camp.id,
      admin: campPeople.items[0].enrolmentId,
      partner: partnerPeople.items[0]?.enrolmentId ?? own.enrolmentId,
    },
  };
}

/**
 * Moves inside the app (no reload) and waits until the new page has drawn its heading and loaded its data. The
 * headings on screen before the move are marked first: the old page's h1 stays visible for a moment after the
 * move, and axe must not run in between. The wait ends at a new h1 — or at once when the app redirected elsewhere
 * (a guard sent a visitor to sign in), where the page on screen may be the same one as before.
 */
async function visit(page: BrowserPage, path: string): Promise<void> {
  await page.evaluate((to) => {
    document.querySelectorAll('main h1').forEach((heading) => heading.setAttribute('data-left-behind', ''));
    const from = location.pathname + location.search;
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    if (from === to)
      document.querySelectorAll('main h1').forEach((heading) => heading.removeAttribute('data-left-behind'));
  }, path);
  await expect
    .poll(() =>
      page.evaluate((to) => {
        const fresh = Array.from(document.querySelectorAll<HTMLElement>('main h1:not([data-left-behind])'));
        return fresh.some((h) => h.checkVisibility()) || location.pathname !== new URL(to, location.href).pathname;
      }, path),
    )
    .toBe(true);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main .loading, main [aria-busy="true"]').filter({ visible: true })).toHaveCount(0);
}

for (const who of ['public', 'trainee', 'instructor', 'partner', 'admin', 'admin-records'] as const) {
  test(`every ${who} page passes axe and fits a phone @phone`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const phone = testInfo.project.name === 'phone';
    if (phone) await page.setViewportSize({ width: 360, height: 780 });
    const ids = await demoIds(testInfo);

    if (who === 'public') await page.goto('/');
    else await loginAs(page, who === 'admin-records' ? 'admin' : who);
    await useLanguage(page, 'en');
    if (who === 'instructor') {
      const take = page.getByTestId('take-attendance').first();
      if (await take.count()) ids.sessionPath = (await take.getAttribute('href')) ?? undefined;
    }

    const problems: string[] = [];
    for (const path of await pagesOf(who, ids)) {
      await test.step(`visit ${path}`, () => visit(page, path));
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const violation of violations) {
        const where = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
        problems.push(`${path}: ${violation.id} (${violation.impact}) at ${where.join(' | ')}`);
      }
      if (phone) {
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        if (overflow > 0) problems.push(`${path}: the page scrolls sideways by ${overflow} px at 360 px`);
      }
    }
    expect(problems).toEqual([]);
  });
}
