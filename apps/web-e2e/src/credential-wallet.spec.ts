import { expect, test, type Browser, type Page as BrowserPage, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type {
  AttendanceSheet,
  CertificateListEntry,
  CompletionResult,
  Enrolment,
  Page,
  Session,
} from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, signIn, useLanguage, navigateTo } from './support/demo';

const TRAINEE_PASSWORD = 'Mekong-lantern-evening-2026';

/** In "My certificates", downloads a certificate's credential as its holder would; returns the saved file. */
async function downloadCredential(page: BrowserPage, serial: string, testInfo: TestInfo): Promise<string> {
  const card = page.locator(`[data-testid="my-certificate"][data-serial="${serial}"]`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByTestId('download-credential').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${serial}.json`);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** An employer, signed out, on a phone: opens /verify and uploads a credential file. */
async function employerChecks(browser: Browser, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/verify');
  await expect(page.getByTestId('credential-scope')).toContainText(
    'A credential from another issuer cannot be checked',
  );
  await page.getByLabel('Credential file (.json)').setInputFiles(file);
  await expect(page.getByTestId('credential-result')).toBeVisible({ timeout: 20_000 });
  return { context, page };
}

test('a trainee downloads the demo certificate’s credential; an employer checks the file; a tampered copy fails @phone', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const trainee = await Api.open(testInfo, 'trainee');
  const mine = await trainee.call<Page<CertificateListEntry>>('GET', '/me/certificates');
  const certificate = mine.items.find((c) => c.status === 'issued') as CertificateListEntry;
  expect(certificate, 'the demo trainee has an issued certificate').toBeTruthy();
  await trainee.dispose();

  // Nothing is loaded from LinkedIn with the page: the button is a plain link.
  const hosts = new Set<string>();
  page.on('request', (request) => hosts.add(new URL(request.url()).host));
  await page.setViewportSize({ width: 1366, height: 850 });
  await loginAs(page, 'trainee');
  await useLanguage(page, 'en');
  await page.goto('/my/certificates');
  const card = page.locator(`[data-testid="my-certificate"][data-serial="${certificate.serial}"]`);
  const linkedIn = card.getByTestId('add-to-linkedin');
  await expect(linkedIn).toHaveAttribute('target', '_blank');
  const href = new URL((await linkedIn.getAttribute('href')) as string);
  expect(`${href.origin}${href.pathname}`).toBe('https://www.linkedin.com/profile/add');
  expect(href.searchParams.get('startTask')).toBe('CERTIFICATION_NAME');
  expect(href.searchParams.get('certId')).toBe(certificate.serial);
  expect(href.searchParams.get('certUrl')).toMatch(new RegExp(`/verify/${certificate.verificationCode}$`));
  await page.screenshot({ path: testInfo.outputPath('my-certificates-credential-desk.png'), fullPage: true });
  const file = await downloadCredential(page, certificate.serial, testInfo);
  expect([...hosts].filter((host) => host.includes('linkedin'))).toEqual([]);

  const credential = JSON.parse(readFileSync(file, 'utf8'));
  expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
  expect(credential.proof.cryptosuite).toBe('eddsa-rdfc-2022');

  // The employer checks it in the browser: each check passed, and what it states.
  const employer = await employerChecks(browser, file);
  const checked = employer.page;
  await expect(checked.getByTestId('credential-result')).toHaveAttribute('data-verdict', 'valid');
  await expect(checked.getByTestId('credential-verdict')).toHaveText('This credential is valid');
  for (const check of ['signature', 'status', 'validity']) {
    await expect(checked.getByTestId(`credential-check-${check}`)).toHaveAttribute('data-outcome', 'passed');
  }
  await expect(checked.getByTestId('credential-key')).toHaveText(credential.proof.verificationMethod.split('#')[1]);
  await expect(checked.getByTestId('credential-check-status')).toContainText('not revoked');
  await expect(checked.getByTestId('credential-holder')).toContainText(certificate.holderName);
  await expect(checked.getByTestId('credential-issuer')).toHaveText(credential.issuer.name);
  await expect(checked.getByTestId('credential-hours')).toHaveText(
    new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(certificate.hours),
  );
  await checked.screenshot({ path: testInfo.outputPath('verify-credential-valid-phone.png'), fullPage: true });

  // In Thai, the dates are in the Buddhist era.
  await useLanguage(checked, 'th');
  await expect(checked.getByTestId('credential-verdict')).toHaveText('ข้อมูลรับรองนี้ใช้ได้');
  const year = Number(credential.validFrom.slice(0, 4));
  await expect(checked.getByTestId('credential-valid-from')).toContainText(String(year + 543));
  await checked.screenshot({ path: testInfo.outputPath('verify-credential-valid-thai-phone.png'), fullPage: true });
  await useLanguage(checked, 'en');
  await checked.setViewportSize({ width: 1366, height: 850 });
  await checked.screenshot({ path: testInfo.outputPath('verify-credential-valid-desk.png'), fullPage: true });
  await checked.setViewportSize({ width: 390, height: 844 });

  // A copy with the holder's name changed: the signature no longer matches.
  const tampered = structuredClone(credential);
  const name = tampered.credentialSubject.identifier.find((id: { identityType: string }) => id.identityType === 'name');
  name.identityHash = 'Someone Else';
  await checked.getByLabel('Credential file (.json)').setInputFiles({
    name: 'tampered.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(tampered)),
  });
  await expect(checked.getByTestId('credential-source')).toHaveText('File: tampered.json');
  await expect(checked.getByTestId('credential-result')).toHaveAttribute('data-verdict', 'invalid');
  await expect(checked.getByTestId('credential-check-signature')).toHaveAttribute('data-outcome', 'failed');
  await expect(checked.getByTestId('credential-verdict')).toHaveText('This credential does not verify');
  await expect(checked.getByTestId('credential-unconfirmed')).toBeVisible();
  await checked.screenshot({ path: testInfo.outputPath('verify-credential-tampered-phone.png'), fullPage: true });

  // Something that is no credential at all gets a plain message.
  await checked.getByTestId('credential-text').fill('{"name": "not a credential"');
  await checked.getByTestId('credential-submit').click();
  await expect(checked.getByTestId('credential-malformed')).toHaveText(
    'This is not a credential file: its contents are not valid JSON.',
  );
  await employer.context.close();
});

test('after an admin revokes a certificate, its credential file says revoked @phone', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;

  // A closed program with one session the trainee attended, and her certificate.
  // Over already: closing and attendance wait for a program's time.
  const program = await admin.finishedProgram({
    title: { en: 'Durian orchard management', zh: '榴莲果园管理', th: 'การจัดการสวนทุเรียน' },
    completionRule: { minAttendanceRate: 0.75 },
  });
  const day = new Date(Date.parse(`${program.startDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const session = await admin.call<Session>(
    'POST',
    `/programs/${program.id}/sessions`,
    {
      title: { en: 'Grafting workshop', zh: '嫁接实训' },
      type: 'workshop',
      startsAt: `${day}T09:00:00+08:00`,
      endsAt: `${day}T12:00:00+08:00`,
      instructorIds: [],
    },
    201,
  );
  const email = `nguyen.lan.${stamp}@e2e.test`;
  const account = await admin.register({
    email,
    password: TRAINEE_PASSWORD,
    fullName: 'Nguyễn Thị Lan',
    nationality: 'VN',
  });
  const traineeId = account.user.traineeId as string;
  const enrolment = await admin.call<Enrolment>('POST', `/programs/${program.id}/enrolments`, { traineeId }, 201);
  expect(enrolment.status).toBe('confirmed');
  await admin.call<AttendanceSheet>('PUT', `/sessions/${session.id}/attendance`, [{ traineeId, status: 'present' }]);
  const result = await admin.call<CompletionResult>('POST', `/programs/${program.id}/complete`, null, 200);
  expect(result.certificatesIssued).toBe(1);
  const [certificate] = (
    await admin.as(account.accessToken).call<Page<CertificateListEntry>>('GET', '/me/certificates')
  ).items;

  // She downloads her credential; checked now, it is valid.
  await signIn(page, email, TRAINEE_PASSWORD);
  await useLanguage(page, 'en');
  await page.goto('/my/certificates');
  const file = await downloadCredential(page, certificate.serial, testInfo);
  const before = await employerChecks(browser, file);
  await expect(before.page.getByTestId('credential-result')).toHaveAttribute('data-verdict', 'valid');
  await expect(before.page.getByTestId('credential-holder')).toContainText('Nguyễn Thị Lan');

  // An admin revokes the certificate from the certificates list.
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 850 } });
  const adminPage = await adminContext.newPage();
  await loginAs(adminPage, 'admin');
  await useLanguage(adminPage, 'en');
  await navigateTo(adminPage, 'Certificates');
  await adminPage.getByTestId('certificates-program').selectOption(program.id);
  const row = adminPage.locator(`[data-testid="certificate-row"][data-serial="${certificate.serial}"]`);
  await row.getByTestId('revoke').click();
  await adminPage.getByTestId('reason-input').fill('Attendance record entered in error.');
  await adminPage.getByTestId('reason-confirm').click();
  await expect(adminPage.getByTestId('revoke-notice')).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'revoked');
  await adminContext.close();

  // The same file, checked again: the signature is still genuine, the status list says revoked.
  await before.page.getByLabel('Credential file (.json)').setInputFiles(file);
  await expect(before.page.getByTestId('credential-result')).toHaveAttribute('data-verdict', 'revoked');
  await expect(before.page.getByTestId('credential-verdict')).toHaveText('This credential has been revoked');
  await expect(before.page.getByTestId('credential-check-signature')).toHaveAttribute('data-outcome', 'passed');
  await expect(before.page.getByTestId('credential-check-status')).toHaveAttribute('data-outcome', 'failed');
  await expect(before.page.getByTestId('credential-check-status')).toContainText('Revocation: revoked');
  await before.page.screenshot({ path: testInfo.outputPath('verify-credential-revoked-phone.png'), fullPage: true });
  await before.context.close();

  // Her revoked certificate can still be downloaded, but is not offered to LinkedIn.
  await page.reload();
  const card = page.locator(`[data-testid="my-certificate"][data-serial="${certificate.serial}"]`);
  await expect(card).toHaveAttribute('data-status', 'revoked');
  await expect(card.getByTestId('download-credential')).toBeVisible();
  await expect(card.getByTestId('add-to-linkedin')).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('my-certificates-revoked-credential-phone.png'), fullPage: true });
  await admin.dispose();
});
