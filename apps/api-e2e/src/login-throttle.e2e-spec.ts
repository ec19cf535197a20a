import { Role } from '@skillbridge/contracts';
import { createAccount, PASSWORD } from './factories/accounts';
import { api, startTestApp, TestApp } from './support/test-app';

describe('sign-in throttling', () => {
  describe('per account', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '100' });
    });
    afterAll(() => t.close());

    it('answers 429 with Retry-After once an account had too many failures from this client — even for the right password', async () => {
      const user = await createAccount(t, { role: Role.Trainee });
      for (let i = 0; i < 3; i++) {
        await t.http
          .post(api('/auth/login'))
          .send({ email: user.email, password: `wrong-guess-${i}-xx` })
          .expect(401);
      }
      const blocked = await t.http
        .post(api('/auth/login'))
        .set('Accept-Language', 'zh')
        .send({ email: user.email, password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', title: '请求过于频繁' });
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);

      const other = await createAccount(t, { role: Role.Trainee });
      await t.http.post(api('/auth/login')).send({ email: other.email, password: PASSWORD }).expect(200);
    });

    it('lets the account in again once the failures leave the window', async () => {
      const user = await createAccount(t, { role: Role.Trainee });
      for (let i = 0; i < 3; i++) {
        await t.http
          .post(api('/auth/login'))
          .send({ email: user.email, password: `wrong-guess-${i}-yy` })
          .expect(401);
      }
      await t.http.post(api('/auth/login')).send({ email: user.email, password: PASSWORD }).expect(429);
      await t.dataSource.query(
        `UPDATE audit_events SET occurred_at = occurred_at - interval '16 minutes' WHERE subject = $1`,
        [user.email],
      );
      await t.http.post(api('/auth/login')).send({ email: user.email, password: PASSWORD }).expect(200);
    });

    it('starts counting afresh after a successful sign-in', async () => {
      const user = await createAccount(t, { role: Role.Trainee });
      for (let i = 0; i < 2; i++)
        await t.http.post(api('/auth/login')).send({ email: user.email, password: `nope-${i}-xxxxx` });
      await t.http.post(api('/auth/login')).send({ email: user.email, password: PASSWORD }).expect(200);
      for (let i = 0; i < 2; i++)
        await t.http.post(api('/auth/login')).send({ email: user.email, password: `nope-${i}-yyyyy` });
      await t.http.post(api('/auth/login')).send({ email: user.email, password: PASSWORD }).expect(200);
    });
  });

  describe('per client IP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_IP: '4' });
    });
    afterAll(() => t.close());

    it('answers 429 to an address that keeps failing across many accounts', async () => {
      for (let i = 0; i < 4; i++) {
        await t.http
          .post(api('/auth/login'))
          .send({ email: `spray-${i}@e2e.test`, password: 'spring-2024-pass' })
          .expect(401);
      }
      const user = await createAccount(t, { role: Role.Trainee });
      const res = await t.http.post(api('/auth/login')).send({ email: user.email, password: PASSWORD });
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
