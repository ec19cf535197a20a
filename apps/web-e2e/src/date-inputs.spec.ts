import { expect, test } from '@playwright/test';
import type { CreateProgramRequest, Program, Session } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, useLanguage } from './support/demo';

const stamp = () => `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;

test('in Thai, a program’s dates read and are typed in the Buddhist era, and the API gets the right days', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const host = await admin.institution('TRPC');
  await loginAs(page, 'admin');
  await useLanguage(page, 'th');
  await page.goto('/admin/programs/new');

  await page.getByTestId('program-code').fill(`E2E-TH-DATES-${stamp()}`);
  await page.getByTestId('p-title-en').fill('Buddhist era dates');
  await page.getByTestId('program-mode').selectOption('online');
  await page.getByTestId('program-meeting-url').fill('https://meeting.trpc.example.cn/room/dates');
  await page.getByTestId('program-host').selectOption(host.id);

  // Typed as a Thai person writes it: day first, Buddhist year; shown back as Thai text.
  const start = page.getByTestId('program-start');
  await start.fill('3/1/2570');
  await start.blur();
  await expect(start).toHaveValue('3 ม.ค. 2570');

  // Picked from the calendar, which counts its years in the Buddhist era too.
  const end = page.getByTestId('program-end');
  await end.fill('4/1/2570');
  await end.blur();
  await page.getByRole('button', { name: 'เปิดปฏิทิน' }).nth(1).click();
  await expect(page.locator('.mat-calendar-period-button')).toHaveText(/ม\.ค\.\s*2570/);
  await page.screenshot({ path: testInfo.outputPath('calendar-th.png') });
  await page.getByRole('button', { name: '5 มกราคม 2570', exact: true }).click();
  await expect(end).toHaveValue('5 ม.ค. 2570');

  // The enrolment window: a day and a 24-hour time, in the program's zone (Asia/Shanghai).
  await page.getByTestId('program-opens').fill('1/12/2569');
  await page.getByTestId('program-opens-time').fill('9.00');
  await page.getByTestId('program-closes').fill('31 ธ.ค. 2569');
  await page.getByTestId('program-closes-time').fill('17:00');
  await page.getByTestId('program-closes-time').blur();
  await expect(page.getByTestId('program-opens-time')).toHaveValue('09:00');
  await expect(page.getByTestId('program-opens')).toHaveValue('1 ธ.ค. 2569');

  await page.getByTestId('program-save').click();
  await expect(page).toHaveURL(/\/admin\/programs\/[0-9a-f-]+\/schedule$/);
  const id = /programs\/([0-9a-f-]+)\/schedule/.exec(page.url())?.[1] ?? '';

  const saved = await admin.call<Program>('GET', `/programs/${id}`);
  expect(saved.startDate).toBe('2027-01-03');
  expect(saved.endDate).toBe('2027-01-05');
  expect(new Date(saved.enrolmentOpensAt ?? '').toISOString()).toBe('2026-12-01T01:00:00.000Z');
  expect(new Date(saved.enrolmentClosesAt ?? '').toISOString()).toBe('2026-12-31T09:00:00.000Z');

  // Back in the form, the saved days read in the Buddhist era; text that is no day is refused by name.
  await page.goto(`/admin/programs/${id}/edit`);
  await expect(start).toHaveValue('3 ม.ค. 2570');
  await expect(page.getByTestId('program-closes-time')).toHaveValue('17:00');
  await start.fill('31/2/2570');
  await start.blur();
  await expect(page.locator('#p-start-error')).toHaveText('กรอกวันที่ เช่น 3 ม.ค. 2570 หรือ 3/1/2570 (วัน/เดือน/ปี พ.ศ.)');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('program-form-th.png'), fullPage: true });

  // The same window as a range in Chinese, its zone said once at the end.
  await useLanguage(page, 'zh');
  await page.goto(`/programs/${id}`);
  await expect(page.getByTestId('enrolment-window').locator('.program')).toHaveText(
    '2026年12月1日周二 09:00 – 2026年12月31日周四 17:00（GMT+8）',
  );
});

test('in Malay and English the schedule editor shows days first and a 24-hour clock', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const host = await admin.institution('TRPC');
  const program = await admin.call<Program>(
    'POST',
    '/programs',
    {
      code: `E2E-MS-TIMES-${stamp()}`,
      kind: 'course',
      title: { en: 'Twenty-four hours', ms: 'Dua puluh empat jam' },
      deliveryMode: 'onsite',
      timezone: 'Asia/Kuala_Lumpur',
      startDate: '2027-01-04',
      endDate: '2027-01-05',
      venue: 'Dewan Utama',
      capacity: 20,
      hostInstitutionId: host.id,
    } satisfies CreateProgramRequest,
    201,
  );

  await loginAs(page, 'admin');
  await useLanguage(page, 'ms');
  await page.goto(`/admin/programs/${program.id}/schedule`);
  await expect(page.getByTestId('session-date').locator('option').first()).toHaveText('Isnin, 4 Januari 2027');
  await expect(page.getByTestId('session-from')).toHaveValue('09:00');
  await expect(page.getByTestId('session-to')).toHaveValue('11:00');

  // The list of times counts 24 hours, never AM/PM.
  await page.getByRole('button', { name: 'Pilih masa' }).first().click();
  const times = page.getByRole('listbox', { name: 'Pilihan masa' });
  await expect(times.getByRole('option', { name: '14:30' })).toBeVisible();
  await expect(times).not.toContainText(/AM|PM|PG|PTG/);
  await page.screenshot({ path: testInfo.outputPath('times-ms.png') });
  await times.getByRole('option', { name: '14:30' }).click();
  await expect(page.getByTestId('session-from')).toHaveValue('14:30');

  await page.getByTestId('session-to').fill('4.00 ptg'); // not a 24-hour time
  await page.getByTestId('session-to').blur();
  await expect(page.locator('#s-to-error')).toHaveText('Masukkan masa dalam format 24 jam, seperti 14:30.');
  await page.getByTestId('session-to').fill('16.00');
  await page.getByTestId('session-to').blur();
  await expect(page.getByTestId('session-to')).toHaveValue('16:00');
  await expect(page.locator('#s-to-error')).toBeEmpty();

  await page.getByTestId('s-title-en').fill('Afternoon workshop');
  await page.getByTestId('session-type').selectOption('lecture');
  await page.getByTestId('session-save').click();
  await expect(page.getByTestId('session-time').first()).toContainText('14:30–16:00');
  await page.screenshot({ path: testInfo.outputPath('schedule-editor-ms.png'), fullPage: true });

  const [session] = await admin.call<Session[]>('GET', `/programs/${program.id}/sessions`);
  expect(new Date(session.startsAt).toISOString()).toBe('2027-01-04T06:30:00.000Z');
  expect(new Date(session.endsAt).toISOString()).toBe('2027-01-04T08:00:00.000Z');

  // English: the same clock, and dates typed and shown day first.
  await useLanguage(page, 'en');
  await page.getByTestId('edit-session').first().click();
  await expect(page.getByTestId('session-from')).toHaveValue('14:30');
  await expect(page.getByTestId('session-to')).toHaveValue('16:00');
  await page.goto('/admin/programs');
  await page.locator('#prog-from').fill('4/1/2027');
  await page.locator('#prog-from').blur();
  await expect(page.locator('#prog-from')).toHaveValue('4 Jan 2027');
});
