import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type {
  AttendanceSheet,
  AuthUser,
  CertificateListEntry,
  CompletionResult,
  Enrolment,
  Page,
  Program,
  Session,
  Trainee,
} from '@skillbridge/contracts';
import { Api, login } from './support/api';
import { loginAs, navigateTo, signIn, useLanguage } from './support/demo';

const TRAINEE_PASSWORD = 'Mekong-delta-sunrise-2025';

/** A calendar date of the program, `days` after its first one. */
function dayOf(program: Program, days: number): string {
  return new Date(Date.parse(`${program.startDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** One session of the program (Asia/Shanghai), optionally taught by the given instructors. */
async function addSession(api: Api, program: Program, instructorIds: string[] = [], hour = 9): Promise<Session> {
  const day = dayOf(program, 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return api.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Drip irrigation workshop', zh: '滴灌实训', th: 'เวิร์กช็อประบบน้ำหยด' },
      type: 'workshop',
      startsAt: `${day}T${pad(hour)}:00:00+08:00`,
      endsAt: `${day}T${pad(hour + 2)}:00:00+08:00`,
      instructorIds,
    },
    201,
  );
}

/** A trainee record (no account) enrolled and confirmed by the admin. */
async function confirmedTrainee(
  api: Api,
  program: Program,
  person: { fullName: string; fullNameLatin: string; email: string; institutionId?: string },
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

test('a trainee downloads their certificate, anyone can verify it, and a revocation shows at once @phone', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;

  // Set-up through the API: a published program with one session, a confirmed trainee, present, program closed.
  const program = await admin.finishedProgram({
    title: { en: 'Smart agriculture camp', zh: '智慧农业训练营', th: 'ค่ายเกษตรอัจฉริยะ' },
  });
  const session = await addSession(admin, program);
  const email = `kamonchanok.${stamp}@e2e.test`;
  const account = await admin.register({
    email,
    password: TRAINEE_PASSWORD,
    fullName: 'กมลชนก แสงทอง',
    fullNameLatin: 'Kamonchanok Saengthong',
    nationality: 'TH',
  });
  const traineeId = account.user.traineeId as string;
  const enrolment = await admin.call<Enrolment>('POST', `/programs/${program.id}/enrolments`, { traineeId }, 201);
  expect(enrolment.status).toBe('confirmed');
  const sheet = await admin.call<AttendanceSheet>('PUT', `/sessions/${session.id}/attendance`, [
    { traineeId, status: 'present' },
  ]);
  expect(sheet.lines).toEqual([expect.objectContaining({ traineeId, status: 'present' })]);
  const result = await admin.call<CompletionResult>('POST', `/programs/${program.id}/complete`, null, 200);
  expect(result).toEqual({ completed: 1, notCompleted: 0, certificatesIssued: 1 });
  const mine = await admin.as(account.accessToken).call<Page<CertificateListEntry>>('GET', '/me/certificates');
  expect(mine.items).toHaveLength(1);
  const certificate = mine.items[0];

  // The trainee opens "My certificates" from the navigation: her account speaks Thai, so the PDF offers Chinese
  // beside Thai first.
  await signIn(page, email, TRAINEE_PASSWORD);
  await navigateTo(page, 'ใบประกาศนียบัตรของฉัน');
  await expect(page).toHaveURL(/\/my\/certificates$/);
  const card = page.locator(`[data-testid="my-certificate"][data-serial="${certificate.serial}"]`);
  await expect(card.getByTestId('pdf-language')).toHaveValue('th'); // the holder's language
  // She reads the page in English (which becomes her account's language) and still downloads it beside Thai.
  await useLanguage(page, 'en');
  await expect(card.getByTestId('my-certificate-title')).toHaveText('Smart agriculture camp');
  await expect(card.getByTestId('certificate-status')).toContainText('Valid');
  await card.getByTestId('pdf-language').selectOption('th');
  await expect(card.getByTestId('share-link')).toHaveValue(new RegExp(`/verify/${certificate.verificationCode}$`));
  await page.screenshot({ path: testInfo.outputPath('my-certificates.png'), fullPage: true });
  const pdfResponse = page.waitForResponse((r) => r.url().includes(`/api/v1/certificates/${certificate.id}/pdf`));
  const download = page.waitForEvent('download');
  await card.getByTestId('download-pdf').click();
  const response = await pdfResponse;
  expect(response.status(), 'GET /certificates/:id/pdf').toBe(200);
  expect(response.url()).toContain('lang=th');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = await readFile(await file.path());
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

  // Anyone, without an account, sees that the certificate is valid.
  const guest = await browser.newContext({ locale: 'en-GB' });
  const publicPage = await guest.newPage();
  await publicPage.goto(`/verify/${certificate.verificationCode}`);
  await expect(publicPage.getByTestId('verify-result')).toHaveAttribute('data-state', 'valid');
  await expect(publicPage.getByTestId('verify-verdict')).toHaveText('This certificate is valid');
  await expect(publicPage.getByTestId('verify-holder')).toHaveText('กมลชนก แสงทอง');
  await expect(publicPage.getByTestId('verify-holder-latin')).toHaveText('Kamonchanok Saengthong');
  await expect(publicPage.getByTestId('verify-serial')).toHaveText(certificate.serial);
  await expect(publicPage.getByTestId('verify-issuer')).toHaveText('Tongren Polytechnic College');
  await publicPage.screenshot({ path: testInfo.outputPath('verify-valid.png'), fullPage: true });

  // The admin revokes it from the certificates list, with a reason.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await loginAs(adminPage, 'admin');
  await useLanguage(adminPage, 'en');
  await navigateTo(adminPage, 'Certificates');
  await expect(adminPage).toHaveURL(/\/admin\/certificates$/);
  await adminPage.getByTestId('certificates-program').selectOption(program.id);
  const row = adminPage.locator(`[data-testid="certificate-row"][data-serial="${certificate.serial}"]`);
  await expect(row).toHaveAttribute('data-status', 'issued');
  await expect(adminPage.getByTestId('certificate-row')).toHaveCount(1);
  await row.getByTestId('revoke').click();
  const reason = 'Issued in error: the attendance record was corrected.';
  await adminPage.getByTestId('reason-input').fill(reason);
  await adminPage.getByTestId('reason-confirm').click();
  await expect(adminPage.getByTestId('revoke-notice')).toContainText(certificate.serial);
  await expect(row).toHaveAttribute('data-status', 'revoked');
  await expect(row.getByTestId('certificate-revoked-reason')).toHaveText(reason);
  await expect(row.getByTestId('revoke')).toHaveCount(0);

  // The public page now says it is revoked, and why.
  await publicPage.reload();
  await expect(publicPage.getByTestId('verify-result')).toHaveAttribute('data-state', 'revoked');
  await expect(publicPage.getByTestId('verify-verdict')).toHaveText('This certificate has been revoked');
  await expect(publicPage.getByTestId('verify-revoked-reason')).toHaveText(`Reason: ${reason}`);
  await publicPage.screenshot({ path: testInfo.outputPath('verify-revoked.png'), fullPage: true });

  // An unknown code is not mistaken for either.
  await publicPage.getByTestId('verify-code-input').fill('AAAAAAAAAAAAAAAAAAAAAA');
  await publicPage.getByTestId('verify-code-submit').click();
  await expect(publicPage.getByTestId('verify-result')).toHaveAttribute('data-state', 'unknown');
  await expect(publicPage.getByTestId('verify-verdict')).toHaveText('No certificate has this code');

  await guest.close();
  await adminContext.close();
  await admin.dispose();
});

test('an instructor takes attendance on a phone, and the marks persist @phone', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  // An instructor of this test's own: the session below is today, and the demo instructor's timetable is another
  // spec's to read.
  const teacher = { email: `teacher.${stamp}@trpc.test`, password: 'Tongren-campus-2026' };
  const host = await admin.institution('TRPC');
  await admin.call<AuthUser>(
    'POST',
    '/users',
    { ...teacher, fullName: '赵磊', role: 'instructor', institutionId: host.id, preferredLocale: 'en' },
    201,
  );
  const me = (await login(admin.http, teacher.email, teacher.password)).user;
  // A register opens shortly before its session: this one starts in 20 minutes.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const program = await admin.publishedProgram({ startDate: day(-1), endDate: day(2) });
  const session = await admin.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Drip irrigation workshop', zh: '滴灌实训', th: 'เวิร์กช็อประบบน้ำหยด' },
      type: 'workshop',
      startsAt: new Date(Date.now() + 20 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 140 * 60_000).toISOString(),
      instructorIds: [me.instructorId as string],
    },
    201,
  );
  const people = [
    { fullName: 'สมศรี มีสุข', fullNameLatin: 'Somsri Meesuk', email: `somsri.${stamp}@e2e.test` },
    { fullName: 'อนันต์ ใจงาม', fullNameLatin: 'Anan Jaingam', email: `anan.${stamp}@e2e.test` },
    { fullName: 'Nguyễn Thị Lan', fullNameLatin: 'Nguyen Thi Lan', email: `lan.${stamp}@e2e.test` },
  ];
  const trainees: Trainee[] = [];
  for (const person of people) trainees.push(await confirmedTrainee(admin, program, person));
  const rowOf = (trainee: Trainee) => page.locator(`[data-testid="attendance-row"][data-trainee-id="${trainee.id}"]`);

  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, teacher.email, teacher.password);
  await useLanguage(page, 'en');
  const entry = page.locator(`[data-testid="timetable-entry"][data-session-id="${session.id}"]`);
  await entry.getByTestId('take-attendance').click();
  await expect(page).toHaveURL(new RegExp(`/instructor/sessions/${session.id}/attendance$`));
  await expect(page.getByTestId('attendance-session-title')).toHaveText('Drip irrigation workshop');
  await expect(page.getByTestId('attendance-row')).toHaveCount(3);
  await expect(rowOf(trainees[0])).toContainText('สมศรี มีสุข');
  await expect(rowOf(trainees[0])).toContainText('Somsri Meesuk');
  for (const trainee of trainees) await expect(rowOf(trainee)).toHaveAttribute('data-status', 'unmarked');
  // Rows are big enough for a thumb.
  const box = await rowOf(trainees[0]).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
  expect(box?.width ?? 0).toBeGreaterThan(300);

  // A tap cycles a trainee; "All present" marks everyone; then the exceptions are tapped.
  await rowOf(trainees[0]).click();
  await expect(rowOf(trainees[0])).toHaveAttribute('data-status', 'present');
  await rowOf(trainees[0]).click();
  await expect(rowOf(trainees[0])).toHaveAttribute('data-status', 'late');
  await expect(rowOf(trainees[0]).getByTestId('attendance-status')).toHaveText('Late');
  await page.getByTestId('all-present').click();
  for (const trainee of trainees) await expect(rowOf(trainee)).toHaveAttribute('data-status', 'present');
  await rowOf(trainees[1]).click();
  await rowOf(trainees[1]).click();
  await expect(rowOf(trainees[1])).toHaveAttribute('data-status', 'absent');
  await rowOf(trainees[2]).click();
  await expect(rowOf(trainees[2])).toHaveAttribute('data-status', 'late');
  await expect(page.getByTestId('unsaved-indicator')).toHaveText('Unsaved changes: 3');
  await page.screenshot({ path: testInfo.outputPath('attendance-phone.png'), fullPage: true });

  await page.getByTestId('attendance-save').click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved at \d\d:\d\d/);
  await expect(page.getByTestId('unsaved-indicator')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('attendance-row')).toHaveCount(3);
  await expect(rowOf(trainees[0])).toHaveAttribute('data-status', 'present');
  await expect(rowOf(trainees[1])).toHaveAttribute('data-status', 'absent');
  await expect(rowOf(trainees[2])).toHaveAttribute('data-status', 'late');
  await expect(page.getByTestId('save-status')).toContainText('Last saved');

  // The API holds the same register.
  const saved = await admin.call<AttendanceSheet>('GET', `/sessions/${session.id}/attendance`);
  expect(Object.fromEntries(saved.lines.map((l) => [l.traineeId, l.status]))).toEqual({
    [trainees[0].id]: 'present',
    [trainees[1].id]: 'absent',
    [trainees[2].id]: 'late',
  });

  // The register speaks the other languages too.
  await useLanguage(page, 'th');
  await expect(page.getByTestId('all-present')).toHaveText('มาเรียนทุกคน');
  await expect(rowOf(trainees[1]).getByTestId('attendance-status')).toHaveText('ขาดเรียน');
  await admin.dispose();
});

test('an admin closes a program from its preview and chooses a completer for a follow-on program', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  // Over already: a program is closed once its last session has ended.
  const program = await admin.finishedProgram({ completionRule: { minAttendanceRate: 0.5 } });
  const followOn = await admin.publishedProgram({ title: { en: 'Study visit to Guiyang', zh: '贵阳研学' } });
  const session = await addSession(admin, program);
  const rmutt = await admin.institution('RMUTT');
  const present = await confirmedTrainee(admin, program, {
    fullName: 'วิภาวดี ศรีสุวรรณ',
    fullNameLatin: 'Wipawadee Srisuwan',
    email: `wipawadee.${stamp}@e2e.test`,
    institutionId: rmutt.id,
  });
  const absent = await confirmedTrainee(admin, program, {
    fullName: 'ธนากร ทองดี',
    fullNameLatin: 'Thanakorn Thongdee',
    email: `thanakorn.${stamp}@e2e.test`,
  });
  await admin.call('PUT', `/sessions/${session.id}/attendance`, [
    { traineeId: present.id, status: 'present' },
    { traineeId: absent.id, status: 'absent' },
  ]);

  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await page.goto(`/admin/programs/${program.id}/roster`);
  await page.getByTestId('roster-complete-link').click();
  await expect(page).toHaveURL(new RegExp(`/admin/programs/${program.id}/complete$`));
  await expect(page.getByTestId('total-trainees')).toHaveText('2');
  await expect(page.getByTestId('total-completes')).toHaveText('1');
  await expect(page.getByTestId('total-does-not-complete')).toHaveText('1');
  const absentRow = page.locator(`[data-testid="completion-row"][data-trainee-id="${absent.id}"]`);
  await expect(absentRow.getByTestId('completion-reasons')).toHaveText('Attendance below 50%');
  await expect(absentRow.getByTestId('completion-rate')).toHaveText('0%');
  await page.screenshot({ path: testInfo.outputPath('completion-preview.png'), fullPage: true });

  await page.getByTestId('close-program').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('result-completed')).toHaveText('Completed: 1');
  await expect(page.getByTestId('result-not-completed')).toHaveText('Not completed: 1');
  await expect(page.getByTestId('result-issued')).toHaveText('Certificates issued: 1');
  await expect(page.getByTestId('completion-heading')).toHaveText('Program outcome');

  // Only the completer can be chosen for the study visit.
  await expect(page.getByTestId('selection-row')).toHaveCount(1);
  await page.getByTestId('selection-target').selectOption(followOn.id);
  await page.getByTestId('selection-check').check();
  await page.getByTestId('selection-submit').click();
  await expect(page.getByTestId('selection-result')).toContainText('Enrolled 1 in “Study visit to Guiyang”');
  // Chosen again, the trainee is named with the reason and nobody is enrolled.
  await page.getByTestId('selection-check').check();
  await page.getByTestId('selection-submit').click();
  await expect(page.getByTestId('selection-row-error')).toHaveText('Already enrolled in the follow-on program.');
  await expect(page.getByTestId('selection-error')).toBeVisible();
  const roster = await admin.call<Page<Enrolment>>('GET', `/programs/${followOn.id}/enrolments`);
  expect(roster.items.map((e) => [e.traineeId, e.status])).toEqual([[present.id, 'confirmed']]);

  // RMUTT's partner staff find their student's certificate in the portal's Certificates tab.
  const partnerContext = await browser.newContext();
  const partnerPage = await partnerContext.newPage();
  await loginAs(partnerPage, 'partner');
  await useLanguage(partnerPage, 'en');
  await partnerPage.getByTestId('tab-certificates').click();
  await expect(partnerPage).toHaveURL(/\/partner\/certificates$/);
  await partnerPage.getByTestId('certificates-program').selectOption(program.id);
  await expect(partnerPage.getByTestId('certificate-row')).toHaveCount(1);
  await expect(partnerPage.getByTestId('certificate-holder')).toHaveText('วิภาวดี ศรีสุวรรณ');
  await expect(partnerPage.getByTestId('revoke')).toHaveCount(0);
  const download = partnerPage.waitForEvent('download');
  await partnerPage.getByTestId('download-pdf').click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await partnerContext.close();
  await admin.dispose();
});
