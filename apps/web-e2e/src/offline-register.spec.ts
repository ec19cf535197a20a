import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { AttendanceSheet, AuthUser, Enrolment, Program, Session, Trainee } from '@skillbridge/contracts';
import { Api, login } from './support/api';
import { signIn, useLanguage } from './support/demo';

/*
 * Issue 21: the register works where the signal does not, and never overwrites another instructor's marks
 * silently. An instructor of the test's own (the demo instructor's timetable is other specs' to read) teaches a
 * session starting in 20 minutes, so its register is open.
 */

interface Fixture {
  admin: Api;
  session: Session;
  trainees: Trainee[];
  teacher: { email: string; password: string };
}

async function openRegister(testInfo: TestInfo, tag: string): Promise<Fixture> {
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${tag}${Date.now().toString(36)}${testInfo.workerIndex}${testInfo.project.name[0]}`;
  const teacher = { email: `teacher.${stamp}@trpc.test`, password: 'Tongren-campus-2026' };
  const host = await admin.institution('TRPC');
  await admin.call<AuthUser>(
    'POST',
    '/users',
    { ...teacher, fullName: '赵磊', role: 'instructor', institutionId: host.id, preferredLocale: 'en' },
    201,
  );
  const me = (await login(admin.http, teacher.email, teacher.password)).user;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const program = await admin.publishedProgram({ startDate: day(-1), endDate: day(2) });
  const session = await admin.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Cinnabar museum visit', zh: '朱砂博物馆参观', th: 'เยี่ยมชมพิพิธภัณฑ์ชาด' },
      type: 'field-visit',
      startsAt: new Date(Date.now() + 20 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 140 * 60_000).toISOString(),
      instructorIds: [me.instructorId as string],
    },
    201,
  );
  const people = [
    { fullName: 'Aree Boonmee', fullNameLatin: 'Aree Boonmee', email: `aree.${stamp}@e2e.test` },
    { fullName: 'Chai Srisuk', fullNameLatin: 'Chai Srisuk', email: `chai.${stamp}@e2e.test` },
    { fullName: 'Duang Kaew', fullNameLatin: 'Duang Kaew', email: `duang.${stamp}@e2e.test` },
  ];
  const trainees: Trainee[] = [];
  for (const person of people) trainees.push(await confirmedTrainee(admin, program, person));
  return { admin, session, trainees, teacher };
}

async function confirmedTrainee(
  api: Api,
  program: Program,
  person: { fullName: string; fullNameLatin: string; email: string },
): Promise<Trainee> {
  const trainee = await api.call<Trainee>('POST', '/trainees', { ...person, nationality: 'TH' }, 201);
  const enrolment = await api.call<Enrolment>(
    'POST',
    `/programs/${program.id}/enrolments`,
    { traineeId: trainee.id },
    201,
  );
  expect(enrolment.status).toBe('confirmed');
  return trainee;
}

const rowOf = (page: Page, trainee: Trainee) =>
  page.locator(`[data-testid="attendance-row"][data-trainee-id="${trainee.id}"]`);

/** axe finds nothing, and nothing scrolls sideways (phones: 360 px wide). */
async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map(
      (v) =>
        `${v.id} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    ),
  ).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function marksOf(admin: Api, session: Session): Promise<Record<string, string | null>> {
  const sheet = await admin.call<AttendanceSheet>('GET', `/sessions/${session.id}/attendance`);
  return Object.fromEntries(sheet.lines.map((l) => [l.traineeId, l.status]));
}

test('an instructor takes attendance with the network cut, and the marks are sent when it is back @phone', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(120_000);
  const { admin, session, trainees, teacher } = await openRegister(testInfo, 'off');

  if (testInfo.project.name === 'phone') await page.setViewportSize({ width: 360, height: 780 });
  await signIn(page, teacher.email, teacher.password);
  await useLanguage(page, 'en');
  await page.goto(`/instructor/sessions/${session.id}/attendance`);
  await expect(page.getByTestId('attendance-row')).toHaveCount(3);

  await context.setOffline(true);
  await rowOf(page, trainees[0]).click(); // present
  await rowOf(page, trainees[1]).click();
  await rowOf(page, trainees[1]).click(); // late
  await rowOf(page, trainees[2]).click(); // present
  await rowOf(page, trainees[2]).click(); // late
  await rowOf(page, trainees[2]).click(); // absent
  await expect(page.getByTestId('attendance-offline')).toBeVisible();
  await expect(page.getByTestId('queued-indicator')).toHaveText('Saved on this phone, not yet sent (3)');
  await expect(page.getByTestId('attendance-row-queued')).toHaveCount(3);
  await expect(rowOf(page, trainees[1])).toHaveAttribute('data-status', 'late');
  await expectAccessible(page);
  // Nothing reached the API yet.
  expect(Object.values(await marksOf(admin, session))).toEqual([null, null, null]);

  await context.setOffline(false);
  await expect(page.getByTestId('queued-indicator')).toHaveCount(0);
  await expect(page.getByTestId('attendance-row-queued')).toHaveCount(0);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(await marksOf(admin, session)).toEqual({
    [trainees[0].id]: 'present',
    [trainees[1].id]: 'late',
    [trainees[2].id]: 'absent',
  });

  await page.reload();
  await expect(page.getByTestId('attendance-row')).toHaveCount(3);
  await expect(rowOf(page, trainees[0])).toHaveAttribute('data-status', 'present');
  await expect(rowOf(page, trainees[1])).toHaveAttribute('data-status', 'late');
  await expect(rowOf(page, trainees[2])).toHaveAttribute('data-status', 'absent');
});

test('a save over marks someone else changed meanwhile shows theirs and yours, and saves what was chosen @phone', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const { admin, session, trainees, teacher } = await openRegister(testInfo, 'cf');

  if (testInfo.project.name === 'phone') await page.setViewportSize({ width: 360, height: 780 });
  await signIn(page, teacher.email, teacher.password);
  await useLanguage(page, 'en');
  await page.goto(`/instructor/sessions/${session.id}/attendance`);
  await expect(page.getByTestId('attendance-row')).toHaveCount(3);

  // Meanwhile a colleague saves: the first trainee absent, the second late.
  await admin.call('PUT', `/sessions/${session.id}/attendance`, [
    { traineeId: trainees[0].id, status: 'absent' },
    { traineeId: trainees[1].id, status: 'late' },
  ]);

  await rowOf(page, trainees[1]).click(); // present (mine)
  await rowOf(page, trainees[2]).click(); // present (mine)
  await page.getByTestId('attendance-save').click();

  const conflict = page.getByTestId('save-conflict');
  await expect(conflict).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'conflict');
  const rows = conflict.getByTestId('save-conflict-row');
  await expect(rows).toHaveCount(2);
  const first = conflict.locator(`[data-trainee-id="${trainees[0].id}"]`);
  const second = conflict.locator(`[data-trainee-id="${trainees[1].id}"]`);
  await expect(first).toContainText('Yours: Not marked');
  await expect(first).toContainText('Theirs: Absent');
  await expect(second).toContainText('Yours: Present');
  await expect(second).toContainText('Theirs: Late');
  await expectAccessible(page);
  // By default the trainee I did not touch takes theirs, the one I changed keeps mine.
  await expect(first.getByTestId('choose-theirs')).toBeChecked();
  await expect(second.getByTestId('choose-mine')).toBeChecked();
  // Nothing was written by the refused save.
  expect(await marksOf(admin, session)).toEqual({
    [trainees[0].id]: 'absent',
    [trainees[1].id]: 'late',
    [trainees[2].id]: null,
  });

  await second.getByTestId('choose-theirs').check();
  await page.getByTestId('save-choices').click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect(rowOf(page, trainees[0])).toHaveAttribute('data-status', 'absent');
  await expect(rowOf(page, trainees[1])).toHaveAttribute('data-status', 'late');
  await expect(rowOf(page, trainees[2])).toHaveAttribute('data-status', 'present');
  expect(await marksOf(admin, session)).toEqual({
    [trainees[0].id]: 'absent',
    [trainees[1].id]: 'late',
    [trainees[2].id]: 'present',
  });
});
