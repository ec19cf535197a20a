import { expect, test } from '@playwright/test';
import type { PrivacyRequest } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, openIn, signIn, signOut, useLanguage } from './support/demo';

test('a trainee asks in Malay for her data to be erased, an admin completes it, and she can no longer sign in', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const email = `nurul.${Date.now().toString(36)}${testInfo.workerIndex}@e2e.test`;
  const password = 'Pulau-Pinang-jambatan-2026';
  await admin.register({
    email,
    password,
    fullName: 'Nurul Aina binti Hassan',
    nationality: 'MY',
    preferredLocale: 'ms',
    timeZone: 'Asia/Kuala_Lumpur',
  });

  // She signs in with the page in Malay and finds the section on her profile.
  await openIn(page, 'ms', '/sign-in');
  await signIn(page, email, password);
  await page.goto('/profile#erasure');
  const section = page.locator('#erasure');
  await expect(section).toContainText('Padam data saya');
  await expect(section.getByTestId('erasure-warning')).toContainText('tidak boleh dibuat asal');
  await expect(section.getByTestId('erasure-keep-certificates')).toBeChecked();

  // A confirmation first; cancelling it sends nothing.
  await section.getByTestId('erasure-submit').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Padam data anda?');
  await dialog.getByTestId('confirm-no').click();
  await expect(section.getByTestId('erasure-pending')).toHaveCount(0);
  await section.getByTestId('erasure-submit').click();
  await dialog.getByTestId('confirm-yes').click();

  // The request waits, with its due date written the Malay way.
  const pending = section.getByTestId('erasure-pending');
  await expect(pending).toContainText('Permintaan pemadaman anda sedang menunggu jawapan');
  const requests = await admin.call<{ items: PrivacyRequest[] }>('GET', '/privacy/requests?status=pending&limit=200');
  const request = requests.items.find((r) => r.email === email);
  expect(request).toBeTruthy();
  // In her time zone, as the page writes it (from 16:00 UTC on, Bangkok's date is a day behind Kuala Lumpur's).
  const due = new Intl.DateTimeFormat('ms', {
    timeZone: 'Asia/Kuala_Lumpur',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date((request as PrivacyRequest).dueAt));
  await expect(pending).toContainText(due);
  await signOut(page);

  // An admin (the demo's reads Chinese) completes it on the privacy requests page, after a warning that it cannot
  // be undone.
  await loginAs(page, 'admin');
  await page.goto('/admin/privacy-requests');
  // In Chinese whatever language an earlier test left the demo admin's account in.
  await useLanguage(page, 'zh');
  const row = page.locator(`[data-testid="privacy-row"][data-email="${email}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId('privacy-complete').click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText(email);
  await expect(confirm).toContainText('此操作无法撤销');
  await confirm.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('privacy-done')).toBeVisible();
  await expect(page.locator(`[data-testid="privacy-row"][data-email="${email}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="privacy-row"][data-status="completed"]`).first()).toBeVisible();
  await signOut(page);

  // She can no longer sign in.
  await page.goto('/sign-in');
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
