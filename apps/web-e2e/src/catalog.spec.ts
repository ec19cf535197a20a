import { expect, test } from '@playwright/test';
import type { Enrolment, Program, Trainee } from '@skillbridge/contracts';
import { Api } from './support/api';
import { loginAs, useLanguage } from './support/demo';

const DAY = 86_400_000;
const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** The demo's online course of 2024, closed with completions: completion freed all 300 seat counters. */
const COMPLETED_PROGRAM = 'TRPC-TH-ONLINE-2024';

test('the catalog shows what is still ahead, with Ended and Full badges, and past programs on request', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36).toUpperCase()}${testInfo.workerIndex}`;
  const code = (what: string) => `E2E-CAT-${stamp}-${what}`;
  const closesAt = new Date(Date.now() + 20 * DAY);
  const open = await admin.publishedProgram({
    code: code('OPEN'),
    enrolmentOpensAt: new Date(Date.now() - DAY).toISOString(),
    enrolmentClosesAt: closesAt.toISOString(),
  });
  const full = await admin.publishedProgram({ code: code('FULL'), capacity: 1 });
  const holder = await admin.call<Trainee>(
    'POST',
    '/trainees',
    { fullName: 'Trần Thị Mai', fullNameLatin: 'Tran Thi Mai', email: `mai.${stamp}@e2e.test`, nationality: 'VN' },
    201,
  );
  const seat = await admin.call<Enrolment>('POST', `/programs/${full.id}/enrolments`, { traineeId: holder.id }, 201);
  expect(seat.status).toBe('confirmed');
  const past = await admin.publishedProgram({ code: code('PAST'), startDate: isoDate(-40), endDate: isoDate(-36) });
  await admin.dispose();

  const card = (program: Program | string) =>
    page.locator(`[data-testid="program-card"][data-code="${typeof program === 'string' ? program : program.code}"]`);

  await loginAs(page, 'trainee');
  await useLanguage(page, 'en');
  await page.goto('/programs');
  await expect(page.getByTestId('include-past')).not.toBeChecked();
  await page.getByTestId('program-search').fill(stamp);
  await expect(page.getByTestId('program-card')).toHaveCount(2);
  await expect(card(past)).toHaveCount(0);

  // Open: no badge, free seats, and the enrolment window with its year.
  await expect(card(open).getByTestId('program-badge')).toHaveCount(0);
  await expect(card(open).getByTestId('program-seats')).toHaveText('20 of 20 seats left');
  await expect(card(open).getByTestId('program-enrolment-window')).toContainText(String(closesAt.getUTCFullYear()));
  // Full: said so, beside its seats.
  await expect(card(full).getByTestId('program-badge')).toHaveText('Full');
  await expect(card(full).getByTestId('program-seats')).toHaveText('0 of 1 seats left');

  // Only the past one searched for: the empty list says so and offers the next step, everything past included.
  await page.getByTestId('program-search').fill(code('PAST'));
  await expect(page.getByTestId('catalog-empty')).toBeVisible();
  await page.getByTestId('catalog-show-all').click();
  await expect(page.getByTestId('include-past')).toBeChecked();
  await expect(page.getByTestId('program-search')).toHaveValue('');
  await page.getByTestId('program-search').fill(stamp);

  // Past programs on request: Ended, and no seats offered.
  await page.getByTestId('include-past').check();
  await expect(page.getByTestId('program-card')).toHaveCount(3);
  await expect(card(past).getByTestId('program-badge')).toHaveText('Ended');
  await expect(card(past).getByTestId('program-seats')).toHaveCount(0);
  await expect(card(past).getByTestId('program-enrolment-window')).toHaveCount(0);

  // A completed program never says "300 of 300 seats left".
  await page.getByTestId('program-search').fill(COMPLETED_PROGRAM);
  await expect(page.getByTestId('program-card')).toHaveCount(1);
  await expect(card(COMPLETED_PROGRAM).getByTestId('program-badge')).toHaveText('Ended');
  await expect(card(COMPLETED_PROGRAM).getByTestId('program-seats')).toHaveCount(0);
  await expect(card(COMPLETED_PROGRAM)).not.toContainText('seats left');
  await page.screenshot({ path: testInfo.outputPath('catalog-past.png'), fullPage: true });

  // Its page names the zone in the viewer's language and says the badge too.
  await card(COMPLETED_PROGRAM).getByTestId('program-link').click();
  await expect(page.getByTestId('program-timezone')).toHaveText('China Standard Time');
  await expect(page.getByTestId('program-badge')).toHaveText('Ended');
  await expect(page.getByTestId('program-seats')).toHaveCount(0);
  await useLanguage(page, 'zh');
  await expect(page.getByTestId('program-timezone')).toHaveText('中国标准时间');
  await expect(page.getByTestId('program-badge')).toHaveText('已结束');
});

test('an admin sees a cancelled program marked Cancelled in the catalog', async ({ page }, testInfo) => {
  const admin = await Api.open(testInfo, 'admin');
  const program = await admin.publishedProgram({ code: `E2E-CAT-${Date.now().toString(36).toUpperCase()}-X` });
  await admin.call<Program>('POST', `/programs/${program.id}/cancel`, null, 200);
  await admin.dispose();

  await loginAs(page, 'admin');
  await useLanguage(page, 'ms');
  await page.goto('/programs');
  await page.getByTestId('program-search').fill(program.code);
  await expect(page.getByTestId('program-card')).toHaveCount(1);
  await expect(page.getByTestId('program-badge')).toHaveText('Dibatalkan');
  await expect(page.getByTestId('program-seats')).toHaveCount(0);
});

test('a partner’s roster counts only its own people, beside the program’s free seats', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const admin = await Api.open(testInfo, 'admin');
  const rmutt = await admin.institution('RMUTT');
  const sut = await admin.institution('SUT');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  // Open to every partner: two seats, both taken by another institution's people, and one of theirs waiting.
  const program = await admin.publishedProgram({ capacity: 2 });
  const person = async (who: string, institutionId: string) =>
    admin.call<Trainee>(
      'POST',
      '/trainees',
      {
        fullName: who,
        fullNameLatin: who,
        email: `${who.toLowerCase().replace(/\W/g, '')}.${stamp}@e2e.test`,
        nationality: 'TH',
        institutionId,
      },
      201,
    );
  const enrol = async (trainee: Trainee) =>
    (await admin.call<Enrolment>('POST', `/programs/${program.id}/enrolments`, { traineeId: trainee.id }, 201)).status;
  for (const who of ['Other One', 'Other Two']) expect(await enrol(await person(who, sut.id))).toBe('confirmed');
  expect(await enrol(await person('Other Three', sut.id))).toBe('waitlisted');
  expect(await enrol(await person('Own Waiting', rmutt.id))).toBe('waitlisted');
  await admin.dispose();

  await loginAs(page, 'partner');
  await useLanguage(page, 'en');
  await page.goto(`/partner/rosters/${program.id}`);
  await expect(page.getByTestId('roster-row')).toHaveCount(1);
  await expect(page.getByTestId('seat-gauge')).toHaveAttribute('data-scope', 'institution');
  await expect(page.getByTestId('seat-confirmed-text')).toHaveText('2 of 2 seats taken');
  await expect(page.getByTestId('seat-left')).toHaveText('Full');
  await expect(page.getByTestId('seat-own')).toBeVisible();
  // Its own: nobody confirmed, one waiting — not the program's two on the wait-list.
  await expect(page.getByTestId('seat-confirmed')).toHaveText('0');
  await expect(page.getByTestId('seat-waitlisted')).toHaveText('1');
  await expect(page.getByTestId('seat-pending')).toHaveText('0');
  await page.screenshot({ path: testInfo.outputPath('partner-roster-counts.png'), fullPage: true });
});
