import { expect, test, type Locator } from '@playwright/test';
import type { UnreadCount } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, signIn, useLanguage, navigateTo } from './support/demo';

const TRAINEE_PASSWORD = 'Khlong-Luang-campus-2025';

/** The bell's number as its words say it (the badge is hidden at 0). */
async function expectBell(bell: Locator, unread: number): Promise<void> {
  await expect(bell).toHaveAttribute('aria-label', unread ? `Notifications, ${unread} unread` : 'Notifications');
  const badge = bell.getByTestId('notification-count');
  if (unread) await expect(badge).toHaveText(unread > 99 ? '99+' : String(unread));
  else await expect(badge).toHaveCount(0);
}

test('a trainee sees the bell count rise after her partner approves her @phone', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  const admin = await Api.open(testInfo, 'admin');
  const rmutt = await admin.institution('RMUTT');
  const program = await admin.publishedProgram({
    partnerInstitutionIds: [rmutt.id],
    enrolmentOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    enrolmentClosesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
  });

  // A new RMUTT student: her applications wait for her institution's partner staff.
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const trainee = { email: `malee.${stamp}@rmutt.test`, password: TRAINEE_PASSWORD };
  await admin.register({
    ...trainee,
    fullName: 'มาลี ศรีสุข',
    fullNameLatin: 'Malee Srisuk',
    nationality: 'TH',
    institutionId: rmutt.id,
  });

  // She signs in and notes the bell (once its first answer is in).
  const firstCount = page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/unread-count') && r.ok());
  await signIn(page, trainee.email, trainee.password);
  const before = ((await (await firstCount).json()) as UnreadCount).count;
  await useLanguage(page, 'en');
  const bell = page.getByTestId('notification-bell');
  await expectBell(bell, before);

  // She applies through the catalog; the application waits for review.
  await page.goto('/programs');
  await page.getByTestId('program-search').fill(program.code);
  await expect(page.getByTestId('program-link')).toHaveCount(1);
  await page.getByTestId('program-link').click();
  await page.getByTestId('enrol').click();
  await expect(page.getByTestId('enrol-result').getByTestId('enrolment-status')).toHaveAttribute(
    'data-status',
    'pending',
  );
  await expectBell(bell, before); // applying tells the partner, not her

  // Her institution's partner approves it, in a browser of their own.
  const partnerContext = await browser.newContext();
  const partnerPage = await partnerContext.newPage();
  await loginAs(partnerPage, 'partner');
  await useLanguage(partnerPage, 'en');
  await partnerPage.getByTestId('tab-applications').click();
  await partnerPage.getByTestId('queue-program').selectOption(program.id);
  const row = partnerPage.locator(`[data-testid="queue-row"][data-email="${trainee.email}"]`);
  await expect(partnerPage.getByTestId('queue-row')).toHaveCount(1);
  await row.getByTestId('approve-one').click();
  await expect(partnerPage.getByTestId('queue-notice')).toContainText('Confirmed: 1');
  await partnerContext.close();

  // She moves on in the app: the bell has one more.
  await navigateTo(page, 'My programs');
  await expect(page).toHaveURL(/\/trainee$/);
  await expectBell(bell, before + 1);
  await page.screenshot({ path: testInfo.outputPath('bell.png') });

  // The notifications page shows the approval, unread, in her page's language.
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  const approval = page.locator('[data-testid="notification"][data-kind="enrolment-confirmed"]').first();
  await expect(approval).toHaveAttribute('data-read', 'unread');
  await expect(approval.getByTestId('notification-title')).toContainText('Your place is confirmed');
  await expect(approval.getByTestId('notification-unread')).toHaveText('Unread');
  await page.screenshot({ path: testInfo.outputPath('notifications.png'), fullPage: true });

  // Opening it marks it read and leads to her programs; the bell drops back.
  await approval.getByTestId('notification-link').click();
  await expect(page).toHaveURL(/\/my\/programs$/);
  await expectBell(bell, before);
  await bell.click();
  await expect(page.locator('[data-testid="notification"][data-kind="enrolment-confirmed"]').first()).toHaveAttribute(
    'data-read',
    'read',
  );
  await admin.dispose();
});
