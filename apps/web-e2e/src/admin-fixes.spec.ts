import { expect, test } from '@playwright/test';
import type { AuthUser, Instructor, Page, Program, Session } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, useLanguage } from './support/demo';

/** A program of the admin's own, on dates no other spec uses. */
async function ownProgram(api: Api, dates: { startDate: string; endDate: string }, publish = false): Promise<Program> {
  const host = await api.institution('TRPC');
  const program = await api.call<Program>(
    'POST',
    '/programs',
    {
      code: `E2E-FIX-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1000)}`,
      kind: 'course',
      title: { en: 'Tea culture online course', zh: '茶文化线上课程' },
      deliveryMode: 'online',
      timezone: 'Asia/Shanghai',
      meetingUrl: 'https://meeting.example.edu.cn/room/e2e',
      capacity: 30,
      hostInstitutionId: host.id,
      ...dates,
    },
    201,
  );
  return publish ? api.call<Program>('POST', `/programs/${program.id}/publish`, null, 200) : program;
}

async function instructorNamed(api: Api, fullName: string): Promise<Instructor> {
  const page = await api.call<Page<Instructor>>('GET', '/instructors?limit=200');
  const found = page.items.find((i) => i.fullName === fullName);
  expect(found, fullName).toBeTruthy();
  return found as Instructor;
}

test('the schedule editor saves a session moved away from a clash, and says when it ends before it starts', async ({
  page,
}, testInfo) => {
  const api = await Api.open(testInfo, 'admin');
  const program = await ownProgram(api, { startDate: '2023-05-08', endDate: '2023-05-10' });
  const teacher = await instructorNamed(api, '杨建国');
  await api.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Tea culture' },
      type: 'lecture',
      startsAt: '2023-05-09T09:00:00+08:00',
      endsAt: '2023-05-09T11:30:00+08:00',
      instructorIds: [teacher.id],
    },
    201,
  );
  await api.dispose();

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto(`/admin/programs/${program.id}/schedule`);
  await expect(page.getByTestId('agenda-session')).toHaveCount(1);
  await page.getByTestId('s-title-en').fill('Extra tea tasting');
  await page.getByTestId('session-date').selectOption('2023-05-09');
  await page.getByTestId('session-from').fill('10:00');
  await page.getByTestId('session-to').fill('12:00');
  await page.locator('label.check', { hasText: teacher.fullName }).getByRole('checkbox').check();
  await page.getByTestId('session-save').click();
  await expect(page.getByTestId('session-error')).toContainText(teacher.fullName);

  // Moved to the afternoon, the instructor left ticked: Save sends it and it is saved.
  await page.getByTestId('session-from').fill('14:00');
  await page.getByTestId('session-to').fill('16:00');
  const saved = page.waitForResponse(
    (r) => r.url().endsWith(`/programs/${program.id}/sessions`) && r.request().method() === 'POST',
  );
  await page.getByTestId('session-save').click();
  expect((await saved).status()).toBe(201);
  await expect(page.getByTestId('agenda-session')).toHaveCount(2);
  await expect(page.getByTestId('session-error')).toHaveCount(0);

  // An end before the start is said beside the end time, and nothing is sent.
  let sent = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/programs/${program.id}/sessions`)) sent += 1;
  });
  await page.getByTestId('s-title-en').fill('Backwards');
  await page.getByTestId('session-from').fill('15:00');
  await page.getByTestId('session-to').fill('13:00');
  await page.getByTestId('session-save').click();
  await expect(page.locator('#s-to-error')).toHaveText('The session must end after it starts.');
  expect(sent).toBe(0);
  await expect(page.getByTestId('agenda-session')).toHaveCount(2);
});

test('the admin dashboard opens on the last 12 months and upcoming: the demo’s coming programs count', async ({
  page,
}) => {
  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto('/admin');
  await expect(page.getByTestId('period-recentAndUpcoming')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('period-to')).toHaveValue('');
  for (const kpi of ['programs', 'trainees', 'enrolments']) {
    await expect(page.getByTestId(`kpi-${kpi}`).locator('.kpi-value')).toHaveText(/^\s*[1-9][\d,]*\s*$/);
  }
  await expect(page.getByTestId('chart-statuses').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('chart-countries').locator('canvas')).toBeVisible();
  // The charts' semantic colours are in the built app's styles.
  const tokens = await page.evaluate(() =>
    ['success', 'danger', 'warning'].map((tone) =>
      getComputedStyle(document.documentElement).getPropertyValue(`--sb-status-${tone}`).trim(),
    ),
  );
  expect(tokens).toEqual(['#05603a', '#b42318', '#a15c07']);
});

test('a program is closed only once it is over, after a warning about sessions without attendance', async ({
  page,
}, testInfo) => {
  const api = await Api.open(testInfo, 'admin');
  const upcoming = await api.publishedProgram();
  const past = await ownProgram(api, { startDate: '2023-06-05', endDate: '2023-06-07' }, true);
  const sessions = [];
  for (const day of ['05', '06']) {
    sessions.push(
      await api.call<Session>(
        'POST',
        `/programs/${past.id}/sessions`,
        {
          title: { en: day === '05' ? 'Tea history' : 'Tea tasting' },
          type: 'lecture',
          startsAt: `2023-06-${day}T09:00:00+08:00`,
          endsAt: `2023-06-${day}T11:00:00+08:00`,
          instructorIds: [],
        },
        201,
      ),
    );
  }
  const [trainee] = (await api.call<Page<{ id: string }>>('GET', '/trainees?limit=1')).items;
  await api.call('POST', `/programs/${past.id}/enrolments`, { traineeId: trainee.id }, 201);
  await api.call('PUT', `/sessions/${sessions[0].id}/attendance`, [{ traineeId: trainee.id, status: 'present' }], 200);
  await api.dispose();

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  // Next month's program cannot be closed yet, and the page says when it can.
  await page.goto(`/admin/programs/${upcoming.id}/complete`);
  await expect(page.getByTestId('completion-not-ended')).toContainText('once its last session has ended');
  await expect(page.getByTestId('close-program')).toHaveCount(0);

  await page.goto(`/admin/programs/${past.id}/complete`);
  await page.getByTestId('close-program').click();
  await expect(page.getByTestId('confirm-unmarked-session')).toHaveCount(1);
  await expect(page.getByTestId('confirm-unmarked-session')).toContainText('Tea tasting');
  await page.getByTestId('confirm-yes').click();
  const result = page.getByTestId('completion-result');
  await expect(result).toContainText('Certificates issued');
  await expect(result).toBeFocused();
  await expect(result).toBeInViewport();
});

test('an instructor reads a coming session’s register but cannot take it yet', async ({ page }, testInfo) => {
  const admin = await Api.open(testInfo, 'admin');
  const instructor = await Api.open(testInfo, 'instructor');
  const me = await instructor.call<AuthUser>('GET', '/auth/me');
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  // Seven weeks ahead: no other spec puts the demo instructor there.
  const program = await admin.publishedProgram({ startDate: day(50), endDate: day(52) });
  const session = await admin.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Tea ceremony practice' },
      type: 'practice',
      startsAt: `${day(51)}T10:00:00+08:00`,
      endsAt: `${day(51)}T12:00:00+08:00`,
      instructorIds: [me.instructorId as string],
    },
    201,
  );
  const [trainee] = (await admin.call<Page<{ id: string }>>('GET', '/trainees?limit=1')).items;
  await admin.call('POST', `/programs/${program.id}/enrolments`, { traineeId: trainee.id }, 201);
  await admin.dispose();
  await instructor.dispose();

  await loginAs(page, 'instructor');
  await useLanguage(page, 'en');
  await page.goto(`/instructor/sessions/${session.id}/attendance`);
  await expect(page.getByTestId('attendance-not-open')).toContainText('This session has not started yet');
  await expect(page.getByTestId('attendance-row')).toHaveCount(1);
  await expect(page.getByTestId('attendance-savebar')).toHaveCount(0);
  await expect(page.getByTestId('all-present')).toHaveCount(0);
});
