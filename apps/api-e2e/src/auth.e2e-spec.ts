import { ProblemDocument, Role } from '@skillbridge/contracts';
import { createHmac } from 'node:crypto';
import { createAccount, createSignedIn, PASSWORD, REGISTRATION_CONSENTS, signIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { api, startTestApp, TestApp, TEST_JWT_SECRET } from './support/test-app';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function forge(payload: object, secret = TEST_JWT_SECRET, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('POST /auth/login', () => {
    it('returns an access token, the user, and an HttpOnly SameSite=Strict refresh cookie', async () => {
      const user = await createAccount(t, { role: Role.Admin });
      const res = await t.http.post(api('/auth/login')).send({ email: user.email.toUpperCase(), password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        accessToken: expect.any(String),
        expiresIn: 900,
        user: { id: user.id, role: 'admin' },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$argon2/);
      const cookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('sb_refresh='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it.each([
      ['a wrong password', (email: string) => ({ email, password: 'not-the-password-1' })],
      ['an unknown e-mail', () => ({ email: 'nobody@e2e.test', password: PASSWORD })],
    ])('answers %s with the same localized 401', async (_case, body) => {
      const user = await createAccount(t, { role: Role.Trainee });
      const res = await t.http.post(api('/auth/login')).set('Accept-Language', 'th').send(body(user.email));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', title: 'เข้าสู่ระบบไม่สำเร็จ' });
    });

    it('refuses a disabled account even with the right password', async () => {
      const admin = await createSignedIn(t, { role: Role.Admin });
      const user = await createAccount(t, { role: Role.Admin });
      await t.http
        .patch(api(`/users/${user.id}`))
        .set(admin.auth)
        .send({ disabled: true })
        .expect(200);
      const res = await t.http.post(api('/auth/login')).send({ email: user.email, password: PASSWORD });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('validates the body', async () => {
      const res = await t.http.post(api('/auth/login')).send({ email: 'not-an-email', password: '' });
      expect(res.status).toBe(400);
      expect((res.body as ProblemDocument).errors?.map((e) => e.field).sort()).toEqual(['email', 'password']);
    });
  });

  describe('POST /auth/register', () => {
    const registration = (overrides: object = {}) => ({
      email: `reg-${Math.random().toString(16).slice(2)}@e2e.test`,
      password: 'tea-and-mountains-42',
      fullName: 'นภา ศรีสุข',
      fullNameLatin: 'Napha Srisuk',
      nationality: 'TH',
      preferredLocale: 'th',
      consents: REGISTRATION_CONSENTS,
      ...overrides,
    });

    it('creates an unverified trainee account without a profile yet, signs in, and e-mails the link', async () => {
      const institution = await createInstitution(t.dataSource);
      const body = registration({ institutionId: institution.id });
      const res = await t.http.post(api('/auth/register')).send(body);
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({
        email: body.email,
        role: 'trainee',
        fullName: 'นภา ศรีสุข',
        institutionId: null,
        preferredLocale: 'th',
        emailVerified: false,
        mfaEnabled: false,
      });
      expect(res.body.user.traineeId).toBeUndefined();
      const me = await t.http.get(api('/auth/me')).set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.body).toMatchObject({ id: res.body.user.id, emailVerified: false });
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM trainees WHERE email = $1', [
        body.email,
      ]);
      expect(count).toBe(0);
      const [mail] = await t.dataSource.query('SELECT kind, locale, user_id FROM notifications WHERE email = $1', [
        body.email,
      ]);
      expect(mail).toEqual({ kind: 'email-verification', locale: 'th', user_id: null });
    });

    it('answers an e-mail that is already registered with 409, in any letter case', async () => {
      const body = registration();
      await t.http.post(api('/auth/register')).send(body).expect(201);
      const res = await t.http.post(api('/auth/register')).send({ ...body, email: body.email.toUpperCase() });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('EMAIL_ALREADY_REGISTERED');
      expect(res.body.errors[0].field).toBe('email');
    });

    it.each([
      ['too short', 'short-pw', 'PASSWORD_LENGTH'],
      ['the e-mail', 'napha.srisuk@e2e.test', 'PASSWORD_NOT_EMAIL'],
      ['the e-mail name', 'napha.srisuk-2024', 'PASSWORD_NOT_EMAIL'],
      ['a common password', 'Password123', 'PASSWORD_NOT_COMMON'],
    ])('refuses a password that is %s, naming the rule in the caller’s language', async (_case, password, code) => {
      const res = await t.http
        .post(api('/auth/register'))
        .set('Accept-Language', 'zh')
        .send(registration({ email: 'napha.srisuk@e2e.test', password }));
      expect(res.status).toBe(400);
      const error = (res.body as ProblemDocument).errors?.find((e) => e.field === 'password');
      expect(error?.code).toBe(code);
      expect(error?.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it.each([
      [{ role: 'admin' }, 'role', 'UNKNOWN_FIELD'],
      [{ institutionId: '00000000-0000-4000-8000-000000000000' }, 'institutionId', 'UNKNOWN_INSTITUTION'],
      [{ nationality: 'XX' }, 'nationality', 'IS_COUNTRY_CODE'],
      [{ nationality: undefined }, 'nationality', 'IS_COUNTRY_CODE'],
      [{ preferredLocale: 'fr' }, 'preferredLocale', 'IS_IN'],
      [{ fullName: '   ' }, 'fullName', 'IS_NOT_EMPTY'],
    ])('refuses %j (field %s) and creates nothing', async (overrides, field, code) => {
      const body = registration(overrides);
      const res = await t.http.post(api('/auth/register')).send(body);
      expect(res.status).toBe(400);
      expect((res.body as ProblemDocument).errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, code })]),
      );
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM users WHERE email = $1', [
        body.email,
      ]);
      expect(count).toBe(0);
    });
  });

  describe('tokens', () => {
    it('GET /auth/me needs a token and returns the caller with role and institution', async () => {
      await t.http.get(api('/auth/me')).expect(401);
      const institution = await createInstitution(t.dataSource);
      const partner = await createSignedIn(t, { role: Role.Partner, institutionId: institution.id });
      const res = await t.http.get(api('/auth/me')).set(partner.auth);
      expect(res.body).toMatchObject({ id: partner.user.id, role: 'partner', institutionId: institution.id });
    });

    it('refuses tokens that are forged, tampered, expired, signed with another secret or with alg none', async () => {
      const admin = await createSignedIn(t, { role: Role.Admin });
      const now = Math.floor(Date.now() / 1000);
      const { sid } = JSON.parse(Buffer.from(admin.token.split('.')[1], 'base64url').toString());
      const claims = {
        sub: admin.user.id,
        role: 'admin',
        ver: 0,
        sid,
        iss: 'skillbridge',
        aud: 'skillbridge-api',
        iat: now,
        exp: now + 600,
      };
      expect(forge(claims)).not.toBe(admin.token);
      await t.http
        .get(api('/auth/me'))
        .set('Authorization', `Bearer ${forge(claims)}`)
        .expect(200); // the forger has our secret: sanity
      const [h, p, s] = admin.token.split('.');
      const tampered = `${h}.${b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin', sub: '00000000-0000-4000-8000-000000000000' })}.${s}`;
      const cases = [
        forge(claims, 'some-other-secret-that-is-long-enough-too'),
        forge({ ...claims, exp: now - 10, iat: now - 1000 }),
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
        forge(claims, TEST_JWT_SECRET, { alg: 'HS512', typ: 'JWT' }),
        forge({ ...claims, aud: 'someone-else' }),
        tampered,
        'not-a-jwt',
      ];
      for (const token of cases) {
        const res = await t.http.get(api('/auth/me')).set('Authorization', `Bearer ${token}`);
        expect({ token, status: res.status }).toEqual({ token, status: 401 });
        expect(res.headers['www-authenticate']).toBe('Bearer');
      }
    });

    it('stops a token working once its account is disabled, deleted or given another role', async () => {
      const admin = await createSignedIn(t, { role: Role.Admin });
      const institution = await createInstitution(t.dataSource);
      for (const change of ['disable', 'delete', 'role'] as const) {
        const victim = await createSignedIn(t, { role: Role.Partner, institutionId: institution.id });
        await t.http.get(api('/auth/me')).set(victim.auth).expect(200);
        if (change === 'disable')
          await t.http
            .patch(api(`/users/${victim.user.id}`))
            .set(admin.auth)
            .send({ disabled: true })
            .expect(200);
        if (change === 'delete')
          await t.http
            .delete(api(`/users/${victim.user.id}`))
            .set(admin.auth)
            .expect(204);
        if (change === 'role')
          await t.http
            .patch(api(`/users/${victim.user.id}`))
            .set(admin.auth)
            .send({ role: 'admin' })
            .expect(200);
        await t.http.get(api('/auth/me')).set(victim.auth).expect(401);
        await t.http.post(api('/auth/refresh')).set('Cookie', victim.cookie).expect(401);
      }
    });
  });

  describe('refresh and sign-out', () => {
    it('rotates the refresh token; replaying a spent one revokes the whole session', async () => {
      const user = await createSignedIn(t, { role: Role.Admin });
      const first = await t.http.post(api('/auth/refresh')).set('Cookie', user.cookie);
      expect(first.status).toBe(200);
      expect(first.body.user.id).toBe(user.user.id);
      const next = ([] as string[])
        .concat(first.headers['set-cookie'])
        .find((c) => c.startsWith('sb_refresh='))
        ?.split(';')[0];
      expect(next).toBeDefined();
      expect(next).not.toBe(user.cookie);
      await t.http.get(api('/auth/me')).set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);

      await t.http.post(api('/auth/refresh')).set('Cookie', user.cookie).expect(401); // replay of the spent token
      await t.http
        .post(api('/auth/refresh'))
        .set('Cookie', next as string)
        .expect(401); // …took its successor with it
    });

    it('signs out: the refresh cookie stops working and is cleared', async () => {
      const user = await createSignedIn(t, { role: Role.Trainee });
      const res = await t.http.post(api('/auth/logout')).set('Cookie', user.cookie);
      expect(res.status).toBe(204);
      expect(([] as string[]).concat(res.headers['set-cookie']).join()).toMatch(/sb_refresh=;/);
      await t.http.post(api('/auth/refresh')).set('Cookie', user.cookie).expect(401);
      await t.http.post(api('/auth/refresh')).expect(401);
    });

    it('changing the password ends other sessions and keeps this one', async () => {
      const user = await createSignedIn(t, { role: Role.Trainee });
      const elsewhere = await signIn(t, user.user.email);
      const res = await t.http
        .post(api('/auth/password'))
        .set(user.auth)
        .send({ currentPassword: PASSWORD, newPassword: 'golden-triangle-2025' });
      expect(res.status).toBe(200);
      await t.http.get(api('/auth/me')).set(elsewhere.auth).expect(401);
      await t.http.post(api('/auth/refresh')).set('Cookie', elsewhere.cookie).expect(401);
      await t.http.get(api('/auth/me')).set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      await signIn(t, user.user.email, 'golden-triangle-2025');
      const wrong = await t.http
        .post(api('/auth/password'))
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .send({ currentPassword: 'not-my-password', newPassword: 'another-long-pass-99' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0].field).toBe('currentPassword');
    });

    it('lets a user change their own language and time zone, and nothing else', async () => {
      const user = await createSignedIn(t, { role: Role.Trainee });
      const res = await t.http
        .patch(api('/auth/me'))
        .set(user.auth)
        .send({ preferredLocale: 'ms', timeZone: 'Asia/Kuala_Lumpur' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ preferredLocale: 'ms', timeZone: 'Asia/Kuala_Lumpur', role: 'trainee' });
      const bad = await t.http.patch(api('/auth/me')).set(user.auth).send({ role: 'admin', timeZone: 'Mars/Olympus' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['role', 'timeZone']);
    });
  });
});
