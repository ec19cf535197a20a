import { Role, erasedEmail, type RetentionReport } from '@skillbridge/contracts';
import { RetentionJob } from '@skillbridge/api/modules/privacy/retention/retention.service';
import { randomBytes } from 'node:crypto';
import { Cast, createCast, createSignedIn, PASSWORD } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { whereFound } from './support/privacy-search';
import { api, startTestApp, TestApp } from './support/test-app';

const YEAR_MS = 365.25 * 86_400_000;
const DAY_MS = 86_400_000;

describe('the daily retention job', () => {
  let t: TestApp;
  let cast: Cast;
  let job: RetentionJob;

  beforeAll(async () => {
    t = await startTestApp({ RETENTION_YEARS: '5', MAILBOX_RETENTION_DAYS: '90', OUTBOX_POLL_MS: '25' });
    cast = await createCast(t);
    job = t.app.get(RetentionJob);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) =>
    ((await t.dataSource.query(sql, params)) as { n: number }[])[0].n;
  const isoDate = (instant: Date) => instant.toISOString().slice(0, 10);

  it('anonymizes the inactive, keeps the active, deletes what expired, reports it, and runs once a day', async () => {
    const now = new Date();
    const future = new Date(now.getTime() + 6 * YEAR_MS);

    // Inactive by then: an account with a certificate from a course of 2024.
    const tag = randomBytes(4).toString('hex');
    const name = `Retained Person${tag}`;
    const email = `retained-${tag}@e2e.test`;
    const inactive = await createSignedIn(t, {
      role: Role.Trainee,
      institutionId: cast.partnerA.id,
      email,
      fullName: name,
    });
    const inactiveTrainee = inactive.user.traineeId as string;
    const course = await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true });
    const session = await createSession(t, cast.admin.auth, course.id, { instructorIds: [] });
    expect(
      (
        await t.http
          .post(api(`/programs/${course.id}/enrolments`))
          .set(cast.admin.auth)
          .send({ traineeId: inactiveTrainee })
      ).status,
    ).toBe(201);
    await t.http
      .put(api(`/sessions/${session.id}/attendance`))
      .set(cast.admin.auth)
      .send([{ traineeId: inactiveTrainee, status: 'present' }]);
    expect((await t.http.post(api(`/programs/${course.id}/complete`)).set(cast.admin.auth)).status).toBe(200);
    const [certificate] = (await t.dataSource.query(
      `SELECT verification_code FROM certificates WHERE trainee_id = $1`,
      [inactiveTrainee],
    )) as { verification_code: string }[];
    expect(certificate).toBeDefined();
    const [imported] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });

    // Active by then: enrolled in a program that ends shortly before the moved clock.
    const [active] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id, prefix: 'active' });
    const later = isoDate(new Date(future.getTime() - 30 * DAY_MS));
    const soon = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { startDate: later, endDate: later },
      { publish: true },
    );
    expect(
      (
        await t.http
          .post(api(`/programs/${soon.id}/enrolments`))
          .set(cast.admin.auth)
          .send({ traineeId: active })
      ).status,
    ).toBe(201);
    const [activeBefore] = await t.dataSource.query(`SELECT * FROM trainees WHERE id = $1`, [active]);

    // What expires: tokens, data copies, rate-limit rows, mailbox messages — each with one that has not by then.
    const adminId = cast.admin.user.id;
    const beyond = new Date(future.getTime() + YEAR_MS);
    const [{ id: usedToken }] = await t.dataSource.query(
      `INSERT INTO account_tokens (user_id, purpose, email, token_hash, expires_at, used_at)
       VALUES ($1, 'password-reset', 'x@e2e.test', '\\x00', $2, now()) RETURNING id`,
      [adminId, beyond],
    );
    const [{ id: liveToken }] = await t.dataSource.query(
      `INSERT INTO account_tokens (user_id, purpose, email, token_hash, expires_at)
       VALUES ($1, 'password-reset', 'x@e2e.test', '\\x00', $2) RETURNING id`,
      [adminId, beyond],
    );
    const [{ id: family }] = await t.dataSource.query(
      `INSERT INTO sign_ins (id, user_id) VALUES (gen_random_uuid(), $1) RETURNING id`,
      [adminId],
    );
    const [{ id: liveRefresh }] = await t.dataSource.query(
      `INSERT INTO refresh_tokens (user_id, family_id, secret_hash, expires_at) VALUES ($1, $2, '\\x01', $3) RETURNING id`,
      [adminId, family, beyond],
    );
    const [{ id: revokedRefresh }] = await t.dataSource.query(
      `INSERT INTO refresh_tokens (user_id, family_id, secret_hash, expires_at, revoked_at)
       VALUES ($1, $2, '\\x02', $3, now()) RETURNING id`,
      [adminId, family, beyond],
    );
    const [{ id: oldExport }] = await t.dataSource.query(
      `INSERT INTO data_exports (user_id, status, ready_at, expires_at) VALUES ($1, 'ready', now(), now() + interval '3 days')
       RETURNING id`,
      [adminId],
    );
    const [{ id: liveExport }] = await t.dataSource.query(
      `INSERT INTO data_exports (user_id, status, ready_at, expires_at) VALUES ($1, 'ready', now(), $2) RETURNING id`,
      [adminId, beyond],
    );
    await t.dataSource.query(
      `INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES ('verify:203.0.113.7', date_trunc('minute', now()), 3),
              ('verify:203.0.113.8', $1, 1)`,
      [future],
    );
    const [{ id: recentMail }] = await t.dataSource.query(
      `INSERT INTO mailbox_messages (notification_id, kind, "to", subject, locale, text, html, message_id, created_at)
       VALUES (gen_random_uuid(), 'certificate-issued', 'recent@e2e.test', 's', 'en', 't', 'h', '<m@e2e>', $1) RETURNING id`,
      [new Date(future.getTime() - 10 * DAY_MS)],
    );
    // The outbox has delivered the certificate's e-mail, so the mailbox holds something old.
    for (
      let i = 0;
      i < 200 && (await count(`SELECT count(*)::int AS n FROM mailbox_messages WHERE "to" = $1`, [email])) === 0;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // Today nobody is inactive and no message old enough; the used token goes at once.
    const today = await job.run(now);
    expect(today).toMatchObject({ traineesAnonymized: 0, mailboxMessagesDeleted: 0, accountTokensDeleted: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM account_tokens WHERE id = $1`, [usedToken])).toBe(0);

    // Every e-mail the acts above queued is delivered (and so in the mailbox) before the counts are taken: the
    // outbox works in the background, and a message landing between the count and the run would be counted by one.
    for (
      let i = 0;
      i < 400 && (await count(`SELECT count(*)::int AS n FROM notifications WHERE email_status = 'pending'`)) > 0;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE email_status = 'pending'`)).toBe(0);
    const expected = {
      traineesAnonymized: await count(
        `SELECT count(*)::int AS n FROM trainees WHERE anonymized_at IS NULL AND id <> $1`,
        [active],
      ),
      dataExportsDeleted: await count(`SELECT count(*)::int AS n FROM data_exports WHERE expires_at < $1`, [future]),
      accountTokensDeleted: await count(
        `SELECT count(*)::int AS n FROM account_tokens WHERE used_at IS NOT NULL OR expires_at < $1`,
        [future],
      ),
      refreshTokensDeleted: await count(
        `SELECT count(*)::int AS n FROM refresh_tokens WHERE expires_at < $1 OR revoked_at < $1::timestamptz - interval '30 days'`,
        [future],
      ),
      rateLimitRowsDeleted: 1,
      mailboxMessagesDeleted: await count(
        `SELECT count(*)::int AS n FROM mailbox_messages WHERE created_at < $1::timestamptz - interval '90 days'`,
        [future],
      ),
    };
    expect(expected.traineesAnonymized).toBeGreaterThanOrEqual(4); // the cast's two, the account, the imported one
    expect(expected.mailboxMessagesDeleted).toBeGreaterThan(0);
    expect(expected.refreshTokensDeleted).toBeGreaterThan(0);

    const report = (await job.run(future)) as RetentionReport;
    expect(report).toEqual({ day: isoDate(future), ...expected });

    // The inactive: anonymized, signed out, their certificate still verifiable with the name as issued.
    const [gone] = await t.dataSource.query(`SELECT * FROM trainees WHERE id = $1`, [inactiveTrainee]);
    expect(gone).toMatchObject({ email: erasedEmail(inactiveTrainee), full_name_latin: null });
    expect(gone.anonymized_at).not.toBeNull();
    const [importedAfter] = await t.dataSource.query(`SELECT * FROM trainees WHERE id = $1`, [imported]);
    expect(importedAfter.anonymized_at).not.toBeNull();
    expect(await whereFound(t, email)).toEqual([]);
    expect(await whereFound(t, name)).toEqual(['certificates.holder_name']);
    expect((await t.http.get(api('/auth/me')).set(inactive.auth)).status).toBe(401);
    expect((await t.http.post(api('/auth/login')).send({ email, password: PASSWORD })).status).toBe(401);
    const verified = await t.http.get(api(`/verify/${certificate.verification_code}`));
    expect(verified.body).toMatchObject({ status: 'issued', holderName: name });

    // The active one: untouched.
    const [activeAfter] = await t.dataSource.query(`SELECT * FROM trainees WHERE id = $1`, [active]);
    expect(activeAfter).toEqual(activeBefore);

    // Expired rows gone, the others kept.
    const exists = async (table: string, id: string) =>
      (await count(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [id])) === 1;
    expect(await exists('account_tokens', usedToken)).toBe(false);
    expect(await exists('account_tokens', liveToken)).toBe(true);
    expect(await exists('refresh_tokens', liveRefresh)).toBe(true);
    expect(await exists('refresh_tokens', revokedRefresh)).toBe(false);
    expect(await exists('data_exports', oldExport)).toBe(false);
    expect(await exists('data_exports', liveExport)).toBe(true);
    expect(await exists('mailbox_messages', recentMail)).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM rate_limit_hits`)).toBe(1);

    // The report is in the audit trail, by the system.
    const events = (await t.dataSource.query(
      `SELECT actor_id, entity_type, details FROM audit_events WHERE action = 'retention.run' ORDER BY occurred_at`,
    )) as { actor_id: string | null; entity_type: string; details: Record<string, unknown> }[];
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      actor_id: null,
      entity_type: 'job_run',
      details: { ...report, retentionYears: 5 },
    });

    // The same day again: nothing, not even an event. The next day runs again.
    expect(await job.run(new Date(future.getTime() + 60_000))).toBeNull();
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'retention.run'`)).toBe(2);
    const [run] = await t.dataSource.query(
      `SELECT last_run_on::text AS last_run_on, last_report FROM job_runs WHERE name = 'retention'`,
    );
    expect(run.last_run_on).toBe(isoDate(future));
    expect(run.last_report).toEqual(report);

    // Two replicas ticking at once on a new day: one of them does the work.
    const nextDay = new Date(future.getTime() + DAY_MS);
    const both = await Promise.all([job.run(nextDay), job.run(nextDay)]);
    expect(both.filter((r) => r !== null)).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'retention.run'`)).toBe(3);
  });
});
