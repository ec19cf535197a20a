import { Role } from '@skillbridge/contracts';
import { createAccount, createCast, createSignedIn, PASSWORD, SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createHost, createProgram } from './factories/programs';
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

describe('audit trail for people', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createSignedIn(t, { role: Role.Admin, fullName: 'Ana Auditor' });
  });
  afterAll(() => t.close());

  const events = (query: string, auth = admin.auth) => t.http.get(api(`/audit-events?${query}`)).set(auth);
  const actions = (items: { action: string }[]) => items.map((e) => e.action);

  it('names the actor and the record, and reads a status change as before → after', async () => {
    const host = await createHost(t);
    const program = await createProgram(t, admin.auth, host, { title: { en: 'Tea culture', zh: '茶文化' } });
    await t.http
      .post(api(`/programs/${program.id}/publish`))
      .set(admin.auth)
      .expect(200);
    const res = await events(`entityType=program&entityId=${program.id}`);
    expect(res.status).toBe(200);
    const [publish, create] = res.body.items;
    expect(publish).toMatchObject({
      action: 'program.publish',
      category: 'data',
      actor: { id: admin.user.id, name: 'Ana Auditor', email: admin.user.email, role: 'admin' },
      record: { type: 'program', id: program.id, label: program.code, title: { en: 'Tea culture', zh: '茶文化' } },
      changes: [{ field: 'status', before: 'draft', after: 'published' }],
    });
    expect(create.action).toBe('program.create');
    expect(create.changes).toEqual(
      expect.arrayContaining([
        { field: 'code', after: program.code },
        // An id in the details keeps its stored value and gains the label of the record it names.
        { field: 'hostInstitutionId', after: host.id, afterLabel: host.code },
      ]),
    );
  });

  it('reads a stored { from, to } pair as the field before and after', async () => {
    const institution = await createInstitution(t.dataSource, { kind: 'partner', country: 'TH', name: { en: 'Old' } });
    await t.http
      .patch(api(`/institutions/${institution.id}`))
      .set(admin.auth)
      .send({ name: { en: 'New' } })
      .expect(200);
    const res = await events(`action=institution.update&entityId=${institution.id}`);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].record).toMatchObject({ label: institution.code, title: { en: 'New' } });
    expect(res.body.items[0].changes).toEqual([{ field: 'name', before: { en: 'Old' }, after: { en: 'New' } }]);
  });

  it('shows the name the account has now, without rewriting the stored event (an anonymized person shows anonymized)', async () => {
    const person = await createSignedIn(t, { role: Role.Admin, fullName: 'Somchai Before' });
    await t.http
      .post(api('/institutions'))
      .set(person.auth)
      .send({ code: `ANON-${Date.now()}`, name: { en: 'Anon' }, kind: 'enterprise', country: 'BN' })
      .expect(201);
    const [stored] = await t.dataSource.query(
      `SELECT details::text AS details FROM audit_events WHERE actor_id = $1 AND action = 'institution.create'`,
      [person.user.id],
    );
    await t.dataSource.query(`UPDATE users SET full_name = 'Anonymized person', email = $2 WHERE id = $1`, [
      person.user.id,
      `anonymized-${person.user.id}@invalid`,
    ]);
    const res = await events(`actorId=${person.user.id}&action=institution.create`);
    expect(res.body.items[0].actor).toMatchObject({
      name: 'Anonymized person',
      email: `anonymized-${person.user.id}@invalid`,
    });
    const [after] = await t.dataSource.query(
      `SELECT details::text AS details FROM audit_events WHERE actor_id = $1 AND action = 'institution.create'`,
      [person.user.id],
    );
    expect(after.details).toBe(stored.details);
    expect(after.details).not.toContain('Somchai');
  });

  it('logs a language or time-zone switch as a profile event, only when it changes something, never as a data change', async () => {
    const instructor = await createSignedIn(t, {
      role: Role.Instructor,
      institutionId: (await createHost(t)).id,
      preferredLocale: 'en',
    });
    await t.http.patch(api('/auth/me')).set(instructor.auth).send({ preferredLocale: 'zh' }).expect(200);
    await t.http.patch(api('/auth/me')).set(instructor.auth).send({ preferredLocale: 'zh' }).expect(200);
    await t.http.patch(api('/auth/me')).set(instructor.auth).send({ timeZone: 'Asia/Bangkok' }).expect(200);
    const data = await events(`actorId=${instructor.user.id}&category=data`);
    expect(data.status).toBe(200);
    // What is left is the account's opening, which the factory records as the person's own act.
    expect(actions(data.body.items)).toEqual(['instructor.create', 'user.create']);
    const profile = await events(`actorId=${instructor.user.id}&category=profile`);
    expect(actions(profile.body.items)).toEqual(['user.profile_update', 'user.profile_update']);
    expect(profile.body.items[0]).toMatchObject({
      category: 'profile',
      changes: [{ field: 'timeZone', before: 'UTC', after: 'Asia/Bangkok' }],
    });
    expect(profile.body.items[1].changes).toEqual([{ field: 'preferredLocale', before: 'en', after: 'zh' }]);
    const none = await t.dataSource.query(`SELECT 1 FROM audit_events WHERE actor_id = $1 AND action = 'user.update'`, [
      instructor.user.id,
    ]);
    expect(none).toEqual([]);
  });

  it('keeps older language switches (stored as a self user.update) out of the data changes', async () => {
    const person = await createAccount(t, { role: Role.Admin });
    await t.dataSource.query(
      `INSERT INTO audit_events (actor_id, actor_role, action, entity_type, entity_id, details)
       VALUES ($1::uuid, 'admin', 'user.update', 'user', $1::text, $2)`,
      [person.id, JSON.stringify({ preferredLocale: { from: 'en', to: 'th' }, self: true })],
    );
    expect(actions((await events(`actorId=${person.id}&category=data`)).body.items)).toEqual(['user.create']);
    const profile = await events(`actorId=${person.id}&category=profile`);
    expect(profile.body.items).toHaveLength(1);
    expect(profile.body.items[0]).toMatchObject({
      action: 'user.update',
      category: 'profile',
      changes: [{ field: 'preferredLocale', before: 'en', after: 'th' }],
    });
  });

  it('puts sign-ins under access, apart from data changes', async () => {
    const person = await createAccount(t, { role: Role.Admin });
    await t.http.post(api('/auth/login')).send({ email: person.email, password: PASSWORD }).expect(200);
    const access = await events(`actorId=${person.id}&category=access`);
    expect(actions(access.body.items)).toEqual(['auth.login']);
    expect(access.body.items[0]).toMatchObject({ category: 'access', record: { type: 'user', id: person.id } });
    expect(access.body.items[0].record.label).toContain(person.email);
    expect(actions((await events(`actorId=${person.id}&category=data`)).body.items)).toEqual(['user.create']);
  });

  it('lists the actions to pick from, with their categories, and refuses others by name', async () => {
    const res = await t.http.get(api('/audit-events/actions')).set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        { action: 'program.publish', category: 'data' },
        { action: 'auth.login', category: 'access' },
        { action: 'user.profile_update', category: 'profile' },
        { action: 'certificateDesign.update', category: 'data' },
      ]),
    );
    // Actions with a capital or a hyphen were refused by the old pattern; every listed one filters.
    expect((await events('action=certificateDesign.update')).status).toBe(200);
    expect((await events('action=calendar-feed.rotate')).status).toBe(200);
    const unknown = await events('action=program.explode');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('action');
    const category = await events('category=everything');
    expect(category.status).toBe(400);
    expect(category.body.errors[0].field).toBe('category');
  });

  it('is for admins only: partners, instructors and trainees are refused both routes', async () => {
    const cast = await createCast(t);
    for (const who of [cast.partner, cast.instructor, cast.trainee]) {
      expect((await t.http.get(api('/audit-events')).set(who.auth)).status).toBe(403);
      expect((await t.http.get(api('/audit-events/actions')).set(who.auth)).status).toBe(403);
      expect((await t.http.get(api(`/audit-events?actorId=${who.user.id}`)).set(who.auth)).status).toBe(403);
    }
    expect((await t.http.get(api('/audit-events/actions'))).status).toBe(401);
  });
});
