import { expect, test } from '@playwright/test';
import type { Institution } from '@skillbridge/contracts';
import { Api, login } from './support/api';
import { loginAs, useLanguage } from './support/demo';

test('an admin picks a person and reads what they changed as before → after, in English and in Chinese', async ({
  page,
}, testInfo) => {
  // Malee, a new colleague, renames an institution she added and switches her own language.
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const name = `Malee Audit ${stamp}`;
  const email = `malee.${stamp}@e2e.test`;
  const password = 'Chiang-Mai-lantern-2026';
  await admin.call('POST', '/users', { email, password, fullName: name, role: 'admin', preferredLocale: 'en' }, 201);
  const malee = admin.as((await login(admin.http, email, password)).accessToken);
  const institution = await malee.call<Institution>(
    'POST',
    '/institutions',
    { code: `MEK-${stamp}`.toUpperCase(), name: { en: 'Mekong Trading' }, kind: 'enterprise', country: 'TH' },
    201,
  );
  await malee.call(
    'PATCH',
    `/institutions/${institution.id}`,
    { name: { en: 'Mekong Logistics', zh: '湄公物流' } },
    200,
  );
  await malee.call('PATCH', '/auth/me', { preferredLocale: 'zh' }, 200);
  await admin.dispose();

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto('/admin/audit');
  await expect(page.getByTestId('audit-category-data')).toHaveAttribute('aria-pressed', 'true');

  // She is found by part of her name and picked; the log then holds her data changes only.
  await page.getByTestId('audit-person').fill(`Audit ${stamp}`);
  await page.getByTestId('audit-person-option').filter({ hasText: name }).click();
  await expect(page.getByTestId('audit-person-chosen')).toContainText(name);
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(2);
  for (const actor of await page.getByTestId('audit-row-actor').allTextContents()) expect(actor).toContain(name);
  await expect(page.locator('[data-testid="audit-row"][data-action="user.profile_update"]')).toHaveCount(0);

  const renamed = page.locator('[data-testid="audit-row"][data-action="institution.update"]');
  await expect(renamed.getByTestId('audit-row-action')).toHaveText('Changed an institution');
  await expect(renamed.getByTestId('audit-row-record')).toContainText(`MEK-${stamp}`.toUpperCase());
  const change = renamed.locator('[data-testid="audit-change"][data-field="name"]');
  await expect(change.locator('dt')).toHaveText('Name');
  await expect(change.getByTestId('audit-change-before')).toHaveText('Mekong Trading');
  await expect(change.getByTestId('audit-change-after')).toHaveText('Mekong Logistics');
  // No action code broken across lines, no raw JSON.
  await expect(renamed).not.toContainText('institution.update');
  await expect(renamed).not.toContainText('{');

  // The same, in Chinese.
  await useLanguage(page, 'zh');
  await expect(renamed.getByTestId('audit-row-action')).toHaveText('修改机构');
  await expect(change.locator('dt')).toHaveText('名称');
  await expect(change.getByTestId('audit-change-before')).toHaveText('Mekong Trading');
  await expect(change.getByTestId('audit-change-after')).toHaveText('湄公物流');

  // Her language switch is a profile event, kept apart from the data changes.
  await page.getByTestId('audit-category-profile').click();
  const profile = page.locator('[data-testid="audit-row"][data-action="user.profile_update"]');
  await expect(rows).toHaveCount(1);
  await expect(profile.getByTestId('audit-row-action')).toHaveText('修改个人设置');
  const language = profile.locator('[data-testid="audit-change"][data-field="preferredLocale"]');
  await expect(language.locator('dt')).toHaveText('语言');
  await expect(language.getByTestId('audit-change-before')).toHaveText('English');
  await expect(language.getByTestId('audit-change-after')).toHaveText('中文');
});

test('sign-in failures are found under sign-in and security, by picking the action', async ({ page }, testInfo) => {
  const api = await Api.open(testInfo, 'admin');
  const email = `nobody-${Date.now()}@e2e.test`;
  const failed = await api.http.post('/api/v1/auth/login', { data: { email, password: 'not-the-password' } });
  expect(failed.status()).toBe(401);
  await api.dispose();

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.getByTestId('admin-audit-link').click();
  await expect(page.getByTestId('audit-heading')).toBeVisible();
  await page.getByTestId('audit-category-access').click();
  await page.getByTestId('audit-action').selectOption({ label: 'Sign-in failed' });
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toHaveAttribute('data-action', 'auth.login_failed');
  await expect(page.locator('[data-testid="audit-row"]:not([data-action="auth.login_failed"])')).toHaveCount(0);
  await expect(rows.first().getByTestId('audit-row-record')).toContainText(email);

  // Filters that match nothing: the empty list offers to clear them, and the events come back.
  await page.getByTestId('audit-entity-type').selectOption('certificate');
  await expect(page.getByTestId('audit-empty')).toBeVisible();
  await page.getByTestId('audit-clear-filters').click();
  await expect(page.getByTestId('audit-action')).toHaveValue('');
  await expect(page.getByTestId('audit-entity-type')).toHaveValue('');
  await expect(rows.first()).toBeVisible();
});
