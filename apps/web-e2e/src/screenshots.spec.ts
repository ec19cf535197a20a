import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { loginAs, useLanguage, type DemoRole } from './support/demo';

/*
 * Each role's home in each language, at a desk and on a phone, saved under
 * dist/web-e2e/screenshots for a person to look at (CI keeps them as
 * artifacts). They are not compared with anything: the other specs test.
 */

const LANGUAGES = ['zh', 'th', 'ms', 'en'] as const;

for (const who of ['public', 'trainee', 'instructor', 'partner', 'admin'] as const) {
  test(`screenshots of the ${who} home in four languages @phone`, async ({ page }, testInfo) => {
    const folder = join(testInfo.project.testDir, '../../../dist/web-e2e/screenshots', testInfo.project.name);
    if (who === 'public') await page.goto('/');
    else await loginAs(page, who as DemoRole);
    for (const language of LANGUAGES) {
      await useLanguage(page, language);
      await expect(page.locator('main h1').first()).toBeVisible();
      await expect(page.locator('main .loading, main [aria-busy="true"]').filter({ visible: true })).toHaveCount(0);
      await page.screenshot({ path: join(folder, `${who}-${language}.png`), fullPage: true });
    }
  });
}
