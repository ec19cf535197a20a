import { expect, test, type Page as BrowserPage } from '@playwright/test';
import type { Page, Program } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, useLanguage } from './support/demo';

/** The demo's closed online course, with completions and certificates. */
const COMPLETED_PROGRAM = 'TRPC-TH-ONLINE-2024';

async function completedProgram(api: Api): Promise<Program> {
  const page = await api.call<Page<Program>>('GET', `/programs?status=completed&limit=200`);
  const program = page.items.find((p) => p.code === COMPLETED_PROGRAM);
  expect(program, COMPLETED_PROGRAM).toBeTruthy();
  return program as Program;
}

/** The admin's dashboard over all time (the demo's programs lie in the past). */
async function openDashboard(page: BrowserPage): Promise<void> {
  await page.goto('/admin');
  await page.getByTestId('period-all').click();
  await expect(page.getByTestId('period-all')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('kpis')).toBeVisible();
}

for (const language of [
  { locale: 'zh', title: '按国家/地区统计的学员', country: '泰国' },
  { locale: 'th', title: 'ผู้เข้าอบรมตามประเทศ', country: 'ไทย' },
] as const) {
  test(`the admin dashboard shows figures and charts in ${language.locale}`, async ({ page }, testInfo) => {
    await loginAs(page, 'admin');
    await useLanguage(page, language.locale);
    await openDashboard(page);
    for (const kpi of ['programs', 'trainees', 'enrolments', 'certificates']) {
      await expect(page.getByTestId(`kpi-${kpi}`).locator('.kpi-value')).toHaveText(/^\s*[1-9][\d,]*\s*$/);
    }
    await expect(page.getByTestId('kpi-completion').locator('.kpi-value')).toHaveText(/\d.*%/);
    const countries = page.getByTestId('chart-countries');
    await expect(countries.getByRole('heading')).toHaveText(language.title);
    for (const chart of ['chart-countries', 'chart-statuses', 'chart-completion', 'chart-certificates']) {
      await expect(page.getByTestId(chart).locator('canvas')).toBeVisible();
    }
    const box = await countries.locator('canvas').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    await expect(page.getByTestId('admin-trainees-link')).toBeVisible();

    await page.evaluate(() => document.fonts.ready);
    const screenshot = await page.screenshot({
      fullPage: true,
      path: testInfo.outputPath(`dashboard-${language.locale}.png`),
    });
    await testInfo.attach(`dashboard-${language.locale}`, { body: screenshot, contentType: 'image/png' });

    // The same figures as a table, country names in the viewer's language.
    await countries.getByTestId('chart-table-toggle').click();
    await expect(countries.locator('canvas')).toHaveCount(0);
    const table = countries.getByTestId('chart-table');
    await expect(table).toBeVisible();
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(table).toContainText(language.country);
  });
}

test('a program report shows the funnel from application to certificate', async ({ page }, testInfo) => {
  const api = await Api.open(testInfo, 'admin');
  const program = await completedProgram(api);
  await api.dispose();

  await loginAs(page, 'admin');
  await page.goto('/admin/programs');
  await page.getByTestId('program-search').fill(program.code);
  await page.getByTestId(`report-link-${program.code}`).click();
  await expect(page).toHaveURL(new RegExp(`/admin/programs/${program.id}/report$`));
  await expect(page.getByTestId('report-heading')).toBeVisible();
  for (const step of ['applied', 'confirmed', 'completed', 'certified']) {
    await expect(page.getByTestId(`funnel-${step}`).locator('.kpi-value')).toHaveText(/^\s*[1-9]\d*\s*$/);
  }
  await expect(page.getByTestId('chart-funnel').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('attendance-row').first()).toBeVisible();
  await expect(page.getByTestId('report-scoped')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('program-report.png'), fullPage: true });
});

test('a partner sees the report of its own people only @phone', async ({ page }, testInfo) => {
  const api = await Api.open(testInfo, 'admin');
  const program = await completedProgram(api);
  await api.dispose();

  await loginAs(page, 'partner');
  await page.goto(`/partner/rosters/${program.id}`);
  await page.getByTestId('roster-report-link').click();
  await expect(page).toHaveURL(new RegExp(`/partner/reports/${program.id}$`));
  await expect(page.getByTestId('report-scoped')).toBeVisible();
  await expect(page.getByTestId('funnel-applied').locator('.kpi-value')).toHaveText(/^\s*[1-9]\d*\s*$/);
  await expect(page.getByTestId('institution-table').locator('tbody tr')).toHaveCount(1);
});
