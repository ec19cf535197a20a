import { expect, type Page } from '@playwright/test';

/** The demo accounts `npm start` creates (README); every password is the same. */
export const DEMO = {
  admin: 'admin@skillbridge.test',
  instructor: 'instructor@skillbridge.test',
  partner: 'partner@skillbridge.test',
  trainee: 'trainee@skillbridge.test',
} as const;
export const DEMO_PASSWORD = 'skillbridge-demo';

export type DemoRole = keyof typeof DEMO;

/** Opens the app in the given language (the switcher remembers it). */
export async function openIn(page: Page, locale: 'en' | 'zh' | 'th' | 'ms', path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByTestId('language-switcher').selectOption(locale);
}

const HTML_LANG = { en: 'en', zh: 'zh-CN', th: 'th', ms: 'ms' } as const;

/**
 * Picks a language in the switcher and waits until the page speaks it (the
 * choice is remembered only then, so a navigation right after keeps it).
 */
export async function useLanguage(page: Page, locale: keyof typeof HTML_LANG): Promise<void> {
  await page.getByTestId('language-switcher').selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', HTML_LANG[locale]);
}

/** Signs in through the sign-in page, as a person would. */
export async function loginAs(page: Page, role: DemoRole, password = DEMO_PASSWORD): Promise<void> {
  await signIn(page, DEMO[role], password);
}

/** Signs in any account (one a test created) through the sign-in page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  // Attached, not visible: on a phone the account's name sits in the closed menu drawer.
  await expect(page.getByTestId('account-name')).toBeAttached();
  // The app then leaves the sign-in page; a menu opened before that navigation ends would close with it.
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** On a phone, opens the menu drawer (the navigation and the account are in it); at a desk, does nothing. */
export async function openMenu(page: Page): Promise<void> {
  const button = page.getByTestId('menu-button');
  if (!(await button.isVisible())) return;
  // The drawer closes whenever a navigation ends (as it should after following a link); one still under way when
  // the button was tapped closes it again, so tap again as a person would.
  await expect(async () => {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await expect(page.getByTestId('main-nav')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 10_000 });
}

/** Follows a link of the main navigation by its name, through the menu drawer on a phone. */
export async function navigateTo(page: Page, name: string): Promise<void> {
  await openMenu(page);
  await page.getByTestId('main-nav').getByRole('link', { name }).click();
}

/** Signs out with the button in the top bar (in the menu drawer on a phone). */
export async function signOut(page: Page): Promise<void> {
  await openMenu(page);
  await page.getByTestId('sign-out').click();
}
