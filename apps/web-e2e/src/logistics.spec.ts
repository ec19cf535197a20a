import { expect, test } from '@playwright/test';
import {
  LOGISTICS_NOTICE_VERSION,
  type Enrolment,
  type EnrolmentLogistics,
  type LogisticsSettings,
  type Program,
  type Room,
  type Trainee,
} from '@skillbridge/contracts';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { Api } from './support/api';
import { loginAs, signIn, useLanguage } from './support/demo';

const PASSWORD = 'Camp-logistics-2027!';
const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

/** `YYYY-MM-DD` as a Thai person types it: day/month/Buddhist year. */
const thaiDay = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day}/${month}/${year + 543}`;
};
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test('a trainee fills in her travel and passport on a phone, in Thai, behind the consent for the visa letter @phone', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const program = await admin.publishedProgram({
    title: { en: 'Youth skills camp', th: 'ค่ายทักษะเยาวชน', zh: '青年技能训练营' },
  });
  const settings: LogisticsSettings = {
    collect: ['travel', 'passport'],
    dueDate: addDays(program.startDate, -10),
    arrivalPoints: ['Tongren Fenghuang Airport (TEN)', 'Tongren South Station'],
  };
  await admin.call<LogisticsSettings>('PUT', `/programs/${program.id}/logistics-settings`, settings);
  const email = `kanya.${stamp()}@e2e.test`;
  const account = await admin.register({
    email,
    password: PASSWORD,
    fullName: 'กัญญา รัตนพงษ์',
    fullNameLatin: 'Kanya Rattanapong',
    nationality: 'TH',
  });
  const enrolment = await admin.call<Enrolment>(
    'POST',
    `/programs/${program.id}/enrolments`,
    { traineeId: account.user.traineeId },
    201,
  );

  // Her programs say what the camp still needs, and by when.
  // Her programs are her home page after signing in.
  await signIn(page, email, PASSWORD);
  await useLanguage(page, 'th');
  await expect(page).toHaveURL(/\/trainee$/);
  const card = page.locator(`[data-testid="my-enrolment"][data-program-code="${program.code}"]`);
  const needs = card.getByTestId('logistics-needs');
  await expect(needs).toContainText('ยังขาดข้อมูลการเดินทางและที่พัก 2 รายการ');
  await expect(needs.locator('li')).toHaveText(['การเดินทาง', 'หนังสือเดินทาง']);
  await needs.getByTestId('logistics-needs-link').click();
  await expect(page).toHaveURL(new RegExp(`/my/logistics/${enrolment.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('การเดินทางและที่พัก');
  await expect(page.getByTestId('logistics-due')).toContainText(String(Number(settings.dueDate?.slice(0, 4)) + 543));

  // Travel: the arrival the evening before the camp, in the program's zone (Asia/Shanghai), typed in the Buddhist era.
  const arrivalDay = addDays(program.startDate, -1);
  await page.getByTestId('logistics-arrival-at').fill(thaiDay(arrivalDay));
  await page.getByTestId('logistics-arrival-at-time').fill('23:30');
  await page.getByTestId('logistics-arrival-carrier').fill('China Eastern');
  await page.getByTestId('logistics-arrival-number').fill('MU5431');
  await page.getByTestId('logistics-arrival-point').selectOption('Tongren Fenghuang Airport (TEN)');
  // And home by train the day after the camp.
  const departureDay = addDays(program.endDate, 1);
  await page.getByTestId('logistics-departure-at').fill(thaiDay(departureDay));
  await page.getByTestId('logistics-departure-at-time').fill('9.05');
  await page.getByTestId('logistics-departure-number').fill('G1334');
  await page.getByTestId('logistics-departure-point').selectOption('Tongren South Station');
  await page.getByTestId('logistics-travel-save').click();
  await expect(page.getByTestId('logistics-travel-status')).toHaveText('บันทึกแล้ว');
  await expect(page.getByTestId('logistics-missing').locator('li')).toHaveText(['หนังสือเดินทาง']);

  // Passport: nothing to type until she agrees to the purpose, told in her language.
  const consent = page.getByTestId('logistics-passport-consent');
  await expect(consent).toContainText('เพื่อออกหนังสือเชิญเพื่อขอวีซ่าของคุณ');
  await expect(page.getByTestId('logistics-passport-number')).toHaveCount(0);
  await page.getByTestId('logistics-passport-agree').check();
  await page.getByTestId('logistics-passport-name').fill('KANYA RATTANAPONG');
  await page.getByTestId('logistics-passport-number').fill('AC1234567');
  await page.getByTestId('logistics-passport-nationality').selectOption('TH');
  await page.getByTestId('logistics-passport-birth').fill('3/2/2544');
  await page.getByTestId('logistics-passport-expiry').fill('1/1/2578');
  await page.getByTestId('logistics-passport-expiry').blur();
  await expect(page.getByTestId('logistics-passport-birth')).toHaveValue('3 ก.พ. 2544');
  await page.getByTestId('logistics-passport-save').click();
  await expect(page.getByTestId('logistics-passport-status')).toHaveText('บันทึกแล้ว');
  await expect(page.getByTestId('logistics-complete')).toBeVisible();
  await expect(page.getByTestId('logistics-passport-consented')).toBeVisible();
  await expect(page.getByTestId('logistics-letter')).toBeVisible();

  // The phone never scrolls sideways.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await page.screenshot({ path: testInfo.outputPath('travel-and-stay-th.png'), fullPage: true });

  // What the API holds: the wall time read in Shanghai (UTC+8), the passport, her own consent to this notice.
  const saved = await admin.call<EnrolmentLogistics>('GET', `/enrolments/${enrolment.id}/logistics`);
  expect(new Date(saved.arrival?.at ?? '').toISOString()).toBe(`${arrivalDay}T15:30:00.000Z`);
  expect(saved.arrival).toMatchObject({
    carrier: 'China Eastern',
    number: 'MU5431',
    point: 'Tongren Fenghuang Airport (TEN)',
  });
  expect(new Date(saved.departure?.at ?? '').toISOString()).toBe(`${departureDay}T01:05:00.000Z`);
  expect(saved.departure).toMatchObject({ number: 'G1334', point: 'Tongren South Station' });
  expect(saved.passport).toEqual({
    number: 'AC1234567',
    fullNameAsInPassport: 'KANYA RATTANAPONG',
    nationality: 'TH',
    dateOfBirth: '2001-02-03',
    expiresOn: '2035-01-01',
  });
  expect(saved.consents).toEqual([
    expect.objectContaining({ purpose: 'passport', noticeVersion: LOGISTICS_NOTICE_VERSION, collected: 'self' }),
  ]);
  expect(saved.complete).toBe(true);

  // Her visa invitation letter, a PDF named by its reference ...
  const download = page.waitForEvent('download');
  await page.getByTestId('logistics-letter').click();
  const file = await download;
  const reference = file.suggestedFilename().replace(/\.pdf$/, '');
  expect(file.suggestedFilename()).toMatch(/^[A-Z0-9-]+\.pdf$/);
  expect((await readFile(await file.path())).subarray(0, 4).toString('latin1')).toBe('%PDF');
  // ... which anyone (an embassy) verifies by that reference, without seeing her passport.
  await page.goto(`/verify/letters/${reference}`);
  await expect(page.getByTestId('letter-verdict')).toHaveAttribute('data-state', 'valid');
  await expect(page.getByTestId('letter-verdict')).toContainText('หนังสือเชิญนี้เป็นของจริง');
  await expect(page.getByTestId('letter-reference')).toHaveText(reference);
  await expect(page.getByTestId('letter-holder')).toHaveText('กัญญา รัตนพงษ์');
  await expect(page.locator('main')).not.toContainText('AC1234567');
  await admin.dispose();
});

test('an admin puts trainees in rooms by list and by dragging, is told a room is for the other gender, and downloads the manifest', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const partner = await admin.institution('RMUTT');
  const program: Program = await admin.publishedProgram({ title: { en: 'Cross-border e-commerce camp' } });
  await admin.call<LogisticsSettings>('PUT', `/programs/${program.id}/logistics-settings`, {
    collect: ['travel', 'accommodation'],
    arrivalPoints: ['Tongren Fenghuang Airport (TEN)'],
  });
  const people = [
    { fullName: 'Siti Nurhaliza', gender: 'female' as const, hour: '10:00', day: -1 },
    { fullName: 'Nguyen Thi Mai', gender: 'female' as const, hour: '23:30', day: -1 },
    { fullName: 'Somchai Jaidee', gender: 'male' as const, hour: '08:15', day: 0 },
  ];
  const enrolments: Record<string, string> = {};
  for (const person of people) {
    const trainee = await admin.call<Trainee>(
      'POST',
      '/trainees',
      {
        fullName: person.fullName,
        email: `${person.fullName.split(' ')[0].toLowerCase()}.${stamp()}@e2e.test`,
        nationality: 'TH',
        institutionId: partner.id,
      },
      201,
    );
    const enrolment = await admin.call<Enrolment>(
      'POST',
      `/programs/${program.id}/enrolments`,
      { traineeId: trainee.id },
      201,
    );
    enrolments[person.fullName] = enrolment.id;
    const day = addDays(program.startDate, person.day);
    await admin.call<EnrolmentLogistics>('PUT', `/enrolments/${enrolment.id}/logistics`, {
      gender: person.gender,
      arrival: {
        at: new Date(Date.parse(`${day}T${person.hour}:00+08:00`)).toISOString(),
        carrier: 'China Eastern',
        number: 'MU5431',
        point: 'Tongren Fenghuang Airport (TEN)',
      },
      departure: { at: new Date(Date.parse(`${addDays(program.endDate, 1)}T10:00:00+08:00`)).toISOString() },
    });
  }
  await admin.call<Room>(
    'POST',
    `/programs/${program.id}/rooms`,
    { name: 'Guest house 202', capacity: 2, gender: 'male' },
    201,
  );

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto(`/programs/${program.id}`);
  await page.getByTestId('logistics-link').click();
  await expect(page).toHaveURL(new RegExp(`/admin/programs/${program.id}/logistics$`));
  await expect(page.getByTestId('logistics-counts')).toHaveText(/3 of 3 trainees have given everything/);
  // Arrivals per day in the program's zone: two the day before, one on the first day.
  await expect(page.getByTestId('arrivals-day')).toHaveCount(2);
  await expect(page.getByTestId('arrivals-day').first()).toContainText('2 arriving');

  // A room added on the page.
  const rooms = page.getByTestId('logistics-rooms');
  await rooms.getByTestId('room-new-name').fill('Guest house 201');
  await rooms.getByTestId('room-new-capacity').fill('2');
  await rooms.getByTestId('room-new-gender').selectOption('female');
  await rooms.getByTestId('room-add').click();
  const room201 = rooms.locator('[data-testid="room"][data-room="Guest house 201"]');
  const room202 = rooms.locator('[data-testid="room"][data-room="Guest house 202"]');
  await expect(room201).toBeVisible();

  // By the list (keyboard, phone): Siti into 201.
  const person = (name: string) => rooms.locator(`[data-testid="rooms-person"][data-enrolment="${enrolments[name]}"]`);
  // Dragged by the name (the list beside it is for those who do not drag).
  const drag = (name: string, room: typeof room201) => person(name).dragTo(room, { sourcePosition: { x: 8, y: 8 } });
  await person('Siti Nurhaliza').getByTestId('rooms-person-room').selectOption({ label: 'Guest house 201 (0/2)' });
  await person('Siti Nurhaliza').getByTestId('rooms-person-assign').click();
  await expect(rooms.getByTestId('rooms-notice')).toHaveText("Siti Nurhaliza's room was saved.");
  await expect(room201.getByTestId('room-count')).toHaveText('1 / 2');

  // A woman dropped on the men's room: refused, and said so.
  await drag('Nguyen Thi Mai', room202);
  await expect(rooms.getByTestId('rooms-assign-error')).toHaveAttribute('data-code', 'ROOM_GENDER');
  await expect(rooms.getByTestId('rooms-assign-error')).toContainText(
    'Nguyen Thi Mai could not be put in Guest house 202: This room is for another gender than the trainee’s.',
  );
  // Dragged onto hers, and Somchai onto his. A drag the page did not take as one (Playwright's few mouse moves on a
  // CPU-starved CI browser: the CDK saw no drag start, CI once) is dragged again; dropping someone on the room they
  // are already in changes nothing, so a repeat cannot make the counts pass wrongly.
  const dragUntil = async (name: string, room: typeof room201, count: string) =>
    expect(async () => {
      await drag(name, room);
      await expect(room.getByTestId('room-count')).toHaveText(count, { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
  await dragUntil('Nguyen Thi Mai', room201, '2 / 2');
  await dragUntil('Somchai Jaidee', room202, '1 / 2');
  await expect(rooms.getByTestId('rooms-all-assigned')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('logistics-rooms.png'), fullPage: true });

  // The API agrees.
  const saved = await admin.call<Room[]>('GET', `/programs/${program.id}/rooms`);
  const occupants = Object.fromEntries(saved.map((r) => [r.name, r.occupants.map((o) => o.fullName).sort()]));
  expect(occupants).toEqual({
    'Guest house 201': ['Nguyen Thi Mai', 'Siti Nurhaliza'],
    'Guest house 202': ['Somchai Jaidee'],
  });

  // The pick-up manifest: its name, and a workbook that opens.
  const download = page.waitForEvent('download');
  await page.getByTestId('logistics-download-arrivals.xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`arrivals-${program.code}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
  expect(workbook.worksheets.length).toBeGreaterThan(0);
  const cells = workbook.worksheets.flatMap((sheet) => {
    const values: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => values.push(String(cell.text))));
    return values;
  });
  expect(cells).toEqual(expect.arrayContaining(['Siti Nurhaliza', 'Nguyen Thi Mai', 'Somchai Jaidee']));

  // And the rooming list for the guest house.
  const rooming = page.waitForEvent('download');
  await page.getByTestId('logistics-download-rooming-list.xlsx').click();
  expect((await rooming).suggestedFilename()).toBe(`rooming-list-${program.code}.xlsx`);
  await admin.dispose();
});
