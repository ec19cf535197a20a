import { ErrorCode, Role } from '@skillbridge/contracts';
import { Cast, createCast, PASSWORD, REGISTRATION_CONSENTS, signIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createPartnerAProgram } from './factories/enrolments';
import { createProgram } from './factories/programs';
import { uniqueEmail } from './factories/trainees';
import { linkToken, mailCount, mailTo } from './support/mailbox';
import { api, startTestApp, TestApp } from './support/test-app';

/**
 * An account belongs to whoever owns its e-mail address (issue 16): a
 * self-registration proves the address before it may apply or claim the
 * trainee record a partner imported, and password reset, address changes and
 * the records' single place for a person's name all follow from that.
 */
describe('accounts proven by e-mail', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const registration = (email: string, overrides: object = {}) => ({
    email,
    password: 'irrawaddy-delta-2024',
    fullName: 'Dr. Forged Person',
    nationality: 'TH',
    preferredLocale: 'en',
    consents: REGISTRATION_CONSENTS,
    ...overrides,
  });
  /** What partner A imported: a trainee record (no account) with this e-mail. */
  async function importedTrainee(email = uniqueEmail('imported')) {
    const res = await t.http.post(api('/trainees')).set(cast.partner.auth).send({
      fullName: 'สมชาย ใจดี',
      fullNameLatin: 'Somchai Jaidee',
      email,
      nationality: 'TH',
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; email: string; institutionId: string };
  }
  async function register(email: string, overrides: object = {}) {
    const res = await t.http.post(api('/auth/register')).send(registration(email, overrides));
    expect(res.status).toBe(201);
    return res.body as { accessToken: string; user: { id: string; traineeId?: string } };
  }
  /** A published program open to anyone (no partner list). */
  const openProgram = () => createProgram(t, cast.admin.auth, cast.host, {}, { publish: true });
  const verify = (token: string) => t.http.post(api('/auth/verify-email')).send({ token });

  describe('the takeover of an imported trainee by someone who knows the e-mail', () => {
    it('gives the stranger an account that sees, changes and applies for nothing of the trainee', async () => {
      const victim = await importedTrainee();
      const program = await openProgram();
      const stranger = await register(victim.email);
      expect(stranger.user.traineeId).toBeUndefined();
      const auth = bearer(stranger.accessToken);

      const [link] = await t.dataSource.query('SELECT user_id FROM trainees WHERE id = $1', [victim.id]);
      expect(link.user_id).toBeNull();
      await t.http
        .get(api(`/trainees/${victim.id}`))
        .set(auth)
        .expect(404);
      await t.http
        .patch(api(`/trainees/${victim.id}`))
        .set(auth)
        .send({ fullName: 'Dr. Forged Person' })
        .expect(404);
      expect((await t.http.get(api('/me/enrolments')).set(auth)).body.items ?? []).toEqual([]);
      expect((await t.http.get(api('/me/certificates')).set(auth)).body.items ?? []).toEqual([]);
      const applied = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(auth)
        .send({});
      expect(applied.status).toBe(403);
      expect(applied.body.code).toBe(ErrorCode.EmailNotVerified);

      for (const token of [
        '',
        'not-a-token',
        `${victim.id}.AAAA`,
        linkToken(await mailTo(t, victim.email, 'email-verification')).replace(/.$/, 'x'),
      ]) {
        const res = await verify(token);
        expect({ token, status: res.status }).toEqual({ token, status: 400 });
      }
      const wrong = await verify('00000000-0000-4000-8000-000000000000.bm90LWEtbWFj');
      expect(wrong.body).toMatchObject({ status: 400, code: ErrorCode.TokenInvalid });
      const [after] = await t.dataSource.query('SELECT user_id, full_name FROM trainees WHERE id = $1', [victim.id]);
      expect(after).toEqual({ user_id: null, full_name: 'สมชาย ใจดี' });
    });

    it('lets the owner of the address take the account back with a password reset, which proves the address', async () => {
      const victim = await importedTrainee();
      const stranger = await register(victim.email);
      // The real person cannot register (the address is taken) — but can reset the password by e-mail.
      await t.http.post(api('/auth/register')).send(registration(victim.email)).expect(409);
      await t.http.post(api('/auth/password-reset')).send({ email: victim.email }).expect(202);
      const token = linkToken(await mailTo(t, victim.email, 'password-reset'));
      await t.http
        .post(api('/auth/password-reset/confirm'))
        .send({ token, password: 'my-own-new-secret-77' })
        .expect(204);

      await t.http.get(api('/auth/me')).set(bearer(stranger.accessToken)).expect(401);
      await t.http.post(api('/auth/login')).send({ email: victim.email, password: 'irrawaddy-delta-2024' }).expect(401);
      const owner = await signIn(t, victim.email, 'my-own-new-secret-77');
      // Linked to the partner's record, whose name and institution stay as the partner entered them.
      expect(owner.user).toMatchObject({
        emailVerified: true,
        traineeId: victim.id,
        fullName: 'สมชาย ใจดี',
        institutionId: cast.partnerA.id,
      });
    });
  });

  describe('verification', () => {
    it('links the imported record once the owner follows the e-mailed link, once', async () => {
      const imported = await importedTrainee();
      const other = await createInstitution(t.dataSource, { kind: 'partner' });
      const account = await register(imported.email, { institutionId: other.id, fullNameLatin: 'S. Jaidee' });
      const mail = await mailTo(t, imported.email, 'email-verification');
      expect(mail.subject).toContain('Confirm your e-mail address');
      const token = linkToken(mail);
      expect(mail.text).toContain(`/verify-email?token=${encodeURIComponent(token)}`);

      await verify(token).expect(204);
      const me = await t.http.get(api('/auth/me')).set(bearer(account.accessToken));
      // The trainee row is the one place for name, institution and language: the partner's record wins.
      expect(me.body).toMatchObject({
        emailVerified: true,
        traineeId: imported.id,
        institutionId: cast.partnerA.id,
        fullName: 'สมชาย ใจดี',
      });
      const again = await verify(token);
      expect(again.status).toBe(400);
      expect(again.body.code).toBe(ErrorCode.TokenInvalid);

      const program = await createPartnerAProgram(t, cast);
      const applied = await t.http.post(api(`/programs/${program.id}/enrolments`)).set(bearer(account.accessToken));
      expect(applied.status).toBe(201);
      expect(applied.body.status).toBe('pending');
    });

    it('makes a new trainee record from the registration when none exists', async () => {
      const email = uniqueEmail('fresh');
      const account = await register(email, { institutionId: cast.partnerA.id, preferredLocale: 'ms' });
      await verify(linkToken(await mailTo(t, email, 'email-verification'))).expect(204);
      const me = await t.http.get(api('/auth/me')).set(bearer(account.accessToken));
      expect(me.body).toMatchObject({ institutionId: cast.partnerA.id, preferredLocale: 'ms' });
      const [row] = await t.dataSource.query(
        `SELECT t.full_name, t.institution_id, u.full_name AS user_name, u.institution_id AS user_institution,
                u.preferred_locale AS user_locale, u.pending_profile
           FROM trainees t JOIN users u ON u.id = t.user_id WHERE t.id = $1`,
        [me.body.traineeId],
      );
      expect(row).toEqual({
        full_name: 'Dr. Forged Person',
        institution_id: cast.partnerA.id,
        user_name: null,
        user_institution: null,
        user_locale: null,
        pending_profile: null,
      });
    });

    it('refuses an expired link with the same answer as a wrong one', async () => {
      const email = uniqueEmail('late');
      await register(email);
      const token = linkToken(await mailTo(t, email, 'email-verification'));
      await t.dataSource.query(
        `UPDATE account_tokens SET expires_at = now() - interval '1 second'
          WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
        [email],
      );
      const res = await verify(token);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.TokenInvalid);
      const wrong = await verify(token.replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0')));
      expect({ ...res.body, requestId: 0, instance: 0 }).toEqual({ ...wrong.body, requestId: 0, instance: 0 });
    });

    it('sends the link again when asked, at most once a minute, and never lists it among notifications', async () => {
      const email = uniqueEmail('resend');
      const account = await register(email);
      const auth = bearer(account.accessToken);
      const first = linkToken(await mailTo(t, email, 'email-verification'));
      const throttled = await t.http.post(api('/auth/verify-email/resend')).set(auth);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      await t.dataSource.query(
        `UPDATE audit_events SET occurred_at = occurred_at - interval '2 minutes' WHERE subject = $1`,
        [email],
      );
      await t.http.post(api('/auth/verify-email/resend')).set(auth).expect(202);
      expect(await mailCount(t, email, 'email-verification')).toBe(2);
      const second = linkToken(await mailTo(t, email, 'email-verification'));
      expect(second).not.toBe(first);
      await verify(second).expect(204);
      // Verified: nothing more to send.
      await t.http.post(api('/auth/verify-email/resend')).set(auth).expect(202);
      expect(await mailCount(t, email, 'email-verification')).toBe(2);
      const listed = await t.http.get(api('/notifications')).set(auth);
      expect(listed.body.items).toEqual([]);
      await t.http.post(api('/auth/verify-email/resend')).expect(401);
    });

    it('keeps no usable token in the database: only hashes, and no link in the stored notification', async () => {
      const email = uniqueEmail('stored');
      await register(email);
      const token = linkToken(await mailTo(t, email, 'email-verification'));
      const secret = token.split('.')[1];
      const [stored] = await t.dataSource.query(
        `SELECT (SELECT params::text FROM notifications WHERE email = $1) AS params,
                (SELECT encode(token_hash, 'base64') FROM account_tokens a JOIN users u ON u.id = a.user_id
                  WHERE u.email = $1) AS hash`,
        [email],
      );
      expect(stored.params).not.toContain(secret);
      expect(stored.hash).not.toContain(secret);
    });
  });

  describe('registration', () => {
    it('names only a partner institution (400 naming institutionId otherwise), and writes nothing', async () => {
      for (const kind of ['host', 'enterprise'] as const) {
        const institution = await createInstitution(t.dataSource, { kind });
        const email = uniqueEmail('kind');
        const res = await t.http
          .post(api('/auth/register'))
          .send(registration(email, { institutionId: institution.id }));
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          expect.objectContaining({ field: 'institutionId', code: 'INSTITUTION_KIND' }),
        ]);
        const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
        expect(n).toBe(0);
      }
    });

    it('sends a trainee without a partner to the admins’ review queue where the host reviews, and tells the admins', async () => {
      const email = uniqueEmail('independent');
      const account = await register(email);
      await verify(linkToken(await mailTo(t, email, 'email-verification'))).expect(204);
      // Without host review, someone of no partner institution would take a seat at once (issue 22).
      const program = await createProgram(t, cast.admin.auth, cast.host, { hostReview: true }, { publish: true });
      const partnerMails = await mailCount(t, cast.partner.user.email, 'application-received');
      const applied = await t.http.post(api(`/programs/${program.id}/enrolments`)).set(bearer(account.accessToken));
      expect(applied.body.status).toBe('pending');
      const notice = await mailTo(t, cast.admin.user.email, 'application-received');
      expect(notice.text).toContain('/admin/applications');
      expect(await mailCount(t, cast.partner.user.email, 'application-received')).toBe(partnerMails);
      await t.http
        .post(api(`/enrolments/${applied.body.id}/approve`))
        .set(cast.partner.auth)
        .expect(404);
      const approved = await t.http.post(api(`/enrolments/${applied.body.id}/approve`)).set(cast.admin.auth);
      expect(approved.body.status).toBe('confirmed');
    });

    it('counts an account an admin creates as verified and links the imported record at once', async () => {
      const imported = await importedTrainee();
      const res = await t.http.post(api('/users')).set(cast.admin.auth).send({
        email: imported.email,
        password: PASSWORD,
        fullName: 'ignored for an existing record',
        role: Role.Trainee,
        nationality: 'TH',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ emailVerified: true, traineeId: imported.id, fullName: 'สมชาย ใจดี' });
    });
  });

  describe('one place for a person’s name, institution and language', () => {
    it('shows a trainee’s own change and their partner’s change in the account and the record alike', async () => {
      const imported = await importedTrainee();
      const account = await register(imported.email);
      await verify(linkToken(await mailTo(t, imported.email, 'email-verification'))).expect(204);
      const auth = bearer(account.accessToken);
      await t.http
        .patch(api('/auth/me'))
        .set(auth)
        .send({ fullName: 'สมชาย ใจดีมาก', preferredLocale: 'zh' })
        .expect(200);
      const record = await t.http.get(api(`/trainees/${imported.id}`)).set(cast.partner.auth);
      expect(record.body).toMatchObject({ fullName: 'สมชาย ใจดีมาก', preferredLocale: 'zh' });
      await t.http
        .patch(api(`/trainees/${imported.id}`))
        .set(cast.partner.auth)
        .send({ fullName: 'สมชาย ใจงาม' })
        .expect(200);
      const me = await t.http.get(api('/auth/me')).set(auth);
      expect(me.body).toMatchObject({
        fullName: 'สมชาย ใจงาม',
        preferredLocale: 'zh',
        institutionId: cast.partnerA.id,
      });
      const listed = await t.http.get(api(`/users?q=${encodeURIComponent('ใจงาม')}`)).set(cast.admin.auth);
      expect(listed.body.items.map((u: { id: string }) => u.id)).toEqual([account.user.id]);
    });
  });

  describe('password reset', () => {
    it('answers a known and an unknown address identically, and e-mails only the known one', async () => {
      const known = cast.otherTrainee.user.email;
      const unknown = uniqueEmail('nobody');
      const a = await t.http.post(api('/auth/password-reset')).send({ email: unknown });
      const b = await t.http.post(api('/auth/password-reset')).send({ email: known });
      expect(a.status).toBe(202);
      expect(b.status).toBe(202);
      expect(a.text).toBe(b.text);
      const headers = (h: Record<string, string>) =>
        Object.keys(h)
          .filter((k) => !['date', 'x-request-id'].includes(k))
          .sort();
      expect(headers(a.headers)).toEqual(headers(b.headers));
      await mailTo(t, known, 'password-reset');
      expect(await mailCount(t, unknown, 'password-reset')).toBe(0);
      const bad = await t.http.post(api('/auth/password-reset')).send({ email: 'not-an-address' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('email');
    });

    it('sets the password once with a 30-minute token, signs out everywhere and tells the owner', async () => {
      const email = uniqueEmail('reset');
      await register(email);
      const first = await signIn(t, email, 'irrawaddy-delta-2024');
      const second = await signIn(t, email, 'irrawaddy-delta-2024');
      await t.http.post(api('/auth/password-reset')).send({ email }).expect(202);
      const token = linkToken(await mailTo(t, email, 'password-reset'));
      const [life] = await t.dataSource.query(
        `SELECT extract(epoch FROM expires_at - created_at)::int AS seconds FROM account_tokens
          WHERE purpose = 'password-reset' AND email = $1`,
        [email],
      );
      expect(life.seconds).toBe(1800);

      const weak = await t.http.post(api('/auth/password-reset/confirm')).send({ token, password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].field).toBe('password');
      const named = await t.http
        .post(api('/auth/password-reset/confirm'))
        .send({ token, password: `${email.split('@')[0]}-2024` });
      expect(named.body.errors[0]).toMatchObject({ field: 'password', code: 'PASSWORD_NOT_EMAIL' });

      await t.http
        .post(api('/auth/password-reset/confirm'))
        .send({ token, password: 'salween-river-1988' })
        .expect(204);
      const reused = await t.http
        .post(api('/auth/password-reset/confirm'))
        .send({ token, password: 'mekong-river-1999' });
      expect(reused.body.code).toBe(ErrorCode.TokenInvalid);

      for (const session of [first, second]) {
        await t.http.get(api('/auth/me')).set(session.auth).expect(401);
        await t.http.post(api('/auth/refresh')).set('Cookie', session.cookie).expect(401);
      }
      await t.http.post(api('/auth/login')).send({ email, password: 'irrawaddy-delta-2024' }).expect(401);
      const fresh = await signIn(t, email, 'salween-river-1988');
      expect(fresh.user.emailVerified).toBe(true);
      const notice = await mailTo(t, email, 'password-changed');
      expect(notice.text).toContain('/forgot-password');
    });

    it('refuses an expired reset token', async () => {
      const email = cast.trainee.user.email;
      await t.http.post(api('/auth/password-reset')).send({ email }).expect(202);
      const token = linkToken(await mailTo(t, email, 'password-reset'));
      await t.dataSource.query(
        `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'password-reset' AND email = $1`,
        [email],
      );
      const res = await t.http
        .post(api('/auth/password-reset/confirm'))
        .send({ token, password: 'salween-river-1988' });
      expect(res.body.code).toBe(ErrorCode.TokenInvalid);
      await signIn(t, email);
    });
  });

  describe('changing the e-mail address', () => {
    it('asks for the password, confirms the new address by its own link and tells the old one', async () => {
      const email = uniqueEmail('mover');
      const account = await register(email);
      await verify(linkToken(await mailTo(t, email, 'email-verification'))).expect(204);
      const auth = bearer(account.accessToken);
      const newEmail = uniqueEmail('moved');
      const wrong = await t.http.post(api('/auth/email')).set(auth).send({ newEmail, password: 'not-my-password-1' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0].field).toBe('password');
      const taken = await t.http
        .post(api('/auth/email'))
        .set(auth)
        .send({ newEmail: cast.partner.user.email, password: 'irrawaddy-delta-2024' });
      expect(taken.status).toBe(409);
      await t.http.post(api('/auth/email')).set(auth).send({ newEmail, password: 'irrawaddy-delta-2024' }).expect(202);
      expect((await t.http.get(api('/auth/me')).set(auth)).body.email).toBe(email);
      await verify(linkToken(await mailTo(t, newEmail, 'email-change'))).expect(204);
      const me = await t.http.get(api('/auth/me')).set(auth);
      expect(me.body.email).toBe(newEmail);
      const [row] = await t.dataSource.query('SELECT email FROM trainees WHERE id = $1', [me.body.traineeId]);
      expect(row.email).toBe(newEmail);
      // The address is shown unlinkable (zero-width non-joiners around its dots and @), as typed text is.
      expect((await mailTo(t, email, 'email-changed')).text.replace(/\u200c/g, '')).toContain(newEmail);
      await signIn(t, newEmail, 'irrawaddy-delta-2024');
    });
  });
});
