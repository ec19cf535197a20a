import { expect, test, type Locator } from '@playwright/test';
import type { AuthUser, Enrolment, Program, Session, Trainee } from '@skillbridge/contracts';
import { Api, login } from './support/api';
import { loginAs, signIn, signOut, useLanguage } from './support/demo';

/** Struck through, and never by style alone: the word "Cancelled" and the reason are beside it. */
async function expectStruck(locator: Locator): Promise<void> {
  await expect(locator).toHaveCSS('text-decoration-line', 'line-through');
}

test('an admin cancels a session whose attendance was taken instead of removing it; everyone sees it struck through', async ({
  page,
}, testInfo) => {
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  // An instructor of this test's own: the session is today, and the demo instructor's first timetable entry is
  // another spec's to read.
  const teacher = { email: `night.${stamp}@trpc.test`, password: 'Tongren-campus-2026' };
  const host = await admin.institution('TRPC');
  await admin.call<AuthUser>(
    'POST',
    '/users',
    { ...teacher, fullName: '孙丽', role: 'instructor', institutionId: host.id, preferredLocale: 'en' },
    201,
  );
  const me = (await login(admin.http, teacher.email, teacher.password)).user;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const program = await admin.publishedProgram({ startDate: day(-1), endDate: day(2) });
  // A register opens shortly before its session: this one starts in 20 minutes, so its attendance can be taken.
  const session = await admin.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Greenhouse sensors lab' },
      type: 'workshop',
      startsAt: new Date(Date.now() + 20 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 80 * 60_000).toISOString(),
      instructorIds: [me.instructorId as string],
    },
    201,
  );
  const trainee = await admin.call<Trainee>(
    'POST',
    '/trainees',
    { fullName: 'สมชาย ใจดี', fullNameLatin: 'Somchai Jaidee', email: `somchai.${stamp}@e2e.test`, nationality: 'TH' },
    201,
  );
  const enrolment = await admin.call<Enrolment>(
    'POST',
    `/programs/${program.id}/enrolments`,
    { traineeId: trainee.id },
    201,
  );
  expect(enrolment.status).toBe('confirmed');
  await admin.call('PUT', `/sessions/${session.id}/attendance`, [{ traineeId: trainee.id, status: 'present' }], 200);
  await admin.dispose();

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto(`/admin/programs/${program.id}/schedule`);
  const item = page.getByTestId('agenda-session').filter({ hasText: 'Greenhouse sensors lab' });
  await expect(item).toHaveCount(1);

  // Removing it would erase the marks: the API says no, and cancelling is offered right away.
  const removed = page.waitForResponse((r) => r.url().endsWith(`/sessions/${session.id}`));
  await item.getByTestId('delete-session').click();
  expect((await removed).status()).toBe(409);
  const dialog = page.getByTestId('cancel-session-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('cancel-session-instead')).toContainText('Attendance was taken');
  await expect(item).toHaveCount(1);

  // A reason is required.
  await dialog.getByTestId('cancel-session-confirm').click();
  await expect(dialog.getByTestId('field-error')).toHaveText('Please fill this in.');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('cancel-session-reason').fill('The greenhouse is closed for fumigation');
  const cancelled = page.waitForResponse((r) => r.url().endsWith(`/sessions/${session.id}/cancel`));
  await dialog.getByTestId('cancel-session-confirm').click();
  expect((await cancelled).status()).toBe(200);
  await expect(dialog).toBeHidden();

  // On the schedule: struck through, with the word and the reason; no longer editable or cancellable.
  await expect(item.getByTestId('session-cancelled')).toHaveText('Cancelled');
  await expect(item.getByTestId('session-cancelled-reason')).toContainText('The greenhouse is closed for fumigation');
  await expectStruck(item.getByTestId('session-title'));
  await expectStruck(item.getByTestId('session-time'));
  await expect(item.getByTestId('edit-session')).toHaveCount(0);
  await expect(item.getByTestId('cancel-session')).toHaveCount(0);

  // On the program page, after a reload (the API kept it).
  await page.goto(`/programs/${program.id}`);
  const shown = page.getByTestId('agenda-session').filter({ hasText: 'Greenhouse sensors lab' });
  await expect(shown.getByTestId('session-cancelled')).toHaveText('Cancelled');
  await expect(shown.getByTestId('session-cancelled-reason')).toContainText('The greenhouse is closed for fumigation');
  await expectStruck(shown.getByTestId('session-title'));

  // The instructor's timetable: struck through, and no register to take.
  await signOut(page);
  await signIn(page, teacher.email, teacher.password);
  await useLanguage(page, 'en');
  const entry = page.locator(`[data-testid="timetable-entry"][data-session-id="${session.id}"]`);
  await expect(entry.getByTestId('session-cancelled')).toHaveText('Cancelled');
  await expect(entry.getByTestId('session-cancelled-reason')).toContainText('The greenhouse is closed for fumigation');
  await expectStruck(entry.getByTestId('timetable-title'));
  await expect(entry.getByTestId('take-attendance')).toHaveCount(0);
});

test('an admin adds a session from 22:00 to 01:30 the next day and sees both days', async ({ page }, testInfo) => {
  const admin = await Api.open(testInfo, 'admin');
  const host = await admin.institution('TRPC');
  const program = await admin.call<Program>(
    'POST',
    '/programs',
    {
      code: `E2E-NIGHT-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1000)}`,
      kind: 'camp',
      title: { en: 'Cross-border e-commerce camp' },
      deliveryMode: 'onsite',
      timezone: 'Asia/Shanghai',
      startDate: '2023-09-04',
      endDate: '2023-09-06',
      venue: 'Tongren Polytechnic College',
      capacity: 20,
      hostInstitutionId: host.id,
    },
    201,
  );
  await admin.dispose();

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto(`/admin/programs/${program.id}/schedule`);
  await page.getByTestId('s-title-en').fill('Night market livestream');
  await page.getByTestId('session-date').selectOption('2023-09-04');
  await expect(page.getByTestId('session-end-date')).toHaveValue('2023-09-04');
  await page.getByTestId('session-from').fill('22:00');
  await page.getByTestId('session-to').fill('01:30');
  // Ending on the start day, 01:30 is before 22:00: said beside the end time.
  await page.getByTestId('session-save').click();
  await expect(page.locator('#s-to-error')).toHaveText('The session must end after it starts.');

  await page.getByTestId('session-end-date').selectOption('2023-09-05');
  const saved = page.waitForResponse(
    (r) => r.url().endsWith(`/programs/${program.id}/sessions`) && r.request().method() === 'POST',
  );
  await page.getByTestId('session-save').click();
  const response = await saved;
  expect(response.status()).toBe(201);
  expect(await response.json()).toMatchObject({
    startsAt: '2023-09-04T14:00:00.000Z',
    endsAt: '2023-09-04T17:30:00.000Z',
  });

  const time = page.getByTestId('agenda-session').getByTestId('session-time').locator('.program');
  await expect(time).toHaveText(/^Mon, Sep 4, 2023, 22:00\s*–\s*Tue, Sep 5, 2023, 01:30 GMT\+8$/);
  await useLanguage(page, 'th');
  // Thai: both days in the Buddhist era (2023 is 2566).
  await expect(time).toHaveText(/^จันทร์ 4 ก\.ย\. 2566 22:00 - อังคาร 5 ก\.ย\. 2566 01:30 GMT\+8$/);
});
