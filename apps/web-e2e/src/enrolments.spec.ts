import { expect, test } from '@playwright/test';
import { encode } from 'iconv-lite';
import { readFile, writeFile } from 'node:fs/promises';
import type { Enrolment, Program, Trainee } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, signIn, useLanguage } from './support/demo';

const TRAINEE_PASSWORD = 'Nong-Khai-riverside-2025';

/** Three RMUTT students, in Thai script and in their passports' spelling. */
function students(stamp: string) {
  return [
    { fullName: 'สมศรี มีสุข', fullNameLatin: 'Somsri Meesuk', email: `somsri.${stamp}@rmutt.test` },
    { fullName: 'อนันต์ ใจงาม', fullNameLatin: 'Anan Jaingam', email: `anan.${stamp}@rmutt.test` },
    { fullName: 'วิภาวดี ศรีสุวรรณ', fullNameLatin: 'Wipawadee Srisuwan', email: `wipawadee.${stamp}@rmutt.test` },
  ];
}

function csv(rows: { fullName: string; fullNameLatin: string; email: string; nationality: string }[]): string {
  const lines = rows.map((r) => [r.fullName, r.fullNameLatin, r.email, r.nationality, '', 'th'].join(','));
  return ['fullName,fullNameLatin,email,nationality,institutionCode,preferredLocale', ...lines].join('\r\n') + '\r\n';
}

test('a partner imports a roster, fixes the bad row, and approves the new applicants @phone', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const rmutt = await admin.institution('RMUTT');
  const program = await admin.publishedProgram({
    partnerInstitutionIds: [rmutt.id],
    enrolmentOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    enrolmentClosesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
  });
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const people = students(stamp);

  // The first file has one bad row: an e-mail address without its @.
  const badFile = testInfo.outputPath('rmutt-roster.csv');
  const fixedFile = testInfo.outputPath('rmutt-roster-fixed.csv');
  await writeFile(
    badFile,
    csv([
      { ...people[0], nationality: 'TH' },
      { ...people[1], email: people[1].email.replace('@', '.at.'), nationality: 'TH' },
      { ...people[2], nationality: 'TH' },
    ]),
    'utf8',
  );
  // The corrected file as Thai Excel saves "CSV": Windows-874, not UTF-8.
  await writeFile(fixedFile, encode(csv(people.map((p) => ({ ...p, nationality: 'TH' }))), 'windows-874'));

  await loginAs(page, 'partner');
  await useLanguage(page, 'en');
  await page.getByTestId('tab-import').click();
  await expect(page).toHaveURL(/\/partner\/trainees\/import$/);

  await page.getByTestId('import-file').setInputFiles(badFile);
  await expect(page.getByTestId('import-chosen')).toContainText('rmutt-roster.csv');
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-has-errors')).toBeVisible();
  await expect(page.getByTestId('import-commit')).toHaveCount(0);
  await expect(page.getByTestId('import-summary')).toContainText('3 rows');
  // The error shows at its row (row 1 is the header) and column, and the Thai name came through intact.
  const badRow = page.locator('[data-testid="preview-row"][data-row="3"]');
  await expect(badRow).toHaveAttribute('data-action', 'error');
  await expect(badRow).toContainText('อนันต์ ใจงาม');
  await expect(badRow.locator('[data-testid="cell-error"][data-field="email"]')).toBeVisible();
  await expect(page.locator('[data-testid="preview-row"][data-row="2"]')).toHaveCount(0); // only rows with problems
  await page.screenshot({ path: testInfo.outputPath('import-errors.png'), fullPage: true });

  // The corrected file replaces the first; it is checked again before anything is saved.
  await page.getByTestId('import-file').setInputFiles(fixedFile);
  await expect(page.getByTestId('import-has-errors')).toHaveCount(0);
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-ready')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('3 new');
  await expect(page.getByTestId('import-encoding')).toContainText('windows-874');
  // A clean check shows every row, not only those with problems.
  await expect(page.getByTestId('import-only-problems')).not.toBeChecked();
  await expect(page.getByTestId('preview-row')).toHaveCount(3);
  await expect(page.getByTestId('import-preview')).toContainText('วิภาวดี ศรีสุวรรณ');
  // Saving needs the partner's word that these people were informed with the privacy notice (issue 23).
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await expect(page.getByTestId('import-attest')).toContainText('2026-12');
  await page.getByTestId('import-attest').locator('input').check();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('3 new trainees');

  await page.getByTestId('import-see-trainees').click();
  await page.getByTestId('trainee-search').fill(stamp);
  for (const person of people) await expect(page.getByTestId('trainee-table')).toContainText(person.fullName);
  await expect(page.getByTestId('trainee-row')).toHaveCount(3);

  // The imported students open their accounts (linked to the imported profiles) and apply themselves.
  const applications: Enrolment[] = [];
  for (const person of people) {
    const session = await admin.register({
      email: person.email,
      password: TRAINEE_PASSWORD,
      fullName: person.fullName,
      fullNameLatin: person.fullNameLatin,
      nationality: 'TH',
      institutionId: rmutt.id,
    });
    const me = await admin.as(session.accessToken).call<Trainee>('GET', `/trainees/${session.user.traineeId}`);
    expect(me.fullName).toBe(person.fullName);
    applications.push(
      await admin.as(session.accessToken).call<Enrolment>('POST', `/programs/${program.id}/enrolments`, {}, 201),
    );
  }
  expect(applications.map((a) => a.status)).toEqual(['pending', 'pending', 'pending']);

  // The partner approves all three at once from the review queue.
  await page.getByTestId('tab-applications').click();
  await page.getByTestId('queue-program').selectOption(program.id);
  await expect(page.getByTestId('queue-row')).toHaveCount(3);
  await page.getByTestId('select-all').check();
  await expect(page.getByTestId('selected-count')).toHaveText('Selected: 3');
  await page.screenshot({ path: testInfo.outputPath('review-queue.png'), fullPage: true });
  await page.getByTestId('approve-selected').click();
  await expect(page.getByTestId('queue-notice')).toContainText('Confirmed: 3');
  await expect(page.getByTestId('queue-empty')).toBeVisible();

  // The roster shows them confirmed, and its CSV export keeps the Thai names.
  await page.goto(`/partner/rosters/${program.id}`);
  await useLanguage(page, 'en');
  await expect(page.locator('[data-testid="roster-row"][data-status="confirmed"]')).toHaveCount(3);
  await expect(page.getByTestId('seat-confirmed-text')).toHaveText('3 of 20 seats taken');
  await expect(page.getByTestId('seat-confirmed')).toHaveText('3');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const exported = await readFile(await file.path(), 'utf8');
  for (const person of people) expect(exported).toContain(person.fullName);
  await page.screenshot({ path: testInfo.outputPath('roster.png'), fullPage: true });
  await admin.dispose();
});

test('a partner-less trainee applies to a full program the host reviews, the organisers approve: wait-listed, then moved up @phone', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  // The host reviews everyone (without hostReview, someone of no partner institution takes a seat at once).
  const program: Program = await admin.publishedProgram({ capacity: 1, hostReview: true });
  // Someone takes the only seat.
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const holder = await admin.call<Trainee>(
    'POST',
    '/trainees',
    { fullName: 'Nguyễn Văn An', fullNameLatin: 'Nguyen Van An', email: `an.${stamp}@e2e.test`, nationality: 'VN' },
    201,
  );
  const seat = await admin.call<Enrolment>('POST', `/programs/${program.id}/enrolments`, { traineeId: holder.id }, 201);
  expect(seat.status).toBe('confirmed');

  // A trainee with no partner institution enrols through the catalog: the organisers decide on her application.
  const trainee = { email: `kanya.${stamp}@e2e.test`, password: TRAINEE_PASSWORD };
  await admin.register({ ...trainee, fullName: 'กัญญา รัตนพงษ์', fullNameLatin: 'Kanya Rattanapong', nationality: 'TH' });
  await signIn(page, trainee.email, trainee.password);
  await useLanguage(page, 'en');
  await page.goto('/programs');
  await page.getByTestId('program-search').fill(program.code);
  await expect(page.getByTestId('program-link')).toHaveCount(1);
  await expect(page.getByTestId('program-cards')).toContainText('0 of 1 seats left');
  await page.getByTestId('program-link').click();
  await expect(page).toHaveURL(new RegExp(`/programs/${program.id}$`));
  await expect(page.getByTestId('enrol-full-hint')).toBeVisible();
  await expect(page.getByTestId('enrol-organisers-hint')).toContainText('organisers at Tongren Polytechnic College');
  await page.getByTestId('enrol').click();
  const result = page.getByTestId('enrol-result');
  await expect(result.getByTestId('enrolment-status')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('enrol-message')).toHaveText(
    'Your application goes to the organisers at Tongren Polytechnic College; you will be told when they decide.',
  );
  await expect(page.getByTestId('enrol')).toHaveCount(0);

  // The admins find it in their review queue, marked as having no partner institution, and approve it:
  // the program is full, so she is wait-listed.
  const reviewContext = await browser.newContext();
  const reviewPage = await reviewContext.newPage();
  await loginAs(reviewPage, 'admin');
  await useLanguage(reviewPage, 'en');
  await reviewPage.goto('/admin/applications');
  await reviewPage.getByTestId('queue-program').selectOption(program.id);
  await expect(reviewPage.getByTestId('queue-row')).toHaveCount(1);
  const application = reviewPage.locator(`[data-testid="queue-row"][data-email="${trainee.email}"]`);
  await expect(application.getByTestId('queue-no-partner')).toHaveText('No partner institution');
  await reviewPage.screenshot({ path: testInfo.outputPath('admin-review-queue.png'), fullPage: true });
  await application.getByTestId('approve-one').click();
  await expect(reviewPage.getByTestId('queue-notice')).toContainText('wait-listed because the program is full: 1');
  await reviewContext.close();

  await page.reload();
  await expect(result.getByTestId('enrolment-status')).toHaveAttribute('data-status', 'waitlisted');
  await expect(result.getByTestId('enrolment-status')).toHaveText('Wait-listed');
  await expect(page.getByTestId('enrol-message')).toContainText('on the wait-list, number 1');
  await page.screenshot({ path: testInfo.outputPath('enrolled-waitlisted.png'), fullPage: true });

  // The same in Thai, on "My programs".
  await useLanguage(page, 'th');
  await page.getByTestId('my-programs-link').click();
  const mine = page.locator(`[data-testid="my-enrolment"][data-program-code="${program.code}"]`);
  await expect(mine.getByTestId('enrolment-status')).toHaveText('อยู่ในรายชื่อสำรอง');
  await page.screenshot({ path: testInfo.outputPath('waitlisted-th.png'), fullPage: true });

  // An admin sees the full gauge on the roster and withdraws the seat holder: the wait-list moves up.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await loginAs(adminPage, 'admin');
  await useLanguage(adminPage, 'en');
  await adminPage.goto('/admin/programs');
  await adminPage.getByTestId('program-search').fill(program.code);
  // The search answers after a debounce: click once the list shows only this program, not the first list.
  await expect(adminPage.getByTestId('program-table').locator('tbody tr')).toHaveCount(1);
  await adminPage.getByTestId(`roster-link-${program.code}`).click();
  await expect(adminPage).toHaveURL(new RegExp(`/admin/programs/${program.id}/roster$`));
  await expect(adminPage.getByTestId('seat-confirmed-text')).toHaveText('1 of 1 seats confirmed');
  await expect(adminPage.getByTestId('seat-left')).toHaveText('Full');
  await expect(adminPage.getByTestId('seat-waitlisted')).toHaveText('1');
  await adminPage.screenshot({ path: testInfo.outputPath('admin-roster.png'), fullPage: true });
  await adminPage
    .locator(`[data-testid="roster-row"][data-email="an.${stamp}@e2e.test"]`)
    .getByTestId('roster-withdraw')
    .click();
  await adminPage.getByTestId('reason-input').fill('Visa not granted in time');
  await adminPage.getByTestId('reason-confirm').click();
  await expect(adminPage.getByTestId('seat-waitlisted')).toHaveText('0');
  await expect(adminPage.locator('[data-testid="roster-row"][data-status="confirmed"]')).toHaveCount(1);
  await expect(adminPage.locator('[data-testid="roster-row"][data-status="withdrawn"]')).toHaveCount(1);
  await adminContext.close();

  await page.reload();
  await expect(mine.getByTestId('enrolment-status')).toHaveText('ยืนยันแล้ว');
  await admin.dispose();
});
