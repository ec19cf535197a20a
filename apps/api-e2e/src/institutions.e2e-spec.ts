import { ProblemDocument, Role } from '@skillbridge/contracts';
import { createSignedIn, SignedIn } from './factories/accounts';
import { api, startTestApp, TestApp } from './support/test-app';

describe('institutions', () => {
  let t: TestApp;
  let admin: SignedIn;

  const valid = (overrides: object = {}) => ({
    code: `C${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    name: { en: 'National University of Laos', th: 'มหาวิทยาลัยแห่งชาติลาว' },
    kind: 'partner',
    country: 'LA',
    ...overrides,
  });
  const auditCount = async (action: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [action]))[0]
      .n as number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createSignedIn(t, { role: Role.Admin });
  });
  afterAll(() => t.close());

  it('creates, reads and changes an institution, recording each change with the request id', async () => {
    const created = await t.http
      .post(api('/institutions'))
      .set(admin.auth)
      .send(valid({ code: ' rmutt ' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'RMUTT', kind: 'partner', country: 'LA', id: expect.any(String) });

    const read = await t.http.get(api(`/institutions/${created.body.id}`));
    expect(read.body).toEqual(created.body);

    const changed = await t.http
      .patch(api(`/institutions/${created.body.id}`))
      .set(admin.auth)
      .send({ country: 'TH', name: { en: 'Rajamangala University of Technology Thanyaburi', zh: '  ' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      code: 'RMUTT',
      country: 'TH',
      name: { en: 'Rajamangala University of Technology Thanyaburi' },
    });
    expect(changed.body.name.zh).toBeUndefined();

    const trail = await t.dataSource.query(
      `SELECT action, actor_id, request_id, details FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
      [created.body.id],
    );
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['institution.create', 'institution.update']);
    expect(trail[0].actor_id).toBe(admin.user.id);
    expect(trail[0].request_id).toBe(created.headers['x-request-id']);
    expect(trail[1].details.country).toEqual({ from: 'LA', to: 'TH' });
  });

  it.each([
    [{ country: 'XX' }, 'country', 'IS_COUNTRY_CODE'],
    [{ country: 'la' }, 'country', 'IS_COUNTRY_CODE'],
    [{ country: 'UK' }, 'country', 'IS_COUNTRY_CODE'],
    [{ name: {} }, 'name', 'IS_LOCALIZED_TEXT'],
    [{ name: { en: '   ' } }, 'name', 'IS_LOCALIZED_TEXT'],
    [{ name: { fr: 'Université' } }, 'name', 'IS_LOCALIZED_TEXT'],
    [{ name: { en: 'x'.repeat(201) } }, 'name', 'IS_LOCALIZED_TEXT'],
    [{ name: 'Just a string' }, 'name', 'IS_LOCALIZED_TEXT'],
    [{ kind: 'school' }, 'kind', 'IS_IN'],
    [{ code: 'has space' }, 'code', 'MATCHES'],
    [{ code: undefined }, 'code', 'MATCHES'],
    [{ id: '00000000-0000-4000-8000-000000000000' }, 'id', 'UNKNOWN_FIELD'],
  ])('refuses %j naming %s, and writes nothing', async (overrides, field, code) => {
    const before = await auditCount('institution.create');
    const body = valid(overrides);
    const res = await t.http.post(api('/institutions')).set(admin.auth).set('Accept-Language', 'ms').send(body);
    expect(res.status).toBe(400);
    expect((res.body as ProblemDocument).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, code })]),
    );
    expect(res.body.title).toBe('Input tidak sah');
    expect(await auditCount('institution.create')).toBe(before);
  });

  it('answers a duplicate code with 409 naming the field, and records nothing for the failed write', async () => {
    const body = valid();
    await t.http.post(api('/institutions')).set(admin.auth).send(body).expect(201);
    const before = await auditCount('institution.create');
    const res = await t.http
      .post(api('/institutions'))
      .set(admin.auth)
      .send({ ...body, name: { en: 'Another' } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INSTITUTION_CODE_EXISTS');
    expect(res.body.errors[0].field).toBe('code');
    expect(await auditCount('institution.create')).toBe(before);

    const other = await t.http.post(api('/institutions')).set(admin.auth).send(valid());
    const clash = await t.http
      .patch(api(`/institutions/${other.body.id}`))
      .set(admin.auth)
      .send({ code: body.code });
    expect(clash.status).toBe(409);
    const [row] = await t.dataSource.query('SELECT code FROM institutions WHERE id = $1', [other.body.id]);
    expect(row.code).toBe(other.body.code);
  });

  it('answers unknown and malformed ids with 404 and 400', async () => {
    await t.http.get(api('/institutions/00000000-0000-4000-8000-000000000000')).expect(404);
    const bad = await t.http.get(api('/institutions/not-a-uuid'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'id', code: 'IS_UUID' });
    await t.http
      .patch(api('/institutions/00000000-0000-4000-8000-000000000000'))
      .set(admin.auth)
      .send({ country: 'TH' })
      .expect(404);
  });

  it('filters by kind, country and text in any language, and pages with a cursor', async () => {
    const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
    for (let i = 0; i < 5; i++) {
      await t.http
        .post(api('/institutions'))
        .set(admin.auth)
        .send(
          valid({
            code: `KH-${tag}-${i}`,
            kind: i % 2 ? 'enterprise' : 'partner',
            country: 'KH',
            name: { en: `Institute ${tag} ${i}`, zh: `柬埔寨学院${tag}` },
          }),
        )
        .expect(201);
    }
    const enterprises = await t.http.get(api(`/institutions?country=KH&kind=enterprise`));
    expect(enterprises.body.items.map((i: { code: string }) => i.code)).toEqual([`KH-${tag}-1`, `KH-${tag}-3`]);

    const byChinese = await t.http.get(api(`/institutions?q=${encodeURIComponent(`柬埔寨学院${tag}`)}`));
    expect(byChinese.body.items).toHaveLength(5);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `/institutions?country=KH&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.http.get(api(query));
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { code: string }) => i.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `KH-${tag}-${i}`));
  });

  it('refuses bad list parameters', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['kind=school', 'kind'],
      ['country=Thailand', 'country'],
      ['cursor=garbage', 'cursor'],
      ['sort=name', 'sort'],
    ]) {
      const res = await t.http.get(api(`/institutions?${query}`));
      expect({ query, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ query, status: 400, field });
    }
  });
});
