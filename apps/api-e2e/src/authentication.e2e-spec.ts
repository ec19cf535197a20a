import { ErrorCode, Role } from '@skillbridge/contracts';
import { createHmac, randomUUID } from 'node:crypto';
import { createSignedIn, PASSWORD, SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { api, startTestApp, TestApp, TEST_JWT_SECRET } from './support/test-app';

/*
 * OWASP API2 (broken authentication) / ASVS V3: what a bearer token must be
 * for the API to act on it, and when a once-good token stops working.
 * auth.e2e-spec.ts covers sign-in, refresh rotation and the basic forged-token
 * and account-change cases on GET /auth/me; this file adds the full catalogue
 * of bad tokens with the answer each must get (the same 401 problem as no
 * token at all, so the answer is no oracle), the account changes it leaves
 * out, and the window in which another replica's change takes effect.
 */

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const sign = (unsigned: string, secret: string) => createHmac('sha256', secret).update(unsigned).digest('base64url');
/** A JWT with this header and payload, HMAC-SHA256-signed with `secret` (the API's own by default). */
function forge(payload: object, secret = TEST_JWT_SECRET, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${sign(unsigned, secret)}`;
}
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** An admin-only route and the signed-in route everyone may call: the tokens below all claim an admin. */
const ADMIN_ROUTE = '/users';
const SIGNED_IN_ROUTE = '/auth/me';

describe('authentication (API2)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let trainee: SignedIn;
  let institutionId: string;
  /** What the API answers a request with no token: every refused token must get exactly this. */
  let noToken: Record<string, unknown>;

  /** The claims of a good admin token of `admin`, as the API itself would sign them. */
  const adminClaims = () => {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: admin.user.id,
      role: 'admin',
      ver: 0,
      sid: payloadOf(admin.token)['sid'],
      iss: 'skillbridge',
      aud: 'skillbridge-api',
      iat: now,
      exp: now + 600,
    };
  };
  const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

  /** Asserts the request is refused as unauthenticated, exactly as a request without a token is. */
  async function expectRefused(headers: Record<string, string>, route = ADMIN_ROUTE, query = '') {
    const res = await t.http.get(api(route) + query).set(headers);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(withoutRequestId(res.body)).toEqual(withoutRequestId({ ...noToken, instance: api(route) + query }));
  }

  beforeAll(async () => {
    t = await startTestApp();
    institutionId = (await createInstitution(t.dataSource)).id;
    [admin, trainee] = await Promise.all([
      createSignedIn(t, { role: Role.Admin }),
      createSignedIn(t, { role: Role.Trainee, institutionId }),
    ]);
    const res = await t.http.get(api(ADMIN_ROUTE));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(ErrorCode.Unauthenticated);
    noToken = res.body;
  });
  afterAll(() => t.close());

  describe('a token the API did not issue as it is', () => {
    it('is accepted when forged correctly (so each case below fails for its one flaw alone)', async () => {
      await t.http
        .get(api(ADMIN_ROUTE))
        .set(bearer(forge(adminClaims())))
        .expect(200);
      await t.http.get(api(ADMIN_ROUTE)).set(admin.auth).expect(200);
      expect(payloadOf(admin.token)).toMatchObject({ iss: 'skillbridge', aud: 'skillbridge-api', sub: admin.user.id });
    });

    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, () => string][] = [
      ['alg none, no signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(adminClaims())}.`],
      [
        'alg none, signature left on',
        () => {
          const good = forge(adminClaims()).split('.');
          return `${b64({ alg: 'none', typ: 'JWT' })}.${good[1]}.${good[2]}`;
        },
      ],
      ['alg NONE in capitals', () => `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(adminClaims())}.`],
      ['HS512 with the right secret', () => forge(adminClaims(), TEST_JWT_SECRET, { alg: 'HS512', typ: 'JWT' })],
      [
        'RS256 header over an HMAC signature',
        () => forge(adminClaims(), TEST_JWT_SECRET, { alg: 'RS256', typ: 'JWT' }),
      ],
      ['no alg at all', () => forge(adminClaims(), TEST_JWT_SECRET, { typ: 'JWT' })],
      ['signature stripped', () => forge(adminClaims()).replace(/\.[^.]+$/, '.')],
      ['signed with another secret', () => forge(adminClaims(), 'another-secret-that-is-long-enough-0123456789')],
      ['signed with an empty secret', () => forge(adminClaims(), '')],
      ['expired a second ago', () => forge({ ...adminClaims(), iat: now() - 901, exp: now() - 1 })],
      ['not valid yet (nbf in an hour)', () => forge({ ...adminClaims(), nbf: now() + 3600 })],
      ['another issuer', () => forge({ ...adminClaims(), iss: 'someone-else' })],
      ['no issuer', () => forge({ ...adminClaims(), iss: undefined })],
      ['another audience', () => forge({ ...adminClaims(), aud: 'skillbridge-web' })],
      ['no audience', () => forge({ ...adminClaims(), aud: undefined })],
      ['no subject', () => forge({ ...adminClaims(), sub: undefined })],
      ['the subject of no account', () => forge({ ...adminClaims(), sub: randomUUID() })],
      ['no token version', () => forge({ ...adminClaims(), ver: undefined })],
      ['a token version as text', () => forge({ ...adminClaims(), ver: '0' })],
      ['a token version the account never had', () => forge({ ...adminClaims(), ver: 1 })],
      ['no role', () => forge({ ...adminClaims(), role: undefined })],
      ['no expiry at all', () => forge({ ...adminClaims(), exp: undefined })],
      ['no issue time', () => forge({ ...adminClaims(), iat: undefined })],
      [
        'living longer than ACCESS_TOKEN_TTL_SECONDS (a day)',
        () => forge({ ...adminClaims(), exp: adminClaims().iat + 86_400 }),
      ],
      ['issued an hour in the future', () => forge({ ...adminClaims(), iat: now() + 3600, exp: now() + 3900 })],
      ['no sign-in', () => forge({ ...adminClaims(), sid: undefined })],
      ['a sign-in that does not exist', () => forge({ ...adminClaims(), sid: randomUUID() })],
      ['another account’s sign-in', () => forge({ ...adminClaims(), sid: payloadOf(trainee.token)['sid'] })],
      ['the second-step token of a two-factor sign-in', () => forge({ ...adminClaims(), aud: 'skillbridge-mfa' })],
      // Correctly signed, but the account is a trainee's: the role claim must match the account, not grant it.
      ['a trainee account claiming admin', () => forge({ ...adminClaims(), sub: trainee.user.id })],
      [
        'a trainee’s own token with role changed to admin, old signature',
        () => {
          const [header, , signature] = trainee.token.split('.');
          return `${header}.${b64({ ...payloadOf(trainee.token), role: 'admin' })}.${signature}`;
        },
      ],
      [
        'an admin’s token with the subject changed, old signature',
        () => {
          const [header, , signature] = admin.token.split('.');
          return `${header}.${b64({ ...payloadOf(admin.token), sub: trainee.user.id })}.${signature}`;
        },
      ],
      ['the refresh cookie’s value', () => admin.cookie.replace(/^sb_refresh=/, '')],
      ['garbage', () => 'not-a-jwt'],
      ['three segments of garbage', () => `${b64('{')}.${b64('}')}.${b64('!')}`],
      [
        'a header that is not JSON',
        () =>
          `${b64('not json')}.${b64(adminClaims())}.${sign(`${b64('not json')}.${b64(adminClaims())}`, TEST_JWT_SECRET)}`,
      ],
      ['a payload that is an array', () => forge([adminClaims()])],
    ];

    it.each(cases)('%s: 401, the same problem as no token', async (_name, token) => {
      await expectRefused(bearer(token()));
    });

    it('is refused on every signed-in route alike, not only the admin ones', async () => {
      await expectRefused(bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(adminClaims())}.`), SIGNED_IN_ROUTE);
      await expectRefused(bearer(forge(adminClaims(), 'another-secret-that-is-long-enough-0123456789')), '/programs');
    });

    it('is looked for in the Authorization header as a Bearer token only', async () => {
      // A good token anywhere else, or under another scheme, does not sign the request in.
      await expectRefused({ Authorization: `Token ${admin.token}` });
      await expectRefused({ Authorization: `Basic ${admin.token}` });
      await expectRefused({ Authorization: admin.token });
      await expectRefused({ Authorization: `Bearer ${admin.token} ${admin.token}` });
      await expectRefused({ Authorization: 'Bearer ' });
      await expectRefused({}, ADMIN_ROUTE, `?access_token=${admin.token}`);
      await expectRefused({ Cookie: `access_token=${admin.token}; sb_access=${admin.token}` });
    });

    it('an access token is not a refresh token either', async () => {
      const res = await t.http.post(api('/auth/refresh')).set('Cookie', `sb_refresh=${admin.token}`);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('a token of an account that changed', () => {
    /** A new partner, signed in, whose account status this process has just read (and so may remember). */
    async function warmPartner(): Promise<SignedIn> {
      const partner = await createSignedIn(t, { role: Role.Partner, institutionId });
      for (let i = 0; i < 3; i += 1) await t.http.get(api(SIGNED_IN_ROUTE)).set(partner.auth).expect(200);
      return partner;
    }

    it('stops working on the very next request once an admin disables the account, on every route', async () => {
      const partner = await warmPartner();
      await t.http
        .patch(api(`/users/${partner.user.id}`))
        .set(admin.auth)
        .send({ disabled: true })
        .expect(200);
      await expectRefused(partner.auth, SIGNED_IN_ROUTE);
      await expectRefused(partner.auth, '/trainees');
    });

    it('stays dead when the account is enabled again: re-enabling does not revive a stolen token', async () => {
      const partner = await warmPartner();
      await t.http
        .patch(api(`/users/${partner.user.id}`))
        .set(admin.auth)
        .send({ disabled: true })
        .expect(200);
      await t.http
        .patch(api(`/users/${partner.user.id}`))
        .set(admin.auth)
        .send({ disabled: false })
        .expect(200);
      await expectRefused(partner.auth, SIGNED_IN_ROUTE);
      await t.http.post(api('/auth/refresh')).set('Cookie', partner.cookie).expect(401);
      // The account itself works again: a fresh sign-in does.
      const again = await t.http.post(api('/auth/login')).send({ email: partner.user.email, password: PASSWORD });
      expect(again.status).toBe(200);
      await t.http.get(api(SIGNED_IN_ROUTE)).set(bearer(again.body.accessToken)).expect(200);
    });

    it('stops working on the very next request once the account is deleted', async () => {
      const partner = await warmPartner();
      await t.http
        .delete(api(`/users/${partner.user.id}`))
        .set(admin.auth)
        .expect(204);
      await expectRefused(partner.auth, SIGNED_IN_ROUTE);
    });

    it('a password change ends every access token issued before it, the changing session’s own included', async () => {
      const user = await createSignedIn(t, { role: Role.Trainee, institutionId });
      await t.http.get(api(SIGNED_IN_ROUTE)).set(user.auth).expect(200);
      const res = await t.http
        .post(api('/auth/password'))
        .set(user.auth)
        .send({ currentPassword: PASSWORD, newPassword: 'andaman-coast-2025!' });
      expect(res.status).toBe(200);
      await expectRefused(user.auth, SIGNED_IN_ROUTE);
      await t.http.get(api(SIGNED_IN_ROUTE)).set(bearer(res.body.accessToken)).expect(200);
    });

    it('a new institution for the account ends its tokens (they spoke for the old one)', async () => {
      const partner = await warmPartner();
      const moved = await createInstitution(t.dataSource, { kind: 'partner' });
      await t.http
        .patch(api(`/users/${partner.user.id}`))
        .set(admin.auth)
        .send({ institutionId: moved.id })
        .expect(200);
      await expectRefused(partner.auth, SIGNED_IN_ROUTE);
    });
  });

  /*
   * A process remembers an account's status for VIEWER_CACHE_MS and forgets
   * it at once when the change goes through that process (above). A change
   * made elsewhere — another replica, or SQL — reaches it within
   * VIEWER_CACHE_MS: that is the cross-replica window, measured here with a
   * second API process on the same database and a 300 ms window.
   */
  describe('a change made outside this process', () => {
    const WINDOW_MS = 300;
    /** Generous for a loaded two-core CI machine, yet well under the 2 s default, so an ignored setting fails. */
    const DEADLINE_MS = 1_500;
    let replica: TestApp;

    beforeAll(async () => {
      replica = await startTestApp({ VIEWER_CACHE_MS: String(WINDOW_MS) }, [], { database: t.database });
    });
    afterAll(() => replica.close());

    /** Calls the replica with the token until it answers 401; how long that took, or fails past the deadline. */
    async function msUntilRefused(user: SignedIn, changedAt: number): Promise<number> {
      for (;;) {
        const res = await replica.http.get(api(SIGNED_IN_ROUTE)).set(user.auth);
        const elapsed = Date.now() - changedAt;
        if (res.status === 401) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          return elapsed;
        }
        expect(res.status).toBe(200);
        if (elapsed > 3_000) return elapsed;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }

    /** A signed-in partner whose status the replica has just read and so remembers. */
    async function warmOnReplica(): Promise<SignedIn> {
      const partner = await createSignedIn(t, { role: Role.Partner, institutionId });
      await replica.http.get(api(SIGNED_IN_ROUTE)).set(partner.auth).expect(200);
      return partner;
    }

    it('an account disabled in SQL is refused within VIEWER_CACHE_MS', async () => {
      const partner = await warmOnReplica();
      const changedAt = Date.now();
      await t.dataSource.query('UPDATE users SET disabled = true WHERE id = $1', [partner.user.id]);
      expect(await msUntilRefused(partner, changedAt)).toBeLessThan(DEADLINE_MS);
    });

    it('a token version bumped in SQL (a password changed elsewhere) is refused within VIEWER_CACHE_MS', async () => {
      const partner = await warmOnReplica();
      const changedAt = Date.now();
      await t.dataSource.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [partner.user.id]);
      expect(await msUntilRefused(partner, changedAt)).toBeLessThan(DEADLINE_MS);
    });

    it('an account an admin disables through another replica is refused within VIEWER_CACHE_MS', async () => {
      const partner = await warmOnReplica();
      const changedAt = Date.now();
      await t.http
        .patch(api(`/users/${partner.user.id}`))
        .set(admin.auth)
        .send({ disabled: true })
        .expect(200);
      expect(await msUntilRefused(partner, changedAt)).toBeLessThan(DEADLINE_MS);
      // …and at once on the replica that made the change.
      await expectRefused(partner.auth, SIGNED_IN_ROUTE);
    });
  });
});
