import { expect, test } from '@playwright/test';
import { Api, linkIn } from './support/api';
import { signOut } from './support/demo';

test('a visitor opens a shared /p/:code link in Thai, registers, verifies, and lands enrolled @phone', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  // Open to anyone (no partner list), no host review: a trainee of no institution takes a seat at once.
  const program = await admin.publishedProgram({
    title: { en: 'Cross-border e-commerce youth camp', th: 'ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน' },
    summary: { en: 'A week in Tongren.', th: 'หนึ่งสัปดาห์ที่ถงเหริน' },
    meetingUrl: 'https://meeting.example.edu.cn/room/public-camp',
    deliveryMode: 'hybrid',
    enrolmentOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    enrolmentClosesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
  });
  const url = `/p/${program.code}?lang=th`;

  // What a chat app reads: the page's HTML, without running it, previews the program in Thai.
  const html = await (await page.request.get(url)).text();
  expect(html).toContain('<html lang="th">');
  expect(html).toContain('<meta property="og:title" content="ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน" />');
  expect(html).toContain('<meta property="og:description" content="หนึ่งสัปดาห์ที่ถงเหริน" />');
  expect(html).toMatch(
    new RegExp(
      `<meta property="og:image" content="https?://[^"]+/api/v1/public/programs/${program.code}/share\\.png\\?lang=th"`,
    ),
  );
  expect(html).not.toContain('meeting.example.edu.cn');

  // The visitor opens the link: the page speaks Thai, signed out, and shows no meeting link.
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'th');
  await expect(page.getByTestId('program-title')).toHaveText('ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน');
  await expect(page.getByTestId('program-seats')).toContainText('20');
  await expect(page.getByText('meeting.example.edu.cn')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('program-page.png'), fullPage: true });

  // "Register and enrol": registration remembers the program.
  await page.getByTestId('register-and-enrol').click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByTestId('register-pending-program')).toContainText(program.code);
  const email = `malee.${Date.now().toString(36)}${testInfo.workerIndex}@e2e.test`;
  await page.getByTestId('full-name').fill('มาลี ศรีสุข');
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill('Chiang-Mai-night-bazaar-2026');
  await page.getByTestId('nationality').selectOption('TH');
  // The registration form's two required consents (issue 23).
  await page.getByTestId('consent-administration').check();
  await page.getByTestId('consent-transfer').check();
  await page.getByTestId('register-submit').click();

  // Back on the program page: first the e-mail address.
  await expect(page).toHaveURL(new RegExp(`/p/${program.code}$`));
  await expect(page.getByTestId('enrol-verify-first')).toContainText(email);

  // She follows the link of the verification e-mail (from the development mailbox) in the same browser…
  const link = linkIn(await admin.mail(email, 'email-verification'));
  await page.goto(link);

  // …and lands on the program page, enrolled with a confirmed seat, in Thai.
  await expect(page).toHaveURL(new RegExp(`/p/${program.code}$`));
  const status = page.getByTestId('enrol-result').getByTestId('enrolment-status');
  await expect(status).toHaveAttribute('data-status', 'confirmed');
  await expect(status).toHaveText('ยืนยันแล้ว');
  await expect(page.getByTestId('program-seats')).toContainText('19');
  await page.screenshot({ path: testInfo.outputPath('enrolled.png'), fullPage: true });

  // My programs has it; and the API agrees.
  await page.getByTestId('my-programs-link').click();
  await expect(page.getByText('ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน').first()).toBeVisible();
  const roster = await admin.call<{ items: { status: string; email?: string }[] }>(
    'GET',
    `/programs/${program.id}/enrolments?limit=200`,
  );
  expect(roster.items.map((e) => e.status)).toEqual(['confirmed']);
  await admin.dispose();
});

test('the open catalog works signed out, in four languages, and leads to a program page', async ({
  page,
}, testInfo) => {
  const admin = await Api.open(testInfo, 'admin');
  const program = await admin.publishedProgram({
    title: { en: 'Smart logistics camp', zh: '智慧物流训练营', th: 'ค่ายโลจิสติกส์อัจฉริยะ', ms: 'Kem logistik pintar' },
  });
  await page.goto('/programs');
  await expect(page.getByTestId('public-catalog-intro')).toBeVisible();
  for (const [locale, lang, title] of [
    ['zh', 'zh-CN', '智慧物流训练营'],
    ['ms', 'ms', 'Kem logistik pintar'],
    ['th', 'th', 'ค่ายโลจิสติกส์อัจฉริยะ'],
    ['en', 'en', 'Smart logistics camp'],
  ] as const) {
    await page.getByTestId('language-switcher').selectOption(locale);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.getByTestId('program-search').fill(program.code);
    await expect(page.getByTestId('program-card')).toHaveCount(1);
    await expect(page.getByTestId('program-link')).toHaveText(title);
  }
  await page.getByTestId('program-link').click();
  await expect(page).toHaveURL(new RegExp(`/p/${program.code}$`));
  await expect(page.getByTestId('register-and-enrol')).toBeVisible();
  await admin.dispose();
});

test('the program is remembered through sign-out, the e-mail link and sign-in: she lands enrolled', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const program = await admin.publishedProgram({
    title: { en: 'Live-stream selling camp', ms: 'Kem jualan siaran langsung' },
  });
  await page.goto(`/p/${program.code}?lang=ms`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ms');
  await page.getByTestId('register-and-enrol').click();
  const email = `aisyah.${Date.now().toString(36)}${testInfo.workerIndex}@e2e.test`;
  const password = 'Kuala-Terengganu-pantai-2026';
  await page.getByTestId('full-name').fill('Aisyah binti Rahman');
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('nationality').selectOption('MY');
  // The registration form's two required consents (issue 23).
  await page.getByTestId('consent-administration').check();
  await page.getByTestId('consent-transfer').check();
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('enrol-verify-first')).toContainText(email);

  // She signs out, then opens the e-mail's link: confirmed, and signing in leads back to the program.
  await signOut(page);
  await page.goto(linkIn(await admin.mail(email, 'email-verification')));
  await expect(page.getByTestId('verify-email-done')).toBeVisible();
  await page.getByTestId('verify-email-sign-in').click();
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(new RegExp(`/p/${program.code}$`));
  await expect(page.getByTestId('enrol-result').getByTestId('enrolment-status')).toHaveAttribute(
    'data-status',
    'confirmed',
  );
  await expect(page.getByTestId('enrol-result').getByTestId('enrolment-status')).toHaveText('Disahkan');
  await admin.dispose();
});
