import { SUPPORTED_LOCALES, type ImportReport, type Locale } from '@skillbridge/contracts';
import { Cast, createCast } from './factories/accounts';
import { createProgram } from './factories/programs';
import { csvFile, HEADER, uniqueEmail } from './factories/trainees';
import { api, binary, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

/**
 * "Excel both ways": a roster exported in any of the four languages, as CSV
 * or XLSX, imports back as it is — headers in that language, the Latin name,
 * the nationality's code beside its name, would-be formulas defused on the
 * way out and whole again on the way in.
 */
describe('roster export → trainee import', () => {
  let t: TestApp;
  let cast: Cast;
  let programId: string;
  let ids: string[];

  /** The people as the import file first wrote them, and as every round trip must bring them back. */
  const people = [
    ['ศิริพร แก้วมณี', 'Siriphon Kaeomani', uniqueEmail('rt-th'), 'TH'],
    ['陈思远', 'Chen Siyuan', uniqueEmail('rt-zh'), 'CN'],
    ['Nguyễn Thị Thu Hằng', 'Nguyen Thi Thu Hang', uniqueEmail('rt-vn'), 'VN'],
    ['မောင်မောင်ဦး', 'Maung Maung Oo', uniqueEmail('rt-mm'), 'MM'],
    ['Nurul Ain binti Abdullah', 'Nurul Ain binti Abdullah', uniqueEmail('rt-my'), 'MY'],
    ['=1+1 "Ah Kow", Jr', '', uniqueEmail('rt-formula'), 'SG'],
  ];
  const expected = people
    .map(([fullName, fullNameLatin, email, nationality]) => ({
      full_name: fullName,
      full_name_latin: fullNameLatin || null,
      email,
      nationality,
    }))
    .sort((a, b) => a.email.localeCompare(b.email));

  const stored = async () =>
    (await t.dataSource.query(
      `SELECT full_name, full_name_latin, email, nationality, institution_id
         FROM trainees WHERE id = ANY($1::uuid[]) ORDER BY email`,
      [ids],
    )) as Record<string, string | null>[];

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { timezone: 'Asia/Yangon', capacity: 20 },
      { publish: true },
    );
    programId = program.id;
    const imported = await t.http
      .post(api('/trainees/import?dryRun=false&noticeVersion=2026-12&informedAttested=true'))
      .set(cast.partner.auth)
      .attach('file', csvFile([HEADER, ...people.map((p) => [...p, '', ''])]), 'people.csv');
    expect(imported.body).toMatchObject({ committed: true, created: people.length });
    ids = (
      (await t.dataSource.query('SELECT id FROM trainees WHERE email = ANY($1::text[])', [
        people.map((p) => p[2]),
      ])) as { id: string }[]
    ).map((r) => r.id);
    for (const traineeId of ids) {
      const enrolled = await t.http
        .post(api(`/programs/${programId}/enrolments`))
        .set(cast.partner.auth)
        .send({ traineeId });
      expect(enrolled.status).toBe(201);
    }
    expect((await stored()).map(({ institution_id: _, ...rest }) => rest)).toEqual(expected);
  });
  afterAll(() => t.close());

  const cases = SUPPORTED_LOCALES.flatMap((locale) => [
    { locale, format: 'csv' as const, who: 'partner' as const },
    { locale, format: 'xlsx' as const, who: 'admin' as const },
  ]);

  it.each(cases)('$locale $format, exported and imported by the $who, brings back the same people', async (run) => {
    const auth: Auth = run.who === 'admin' ? cast.admin.auth : cast.partner.auth;
    const exported = await t.http
      .get(api(`/programs/${programId}/roster.${run.format}`))
      .set(auth)
      .set('Accept-Language', run.locale)
      .buffer(true)
      .parse(binary);
    expect(exported.status).toBe(200);
    const file = exported.body as Buffer;

    // Lose the names, the Latin names and the nationalities (and, for the admin, the institution)…
    await t.dataSource.query(
      `UPDATE trainees SET full_name = 'lost', full_name_latin = NULL, nationality = 'US'
         ${run.who === 'admin' ? ', institution_id = NULL' : ''} WHERE id = ANY($1::uuid[])`,
      [ids],
    );

    // …the dry run reads every column from the headers of that language, and writes nothing…
    const upload = (dryRun: boolean) =>
      t.http
        .post(api(`/trainees/import?dryRun=${dryRun}&noticeVersion=2026-12&informedAttested=true`))
        .set(auth)
        .set('Accept-Language', run.locale as Locale)
        .attach('file', file, `roster.${run.format}`);
    const dry = await upload(true);
    expect(dry.status).toBe(200);
    const preview: ImportReport = dry.body;
    expect(preview).toMatchObject({ dryRun: true, committed: false, rows: people.length, created: 0, errors: [] });
    expect(preview.updated).toBe(people.length);
    expect(
      preview.preview
        ?.map((r) => ({
          full_name: r.fullName,
          full_name_latin: r.fullNameLatin || null,
          email: r.email,
          nationality: r.nationality,
          action: r.action,
        }))
        .sort((a, b) => a.email.localeCompare(b.email)),
    ).toEqual(expected.map((e) => ({ ...e, action: 'update' })));
    expect(new Set((await stored()).map((r) => r.full_name))).toEqual(new Set(['lost']));

    // …and the real run writes them back as they were.
    const real = await upload(false);
    expect(real.body).toMatchObject({ committed: true, created: 0, updated: people.length, errors: [] });
    const after = await stored();
    expect(after.map(({ institution_id: _, ...rest }) => rest)).toEqual(expected);
    expect(new Set(after.map((r) => r.institution_id))).toEqual(new Set([cast.partnerA.id]));
  });
});
