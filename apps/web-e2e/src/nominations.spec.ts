import { expect, test, type Page as BrowserPage } from '@playwright/test';
import type { Enrolment, Program } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, signOut, useLanguage } from './support/demo';

const TRAINEE_PASSWORD = 'Pathum-Thani-campus-2027';

/**
 * Types into the queue's search and waits for the list it asks for: a decision taken on the unfiltered list
 * while the filtered one is still on its way would come back with the row.
 */
async function searchFor(page: BrowserPage, text: string): Promise<void> {
  const filtered = page.waitForResponse(
    (response) => response.url().includes('/api/v1/enrolments?') && response.url().includes(`q=${text}`),
  );
  await page.getByTestId('queue-search').fill(text);
  await filtered;
}

test('a partner nominates and the office accepts', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const rmutt = await admin.institution('RMUTT');
  // The office shares the camp out: 5 of its 20 seats kept for RMUTT, and it reviews every nomination.
  const program = await admin.publishedProgram({
    partnerInstitutionIds: [rmutt.id],
    partnerQuotas: [{ institutionId: rmutt.id, seats: 5 }],
    hostReview: true,
    enrolmentOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    enrolmentClosesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
  });
  expect(program.hostReview).toBe(true);
  expect(program.partnerQuotas).toEqual([{ institutionId: rmutt.id, seats: 5 }]);

  // An RMUTT student applies; her partner institution reviews her application first.
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const email = `kanokwan.${stamp}@rmutt.test`;
  const session = await admin.register({
    email,
    password: TRAINEE_PASSWORD,
    fullName: 'กนกวรรณ ทองดี',
    fullNameLatin: 'Kanokwan Thongdee',
    nationality: 'TH',
    institutionId: rmutt.id,
  });
  const application = await admin
    .as(session.accessToken)
    .call<Enrolment>('POST', `/programs/${program.id}/enrolments`, {}, 201);
  expect(application.status).toBe('pending');

  // The partner nominates her: on a program where the host decides, "Approve" says "Nominate".
  await loginAs(page, 'partner');
  await useLanguage(page, 'en');
  await page.getByTestId('tab-applications').click();
  // Found by her address (the program list of the filter holds the first 200 programs only).
  await searchFor(page, stamp);
  const partnerRow = page.locator(`[data-testid="queue-row"][data-email="${email}"]`);
  await expect(partnerRow).toHaveCount(1);
  await expect(partnerRow.getByTestId('queue-host-reviews')).toHaveText('The host decides');
  await expect(partnerRow.getByTestId('approve-one')).toHaveText('Nominate');
  await partnerRow.getByTestId('approve-one').click();
  await expect(page.getByTestId('queue-notice')).toHaveText('Nominated to the organisers: 1. They decide next.');
  await expect(partnerRow).toHaveCount(0);
  const nominated = await admin.call<Enrolment>('GET', `/programs/${program.id}/enrolments?q=${stamp}`);
  expect(nominated).toMatchObject({ items: [{ id: application.id, status: 'nominated' }] });

  // The partner's page of the program: its own line only, with the nomination.
  await page.goto(`/programs/${program.id}`);
  const ownLine = page.locator('[data-testid="institution-seats-row"][data-institution="RMUTT"]');
  await expect(page.getByTestId('institution-seats-row')).toHaveCount(1);
  await expect(ownLine.getByTestId('institution-seats-nominated')).toHaveText('1');
  await expect(page.getByTestId('institution-seats-open')).toHaveCount(0);
  await signOut(page);
  await expect(page).toHaveURL(/\/sign-in$/);

  // The office accepts the nomination from its Nominations page.
  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto('/admin');
  await page.getByTestId('admin-nominations-link').click();
  await expect(page).toHaveURL(/\/admin\/nominations$/);
  await expect(page.getByTestId('tab-nominations')).toHaveAttribute('aria-current', 'page');
  await searchFor(page, stamp);
  const adminRow = page.locator(`[data-testid="queue-row"][data-email="${email}"]`);
  await expect(adminRow).toHaveCount(1);
  await expect(adminRow.getByTestId('queue-institution')).toHaveText('RMUTT');
  await expect(adminRow.getByTestId('approve-one')).toHaveText('Accept');
  await adminRow.getByTestId('approve-one').click();
  await expect(page.getByTestId('queue-notice')).toContainText('Accepted. Confirmed: 1;');
  await expect(page.getByTestId('queue-empty')).toBeVisible();

  // The roster shows her confirmed…
  await page.goto(`/admin/programs/${program.id}/roster`);
  const rosterRow = page.locator(`[data-testid="roster-row"][data-email="${email}"]`);
  await expect(rosterRow).toHaveAttribute('data-status', 'confirmed');
  await expect(rosterRow.getByTestId('enrolment-status')).toHaveText('Confirmed');

  // …and the seats by institution count her in RMUTT's quota, leaving the open seats as they were.
  await page.goto(`/programs/${program.id}`);
  const line = page.locator('[data-testid="institution-seats-row"][data-institution="RMUTT"]');
  await expect(line.getByTestId('institution-seats-quota')).toContainText('5');
  await expect(line.getByTestId('institution-seats-quota')).toContainText('4 free');
  await expect(line.getByTestId('institution-seats-confirmed')).toHaveText('1');
  await expect(line.getByTestId('institution-seats-nominated')).toHaveText('0');
  await expect(page.getByTestId('institution-seats-open')).toHaveText(
    'Open to everyone else: 15 seats, 0 confirmed, 15 free.',
  );
  const after = await admin.call<Program>('GET', `/programs/${program.id}`);
  expect(after.seats.byInstitution).toContainEqual({
    institutionId: rmutt.id,
    quota: 5,
    confirmed: 1,
    waitlisted: 0,
    pending: 0,
    nominated: 0,
  });
  await page.screenshot({ path: testInfo.outputPath('seats-by-institution.png'), fullPage: true });
  await admin.dispose();
});
