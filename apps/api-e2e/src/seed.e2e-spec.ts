import { ensureFirstAdmin, loadDemoData } from '@skillbridge/api/database/demo/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@skillbridge/api/database/demo/accounts.demo';
import { PasswordService } from '@skillbridge/api/modules/auth/password.service';
import { UsersService } from '@skillbridge/api/modules/users/users.service';
import pino from 'pino';
import { api, startTestApp, TestApp } from './support/test-app';

describe('start-up data', () => {
  let t: TestApp;
  const services = () => ({
    users: t.app.get(UsersService),
    passwords: t.app.get(PasswordService),
    logger: pino({ level: 'silent' }),
  });

  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('loads the demo institutions and one account per role into an empty database, once', async () => {
    await loadDemoData(t.dataSource, services());
    await loadDemoData(t.dataSource, services());
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM users');
    expect(n).toBe(DEMO_ACCOUNTS.length);
    for (const account of DEMO_ACCOUNTS) {
      const res = await t.http.post(api('/auth/login')).send({ email: account.email, password: DEMO_PASSWORD });
      expect({ email: account.email, status: res.status, role: res.body.user?.role }).toEqual({
        email: account.email,
        status: 200,
        role: account.role,
      });
    }
    const [partner] = await t.dataSource.query(
      `SELECT i.code FROM users u JOIN institutions i ON i.id = u.institution_id WHERE u.email = 'partner@skillbridge.test'`,
    );
    expect(partner.code).toBe('RMUTT');
  });

  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD only while there is no admin', async () => {
    await ensureFirstAdmin(t.dataSource, services(), 'Ops@College.example', 'first-admin-password-1');
    await ensureFirstAdmin(t.dataSource, services(), 'second@college.example', 'second-admin-password-1');
    const admins = await t.dataSource.query(`SELECT email FROM users WHERE role = 'admin'`);
    expect(admins).toEqual([{ email: 'ops@college.example' }]);
    await t.http
      .post(api('/auth/login'))
      .send({ email: 'ops@college.example', password: 'first-admin-password-1' })
      .expect(200);
  });
});
