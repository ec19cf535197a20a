import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Program } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, useLanguage } from './support/demo';

/** axe's findings on the page as it is (an open dialog included), as lines that say where. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

test('an admin duplicates a program to a new code and start date, lands on the new draft, and is told what cancelling it does @phone', async ({
  page,
}, testInfo) => {
  const admin = await Api.open(testInfo, 'admin');
  const program: Program = await admin.publishedProgram();
  await admin.call(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Drone spraying workshop' },
      type: 'workshop',
      startsAt: `${program.startDate}T09:00:00+08:00`,
      endsAt: `${program.startDate}T11:00:00+08:00`,
    },
    201,
  );
  await admin.dispose();
  const code = `E2E-DUP-${Date.now().toString(36).toUpperCase()}${testInfo.workerIndex}`;
  // A year later, typed as an English reader writes a day ("3 Mar 2028").
  const next = new Date(`${program.startDate}T00:00:00Z`);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  const typed = `${next.getUTCDate()} ${MONTHS[next.getUTCMonth()]} ${next.getUTCFullYear()}`;
  const nextIso = next.toISOString().slice(0, 10);

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto(`/programs/${program.id}`);
  await page.getByTestId('duplicate-program').click();
  const dialog = page.getByTestId('duplicate-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('duplicate-code').fill(code);
  const start = dialog.getByTestId('duplicate-start');
  await start.fill(typed);
  await start.blur();
  expect(await axeProblems(page)).toEqual([]);
  if (testInfo.project.name === 'phone') {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  }
  const answer = page.waitForResponse((r) => r.url().endsWith(`/programs/${program.id}/duplicate`));
  await dialog.getByTestId('duplicate-confirm').click();
  const response = await answer;
  expect(response.status()).toBe(201);
  const copy = (await response.json()) as Program & { clashes: unknown[] };
  expect(copy).toMatchObject({ code, startDate: nextIso, status: 'draft', clashes: [] });

  await expect(page).toHaveURL(new RegExp(`/programs/${copy.id}$`));
  await expect(page.getByTestId('program-status')).toHaveText('Draft');
  await expect(page.getByTestId('program-title')).toHaveText('Smart agriculture camp');
  await expect(page.getByText('Drone spraying workshop')).toBeVisible();
  await expect(page.getByTestId('publish')).toBeVisible();

  // Cancelling says what it does before it is done: everyone's enrolment ends, everyone is told, for good.
  await page.getByTestId('cancel-program').click();
  const effects = page.getByTestId('cancel-effects');
  await expect(effects).toContainText('Every enrolment under way ends — 0 now');
  await expect(effects).toContainText('told by notification and e-mail');
  await expect(effects).toContainText('This cannot be undone.');
  expect(await axeProblems(page)).toEqual([]);
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('program-status')).toHaveText('Cancelled');
});
