import {
  INITIAL_PRIVACY_NOTICE_VERSION,
  LOGISTICS_NOTICE_VERSION,
  type MyConsents,
  type PrivacyNotice,
  type ProblemDocument,
} from '@skillbridge/contracts';
import { AppConfig } from '@skillbridge/api/config';
import { Cast, createCast, REGISTRATION_CONSENTS } from './factories/accounts';
import { createProgram } from './factories/programs';
import { csvFile, HEADER, uniqueEmail } from './factories/trainees';
import { SmtpSink } from './support/smtp-sink';
import { api, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/eventually';

type Auth = { Authorization: string };

const V = INITIAL_PRIVACY_NOTICE_VERSION;

describe('privacy notice and consents (issue 23)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let cast: Cast;

  const fields = (body: ProblemDocument) => (body.errors ?? []).map((e) => e.field);
  const registration = (overrides: object = {}) => ({
    email: uniqueEmail('reg'),
    password: 'tea-and-mountains-42',
    fullName: 'นภา ศรีสุข',
    nationality: 'TH',
    preferredLocale: 'th',
    consents: REGISTRATION_CONSENTS,
    ...overrides,
  });
  const register = async (overrides: object = {}) => {
    const body = registration(overrides);
    const res = await t.http.post(api('/auth/register')).send(body);
    expect(res.status).toBe(201);
    return {
      email: body.email,
      userId: res.body.user.id as string,
      auth: { Authorization: `Bearer ${res.body.accessToken as string}` },
    };
  };
  const usersWith = async (email: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]))[0].n as number;
  const myConsents = async (auth: Auth) => {
    const res = await t.http.get(api('/me/consents')).set(auth);
    expect(res.status).toBe(200);
    return res.body as MyConsents;
  };
  const noticeBody = (version: string, overrides: object = {}) => ({
    version,
    text: { en: `Notice ${version}.\n\nSecond paragraph.`, th: `ประกาศ ${version}` },
    controller: { en: 'Tongren Polytechnic College', zh: '铜仁职业技术学院' },
    contact: 'dpo@tongren.example',
    ...overrides,
  });

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ OUTBOX_POLL_MS: '25', SMTP_URL: sink.url });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.down();
  });

  describe('the notice', () => {
    it('exists from the start, in four languages, public', async () => {
      const res = await t.http.get(api('/privacy-notice'));
      expect(res.status).toBe(200);
      const notice = res.body as PrivacyNotice;
      expect(notice.version).toBe(V);
      for (const lang of ['en', 'zh', 'th', 'ms'] as const) {
        expect(notice.text[lang]?.split('\n\n').length).toBeGreaterThanOrEqual(6);
        expect(notice.controller[lang]).toBeTruthy();
      }
      expect(notice.text.en).toContain('PIPL (art. 38–39)');
      expect(notice.text.en).toContain(`${notice.retentionYears} years`);
      expect(notice.retentionYears).toBe(5);
      const same = await t.http.get(api(`/privacy-notices/${V}`));
      expect(same.status).toBe(200);
      expect(same.body).toEqual(notice);
      expect((await t.http.get(api('/privacy-notices/1999-01'))).status).toBe(404);
      // Not a version's shape: refused before any query (never a 500).
      expect([400, 404]).toContain((await t.http.get(api('/privacy-notices/%00'))).status);
    });

    it('is published by admins only; a new version becomes current, the old one stays readable', async () => {
      for (const who of [cast.partner, cast.trainee, cast.instructor]) {
        expect((await t.http.get(api('/privacy-notices')).set(who.auth)).status).toBe(403);
        expect((await t.http.post(api('/privacy-notices')).set(who.auth).send(noticeBody('2030-01'))).status).toBe(403);
      }
      expect((await t.http.get(api('/privacy-notices'))).status).toBe(401);
      expect((await t.http.post(api('/privacy-notices')).send(noticeBody('2030-01'))).status).toBe(401);

      const res = await t.http.post(api('/privacy-notices')).set(cast.admin.auth).send(noticeBody('2030-01'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ version: '2030-01', retentionYears: 5, contact: 'dpo@tongren.example' });
      // Recipients omitted: today's partner institutions, with their countries.
      const recipients = (res.body as PrivacyNotice).recipients;
      expect(recipients).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ institutionId: cast.partnerA.id, country: 'TH' }),
          expect.objectContaining({ institutionId: cast.partnerB.id, country: 'TH' }),
        ]),
      );
      expect(recipients.find((r) => r.institutionId === cast.host.id)).toBeUndefined();

      expect((await t.http.get(api('/privacy-notice'))).body.version).toBe('2030-01');
      expect((await t.http.get(api(`/privacy-notices/${V}`))).body.version).toBe(V);
      const list = await t.http.get(api('/privacy-notices')).set(cast.admin.auth);
      expect(list.status).toBe(200);
      expect((list.body as PrivacyNotice[]).map((n) => n.version).slice(0, 2)).toEqual(['2030-01', V]);

      const again = await t.http.post(api('/privacy-notices')).set(cast.admin.auth).send(noticeBody('2030-01'));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('NOTICE_VERSION_EXISTS');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'privacy-notice.publish' AND details->>'version' = '2030-01'`,
      );
      expect(n).toBe(1);
    });

    it.each([
      [{ version: 'has space' }, 'version'],
      [{ text: {} }, 'text'],
      [{ controller: { fr: 'x' } }, 'controller'],
      [{ contact: '  ' }, 'contact'],
      [{ recipients: [{ institutionId: null, name: { en: 'X' }, country: 'XX' }] }, 'recipients[0].country'],
    ])('refuses %j naming %s', async (overrides, field) => {
      const res = await t.http
        .post(api('/privacy-notices'))
        .set(cast.admin.auth)
        .send(noticeBody('2030-02', overrides));
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain(field);
    });
  });

  describe('registration', () => {
    it.each([
      ['missing', undefined, 'consents'],
      ['without program administration', [{ purpose: 'program-news', noticeVersion: V }], 'consents'],
      [
        'an unknown version',
        [{ purpose: 'program-administration', noticeVersion: '1999-01' }],
        'consents[0].noticeVersion',
      ],
      ['an unknown purpose', [{ purpose: 'marketing', noticeVersion: V }], 'consents[0].purpose'],
    ])('refuses consents %s and creates nothing', async (_what, consents, field) => {
      const body = registration({ consents });
      const res = await t.http.post(api('/auth/register')).send(body);
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain(field);
      expect(await usersWith(body.email)).toBe(0);
    });

    it('says "required" when consents are missing', async () => {
      const res = await t.http.post(api('/auth/register')).send(registration({ consents: undefined }));
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'consents', code: 'IS_DEFINED' })]),
      );
    });

    it('records every consent given with its notice version, and audits it', async () => {
      const person = await register({
        consents: [...REGISTRATION_CONSENTS, { purpose: 'program-news', noticeVersion: V }],
      });
      const rows = (await t.dataSource.query(
        `SELECT purpose, notice_version, source, withdrawn_at FROM consents WHERE user_id = $1 ORDER BY purpose`,
        [person.userId],
      )) as { purpose: string; notice_version: string; source: string; withdrawn_at: Date | null }[];
      expect(rows).toEqual(
        ['cross-border-transfer', 'program-administration', 'program-news'].map((purpose) => ({
          purpose,
          notice_version: V,
          source: 'registration',
          withdrawn_at: null,
        })),
      );
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'consent.give' AND entity_id = $1`,
        [person.userId],
      );
      expect(n).toBe(3);
      const mine = await myConsents(person.auth);
      expect(mine.consents).toHaveLength(3);
      expect(mine.consents.find((c) => c.purpose === 'program-administration')).toMatchObject({
        noticeVersion: V,
        source: 'registration',
        withdrawnAt: null,
        erasureOnWithdrawal: true,
      });
      expect(mine.consents.find((c) => c.purpose === 'program-news')?.erasureOnWithdrawal).toBe(false);
      expect(mine.logistics).toEqual([]);
    });

    it('links the consents to the trainee record once the address is confirmed', async () => {
      const person = await register();
      const [mail] = await eventually(() => {
        const found = sink.to(person.email);
        return found.length ? found : undefined;
      }, 'the verification e-mail');
      const token = new URL(/https?:\/\/\S*verify-email\S*/.exec(mail.text)?.[0] ?? 'x:').searchParams.get('token');
      await t.http.post(api('/auth/verify-email')).send({ token }).expect(204);
      const rows = (await t.dataSource.query(
        `SELECT c.trainee_id, t.id AS trainee FROM consents c JOIN users u ON u.id = c.user_id
           JOIN trainees t ON t.user_id = u.id WHERE u.id = $1`,
        [person.userId],
      )) as { trainee_id: string | null; trainee: string }[];
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row.trainee_id).toBe(row.trainee);
    });
  });

  describe('on the profile page', () => {
    it('an optional consent is withdrawn (204, shown withdrawn) and given again; a required one needs erasure', async () => {
      const person = await register({
        consents: [...REGISTRATION_CONSENTS, { purpose: 'program-news', noticeVersion: V }],
      });
      const withdraw = (purpose: string) =>
        t.http
          .post(api(`/me/consents/${purpose}/withdraw`))
          .set(person.auth)
          .send();

      expect((await withdraw('program-news')).status).toBe(204);
      let mine = await myConsents(person.auth);
      const news = mine.consents.filter((c) => c.purpose === 'program-news');
      expect(news).toHaveLength(1);
      expect(news[0].withdrawnAt).not.toBeNull();
      // Again: nothing in force, nothing changes.
      expect((await withdraw('program-news')).status).toBe(204);

      for (const purpose of ['program-administration', 'cross-border-transfer']) {
        const res = await withdraw(purpose);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('CONSENT_NEEDS_ERASURE');
      }
      expect((await withdraw('marketing')).status).toBe(400);
      mine = await myConsents(person.auth);
      expect(mine.consents.filter((c) => c.withdrawnAt !== null).map((c) => c.purpose)).toEqual(['program-news']);

      const given = await t.http
        .post(api('/me/consents'))
        .set(person.auth)
        .send({ purpose: 'program-news', noticeVersion: V });
      expect(given.status).toBe(201);
      expect(given.body).toMatchObject({ purpose: 'program-news', source: 'profile', withdrawnAt: null });
      mine = await myConsents(person.auth);
      expect(mine.consents.filter((c) => c.purpose === 'program-news')).toHaveLength(2);
      const unknown = await t.http
        .post(api('/me/consents'))
        .set(person.auth)
        .send({ purpose: 'program-news', noticeVersion: '1999-01' });
      expect(unknown.status).toBe(400);
      expect(fields(unknown.body)).toContain('noticeVersion');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'consent.withdraw' AND entity_id = $1`,
        [person.userId],
      );
      expect(n).toBe(1);
    });

    it("never shows another user's consents", async () => {
      const first = await register({
        consents: [...REGISTRATION_CONSENTS, { purpose: 'program-news', noticeVersion: V }],
      });
      const second = await register();
      const a = await myConsents(first.auth);
      const b = await myConsents(second.auth);
      expect(a.consents).toHaveLength(3);
      expect(b.consents).toHaveLength(2);
      expect(b.consents.map((c) => c.id).filter((id) => a.consents.some((c) => c.id === id))).toEqual([]);
      // Withdrawing one's own touches nobody else's.
      await t.http.post(api('/me/consents/program-news/withdraw')).set(second.auth).send().expect(204);
      expect((await myConsents(first.auth)).consents.every((c) => c.withdrawnAt === null)).toBe(true);
      expect((await t.http.get(api('/me/consents'))).status).toBe(401);
    });
  });

  describe('logistics consents', () => {
    it('withdrawing one deletes the data it allowed, and new passport data needs a new consent', async () => {
      const program = await createProgram(
        t,
        cast.admin.auth,
        cast.host,
        {
          kind: 'camp',
          deliveryMode: 'onsite',
          meetingUrl: undefined,
          venue: 'Tongren Polytechnic College',
          timezone: 'Asia/Shanghai',
          startDate: '2030-07-01',
          endDate: '2030-07-10',
          partnerInstitutionIds: [cast.partnerA.id, cast.partnerB.id],
        },
        { publish: true },
      );
      const enrolled = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId: cast.trainee.user.traineeId });
      expect(enrolled.status).toBe(201);
      const enrolmentId = enrolled.body.id as string;
      await t.http
        .put(api(`/programs/${program.id}/logistics-settings`))
        .set(cast.admin.auth)
        .send({ collect: ['passport', 'dietary'] })
        .expect(200);
      const passport = {
        number: 'AA9876543',
        fullNameAsInPassport: 'JAIDEE SOMCHAI',
        nationality: 'TH',
        dateOfBirth: '2004-05-17',
        expiresOn: '2035-01-09',
      };
      const consent = (purpose: string) => ({ purpose, noticeVersion: LOGISTICS_NOTICE_VERSION, collected: 'self' });
      const put = (body: object) =>
        t.http
          .put(api(`/enrolments/${enrolmentId}/logistics`))
          .set(cast.trainee.auth)
          .send(body);
      const saved = await put({
        passport,
        dietary: { needs: ['halal'] },
        consents: [consent('passport'), consent('dietary')],
      });
      expect(saved.status).toBe(200);

      const mine = await myConsents(cast.trainee.auth);
      expect(mine.logistics).toHaveLength(2);
      const passportConsent = mine.logistics.find((c) => c.purpose === 'passport');
      expect(passportConsent).toMatchObject({
        enrolmentId,
        programId: program.id,
        programCode: program.code,
        collected: 'self',
        withdrawnAt: null,
      });
      // Nobody else withdraws it.
      for (const who of [cast.otherTrainee, cast.partner, cast.admin]) {
        const res = await t.http
          .post(api(`/me/logistics-consents/${passportConsent?.id}/withdraw`))
          .set(who.auth)
          .send();
        expect(res.status).toBe(404);
      }
      expect((await t.http.post(api('/me/logistics-consents/not-a-uuid/withdraw')).set(cast.trainee.auth)).status).toBe(
        400,
      );

      const res = await t.http
        .post(api(`/me/logistics-consents/${passportConsent?.id}/withdraw`))
        .set(cast.trainee.auth)
        .send();
      expect(res.status).toBe(204);
      const [row] = await t.dataSource.query(
        `SELECT passport_sealed, dietary_sealed FROM enrolment_logistics WHERE enrolment_id = $1`,
        [enrolmentId],
      );
      expect(row.passport_sealed).toBeNull();
      expect(row.dietary_sealed).not.toBeNull();
      const after = await t.http.get(api(`/enrolments/${enrolmentId}/logistics`)).set(cast.trainee.auth);
      expect(after.body.passport).toBeUndefined();
      expect(after.body.dietary).toEqual({ needs: ['halal'] });
      expect(after.body.consents.map((c: { purpose: string }) => c.purpose)).toEqual(['dietary']);
      expect(
        (await myConsents(cast.trainee.auth)).logistics.find((c) => c.id === passportConsent?.id)?.withdrawnAt,
      ).not.toBeNull();
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'logistics.passport_delete' AND entity_id = $1`,
        [enrolmentId],
      );
      expect(n).toBe(1);

      // The withdrawn consent is not on record: new passport data is refused until it is given again.
      const refused = await put({ passport });
      expect(refused.status).toBe(400);
      expect(fields(refused.body)).toContain('consents');
      const again = await put({ passport, consents: [consent('passport')] });
      expect(again.status).toBe(200);
      expect(again.body.passport).toEqual(passport);

      // Dietary: withdrawing deletes the dietary part.
      const dietary = (await myConsents(cast.trainee.auth)).logistics.find((c) => c.purpose === 'dietary');
      await t.http
        .post(api(`/me/logistics-consents/${dietary?.id}/withdraw`))
        .set(cast.trainee.auth)
        .send()
        .expect(204);
      const [later] = await t.dataSource.query(
        `SELECT passport_sealed, dietary_sealed FROM enrolment_logistics WHERE enrolment_id = $1`,
        [enrolmentId],
      );
      expect(later.dietary_sealed).toBeNull();
      expect(later.passport_sealed).not.toBeNull();
    });
  });

  describe('imports', () => {
    const importFile = (auth: Auth, file: Buffer, query: string) =>
      t.http
        .post(api(`/trainees/import${query}`))
        .set(auth)
        .attach('file', file, 'roster.csv');

    it('a real import needs the attestation; with it the import and a consent per created trainee are stored', async () => {
      const existing = uniqueEmail('known');
      await t.http
        .post(api('/trainees'))
        .set(cast.partner.auth)
        .send({ fullName: 'สมชาย ใจดี', email: existing, nationality: 'TH' })
        .expect(201);
      const created = [uniqueEmail('new'), uniqueEmail('new')];
      const file = csvFile([
        HEADER,
        ['มาลี ใจดี', 'Malee Jaidee', created[0], 'TH', '', 'th'],
        ['Aung Aung', 'Aung Aung', created[1], 'MM', '', 'en'],
        ['สมชาย ใจดี', 'Somchai Jaidee', existing, 'TH', '', 'th'],
      ]);

      // A dry run needs no attestation.
      expect((await importFile(cast.partner.auth, file, '?dryRun=true')).status).toBe(200);
      for (const [query, field] of [
        ['?dryRun=false', 'noticeVersion'],
        ['', 'informedAttested'],
        [`?dryRun=false&noticeVersion=${V}`, 'informedAttested'],
        [`?dryRun=false&noticeVersion=${V}&informedAttested=false`, 'informedAttested'],
        ['?dryRun=false&noticeVersion=1999-01&informedAttested=true', 'noticeVersion'],
      ]) {
        const res = await importFile(cast.partner.auth, file, query);
        expect(res.status).toBe(400);
        expect(fields(res.body)).toContain(field);
      }
      const none = await t.dataSource.query('SELECT count(*)::int AS n FROM trainees WHERE email = ANY($1)', [created]);
      expect(none[0].n).toBe(0);

      const res = await importFile(cast.partner.auth, file, `?dryRun=false&noticeVersion=${V}&informedAttested=true`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ committed: true, created: 2, updated: 1 });
      const imports = await t.dataSource.query(
        `SELECT institution_id, imported_by, notice_version, informed_attested, created, updated
           FROM trainee_imports WHERE imported_by = $1`,
        [cast.partner.user.id],
      );
      expect(imports).toEqual([
        {
          institution_id: cast.partnerA.id,
          imported_by: cast.partner.user.id,
          notice_version: V,
          informed_attested: true,
          created: 2,
          updated: 1,
        },
      ]);
      const consents = await t.dataSource.query(
        `SELECT t.email, c.purpose, c.notice_version, c.source, c.recorded_by, c.user_id
           FROM consents c JOIN trainees t ON t.id = c.trainee_id
          WHERE t.email = ANY($1) ORDER BY t.email`,
        [[...created, existing]],
      );
      expect(consents).toEqual(
        [...created].sort().map((email) => ({
          email,
          purpose: 'program-administration',
          notice_version: V,
          source: 'partner-attestation',
          recorded_by: cast.partner.user.id,
          user_id: null,
        })),
      );
    });
  });

  describe('e-mail', () => {
    it('every e-mail links the privacy notice, in the reader’s language', async () => {
      const publicUrl = t.app.get(AppConfig).publicUrl;
      const thai = await register({ preferredLocale: 'th' });
      const malay = await register({ preferredLocale: 'ms', fullName: 'Siti Nurhaliza' });
      const [th] = await eventually(() => {
        const found = sink.to(thai.email);
        return found.length ? found : undefined;
      }, 'the Thai verification e-mail');
      const [ms] = await eventually(() => {
        const found = sink.to(malay.email);
        return found.length ? found : undefined;
      }, 'the Malay verification e-mail');
      const link = `${publicUrl}/privacy`;
      expect(th.text).toContain(`ประกาศความเป็นส่วนตัว): ${link}`);
      expect(th.html).toContain(`<a href="${link}">${link}</a>`);
      expect(ms.text).toContain(`(notis privasi): ${link}`);
      expect(ms.html).toContain(`<a href="${link}">`);
    });
  });
});
