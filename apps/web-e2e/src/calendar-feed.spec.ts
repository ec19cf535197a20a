import { expect, request as playwrightRequest, test, type Locator } from '@playwright/test';
import { loginAs, useLanguage } from './support/demo';

/** What a calendar app does with the address: fetch it with no sign-in, no cookie, no header of ours. */
async function fetchAsCalendarApp(url: string) {
  const anonymous = await playwrightRequest.newContext();
  try {
    const response = await anonymous.get(url);
    return { status: response.status(), type: response.headers()['content-type'] ?? '', body: await response.text() };
  } finally {
    await anonymous.dispose();
  }
}

async function addressIn(dialog: Locator): Promise<string> {
  const field = dialog.getByTestId('calendar-feed-url');
  await expect(field).toHaveValue(/\/api\/v1\/calendar\/[A-Za-z0-9._-]+\.ics$/);
  return field.inputValue();
}

test('a trainee subscribes from My programs: the dialog copies her feed’s address, which answers without a header @phone', async ({
  browser,
}) => {
  // The page may write to and read from the clipboard, as a person's browser asks them to allow.
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await loginAs(page, 'trainee');
  await useLanguage(page, 'en');
  await page.goto('/my/programs');

  await page.getByTestId('subscribe-calendar').click();
  const dialog = page.getByTestId('calendar-feed-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Subscribe to your calendar' })).toBeVisible();
  const url = await addressIn(dialog);

  await dialog.getByTestId('copy-calendar-feed').click();
  await expect(dialog.getByTestId('calendar-feed-status')).toHaveText('Address copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // Each app's way in.
  const webcal = url.replace(/^https?:/, 'webcal:');
  const google = new URL((await dialog.getByTestId('subscribe-google').getAttribute('href')) as string);
  expect(`${google.origin}${google.pathname}`).toBe('https://calendar.google.com/calendar/r');
  expect(google.searchParams.get('cid')).toBe(webcal);
  const outlook = new URL((await dialog.getByTestId('subscribe-outlook').getAttribute('href')) as string);
  expect(`${outlook.origin}${outlook.pathname}`).toBe('https://outlook.live.com/calendar/0/addfromweb');
  expect(outlook.searchParams.get('url')).toBe(url);
  await expect(dialog.getByTestId('subscribe-webcal')).toHaveAttribute('href', webcal);

  // The address itself, as a calendar app fetches it.
  const feed = await fetchAsCalendarApp(url);
  expect(feed.status).toBe(200);
  expect(feed.type).toMatch(/^text\/calendar/);
  expect(feed.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(feed.body).toContain('BEGIN:VEVENT');

  // Reset: a new address after a confirmation; the old one stops working.
  await dialog.getByTestId('reset-calendar-feed').click();
  await page.getByTestId('confirm-yes').click();
  await expect(dialog.getByTestId('calendar-feed-status')).toHaveText(
    'You have a new address. Subscribe again with it.',
  );
  const fresh = await addressIn(dialog);
  expect(fresh).not.toBe(url);
  expect((await fetchAsCalendarApp(url)).status).toBe(404);
  expect((await fetchAsCalendarApp(fresh)).status).toBe(200);

  await dialog.getByTestId('close-calendar-feed').click();
  await expect(dialog).toBeHidden();
  await context.close();
});

test('an instructor finds the same subscription on the timetable, in their language @phone', async ({ page }) => {
  await loginAs(page, 'instructor');
  await useLanguage(page, 'th');
  await page.getByTestId('subscribe-calendar').click();
  const dialog = page.getByTestId('calendar-feed-dialog');
  await expect(dialog.getByRole('heading', { name: 'สมัครรับคาบเรียนลงในปฏิทินของคุณ' })).toBeVisible();
  const feed = await fetchAsCalendarApp(await addressIn(dialog));
  expect(feed.status).toBe(200);
  expect(feed.type).toMatch(/^text\/calendar/);
  expect(feed.body).toContain('BEGIN:VTIMEZONE');
});
