import { expect, test } from '@playwright/test';
import { openIn } from './support/demo';

/**
 * Issue 23: a person reads the privacy notice from the footer, registers
 * ticking the consents (the two required ones and the optional news), and
 * finds them on the profile page with the notice version; the optional one is
 * withdrawn there, the required ones point to erasure.
 */
test('a trainee registers in Malay with the consents and sees them on the profile', async ({ page }, testInfo) => {
  await openIn(page, 'ms', '/');
  await page.getByTestId('footer-privacy').click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notis privasi');
  await expect(page.getByTestId('privacy-notice-version')).toContainText('2026-12');
  await expect(page.getByTestId('privacy-notice-text')).toContainText('Pemindahan rentas sempadan');

  await page.goto('/register');
  await expect(page.getByTestId('register-privacy-link')).toContainText('2026-12');
  await page.getByTestId('full-name').fill('Nurul Aisyah binti Rahman');
  await page.getByTestId('email').fill(`nurul.${Date.now().toString(36)}${testInfo.workerIndex}@e2e.test`);
  await page.getByTestId('password').fill('Putrajaya-tasik-2026');
  await page.getByTestId('nationality').selectOption('MY');
  // Without the required consents nothing is sent.
  await page.getByTestId('register-submit').click();
  await expect(page.locator('#reg-consent-transfer-error')).not.toBeEmpty();
  await expect(page).toHaveURL(/\/register$/);
  await page.getByTestId('consent-administration').check();
  await page.getByTestId('consent-transfer').check();
  await page.getByTestId('consent-news').check();
  await page.getByTestId('register-submit').click();
  await expect(page).toHaveURL(/\/trainee$/);

  await page.goto('/profile');
  const section = page.getByTestId('consents-section');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('Privasi dan persetujuan');
  const consent = (purpose: string) => section.locator(`[data-testid="consent"][data-purpose="${purpose}"]`);
  await expect(section.getByTestId('consent')).toHaveCount(3);
  await expect(consent('program-administration')).toContainText('Versi notis 2026-12');
  await expect(consent('program-administration').getByTestId('consent-erasure-link')).toHaveAttribute(
    'href',
    '#erasure',
  );
  await expect(consent('cross-border-transfer').getByTestId('consent-withdraw')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('profile-consents-ms.png'), fullPage: true });

  await consent('program-news').getByTestId('consent-withdraw').click();
  await expect(section.getByTestId('consents-notice')).toHaveText('Persetujuan anda telah ditarik balik.');
  await expect(consent('program-news')).toHaveAttribute('data-in-force', 'false');
  await expect(consent('program-news').getByTestId('consent-withdrawn')).toContainText('ditarik balik pada');
  await page.reload();
  await expect(consent('program-news')).toHaveAttribute('data-in-force', 'false');
});
