import {
  ensureFirstAdmin,
  loadDemoCompletion,
  loadDemoData,
  loadDemoEnrolments,
  loadDemoSchedule,
} from '@skillbridge/api/database/demo/seed';
import { DEMO_PROGRAMS } from '@skillbridge/api/database/demo/programs.demo';
import { CompletionService } from '@skillbridge/api/modules/certificates/completion.service';
import { InstructorsService } from '@skillbridge/api/modules/instructors/instructors.service';
import { ProgramsService } from '@skillbridge/api/modules/programs/programs.service';
import { SessionsService } from '@skillbridge/api/modules/sessions/sessions.service';
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

  it('loads scenarios A–D: programs in their own zones, with agendas, once', async () => {
    const schedule = () => ({
      instructors: t.app.get(InstructorsService),
      programs: t.app.get(ProgramsService),
      sessions: t.app.get(SessionsService),
      logger: pino({ level: 'silent' }),
    });
    await loadDemoData(t.dataSource, services());
    await loadDemoSchedule(t.dataSource, schedule());
    await loadDemoSchedule(t.dataSource, schedule());
    const programs = await t.dataSource.query(
      `SELECT p.code, p.timezone, p.status, count(s.id)::int AS sessions FROM programs p LEFT JOIN sessions s ON s.program_id = p.id GROUP BY p.id ORDER BY p.code`,
    );
    expect(programs).toHaveLength(DEMO_PROGRAMS.length + 2);
    expect(programs.find((p: { code: string }) => p.code === 'LMC-CERT-YGN-2024')).toMatchObject({
      timezone: 'Asia/Yangon',
      status: 'published',
      sessions: 6,
    });
    expect(programs.find((p: { code: string }) => p.code === 'TRPC-TH-ONLINE-2024')).toMatchObject({ sessions: 4 });

    // The demo instructor account teaches in scenario A and B and sees exactly those programs.
    const instructor = await t.http
      .post(api('/auth/login'))
      .send({ email: 'instructor@skillbridge.test', password: DEMO_PASSWORD });
    const mine = await t.http
      .get(api('/programs?limit=50'))
      .set('Authorization', `Bearer ${instructor.body.accessToken}`);
    expect(mine.body.items.map((p: { code: string }) => p.code).sort()).toEqual([
      'TRPC-TH-ONLINE-2024',
      'TRPC-TH-ONLINE-NEXT',
      'YOUTH-SHOW-2024',
      'YOUTH-SHOW-NEXT',
    ]);
    // The RMUTT partner sees scenario A (its institution takes part) and the open camp B, not C or D.
    const partner = await t.http
      .post(api('/auth/login'))
      .send({ email: 'partner@skillbridge.test', password: DEMO_PASSWORD });
    const theirs = await t.http
      .get(api('/programs?limit=50'))
      .set('Authorization', `Bearer ${partner.body.accessToken}`);
    expect(theirs.body.items.map((p: { code: string }) => p.code).sort()).toEqual([
      'TRPC-TH-ONLINE-2024',
      'TRPC-TH-ONLINE-NEXT',
      'YOUTH-SHOW-2024',
      'YOUTH-SHOW-NEXT',
    ]);
    // …and the demo instructor has sessions in the coming weeks.
    const upcoming = await t.http
      .get(api(`/instructors/${instructor.body.user.instructorId}/sessions`))
      .set('Authorization', `Bearer ${instructor.body.accessToken}`);
    expect(upcoming.body.length).toBeGreaterThan(0);
  });

  it('loads the scenarios’ trainees and enrolments once, with counters that match the rows', async () => {
    await loadDemoData(t.dataSource, services());
    await loadDemoSchedule(t.dataSource, {
      instructors: t.app.get(InstructorsService),
      programs: t.app.get(ProgramsService),
      sessions: t.app.get(SessionsService),
      logger: pino({ level: 'silent' }),
    });
    await loadDemoEnrolments(t.dataSource, pino({ level: 'silent' }));
    await loadDemoEnrolments(t.dataSource, pino({ level: 'silent' }));
    const rows = (await t.dataSource.query(
      `SELECT p.code, p.capacity, p.confirmed_count, p.waitlisted_count, p.pending_count,
              count(*) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
              count(*) FILTER (WHERE e.status = 'pending')::int AS pending
         FROM programs p LEFT JOIN enrolments e ON e.program_id = p.id GROUP BY p.id`,
    )) as Record<string, number | string>[];
    const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
    for (const row of rows) {
      expect([row.confirmed_count, row.waitlisted_count, row.pending_count]).toEqual([
        row.confirmed,
        row.waitlisted,
        row.pending,
      ]);
    }
    expect(byCode['TRPC-TH-ONLINE-2024']).toMatchObject({ confirmed: 292, waitlisted: 0 });
    expect(byCode['YOUTH-SHOW-2024']).toMatchObject({ confirmed: 40, waitlisted: 8 });
    expect(byCode['LMC-CERT-YGN-2024']).toMatchObject({ confirmed: 30 });
    expect(byCode['TRPC-TH-ONLINE-NEXT']).toMatchObject({ pending: 20 });
    expect(byCode['YOUTH-SHOW-NEXT']).toMatchObject({ confirmed: 8, capacity: 8 });

    // The RMUTT partner's review queue holds its own ten applicants, and only those.
    const partner = await t.http
      .post(api('/auth/login'))
      .send({ email: 'partner@skillbridge.test', password: DEMO_PASSWORD });
    const queue = await t.http
      .get(api('/enrolments?status=pending'))
      .set('Authorization', `Bearer ${partner.body.accessToken}`);
    expect(queue.body.items).toHaveLength(10);
    expect(new Set(queue.body.items.map((e: { institutionCode: string }) => e.institutionCode))).toEqual(
      new Set(['RMUTT']),
    );

    // Scenarios A and C closed with certificates, a few below the rule; 15 of C's completers go on the study visit.
    const completion = { completion: t.app.get(CompletionService), logger: pino({ level: 'silent' }) };
    await loadDemoCompletion(t.dataSource, completion);
    await loadDemoCompletion(t.dataSource, completion);
    const outcomes = (await t.dataSource.query(
      `SELECT p.code, p.status,
              count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE e.status = 'not-completed')::int AS "notCompleted",
              count(*) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              (SELECT count(*)::int FROM certificates c WHERE c.program_id = p.id) AS certificates
         FROM programs p LEFT JOIN enrolments e ON e.program_id = p.id
        WHERE p.code IN ('TRPC-TH-ONLINE-2024', 'LMC-CERT-YGN-2024', 'LMC-CERT-VISIT-2024') GROUP BY p.id`,
    )) as {
      code: string;
      status: string;
      completed: number;
      notCompleted: number;
      confirmed: number;
      certificates: number;
    }[];
    const outcome = Object.fromEntries(outcomes.map((o) => [o.code, o]));
    expect(outcome['TRPC-TH-ONLINE-2024']).toMatchObject({ status: 'completed', confirmed: 0 });
    expect(outcome['TRPC-TH-ONLINE-2024'].completed + outcome['TRPC-TH-ONLINE-2024'].notCompleted).toBe(293);
    expect(outcome['TRPC-TH-ONLINE-2024'].notCompleted).toBeGreaterThan(0);
    expect(outcome['TRPC-TH-ONLINE-2024'].certificates).toBe(outcome['TRPC-TH-ONLINE-2024'].completed);
    expect(outcome['LMC-CERT-YGN-2024']).toMatchObject({ status: 'completed' });
    expect(outcome['LMC-CERT-VISIT-2024']).toMatchObject({ status: 'published', confirmed: 15 });
    const trainee = await t.http
      .post(api('/auth/login'))
      .send({ email: 'trainee@skillbridge.test', password: DEMO_PASSWORD });
    const certificates = await t.http
      .get(api('/me/certificates'))
      .set('Authorization', `Bearer ${trainee.body.accessToken}`);
    expect(certificates.body.items).toHaveLength(1);
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
