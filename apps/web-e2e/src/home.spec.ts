import { expect, test } from '@playwright/test';

const LANGUAGES = [
  {
    locale: 'en',
    option: 'English',
    htmlLang: 'en',
    title: 'Training camps and overseas courses, run in one place',
    home: 'Home',
  },
  { locale: 'zh', option: '中文', htmlLang: 'zh-CN', title: '培训营与境外课程，一站式管理', home: '首页' },
  {
    locale: 'th',
    option: 'ไทย',
    htmlLang: 'th',
    title: 'ค่ายฝึกอบรมและหลักสูตรต่างประเทศ บริหารจัดการได้ในที่เดียว',
    home: 'หน้าแรก',
  },
  {
    locale: 'ms',
    option: 'Bahasa Melayu',
    htmlLang: 'ms',
    title: 'Kem latihan dan kursus luar negara, diurus di satu tempat',
    home: 'Laman utama',
  },
] as const;

for (const language of LANGUAGES) {
  test(`the home page speaks ${language.locale}`, async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByTestId('language-switcher').selectOption(language.locale);
    await expect(page.getByTestId('home-title')).toHaveText(language.title);
    await expect(page.getByTestId('main-nav').getByRole('link').first()).toHaveText(language.home);
    await expect(page.locator('html')).toHaveAttribute('lang', language.htmlLang);
    await page.evaluate(() => document.fonts.ready);
    const screenshot = await page.screenshot({
      fullPage: true,
      path: testInfo.outputPath(`home-${language.locale}.png`),
    });
    await testInfo.attach(`home-${language.locale}`, { body: screenshot, contentType: 'image/png' });
  });
}

test('the chosen language survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('language-switcher').selectOption('th');
  await expect(page.getByTestId('home-title')).toHaveText(LANGUAGES[2].title);
  await page.reload();
  await expect(page.getByTestId('home-title')).toHaveText(LANGUAGES[2].title);
  await expect(page.getByTestId('language-switcher')).toHaveValue('th');
});

test('a first visit follows the browser language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('home-title')).toHaveText(LANGUAGES[1].title);
  await context.close();
});

test('deep links land in the app, and unknown pages say so', async ({ page }) => {
  await page.goto('/no/such/page');
  await page.getByTestId('language-switcher').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('the page loads nothing from other origins', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://localhost')) foreign.push(request.url());
  });
  await page.goto('/');
  await page.getByTestId('language-switcher').selectOption('zh');
  await page.evaluate(() => document.fonts.ready);
  expect(foreign).toEqual([]);
});
