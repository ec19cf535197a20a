import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, loginAs, openIn, openMenu, signOut } from './support/demo';

const HOMES = [
  {
    role: 'admin',
    path: '/admin',
    nav: ['工作台', '项目', '证书', '机构', '用户', '讲师', '审计日志', '隐私请求', '隐私告知', '邮箱'],
  },
  { role: 'instructor', path: '/instructor', nav: ['我的课表', '项目'] },
  { role: 'partner', path: '/partner', nav: ['本校学员', '项目'] },
  { role: 'trainee', path: '/trainee', nav: ['我的项目', '我的证书', '项目'] },
] as const;

for (const home of HOMES) {
  test(`the demo ${home.role} lands on their own home and sees only their navigation @phone`, async ({ page }) => {
    await loginAs(page, home.role);
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByTestId('home-heading')).toBeVisible();
    await page.getByTestId('language-switcher').selectOption('zh');
    await openMenu(page);
    await expect(page.getByTestId('main-nav').getByRole('link')).toHaveText([...home.nav]);
  });
}

test('the session survives a reload, and signing out ends it @phone', async ({ page }) => {
  await loginAs(page, 'partner');
  await page.reload();
  await expect(page.getByTestId('account-name')).toBeAttached();
  await expect(page).toHaveURL(/\/partner$/);
  await signOut(page);
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/partner');
  await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fpartner$/);
});

test('a trainee cannot open the admin screens @phone', async ({ page }) => {
  await loginAs(page, 'trainee');
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/trainee$/);
});

test('a wrong password shows a localized error @phone', async ({ page }) => {
  await openIn(page, 'th', '/sign-in');
  await page.getByTestId('email').fill(DEMO.partner);
  await page.getByTestId('password').fill('not-the-password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('ที่อยู่อีเมลหรือรหัสผ่านไม่ถูกต้อง');
  await expect(page).toHaveURL(/\/sign-in$/);
  // The right password still works afterwards.
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/partner$/);
});

test('a new trainee registers in Thai and lands on their home @phone', async ({ page }, testInfo) => {
  await openIn(page, 'th', '/register');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('สร้างบัญชีผู้เข้าอบรม');
  await page.getByTestId('full-name').fill('กมลชนก แสงทอง');
  await page.getByTestId('full-name-latin').fill('Kamonchanok Saengthong');
  await page.getByTestId('email').fill(`kamonchanok-${Date.now()}@example.ac.th`);
  // A weak password first: the server's reason appears next to the field, in Thai.
  await page.getByTestId('password').fill('1234567890');
  await page.getByTestId('nationality').selectOption('TH');
  await page.getByTestId('institution').selectOption({ label: 'มหาวิทยาลัยเทคโนโลยีราชมงคลธัญบุรี' });
  await page.getByTestId('consent-administration').check();
  await page.getByTestId('consent-transfer').check();
  await page.getByTestId('register-submit').click();
  await expect(page.locator('#reg-password-error')).toHaveText('เป็นรหัสผ่านที่ใช้กันทั่วไปเกินไป กรุณาเลือกรหัสผ่านที่เดายากกว่านี้');
  await page.screenshot({ path: testInfo.outputPath('register-th-error.png'), fullPage: true });

  await page.getByTestId('password').fill('ดอกบัว-เชียงใหม่-2567');
  await page.getByTestId('register-submit').click();
  await expect(page).toHaveURL(/\/trainee$/);
  await expect(page.getByTestId('home-heading')).toHaveText('ยินดีต้อนรับ กมลชนก แสงทอง');
});

test('an admin creates an institution with a name in several languages', async ({ page }) => {
  await loginAs(page, 'admin');
  await page.getByTestId('language-switcher').selectOption('en');
  await page.goto('/admin/institutions/new');
  const code = `NUOL${Date.now() % 10000}`;
  await page.getByTestId('institution-code').fill(code);
  await page.getByTestId('inst-name-en').fill('National University of Laos');
  await page.getByRole('tab', { name: 'ไทย' }).click();
  await page.getByTestId('inst-name-th').fill('มหาวิทยาลัยแห่งชาติลาว');
  await page.getByTestId('institution-country').selectOption('LA');
  await page.getByTestId('institution-save').click();
  await expect(page.getByTestId('form-saved')).toBeVisible();
  await page.goto('/admin/institutions');
  await page.getByTestId('institution-search').fill(code);
  await expect(page.getByTestId('institution-table')).toContainText('National University of Laos');
  await page.getByTestId('language-switcher').selectOption('th');
  await expect(page.getByTestId('institution-table')).toContainText('มหาวิทยาลัยแห่งชาติลาว');
});
