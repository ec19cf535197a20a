import { expect, test, type Locator } from '@playwright/test';
import type { AuthUser, Program, Session } from '@skillbridge/contracts';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { Api, login } from './support/api';
import { signIn } from './support/demo';

/*
 * QR check-in in the room (issue 21): the session's instructor opens check-in and the screen shows a QR; a
 * trainee, signed out on her phone, opens the QR's address, signs in, lands checked in — and her name appears on
 * the instructor's screen.
 */

const PASSWORD = 'mekong-river-2024!';

/** Reads the QR drawn on the page, as a phone camera would. */
async function readQr(qr: Locator): Promise<string> {
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded, 'a QR code the screenshot shows').toBeTruthy();
  return decoded?.data ?? '';
}

test('the instructor shows a QR, a signed-out trainee scans it, signs in and is checked in @phone', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const host = await admin.institution('TRPC');
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const program = await admin.publishedProgram({ startDate: day(-1), endDate: day(1) });

  // An instructor of its own (two runs at once must not clash over one instructor), a trainee confirmed in it.
  const instructorEmail = `checkin-teacher-${unique}@e2e.test`;
  await admin.call('POST', '/users', {
    email: instructorEmail,
    password: PASSWORD,
    fullName: 'Liu Yang',
    role: 'instructor',
    institutionId: host.id,
  });
  const traineeEmail = `checkin-trainee-${unique}@e2e.test`;
  await admin.call('POST', '/users', {
    email: traineeEmail,
    password: PASSWORD,
    fullName: 'มาลี ศรีสุข',
    fullNameLatin: 'Malee Srisuk',
    nationality: 'TH',
    role: 'trainee',
    preferredLocale: 'th',
  });
  const teacher = (await login(admin.http, instructorEmail, PASSWORD)).user as AuthUser;
  const trainee = (await login(admin.http, traineeEmail, PASSWORD)).user as AuthUser;
  await admin.call('POST', `/programs/${program.id}/enrolments`, { traineeId: trainee.traineeId }, 201);
  // Started two minutes ago: check-in says present (the program's grace is 10 minutes).
  const session = await admin.call<Session>(
    'POST',
    `/programs/${(program as Program).id}/sessions`,
    {
      title: { en: 'Tea culture', th: 'วัฒนธรรมชา', zh: '茶文化' },
      type: 'lecture',
      startsAt: new Date(Date.now() - 2 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 60 * 60_000).toISOString(),
      instructorIds: [teacher.instructorId],
    },
    201,
  );
  await admin.dispose();

  await test.step('the instructor opens check-in from the register', async () => {
    await signIn(page, instructorEmail, PASSWORD);
    await page.goto(`/instructor/sessions/${session.id}/attendance`);
    await page.getByTestId('open-check-in').click();
    await expect(page.getByTestId('check-in-heading')).toBeVisible();
    await expect(page.getByTestId('check-in-minutes')).toHaveValue('15');
    await page.getByTestId('check-in-open').click();
    await expect(page.getByTestId('check-in-code')).toHaveText(/^\s*[2-9A-HJ-NP-Z]{4} [2-9A-HJ-NP-Z]{4}\s*$/);
    await expect(page.getByTestId('check-in-count')).toHaveText('0 of 1 checked in');
  });

  // The code in letters is the QR's (read before and after: a new code may come in between).
  const shownCode = async () => (await page.getByTestId('check-in-code').textContent())?.replace(/\s/g, '');
  const before = await shownCode();
  const address = new URL(await readQr(page.getByTestId('check-in-qr').locator('svg')));
  const after = await shownCode();
  expect(address.pathname).toBe(`/check-in/${session.id}`);
  expect([before, after]).toContain(address.searchParams.get('code'));

  await test.step('the trainee opens the address on her phone, signed out, signs in and lands checked in', async () => {
    const phone = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      viewport: { width: 360, height: 780 },
      isMobile: true,
      hasTouch: true,
    });
    const mobile = await phone.newPage();
    await mobile.goto(address.pathname + address.search);
    await expect(mobile).toHaveURL(/\/sign-in\?returnUrl=/);
    await mobile.getByTestId('email').fill(traineeEmail);
    await mobile.getByTestId('password').fill(PASSWORD);
    await mobile.getByTestId('sign-in-submit').click();
    await expect(mobile).toHaveURL(new RegExp(`/check-in/${session.id}\\?code=`));
    // In her language (Thai): checked in, present, for this session.
    await expect(mobile.getByTestId('check-in-status')).toHaveText('เช็กอินแล้ว: มาเรียน');
    await expect(mobile.getByTestId('check-in-session')).toHaveText('วัฒนธรรมชา');
    await phone.close();
  });

  await test.step('her name appears on the instructor’s screen', async () => {
    await expect(page.getByTestId('check-in-names')).toContainText('มาลี ศรีสุข');
    await expect(page.getByTestId('check-in-names')).toContainText('Present');
    await expect(page.getByTestId('check-in-count')).toHaveText('1 of 1 checked in');
  });
});
