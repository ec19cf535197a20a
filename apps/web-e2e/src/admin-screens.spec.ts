import { expect, test } from '@playwright/test';
import type { AttendanceSheet, AuthUser, Enrolment, Page, RosterEntry, Session, Trainee } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, useLanguage } from './support/demo';

/** A calendar date `days` from today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('an admin takes attendance and saves scores for a whole program at once, found by name', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  // A program under way: its session was yesterday, so its register can be taken.
  const program = await admin.publishedProgram({ startDate: day(-2), endDate: day(3) });
  const session = await admin.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Live-stream selling workshop', zh: '直播带货实训' },
      type: 'workshop',
      startsAt: `${day(-1)}T09:00:00+08:00`,
      endsAt: `${day(-1)}T11:00:00+08:00`,
      instructorIds: [],
    },
    201,
  );
  const people = [
    { fullName: 'Nguyễn Thị Mai', fullNameLatin: 'Nguyen Thi Mai' },
    { fullName: 'ศิริพร ทองดี', fullNameLatin: 'Siriporn Thongdee' },
    { fullName: 'Nur Aisyah binti Ahmad', fullNameLatin: 'Nur Aisyah binti Ahmad' },
  ];
  const enrolments: string[] = [];
  for (const [index, person] of people.entries()) {
    const trainee = await admin.call<Trainee>(
      'POST',
      '/trainees',
      { ...person, email: `admin-screens.${stamp}.${index}@e2e.test`, nationality: 'TH' },
      201,
    );
    enrolments.push(
      (await admin.call<Enrolment>('POST', `/programs/${program.id}/enrolments`, { traineeId: trainee.id }, 201)).id,
    );
  }

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto(`/programs/${program.id}`);
  await page.getByTestId('attendance-link').click();
  await expect(page.getByTestId('program-attendance-heading')).toBeVisible();
  await page.locator(`[data-session-id="${session.id}"]`).getByTestId('admin-take-attendance').click();

  // The instructor's register, in the admin's screens.
  await expect(page.getByTestId('attendance-row')).toHaveCount(3);
  await page.getByTestId('all-present').click();
  await page.getByTestId('attendance-row').first().click(); // present → late
  await page.getByTestId('attendance-save').click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const sheet = await admin.call<AttendanceSheet>('GET', `/sessions/${session.id}/attendance`);
  expect(sheet.lines.map((line) => line.status).sort()).toEqual(['late', 'present', 'present']);
  await page.getByTestId('back-to-timetable').click();

  await page.getByTestId('admin-scores-link').click();
  await expect(page.getByTestId('score-row')).toHaveCount(3);
  // Find people by name (accents or not), type their scores; nothing is sent until the one Save.
  await page.getByTestId('scores-search').fill('siriporn');
  await expect(page.getByTestId('score-row')).toHaveCount(1);
  await page.getByTestId('score-input').fill('91.5');
  await page.getByTestId('scores-search').fill('nguyen');
  await expect(page.getByTestId('score-row')).toHaveCount(1);
  await page.getByTestId('score-input').fill('78');
  await page.getByTestId('remarks-input').fill('Confident on camera');
  await expect(page.getByTestId('scores-unsaved')).toContainText('2');

  // Leaving with unsaved scores asks first; staying keeps them.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('link', { name: 'Programs', exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/programs/${program.id}/scores$`));

  await page.getByTestId('scores-save').click();
  await expect(page.getByTestId('scores-save-status')).toContainText('Scores saved: 2');
  const roster = await admin.call<Page<RosterEntry>>('GET', `/programs/${program.id}/enrolments?limit=200`);
  const scores = Object.fromEntries(roster.items.map((entry) => [entry.id, [entry.score, entry.remarks]]));
  expect(scores).toEqual({
    [enrolments[0]]: [78, 'Confident on camera'],
    [enrolments[1]]: [91.5, undefined],
    [enrolments[2]]: [undefined, undefined],
  });
  // Saved: leaving asks nothing now.
  await page.getByRole('link', { name: 'Programs', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/programs$/);
  await admin.dispose();
});

test('an admin creates a guest expert’s instructor profile with both spellings, expertise and languages', async ({
  page,
}) => {
  const latin = `Huang Siyuan ${Date.now().toString(36).replace(/\d/g, '')}`;
  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.getByRole('link', { name: 'Instructors', exact: true }).click();
  await page.getByTestId('new-instructor').click();
  await page.getByTestId('instructor-full-name').fill('黄思远');
  await page.getByTestId('instructor-full-name-latin').fill(latin);
  await page.getByTestId('instructor-institution').selectOption({ index: 1 });
  await page.getByTestId('instructor-expertise-input').fill('Live commerce');
  await page.getByTestId('instructor-expertise-input').press('Enter');
  await page.getByTestId('instructor-expertise-input').fill('Short video marketing');
  await page.getByTestId('instructor-expertise-add').click();
  await page.getByTestId('instructor-language-select').selectOption('zh');
  await page.getByTestId('instructor-language-add').click();
  await page.getByTestId('instructor-language-select').selectOption('th');
  await page.getByTestId('instructor-language-add').click();
  await expect(page.getByTestId('instructor-languages')).toContainText('Thai');
  await page.getByTestId('instructor-save').click();
  await expect(page.getByTestId('form-saved')).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/instructors\/[0-9a-f-]{36}$/);

  await page.goto('/admin/instructors');
  await page.getByTestId('instructor-search').fill(latin);
  const row = page.getByTestId('instructor-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('instructor-name')).toHaveText('黄思远');
  await expect(row.getByTestId('instructor-name-latin')).toHaveText(latin);
  await expect(row.getByTestId('instructor-languages')).toHaveText('Chinese, Thai');
  await expect(row).toContainText('Live commerce, Short video marketing');
});

test('an admin disables an account after confirming, and it can no longer sign in', async ({ page }, testInfo) => {
  const admin = await Api.open(testInfo, 'admin');
  const partnerInstitution = await admin.institution('RMUTT');
  const email = `disable-me.${Date.now().toString(36)}${testInfo.workerIndex}@e2e.test`;
  const password = 'Lotus-pond-evening-2025';
  const user = await admin.call<AuthUser>(
    'POST',
    '/users',
    { email, password, fullName: 'Pimchanok Srisuk', role: 'partner', institutionId: partnerInstitution.id },
    201,
  );

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto('/admin/users');
  await page.locator('#user-q').fill(email);
  const row = page.locator(`[data-user-id="${user.id}"]`);
  await expect(row).toHaveCount(1);
  // Cancelling changes nothing.
  await row.getByTestId('user-disable').click();
  await expect(page.getByRole('dialog')).toContainText('Disable Pimchanok Srisuk?');
  await page.getByTestId('confirm-no').click();
  await expect(row).toContainText('Active');
  await row.getByTestId('user-disable').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('user-action-done')).toContainText('Pimchanok Srisuk');
  await expect(row).toContainText('Disabled');

  const refused = await admin.http.post('/api/v1/auth/login', { data: { email, password } });
  expect(refused.status()).toBe(401);
  await admin.dispose();
});
