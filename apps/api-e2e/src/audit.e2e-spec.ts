import { Role } from '@skillbridge/contracts';
import { createAccount, createSignedIn, PASSWORD, SignedIn } from './factories/accounts';
import { AuditService } from '@skillbridge/api/modules/audit/audit.service';
import { api, startTestApp, TestApp } from './support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createSignedIn(t, { role: Role.Admin });
  });
  afterAll(() => t.close());

  it('records every sign-in failure with the e-mail tried, the client IP and the request id, never the password', async () => {
    const user = await createAccount(t, { role: Role.Trainee });
    const res = await t.http.post(api('/auth/login')).send({ email: user.email, password: 'a-wrong-guess-123' });
    expect(res.status).toBe(401);
    const events = await t.http.get(api(`/audit-events?action=auth.login_failed&entityId=${user.id}`)).set(admin.auth);
    expect(events.status).toBe(200);
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      actorId: null,
      requestId: res.headers['x-request-id'],
      ip: expect.stringMatching(/127\.0\.0\.1/),
      details: { subject: user.email, reason: 'wrong-password' },
    });
    expect(JSON.stringify(events.body)).not.toContain('a-wrong-guess-123');
  });

  it('never stores password material, whatever the change', async () => {
    const res = await t.http
      .post(api('/users'))
      .set(admin.auth)
      .send({ email: 'kept-secret@e2e.test', password: 'a-secret-password-77', fullName: 'Secret', role: 'admin' });
    expect(res.status).toBe(201);
    await t.http
      .post(api('/auth/login'))
      .send({ email: 'kept-secret@e2e.test', password: 'a-secret-password-77' })
      .expect(200);
    const [{ dump }] = await t.dataSource.query(`SELECT string_agg(details::text, ' ') AS dump FROM audit_events`);
    expect(dump).not.toContain('a-secret-password-77');
    expect(dump).not.toContain('$argon2');
  });

  it('filters by actor, entity, action and time, newest first, with a cursor', async () => {
    const start = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      await t.http
        .post(api('/institutions'))
        .set(admin.auth)
        .send({ code: `AUD-${i}-${Date.now()}`, name: { en: `Audit ${i}` }, kind: 'enterprise', country: 'BN' })
        .expect(201);
    }
    const page1 = await t.http
      .get(api(`/audit-events?actorId=${admin.user.id}&entityType=institution&from=${start}&limit=2`))
      .set(admin.auth);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].occurredAt >= page1.body.items[1].occurredAt).toBe(true);
    const page2 = await t.http
      .get(
        api(
          `/audit-events?actorId=${admin.user.id}&entityType=institution&from=${start}&limit=2&cursor=${page1.body.nextCursor}`,
        ),
      )
      .set(admin.auth);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const none = await t.http
      .get(api(`/audit-events?entityType=institution&to=${start}&actorId=${admin.user.id}`))
      .set(admin.auth);
    expect(none.body.items).toHaveLength(0);
    const bad = await t.http.get(api('/audit-events?from=yesterday')).set(admin.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('rolls the event back with a change that fails', async () => {
    const email = `twice-${Date.now()}@e2e.test`;
    const body = { email, password: 'a-long-password-999', fullName: 'Twice', role: 'admin' };
    await t.http.post(api('/users')).set(admin.auth).send(body).expect(201);
    await t.http.post(api('/users')).set(admin.auth).send(body).expect(409);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.create' AND details->>'email' = $1`,
      [email],
    );
    expect(n).toBe(1);
  });

  it('records ten thousand events of one request at once (closing a big program), secrets left out', async () => {
    const requestId = `bulk-${Date.now()}`;
    const ctx = { viewer: null, requestId, ip: '127.0.0.1', locale: 'en' as const };
    const entries = Array.from({ length: 10_000 }, (_, n) => ({
      action: 'certificate.issue',
      entityType: 'certificate',
      entityId: `cert-${n}`,
      details: { serial: `SB-2024-${n}`, password: 'never-kept' },
    }));
    await t.dataSource.transaction((manager) => t.app.get(AuditService).recordMany(manager, ctx, entries));
    const rows: { entity_id: string; details: Record<string, unknown> }[] = await t.dataSource.query(
      'SELECT entity_id, details FROM audit_events WHERE request_id = $1',
      [requestId],
    );
    expect(rows).toHaveLength(10_000);
    expect(new Set(rows.map((r) => r.entity_id))).toEqual(new Set(entries.map((e) => e.entityId)));
    const first = rows.find((r) => r.entity_id === 'cert-0');
    expect(first?.details).toEqual({ serial: 'SB-2024-0' });
  });

  it('records successful sign-ins too', async () => {
    const user = await createAccount(t, {
      role: Role.Instructor,
      institutionId: (
        await t.dataSource.query(
          `INSERT INTO institutions (code, name, kind, country) VALUES ('AUD-HOST', '{"en":"Host"}', 'host', 'CN') RETURNING id`,
        )
      )[0].id,
    });
    await t.http.post(api('/auth/login')).send({ email: user.email, password: PASSWORD }).expect(200);
    const events = await t.http.get(api(`/audit-events?action=auth.login&actorId=${user.id}`)).set(admin.auth);
    expect(events.body.items).toHaveLength(1);
  });
});
