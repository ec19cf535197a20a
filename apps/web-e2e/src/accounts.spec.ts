import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, type AuthUser } from '@skillbridge/contracts';
import { Api, linkIn } from './support/api';
import { loginAs, openIn, signIn, useLanguage, signOut as signOutFrom, openMenu } from './support/demo';

/** The code an authenticator app shows for this secret (RFC 6238: SHA-1, 6 digits, 30 s), at this moment. */
function totpCode(secret: string, timestamp = Date.now()): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).generate({ timestamp });
}

/** The 30-second step a moment falls in. */
const stepOf = (timestamp: number) => Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS);

/** Waits until the authenticator shows a code of a later step than `step` (a code is accepted once). */
async function nextStepAfter(step: number): Promise<void> {
  while (stepOf(Date.now()) <= step) await new Promise((resolve) => setTimeout(resolve, 250));
}

async function signOut(page: Page): Promise<void> {
  await signOutFrom(page);
  await expect(page).toHaveURL(/\/sign-in$/);
}

test('a new trainee confirms her e-mail from the mailbox before she can enrol, then enrols @phone', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const program = await admin.publishedProgram({
    enrolmentOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    enrolmentClosesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
  });
  const email = `siti.${Date.now().toString(36)}${testInfo.workerIndex}@e2e.test`;

  // She registers on the page, without a partner institution (the list offers partner institutions only).
  await openIn(page, 'en', '/register');
  const institutions = await admin.call<{ items: { id: string; kind: string }[] }>('GET', '/institutions?limit=200');
  // The options arrive with the institutions' list: wait for the first before reading them all.
  const options = page.getByTestId('institution').locator('option[value]:not([value=""])');
  await expect(options.first()).toBeAttached();
  const offered = await options.evaluateAll((o) => o.map((option) => (option as HTMLOptionElement).value));
  expect(offered.length).toBeGreaterThan(0);
  for (const id of offered) expect(institutions.items.find((i) => i.id === id)?.kind).toBe('partner');
  await page.getByTestId('full-name').fill('Siti Nurhaliza binti Ahmad');
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill('Kuala-Lumpur-sentral-2026');
  await page.getByTestId('nationality').selectOption('MY');
  await page.getByTestId('consent-administration').check();
  await page.getByTestId('consent-transfer').check();
  await page.getByTestId('register-submit').click();
  await expect(page).toHaveURL(/\/trainee$/);

  // Until she confirms her address, every page says so; a new link cannot go out within the minute.
  const banner = page.getByTestId('verify-email-banner');
  await expect(banner).toContainText(`Follow the link we sent to ${email}`);
  await banner.getByTestId('resend-verification').click();
  await expect(banner.getByTestId('resend-status')).toHaveText(
    'A link was sent just now. Please wait a minute before asking again.',
  );
  await page.screenshot({ path: testInfo.outputPath('unverified-home.png'), fullPage: true });

  // Enrolling is refused, in the banner's words.
  await page.goto(`/programs/${program.id}`);
  await page.getByTestId('enrol').click();
  await expect(page.getByTestId('enrol-error')).toHaveText(
    `Confirm your e-mail address first: follow the link we sent to ${email}. Then you can enrol.`,
  );

  // The e-mail is in the development mailbox (an admin's page), with its link.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await loginAs(adminPage, 'admin');
  await useLanguage(adminPage, 'en');
  await adminPage.goto('/admin/mailbox');
  await adminPage.getByTestId('mailbox-to').fill(email);
  const row = adminPage.locator(`[data-testid="mailbox-row"][data-kind="email-verification"][data-to="${email}"]`);
  await expect(row).toHaveCount(1);
  await row.getByTestId('mailbox-open').click();
  const text = (await adminPage.getByTestId('mailbox-text').textContent()) ?? '';
  await adminContext.close();
  const link = /https?:\/\/[^\s/]+(\/verify-email\?token=\S+)/.exec(text)?.[1];
  expect(link, text).toBeTruthy();

  // She follows it in her browser: confirmed, the banner goes.
  await page.goto(link as string);
  await expect(page.getByTestId('verify-email-done')).toHaveText('Your e-mail address is confirmed.');
  await page.getByTestId('verify-email-continue').click();
  await expect(page).toHaveURL(/\/trainee$/);
  await expect(page.getByTestId('verify-email-banner')).toHaveCount(0);

  // Now she enrols; with no partner institution to review her, and no host review, she takes a seat at once.
  await page.goto(`/programs/${program.id}`);
  await page.getByTestId('enrol').click();
  await expect(page.getByTestId('enrol-result').getByTestId('enrolment-status')).toHaveAttribute(
    'data-status',
    'confirmed',
  );
  await expect(page.getByTestId('enrol-message')).toHaveText('Your seat is confirmed.');
  await expect(page.getByTestId('verify-email-banner')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('applied.png'), fullPage: true });

  // The link works once.
  await page.goto(link as string);
  await expect(page.getByTestId('verify-email-invalid')).toHaveText('This link is invalid, already used or expired.');
  await admin.dispose();
});

test('a partner sets up two-factor sign-in on the profile page and signs in with a code, then a recovery code @phone', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const rmutt = await admin.institution('RMUTT');
  const partner = {
    email: `nok.${Date.now().toString(36)}${testInfo.workerIndex}@rmutt.test`,
    password: 'Thanyaburi-campus-2026',
  };
  await admin.call<AuthUser>(
    'POST',
    '/users',
    { ...partner, fullName: 'Nok Chaiyaphum', role: 'partner', institutionId: rmutt.id, preferredLocale: 'en' },
    201,
  );

  await signIn(page, partner.email, partner.password);
  await expect(page).toHaveURL(/\/partner$/);
  await openMenu(page);
  await page.getByTestId('account-name').click();
  await expect(page).toHaveURL(/\/profile$/);
  const section = page.getByTestId('two-factor-section');
  await expect(section.getByTestId('two-factor-status')).toHaveAttribute('data-enabled', 'false');

  // Set up: the password again, then the key the page shows (as a person would type it into an app).
  await section.getByTestId('set-up-two-factor').click();
  await section.getByTestId('totp-password').fill(partner.password);
  await section.getByTestId('totp-start').click();
  await expect(section.getByTestId('qr-code')).toBeVisible();
  const secret = ((await section.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.screenshot({ path: testInfo.outputPath('totp-scan.png'), fullPage: true });
  const setupStep = stepOf(Date.now());
  await section.getByTestId('totp-code').fill(totpCode(secret));
  await section.getByTestId('totp-confirm').click();

  // Ten recovery codes, shown once; going on needs the "saved" tick.
  await expect(section.getByTestId('recovery-code')).toHaveCount(10);
  const codes = await section.getByTestId('recovery-code').allTextContents();
  expect(codes).toHaveLength(10);
  await expect(section.getByTestId('recovery-codes-done')).toBeDisabled();
  await section.getByTestId('recovery-codes-saved').check();
  await section.getByTestId('recovery-codes-done').click();
  await expect(section.getByTestId('two-factor-notice')).toHaveText('Two-factor sign-in is on.');
  await expect(section.getByTestId('two-factor-status')).toHaveAttribute('data-enabled', 'true');
  await expect(page.getByTestId('session-current')).toHaveText('This device');
  await expect(
    page.locator('[data-testid="session"][data-current="true"]').getByTestId('session-device'),
  ).toContainText('Chrome on Linux');
  await page.screenshot({ path: testInfo.outputPath('two-factor-on.png'), fullPage: true });
  await signOut(page);

  // Signing in now takes the password, then a code: a wrong one is refused, the app's current one lets her in.
  await page.getByTestId('email').fill(partner.email);
  await page.getByTestId('password').fill(partner.password);
  await page.getByTestId('sign-in-submit').click();
  const code = page.getByTestId('mfa-code');
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  const wrong = totpCode(secret, Date.now() - 10 * TOTP_PERIOD_SECONDS * 1000);
  await code.fill(wrong === totpCode(secret) ? '000000' : wrong);
  await page.getByTestId('mfa-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText(
    'That code was not accepted. Enter the code your app shows now.',
  );
  await nextStepAfter(setupStep); // the setup's code was spent; the app moves on every 30 s
  await code.fill(totpCode(secret));
  await page.getByTestId('mfa-submit').click();
  await expect(page).toHaveURL(/\/partner$/);
  await expect(page.getByTestId('account-name')).toBeAttached();
  await signOut(page);

  // Without the phone: a recovery code, once.
  await page.getByTestId('email').fill(partner.email);
  await page.getByTestId('password').fill(partner.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('use-recovery-code').click();
  await page.getByTestId('mfa-recovery-code').fill(codes[0]);
  await page.getByTestId('mfa-submit').click();
  await expect(page).toHaveURL(/\/partner$/);
  await admin.dispose();
});

test('forgot password: the e-mailed link sets a new one, the old one stops working, the link works once @phone', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const trainee = {
    email: `linh.${Date.now().toString(36)}${testInfo.workerIndex}@e2e.test`,
    password: 'Ha-Long-bay-2025-old',
  };
  await admin.register({ ...trainee, fullName: 'Trần Thị Linh', fullNameLatin: 'Tran Thi Linh', nationality: 'VN' });

  await openIn(page, 'en', '/sign-in');
  await page.getByTestId('forgot-password-link').click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByTestId('email').fill(trainee.email);
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('forgot-sent')).toHaveText(
    `If an account exists for ${trainee.email}, we sent it a link to choose a new password. The link is valid for 30 minutes.`,
  );

  const link = linkIn(await admin.mail(trainee.email, 'password-reset'));
  expect(link).toMatch(/^\/reset-password\?token=/);
  await page.goto(link);
  const newPassword = 'Ha-Long-bay-2026-new';
  // The policy's own words appear on the field: the address is no password.
  await page.getByTestId('new-password').fill(trainee.email);
  await page.getByTestId('confirm-password').fill(trainee.email);
  await page.getByTestId('reset-submit').click();
  await expect(page.locator('#reset-password-error')).not.toBeEmpty();
  await page.getByTestId('new-password').fill(newPassword);
  await page.getByTestId('confirm-password').fill(newPassword);
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('reset-done')).toContainText('you were signed out everywhere');
  await page.screenshot({ path: testInfo.outputPath('reset-done.png'), fullPage: true });

  await page.getByTestId('reset-sign-in').click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, trainee.email, newPassword);
  await expect(page).toHaveURL(/\/trainee$/);
  await signOut(page);

  // Her account speaks Thai (the page followed it at sign-in); back to English for the next check.
  await useLanguage(page, 'en');
  await page.getByTestId('email').fill(trainee.email);
  await page.getByTestId('password').fill(trainee.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('The e-mail address or the password is wrong.');

  await page.goto(link);
  await page.getByTestId('new-password').fill('Ha-Long-bay-2027-again');
  await page.getByTestId('confirm-password').fill('Ha-Long-bay-2027-again');
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('reset-invalid')).toHaveText('This link is invalid, already used or expired.');
  await admin.dispose();
});
