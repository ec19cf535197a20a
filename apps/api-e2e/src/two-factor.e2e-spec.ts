import { ErrorCode, Role } from '@skillbridge/contracts';
import { TOTP } from 'otpauth';
import { Cast, createCast, createSignedIn, PASSWORD, REGISTRATION_CONSENTS, SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { linkToken, mailCount, mailTo } from './support/mailbox';
import { api, startTestApp, TestApp } from './support/test-app';

/** The code an authenticator app shows for `secret`, `offsetSteps` periods from now. */
const codeOf = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** Sets two-factor up for a signed-in account through the API; the secret and the recovery codes. */
async function enableTotp(t: TestApp, who: SignedIn, password = PASSWORD) {
  const setup = await t.http.post(api('/auth/mfa/totp')).set(who.auth).send({ password });
  expect(setup.status).toBe(200);
  const confirm = await t.http
    .post(api('/auth/mfa/totp/confirm'))
    .set(who.auth)
    .send({ code: codeOf(setup.body.secret) });
  expect(confirm.status).toBe(200);
  return { secret: setup.body.secret as string, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

const login = (t: TestApp, email: string, password = PASSWORD, ip?: string) => {
  const req = t.http.post(api('/auth/login'));
  if (ip) req.set('X-Forwarded-For', ip);
  return req.send({ email, password });
};

describe('two-factor sign-in (TOTP, RFC 6238)', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '4' });
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  it('is set up after the password, with a QR address and the secret, and is off until a code confirms it', async () => {
    const user = await createSignedIn(t, { role: Role.Partner, institutionId: cast.partnerA.id });
    const wrong = await t.http.post(api('/auth/mfa/totp')).set(user.auth).send({ password: 'not-my-password-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('password');

    const setup = await t.http.post(api('/auth/mfa/totp')).set(user.auth).send({ password: PASSWORD });
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(setup.body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Skillbridge:${user.user.email}`);
    expect(uri.searchParams.get('secret')).toBe(setup.body.secret);
    expect(uri.searchParams.get('issuer')).toBe('Skillbridge');

    // Not active yet: the password alone still signs in.
    expect((await login(t, user.user.email)).body.accessToken).toEqual(expect.any(String));
    const [stored] = await t.dataSource.query('SELECT totp_pending_secret FROM users WHERE id = $1', [user.user.id]);
    expect(stored.totp_pending_secret).not.toContain(setup.body.secret);

    const bad = await t.http.post(api('/auth/mfa/totp/confirm')).set(user.auth).send({ code: '000000' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'code', code: 'MFA_CODE' });
    const ok = await t.http
      .post(api('/auth/mfa/totp/confirm'))
      .set(user.auth)
      .send({ code: codeOf(setup.body.secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1 AND code_hash = ANY($2::bytea[])',
      [user.user.id, ok.body.recoveryCodes.map((c: string) => Buffer.from(c))],
    );
    expect(n).toBe(0); // stored hashed, not as given
    expect((await t.http.get(api('/auth/me')).set(user.auth)).body.mfaEnabled).toBe(true);
    await mailTo(t, user.user.email, 'mfa-enabled');
    const again = await t.http.post(api('/auth/mfa/totp')).set(user.auth).send({ password: PASSWORD });
    expect(again.body.code).toBe(ErrorCode.MfaAlreadyEnabled);
  });

  it('needs a code after the password; a code works once, recovery codes once each', async () => {
    const user = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    const { secret, recoveryCodes } = await enableTotp(t, user);

    const first = await login(t, user.user.email);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(first.headers['set-cookie']).toBeUndefined();
    // The second-step token is no access token.
    await t.http.get(api('/auth/me')).set('Authorization', `Bearer ${first.body.mfaToken}`).expect(401);

    const wrong = await t.http.post(api('/auth/login/mfa')).send({ mfaToken: first.body.mfaToken, code: '123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe(ErrorCode.InvalidCredentials);
    const both = await t.http
      .post(api('/auth/login/mfa'))
      .send({ mfaToken: first.body.mfaToken, code: '123456', recoveryCode: recoveryCodes[0] });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].field).toBe('code');

    // The confirmation spent the current step: the next one's code signs in, and only once.
    const code = codeOf(secret, 1);
    const ok = await t.http.post(api('/auth/login/mfa')).send({ mfaToken: first.body.mfaToken, code });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.user.id);
    expect(String(ok.headers['set-cookie'])).toContain('sb_refresh=');
    const replay = await login(t, user.user.email);
    await t.http.post(api('/auth/login/mfa')).send({ mfaToken: replay.body.mfaToken, code }).expect(401);
    // An earlier step's code, though inside the window, is older than the last one accepted.
    await t.http
      .post(api('/auth/login/mfa'))
      .send({ mfaToken: replay.body.mfaToken, code: codeOf(secret, 0) })
      .expect(401);

    const recovery = recoveryCodes[3].toUpperCase().replace(/-/g, ' ');
    await t.http
      .post(api('/auth/login/mfa'))
      .send({ mfaToken: replay.body.mfaToken, recoveryCode: recovery })
      .expect(200);
    const later = await login(t, user.user.email);
    await t.http
      .post(api('/auth/login/mfa'))
      .send({ mfaToken: later.body.mfaToken, recoveryCode: recoveryCodes[3] })
      .expect(401);
  });

  it('refuses an expired, forged or outdated second-step token', async () => {
    const user = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    const { secret } = await enableTotp(t, user);
    const challenge = (await login(t, user.user.email)).body.mfaToken as string;
    const [h, p, s] = challenge.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 3600 })).toString('base64url')}.${s}`;
    for (const mfaToken of [tampered, 'not-a-token', user.token]) {
      await t.http
        .post(api('/auth/login/mfa'))
        .send({ mfaToken, code: codeOf(secret, 1) })
        .expect(401);
    }
    // A password change (token version) voids challenges issued before it.
    await t.http
      .post(api('/auth/password'))
      .set(user.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'yangon-circle-line-9', code: codeOf(secret, 1) })
      .expect(200);
    await t.http
      .post(api('/auth/login/mfa'))
      .send({ mfaToken: challenge, code: codeOf(secret, 2) })
      .expect(401);
  });

  it('throttles failed codes like failed passwords', async () => {
    const user = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    const { secret } = await enableTotp(t, user);
    const mfaToken = (await login(t, user.user.email)).body.mfaToken;
    for (let i = 0; i < 4; i += 1) {
      await t.http
        .post(api('/auth/login/mfa'))
        .send({ mfaToken, code: `00000${i}` })
        .expect(401);
    }
    const blocked = await t.http.post(api('/auth/login/mfa')).send({ mfaToken, code: codeOf(secret, 1) });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('asks for the password and a code to change the password, turn two-factor off or make new recovery codes', async () => {
    const user = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    const { secret } = await enableTotp(t, user);
    const noCode = await t.http
      .post(api('/auth/password'))
      .set(user.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'yangon-circle-line-9' });
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors[0].field).toBe('code');
    const noPassword = await t.http
      .delete(api('/auth/mfa/totp'))
      .set(user.auth)
      .send({ code: codeOf(secret, 1) });
    expect(noPassword.body.errors.map((e: { field: string }) => e.field)).toContain('password');
    const badCode = await t.http
      .delete(api('/auth/mfa/totp'))
      .set(user.auth)
      .send({ password: PASSWORD, code: '000000' });
    expect(badCode.body.errors[0]).toMatchObject({ field: 'code', code: 'MFA_CODE' });

    const fresh = await t.http
      .post(api('/auth/mfa/recovery-codes'))
      .set(user.auth)
      .send({ password: PASSWORD, code: codeOf(secret, 1) });
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    await t.http
      .delete(api('/auth/mfa/totp'))
      .set(user.auth)
      .send({ password: PASSWORD, recoveryCode: fresh.body.recoveryCodes[0] })
      .expect(204);
    expect((await t.http.get(api('/auth/me')).set(user.auth)).body.mfaEnabled).toBe(false);
    expect((await login(t, user.user.email)).body.accessToken).toEqual(expect.any(String));
    expect(await mailCount(t, user.user.email, 'mfa-disabled')).toBe(1);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1', [
      user.user.id,
    ]);
    expect(n).toBe(0);
  });
});

describe('two-factor required for a role (MFA_REQUIRED_ROLES)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MFA_REQUIRED_ROLES: 'admin,partner' });
  });
  afterAll(() => t.close());

  it('lets a partner without it do nothing but set it up, then everything; it cannot be turned off', async () => {
    const institution = await createInstitution(t.dataSource);
    const partner = await createSignedIn(t, { role: Role.Partner, institutionId: institution.id });
    expect(partner.user.mfaSetupRequired).toBe(true);
    const res = await login(t, partner.user.email);
    expect(res.body.mfaSetupRequired).toBe(true);

    for (const path of ['/programs', '/trainees', '/enrolments?status=pending', '/certificates']) {
      const refused = await t.http.get(api(path)).set(partner.auth);
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({
        path,
        status: 403,
        code: ErrorCode.MfaSetupRequired,
      });
    }
    await t.http.get(api('/auth/me')).set(partner.auth).expect(200);
    await t.http.get(api('/auth/sessions')).set(partner.auth).expect(200);
    const { secret } = await enableTotp(t, partner);
    await t.http.get(api('/programs')).set(partner.auth).expect(200);
    expect((await t.http.get(api('/auth/me')).set(partner.auth)).body.mfaSetupRequired).toBe(false);

    const off = await t.http
      .delete(api('/auth/mfa/totp'))
      .set(partner.auth)
      .send({ password: PASSWORD, code: codeOf(secret, 1) });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe(ErrorCode.MfaRequiredForRole);
    expect((await login(t, partner.user.email)).body.mfaRequired).toBe(true);
  });

  it('leaves roles not listed alone', async () => {
    const institution = await createInstitution(t.dataSource);
    const trainee = await createSignedIn(t, { role: Role.Trainee, institutionId: institution.id });
    expect(trainee.user.mfaSetupRequired).toBe(false);
    await t.http.get(api('/programs')).set(trainee.auth).expect(200);
  });
});

describe('sign-ins (devices)', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const signInWith = async (email: string, userAgent: string) => {
    const res = await t.http.post(api('/auth/login')).set('User-Agent', userAgent).send({ email, password: PASSWORD });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sb_refresh='));
    return { auth: { Authorization: `Bearer ${res.body.accessToken}` }, cookie: cookie?.split(';')[0] ?? '' };
  };

  it('lists the account’s own sign-ins and ends one, or all others, at once', async () => {
    const email = (await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id })).user.email;
    const phone = await signInWith(email, 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36');
    const laptop = await signInWith(email, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0');
    const tablet = await signInWith(email, 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) Safari/604.1');

    const list = await t.http.get(api('/auth/sessions')).set(laptop.auth);
    expect(list.status).toBe(200);
    const agents = list.body.map((s: { userAgent: string }) => s.userAgent);
    expect(agents).toEqual(
      expect.arrayContaining([expect.stringContaining('Pixel 8'), expect.stringContaining('iPad')]),
    );
    const current = list.body.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0].userAgent).toContain('Firefox');
    expect(current[0]).toEqual(
      expect.objectContaining({ createdAt: expect.any(String), lastUsedAt: expect.any(String) }),
    );

    const phoneId = list.body.find((s: { userAgent: string }) => s.userAgent.includes('Pixel')).id;
    // Another account cannot see or end it.
    await t.http
      .delete(api(`/auth/sessions/${phoneId}`))
      .set(cast.trainee.auth)
      .expect(404);
    expect(
      (await t.http.get(api('/auth/sessions')).set(cast.trainee.auth)).body.map((s: { id: string }) => s.id),
    ).not.toContain(phoneId);
    await t.http.get(api('/auth/me')).set(phone.auth).expect(200);
    await t.http
      .delete(api(`/auth/sessions/${phoneId}`))
      .set(laptop.auth)
      .expect(204);
    await t.http.get(api('/auth/me')).set(phone.auth).expect(401);
    await t.http.post(api('/auth/refresh')).set('Cookie', phone.cookie).expect(401);
    await t.http
      .delete(api(`/auth/sessions/${phoneId}`))
      .set(laptop.auth)
      .expect(404);

    await t.http.delete(api('/auth/sessions')).set(laptop.auth).expect(204);
    await t.http.get(api('/auth/me')).set(tablet.auth).expect(401);
    await t.http.get(api('/auth/me')).set(laptop.auth).expect(200);
    const left = await t.http.get(api('/auth/sessions')).set(laptop.auth);
    expect(left.body).toHaveLength(1);
  });

  it('signs out only with the whole refresh cookie, not its id alone', async () => {
    const user = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    const [id] = user.cookie.replace('sb_refresh=', '').split('.');
    await t.http.post(api('/auth/logout')).set('Cookie', `sb_refresh=${id}.not-the-secret`).expect(204);
    await t.http.post(api('/auth/logout')).set('Cookie', `sb_refresh=${id}`).expect(204);
    await t.http.get(api('/auth/me')).set(user.auth).expect(200);
    await t.http.post(api('/auth/logout')).set('Cookie', user.cookie).expect(204);
    await t.http.get(api('/auth/me')).set(user.auth).expect(401);
  });
});

describe('sign-in throttling that cannot be turned against the owner', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: '1',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_LOCK_AFTER_FAILURES: '7',
      LOGIN_MAX_FAILURES_PER_IP: '50',
    });
  });
  afterAll(() => t.close());

  it('stops the failing client, lets the owner in from elsewhere, and locks only a spread-out attack — undone by e-mail', async () => {
    const owner = await createSignedIn(t, { role: Role.Trainee });
    const email = owner.user.email;
    for (let i = 0; i < 3; i += 1) await login(t, email, `guess-${i}-wrong-xx`, '203.0.113.7').expect(401);
    const stopped = await login(t, email, PASSWORD, '203.0.113.7');
    expect(stopped.status).toBe(429);
    expect(stopped.body.code).toBe(ErrorCode.TooManyRequests);
    // The owner, from their own network, with the right password.
    expect((await login(t, email, PASSWORD, '198.51.100.20')).status).toBe(200);

    // Guesses from many addresses: past LOGIN_LOCK_AFTER_FAILURES the account's sign-in pauses for everyone.
    for (const ip of ['203.0.113.8', '203.0.113.9', '203.0.113.10']) {
      for (let i = 0; i < 3; i += 1) await login(t, email, `spread-${i}-wrong`, ip);
    }
    const locked = await login(t, email, PASSWORD, '198.51.100.21');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe(ErrorCode.AccountLocked);
    await login(t, email, PASSWORD, '198.51.100.22').expect(429);
    // An unknown address answers the same way.
    const nobody = 'nobody-locked@e2e.test';
    for (let i = 0; i < 7; i += 1) await login(t, nobody, `x-${i}-wrong-pass`, `192.0.2.${i + 1}`);
    const alike = await login(t, nobody, PASSWORD, '192.0.2.100');
    expect(alike.body.code).toBe(ErrorCode.AccountLocked);

    // The owner got one unlock link, however often the lock answered.
    expect(await mailCount(t, email, 'account-unlock')).toBe(1);
    const token = linkToken(await mailTo(t, email, 'account-unlock'));
    await t.http.post(api('/auth/unlock')).send({ token }).expect(204);
    await t.http.post(api('/auth/unlock')).send({ token }).expect(400);
    expect((await login(t, email, PASSWORD, '198.51.100.21')).status).toBe(200);
  });

  it('throttles self-registration per client', async () => {
    const app = await startTestApp({ TRUST_PROXY: '1', REGISTER_MAX_PER_IP_PER_HOUR: '2' });
    try {
      const body = (n: number) => ({
        email: `reg-${n}-${Date.now()}@e2e.test`,
        password: 'tea-and-mountains-42',
        fullName: 'Napha Srisuk',
        nationality: 'TH',
        consents: REGISTRATION_CONSENTS,
      });
      for (let n = 0; n < 2; n += 1) {
        await app.http.post(api('/auth/register')).set('X-Forwarded-For', '203.0.113.50').send(body(n)).expect(201);
      }
      const third = await app.http.post(api('/auth/register')).set('X-Forwarded-For', '203.0.113.50').send(body(3));
      expect(third.status).toBe(429);
      await app.http.post(api('/auth/register')).set('X-Forwarded-For', '203.0.113.51').send(body(4)).expect(201);
    } finally {
      await app.close();
    }
  });
});
