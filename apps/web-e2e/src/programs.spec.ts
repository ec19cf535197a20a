import { expect, test, type Page } from '@playwright/test';
import { loginAs } from './support/demo';

const LECTURES = [
  {
    title: 'Chinese characters and Chinese culture',
    day: '2025-03-04',
    from: '09:00',
    to: '11:30',
    instructor: '王芳',
  },
  { title: 'Tea culture', day: '2025-03-05', from: '09:00', to: '11:30', instructor: '杨建国' },
  { title: 'Guizhou tourism culture (I)', day: '2025-03-06', from: '09:00', to: '11:00', instructor: '李晓梅' },
  { title: 'Guizhou tourism culture (II)', day: '2025-03-06', from: '14:00', to: '16:00', instructor: '陈思远' },
];

async function addSession(page: Page, lecture: (typeof LECTURES)[number]): Promise<void> {
  await page.getByTestId('s-title-en').fill(lecture.title);
  await page.getByTestId('session-type').selectOption('lecture');
  await page.getByTestId('session-date').selectOption(lecture.day);
  await page.getByTestId('session-from').fill(lecture.from);
  await page.getByTestId('session-to').fill(lecture.to);
  await page.locator('label.check', { hasText: lecture.instructor }).getByRole('checkbox').check();
  await page.getByTestId('session-save').click();
}

test('an admin creates scenario A’s online course with its four lectures, and a clash is named in the form', async ({
  page,
}, testInfo) => {
  // A program, four lectures and a clash through the forms: about 30 s on a busy two-core machine.
  test.setTimeout(90_000);
  await loginAs(page, 'admin');
  await page.getByTestId('language-switcher').selectOption('en');
  await page.goto('/admin/programs/new');
  await page.getByTestId('program-code').fill(`TRPC-TH-E2E-${Date.now() % 100000}`);
  await page.getByTestId('p-title-en').fill('Chinese Language and Culture: online course for Thai partners');
  await page.getByRole('tab', { name: '中文' }).first().click();
  await page.getByTestId('p-title-zh').fill('中文与中华文化线上课程');
  await page.getByRole('tab', { name: 'ไทย' }).first().click();
  await page.getByTestId('p-title-th').fill('หลักสูตรออนไลน์ภาษาและวัฒนธรรมจีน');
  await page.getByTestId('program-mode').selectOption('online');
  await page.getByTestId('program-timezone').fill('Asia/Shanghai');
  await page.getByTestId('program-start').fill('2025-03-04');
  await page.getByTestId('program-end').fill('2025-03-06');
  await page.getByTestId('program-meeting-url').fill('https://meeting.trpc.example.cn/room/e2e');
  await page.getByTestId('program-capacity').fill('300');
  await page.getByTestId('program-host').selectOption({ label: 'Tongren Polytechnic College' });
  await page.getByTestId('partner-RMUTT').check();
  await page.getByTestId('partner-SUT').check();
  await page.getByTestId('program-save').click();

  await expect(page).toHaveURL(/\/admin\/programs\/[0-9a-f-]+\/schedule$/);
  for (const lecture of LECTURES) {
    await addSession(page, lecture);
    await expect(page.getByTestId('session-title').filter({ hasText: lecture.title })).toBeVisible();
  }
  await expect(page.getByTestId('agenda-session')).toHaveCount(4);

  // Tea culture's teacher cannot be in a second session at the same time.
  await addSession(page, {
    title: 'Extra tea tasting',
    day: '2025-03-05',
    from: '10:00',
    to: '12:00',
    instructor: '杨建国',
  });
  await expect(page.getByTestId('session-error')).toContainText('Tea culture');
  await expect(page.getByTestId('session-error')).toContainText('杨建国');
  await page.screenshot({ path: testInfo.outputPath('schedule-clash.png'), fullPage: true });

  await page.getByRole('link', { name: /Chinese Language and Culture/ }).click();
  await page.getByTestId('publish').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('program-status')).toHaveText('Published');
});

test('a Thai-speaking trainee reads the course in Thai with Bangkok times beside China’s @phone', async ({
  page,
}, testInfo) => {
  await loginAs(page, 'trainee'); // the demo trainee lives in Asia/Bangkok
  await page.getByTestId('language-switcher').selectOption('th');
  // The choice is remembered once the Thai catalog has loaded; the page reload below must not outrun it
  // (another spec may have left the shared demo account in Chinese).
  await expect(page.locator('html')).toHaveAttribute('lang', 'th');
  await page.goto('/programs');
  // A 2024 course: the catalog shows past programs only when asked.
  await page.getByTestId('include-past').check();
  await page.getByTestId('program-search').fill('TRPC-TH-ONLINE-2024');
  await expect(page.getByTestId('program-link')).toHaveCount(1);
  await page.getByTestId('program-link').click();
  await expect(page.getByTestId('program-title')).toHaveText(
    'หลักสูตรออนไลน์ภาษาและวัฒนธรรมจีนสำหรับมหาวิทยาลัยพันธมิตรในประเทศไทย',
  );
  await expect(page.getByTestId('session-title').first()).toHaveText('อักษรจีนและวัฒนธรรมจีน');
  await expect(page.getByTestId('session-time').first()).toHaveText(
    /09:00–11:30 GMT\+8\s*08:00–10:30 เวลาของคุณ \(เวลาอินโดจีน\)/,
  );
  await expect(page.getByTestId('program-timezone')).toHaveText('เวลามาตรฐานจีน');
  await expect(page.getByTestId('program-dates')).toContainText('2567');
  await page.screenshot({ path: testInfo.outputPath('program-th.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByTestId('download-ics').click();
  expect((await download).suggestedFilename()).toMatch(/\.ics$/);
});

test('the demo instructor sees the coming weeks of their timetable @phone', async ({ page }) => {
  await loginAs(page, 'instructor');
  await page.getByTestId('language-switcher').selectOption('zh');
  await expect(page.getByTestId('timetable-entry').first()).toBeVisible();
  await expect(page.getByTestId('timetable-entry').first()).toContainText('汉字与中华文化');
});

test('partners only see programs open to them @phone', async ({ page }) => {
  await loginAs(page, 'partner');
  await page.goto('/programs');
  await page.getByTestId('language-switcher').selectOption('en');
  await page.getByTestId('include-past').check();
  await expect(page.getByTestId('program-cards')).toContainText('Chinese Language and Culture');
  await expect(page.getByTestId('program-cards')).not.toContainText('Lancang–Mekong');
});
