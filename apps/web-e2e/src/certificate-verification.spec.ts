import { expect, test, type Page as BrowserPage } from '@playwright/test';
import type {
  AttendanceSheet,
  CertificateListEntry,
  CompletionResult,
  Enrolment,
  Page,
  Session,
  Trainee,
} from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, signIn, useLanguage, navigateTo } from './support/demo';

const TRAINEE_PASSWORD = 'Andaman-tide-morning-2026';

/** A code as the certificate prints it: groups of four joined by dashes. */
const grouped = (code: string) => (code.match(/.{4}/g) ?? [code]).join('-');
/** A calendar date as the page writes it in English (`Mar 3, 2025`). */
const englishDate = (date: string) =>
  new Intl.DateTimeFormat('en', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** What the verification page must show for a certificate, as it was issued. */
async function expectStated(page: BrowserPage, certificate: CertificateListEntry): Promise<void> {
  await expect(page.getByTestId('verify-serial')).toHaveText(certificate.serial);
  await expect(page.getByTestId('verify-holder')).toHaveText(certificate.holderName);
  await expect(page.getByTestId('verify-hours')).toHaveText(
    new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(certificate.hours),
  );
  await expect(page.getByTestId('verify-dates')).toHaveText(
    `${englishDate(certificate.startDate)} – ${englishDate(certificate.endDate)}`,
  );
  await expect(page.getByTestId('verify-time-zone')).toHaveText(certificate.timeZone);
}

test('an employer checks a demo certificate by the serial printed on it, or by its code typed in lower case @phone', async ({
  browser,
}, testInfo) => {
  // The demo trainee's certificate of the closed Thai online course.
  const trainee = await Api.open(testInfo, 'trainee');
  const mine = await trainee.call<Page<CertificateListEntry>>('GET', '/me/certificates');
  const certificate = mine.items.find((c) => c.status === 'issued');
  expect(certificate, 'the demo trainee has an issued certificate').toBeTruthy();
  const { serial, verificationCode } = certificate as CertificateListEntry;
  expect(verificationCode).toMatch(/^[0-9A-Z]{24}$/);
  await trainee.dispose();

  // An employer, on a phone, without an account.
  const employer = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
  const page = await employer.newPage();
  await page.goto('/verify');
  await expect(page.getByLabel('Serial number, code or link')).toBeVisible();
  await page.getByTestId('verify-code-input').fill(serial);
  await page.getByTestId('verify-code-submit').click();
  await expect(page).toHaveURL(new RegExp(`/verify/${serial}$`));
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-state', 'valid');
  await expect(page.getByTestId('verify-verdict')).toHaveText('This certificate is valid');
  await expectStated(page, certificate as CertificateListEntry);
  await page.screenshot({ path: testInfo.outputPath('verify-by-serial-phone.png'), fullPage: true });

  // The code under the QR code, typed in lower case with its dashes: the same certificate.
  await page.getByTestId('verify-code-input').fill(grouped(verificationCode).toLowerCase());
  await page.getByTestId('verify-code-submit').click();
  await expect(page).toHaveURL(new RegExp(`/verify/${verificationCode}$`));
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-state', 'valid');
  await expectStated(page, certificate as CertificateListEntry);

  // In Chinese the hours are 学时; in Thai the dates are in the Buddhist era.
  await useLanguage(page, 'zh');
  await expect(page.getByTestId('verify-details')).toContainText('学时');
  await useLanguage(page, 'th');
  const year = Number(certificate?.startDate.slice(0, 4));
  await expect(page.getByTestId('verify-dates')).toContainText(String(year + 543));
  await page.screenshot({ path: testInfo.outputPath('verify-by-code-thai-phone.png'), fullPage: true });

  // A serial no certificate has is said to be unknown, as a serial.
  await useLanguage(page, 'en');
  await page.getByTestId('verify-code-input').fill('SB-1999-000001');
  await page.getByTestId('verify-code-submit').click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-state', 'unknown');
  await expect(page.getByTestId('verify-verdict')).toHaveText('No certificate has this serial number');
  await employer.close();
});

test('an admin reissues a certificate with a corrected name; the old code says what replaced it', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;

  // A closed program with one 2-hour session the trainee attended, and her certificate, valid for two years.
  // Over already: closing and attendance wait for a program's time.
  const program = await admin.finishedProgram({
    title: { en: 'Cross-border e-commerce camp', zh: '跨境电商训练营', th: 'ค่ายอีคอมเมิร์ซข้ามพรมแดน' },
    completionRule: { minAttendanceRate: 0.75, certificateValidityMonths: 24 },
  });
  const day = new Date(Date.parse(`${program.startDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const session = await admin.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Live-stream selling workshop', zh: '直播带货实训' },
      type: 'workshop',
      startsAt: `${day}T09:00:00+08:00`,
      endsAt: `${day}T11:00:00+08:00`,
      instructorIds: [],
    },
    201,
  );
  const email = `pimchanok.${stamp}@e2e.test`;
  const account = await admin.register({
    email,
    password: TRAINEE_PASSWORD,
    fullName: 'พิมพ์ชนก วงศ์ใหญ่',
    fullNameLatin: 'Pimchanok Wongyai',
    nationality: 'TH',
  });
  const traineeId = account.user.traineeId as string;
  const enrolment = await admin.call<Enrolment>('POST', `/programs/${program.id}/enrolments`, { traineeId }, 201);
  expect(enrolment.status).toBe('confirmed');
  await admin.call<AttendanceSheet>('PUT', `/sessions/${session.id}/attendance`, [{ traineeId, status: 'present' }]);
  const result = await admin.call<CompletionResult>('POST', `/programs/${program.id}/complete`, null, 200);
  expect(result.certificatesIssued).toBe(1);
  const [old] = (await admin.as(account.accessToken).call<Page<CertificateListEntry>>('GET', '/me/certificates')).items;
  expect(old.hours).toBe(2);
  expect(old.validUntil).toBeTruthy();
  const validYear = (old.validUntil as string).slice(0, 4);

  // Her name was misspelt in Thai script; the record is corrected. The issued certificate does not change by itself.
  await admin.call<Trainee>('PATCH', `/trainees/${traineeId}`, { fullName: 'พิมพ์ชนก วงศ์ใหญ่ยิ่ง' });

  // The admin reissues it from the certificates list, with the reason.
  await page.setViewportSize({ width: 1366, height: 850 });
  await loginAs(page, 'admin');
  await useLanguage(page, 'en');
  await navigateTo(page, 'Certificates');
  await page.getByTestId('certificates-program').selectOption(program.id);
  const oldRow = page.locator(`[data-testid="certificate-row"][data-serial="${old.serial}"]`);
  await expect(oldRow.getByTestId('certificate-hours')).toHaveText('2');
  await expect(oldRow.getByTestId('certificate-holder')).toHaveText('พิมพ์ชนก วงศ์ใหญ่');
  await oldRow.getByTestId('reissue').click();
  // The reason is required.
  await page.getByTestId('reason-confirm').click();
  await expect(page.getByTestId('field-error')).toHaveText('Please fill this in.');
  const reason = 'Family name corrected at the holder’s request.';
  await page.getByTestId('reason-input').fill(reason);
  await page.getByTestId('reason-confirm').click();
  const notice = page.getByTestId('reissue-notice');
  await expect(notice).toContainText(old.serial);
  const newSerial = (await notice.getAttribute('data-new-serial')) as string;
  expect(newSerial).toMatch(/^SB-\d{4}-\d{6}$/);
  expect(newSerial).not.toBe(old.serial);
  await expect(notice).toHaveText(`Certificate ${old.serial} was reissued as ${newSerial}.`);
  const newRow = page.locator(`[data-testid="certificate-row"][data-serial="${newSerial}"]`);
  await expect(oldRow).toHaveAttribute('data-status', 'revoked');
  await expect(oldRow.getByTestId('certificate-replaced-by')).toHaveText(`Replaced by ${newSerial}`);
  await expect(oldRow.getByTestId('reissue')).toHaveCount(0);
  await expect(newRow).toHaveAttribute('data-status', 'issued');
  await expect(newRow.getByTestId('certificate-holder')).toHaveText('พิมพ์ชนก วงศ์ใหญ่ยิ่ง');
  await expect(newRow.getByTestId('certificate-replaces')).toHaveText(`Replaces ${old.serial}`);
  await page.screenshot({ path: testInfo.outputPath('certificates-reissued-desk.png'), fullPage: true });

  // Anyone with the old certificate's QR code learns it was replaced, by which serial, and can check that one.
  const guest = await browser.newContext({ locale: 'en-GB' });
  const publicPage = await guest.newPage();
  await publicPage.goto(`/verify/${old.verificationCode}`);
  await expect(publicPage.getByTestId('verify-result')).toHaveAttribute('data-state', 'replaced');
  await expect(publicPage.getByTestId('verify-verdict')).toHaveText('This certificate has been replaced');
  await expect(publicPage.getByTestId('verify-replaced-by')).toHaveText(`Replaced by ${newSerial}`);
  await expect(publicPage.getByTestId('verify-revoked-reason')).toHaveText(`Reason: ${reason}`);
  await expect(publicPage.getByTestId('verify-holder')).toHaveText('พิมพ์ชนก วงศ์ใหญ่');
  await publicPage.screenshot({ path: testInfo.outputPath('verify-replaced-desk.png'), fullPage: true });
  await publicPage.getByTestId('verify-replacement').click();
  await expect(publicPage).toHaveURL(new RegExp(`/verify/${newSerial}$`));
  await expect(publicPage.getByTestId('verify-result')).toHaveAttribute('data-state', 'valid');
  await expect(publicPage.getByTestId('verify-serial')).toHaveText(newSerial);
  await expect(publicPage.getByTestId('verify-holder')).toHaveText('พิมพ์ชนก วงศ์ใหญ่ยิ่ง');
  await expect(publicPage.getByTestId('verify-hours')).toHaveText('2');
  await expect(publicPage.getByTestId('verify-valid-until')).toContainText(validYear);
  await guest.close();

  // The trainee sees both in "My certificates": the old one pointing to the new one.
  const traineeContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const traineePage = await traineeContext.newPage();
  await signIn(traineePage, email, TRAINEE_PASSWORD);
  await useLanguage(traineePage, 'en');
  await traineePage.goto('/my/certificates');
  const oldCard = traineePage.locator(`[data-testid="my-certificate"][data-serial="${old.serial}"]`);
  const newCard = traineePage.locator(`[data-testid="my-certificate"][data-serial="${newSerial}"]`);
  await expect(traineePage.getByTestId('my-certificate')).toHaveCount(2);
  await expect(oldCard).toHaveAttribute('data-status', 'revoked');
  await expect(oldCard.getByTestId('my-certificate-replaced-by')).toHaveText(
    `This certificate was replaced by ${newSerial}. Share the new one instead.`,
  );
  await expect(newCard).toHaveAttribute('data-status', 'issued');
  await expect(newCard.getByTestId('my-certificate-replaces')).toHaveText(`Replaces ${old.serial}`);
  await expect(newCard.getByTestId('my-certificate-hours')).toHaveText('2');
  await expect(newCard.getByTestId('my-certificate-valid-until')).toContainText(validYear);
  const fresh = (
    await admin.as(account.accessToken).call<Page<CertificateListEntry>>('GET', '/me/certificates')
  ).items.find((c) => c.serial === newSerial) as CertificateListEntry;
  await expect(newCard.getByTestId('my-certificate-code')).toHaveText(grouped(fresh.verificationCode));
  await expect(newCard.getByTestId('share-link')).toHaveValue(new RegExp(`/verify/${fresh.verificationCode}$`));
  await oldCard.getByTestId('my-certificate-go-to-replacement').click();
  await expect(newCard).toBeFocused();
  await traineePage.screenshot({ path: testInfo.outputPath('my-certificates-replaced-phone.png'), fullPage: true });
  await traineeContext.close();
  await admin.dispose();
});
