import { ProblemDocument, Role } from '@skillbridge/contracts';
import { createAccount, createSignedIn, SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { api, startTestApp, TestApp } from './support/test-app';
import type { Institution } from '@skillbridge/api/modules/institutions/institution.entity';

describe('users (admin)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let host: Institution;
  let partner: Institution;

  const account = (overrides: object = {}) => ({
    email: `u-${Math.random().toString(16).slice(2)}@e2e.test`,
    password: 'salween-river-2026',
    fullName: 'Lina Phommachanh',
    role: 'admin',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
    host = await createInstitution(t.dataSource, { kind: 'host', country: 'CN' });
    partner = await createInstitution(t.dataSource, { kind: 'partner', country: 'LA' });
    admin = await createSignedIn(t, { role: Role.Admin, institutionId: host.id });
  });
  afterAll(() => t.close());

  it('creates an instructor account with its instructor profile', async () => {
    const res = await t.http
      .post(api('/users'))
      .set(admin.auth)
      .send(account({ role: 'instructor', institutionId: host.id, fullName: '李娜' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'instructor', institutionId: host.id, instructorId: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    const [profile] = await t.dataSource.query('SELECT full_name, institution_id FROM instructors WHERE id = $1', [
      res.body.instructorId,
    ]);
    expect(profile).toEqual({ full_name: '李娜', institution_id: host.id });
  });

  it('creates a partner account only for a partner institution', async () => {
    const ok = await t.http
      .post(api('/users'))
      .set(admin.auth)
      .send(account({ role: 'partner', institutionId: partner.id }));
    expect(ok.status).toBe(201);
    const missing = await t.http
      .post(api('/users'))
      .set(admin.auth)
      .send(account({ role: 'partner' }));
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'institutionId', code: 'IS_DEFINED' })]);
    const wrongKind = await t.http
      .post(api('/users'))
      .set(admin.auth)
      .send(account({ role: 'partner', institutionId: host.id }));
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([
      expect.objectContaining({ field: 'institutionId', code: 'INSTITUTION_KIND' }),
    ]);
  });

  it('creates a trainee account with a trainee profile, or links the profile a partner imported', async () => {
    const email = `imported-${Date.now()}@e2e.test`;
    const [imported] = await t.dataSource.query(
      `INSERT INTO trainees (full_name, email, nationality, institution_id) VALUES ('ສົມພອນ', $1, 'LA', $2) RETURNING id`,
      [email, partner.id],
    );
    const res = await t.http
      .post(api('/users'))
      .set(admin.auth)
      .send(account({ role: 'trainee', email, nationality: 'LA', institutionId: partner.id }));
    expect(res.status).toBe(201);
    expect(res.body.traineeId).toBe(imported.id);
    const noNationality = await t.http
      .post(api('/users'))
      .set(admin.auth)
      .send(account({ role: 'trainee' }));
    expect(noNationality.status).toBe(400);
    expect(noNationality.body.errors[0].field).toBe('nationality');
  });

  it('refuses duplicate e-mails, unknown institutions and bad fields', async () => {
    const body = account();
    await t.http.post(api('/users')).set(admin.auth).send(body).expect(201);
    const dup = await t.http
      .post(api('/users'))
      .set(admin.auth)
      .send({ ...body, email: ` ${body.email.toUpperCase()} ` });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('EMAIL_ALREADY_REGISTERED');
    const cases: [object, string][] = [
      [{ institutionId: '00000000-0000-4000-8000-000000000000', role: 'instructor' }, 'institutionId'],
      [{ role: 'superuser' }, 'role'],
      [{ password: 'qwertyuiop' }, 'password'],
      [{ timeZone: 'Asia/Atlantis' }, 'timeZone'],
      [{ disabled: true }, 'disabled'],
      [{ tokenVersion: 5 }, 'tokenVersion'],
    ];
    for (const [overrides, field] of cases) {
      const res = await t.http.post(api('/users')).set(admin.auth).send(account(overrides));
      expect({
        overrides,
        status: res.status,
        fields: (res.body as ProblemDocument).errors?.map((e) => e.field),
      }).toEqual({
        overrides,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
    }
  });

  it('lists accounts newest first with filters and a cursor', async () => {
    const institution = await createInstitution(t.dataSource, { kind: 'partner', country: 'KH' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await createAccount(t, { role: Role.Partner, institutionId: institution.id })).id);
    const first = await t.http.get(api(`/users?institutionId=${institution.id}&limit=2`)).set(admin.auth);
    expect(first.body.items.map((u: { id: string }) => u.id)).toEqual([ids[2], ids[1]]);
    const second = await t.http
      .get(api(`/users?institutionId=${institution.id}&limit=2&cursor=${first.body.nextCursor}`))
      .set(admin.auth);
    expect(second.body.items.map((u: { id: string }) => u.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    const partners = await t.http.get(api('/users?role=partner&limit=200')).set(admin.auth);
    expect(partners.body.items.every((u: { role: string }) => u.role === 'partner')).toBe(true);
  });

  it('keeps at least one active administrator', async () => {
    const lone = await startTestApp();
    try {
      const only = await createSignedIn(lone, { role: Role.Admin });
      for (const request of [
        lone.http.patch(api(`/users/${only.user.id}`)).send({ disabled: true }),
        lone.http
          .patch(api(`/users/${only.user.id}`))
          .send({ role: 'instructor', institutionId: (await createInstitution(lone.dataSource)).id }),
        lone.http.delete(api(`/users/${only.user.id}`)),
      ]) {
        const res = await request.set(only.auth);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('LAST_ADMIN');
      }
      const second = await createAccount(lone, { role: Role.Admin });
      await lone.http
        .patch(api(`/users/${second.id}`))
        .set(only.auth)
        .send({ disabled: true })
        .expect(200);
      await lone.http
        .delete(api(`/users/${only.user.id}`))
        .set(only.auth)
        .expect(409);
    } finally {
      await lone.close();
    }
  });

  it('refuses to turn a trainee into staff or staff into a trainee', async () => {
    const trainee = await createAccount(t, { role: Role.Trainee });
    const res = await t.http
      .patch(api(`/users/${trainee.id}`))
      .set(admin.auth)
      .send({ role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'role', code: 'ROLE_CHANGE' });
  });

  it('deletes an account but keeps its trainee profile and its audit trail', async () => {
    const trainee = await createAccount(t, { role: Role.Trainee });
    await t.http
      .delete(api(`/users/${trainee.id}`))
      .set(admin.auth)
      .expect(204);
    await t.http
      .get(api(`/users/${trainee.id}`))
      .set(admin.auth)
      .expect(404);
    const [profile] = await t.dataSource.query('SELECT user_id FROM trainees WHERE id = $1', [trainee.traineeId]);
    expect(profile.user_id).toBeNull();
    const trail = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
      [trainee.id],
    );
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['user.create', 'user.delete']);
  });
});
