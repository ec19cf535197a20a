import { ProblemDocument, Role } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createProgram, createSession, programBody } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

describe('programs', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const fieldsOf = (body: ProblemDocument) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);

  it('creates a draft with every field of the contract and empty seats', async () => {
    const body = programBody(cast.host, {
      code: 'tpc-th-2024-09',
      partnerInstitutionIds: [cast.partnerA.id, cast.partnerB.id],
      enrolmentOpensAt: '2024-08-01T00:00:00+08:00',
      enrolmentClosesAt: '2024-09-02T18:00:00+08:00',
      completionRule: { minAttendanceRate: 0.75, passingScore: 60 },
      venue: 'Online',
    });
    const res = await t.http.post(api('/programs')).set(cast.admin.auth).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'TPC-TH-2024-09',
      kind: 'course',
      status: 'draft',
      deliveryMode: 'online',
      timezone: 'Asia/Shanghai',
      startDate: '2024-09-03',
      endDate: '2024-09-05',
      capacity: 300,
      hostInstitutionId: cast.host.id,
      enrolmentOpensAt: '2024-07-31T16:00:00.000Z',
      enrolmentClosesAt: '2024-09-02T10:00:00.000Z',
      completionRule: { minAttendanceRate: 0.75, passingScore: 60 },
      seats: { capacity: 300, confirmed: 0, waitlisted: 0, pending: 0 },
    });
    expect([...res.body.partnerInstitutionIds].sort()).toEqual([cast.partnerA.id, cast.partnerB.id].sort());
  });

  it.each([
    [{ endDate: '2024-09-02' }, 'endDate:END_BEFORE_START'],
    [{ startDate: '2024-02-30' }, 'startDate:IS_CALENDAR_DATE'],
    [{ endDate: '2026-01-01' }, 'endDate:PROGRAM_TOO_LONG'],
    [{ timezone: 'Asia/Atlantis' }, 'timezone:IS_TIME_ZONE'],
    [{ capacity: 0 }, 'capacity:MIN'],
    [{ capacity: 2.5 }, 'capacity:IS_INT'],
    [{ meetingUrl: 'ftp://files.example.edu.cn/room' }, 'meetingUrl:IS_URL'],
    [{ meetingUrl: 'javascript:alert(1)' }, 'meetingUrl:IS_URL'],
    [
      { enrolmentOpensAt: '2024-09-01T00:00:00+08:00', enrolmentClosesAt: '2024-08-01T00:00:00+08:00' },
      'enrolmentClosesAt:WINDOW_ORDER',
    ],
    [{ enrolmentClosesAt: '2024-09-06T00:00:01+08:00' }, 'enrolmentClosesAt:WINDOW_AFTER_END'],
    [{ enrolmentOpensAt: '2021-01-01T00:00:00Z' }, 'enrolmentOpensAt:WINDOW_TOO_EARLY'],
    [{ enrolmentOpensAt: '2024-08-01T09:00:00' }, 'enrolmentOpensAt:IS_INSTANT'],
    [{ completionRule: { minAttendanceRate: 1.5 } }, 'completionRule.minAttendanceRate:MAX'],
    [{ kind: 'retreat' }, 'kind:IS_IN'],
    [{ title: { de: 'Kurs' } }, 'title:IS_LOCALIZED_TEXT'],
    [{ hostInstitutionId: '00000000-0000-4000-8000-000000000000' }, 'hostInstitutionId:UNKNOWN_INSTITUTION'],
  ])('refuses %j, naming the field', async (overrides, expected) => {
    const res = await t.http
      .post(api('/programs'))
      .set(cast.admin.auth)
      .send(programBody(cast.host, overrides as object));
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(expected);
  });

  it('refuses a partner list with a host or unknown institution, and a host that is not a host', async () => {
    const res = await t.http
      .post(api('/programs'))
      .set(cast.admin.auth)
      .send(
        programBody(cast.partnerA, {
          partnerInstitutionIds: [cast.partnerB.id, cast.host.id, '00000000-0000-4000-8000-000000000000'],
        }),
      );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body).sort()).toEqual([
      'hostInstitutionId:INSTITUTION_KIND',
      'partnerInstitutionIds[1]:INSTITUTION_KIND',
      'partnerInstitutionIds[2]:UNKNOWN_INSTITUTION',
    ]);
  });

  it('keeps codes unique and refuses unknown and server-owned fields', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    const dup = await t.http
      .post(api('/programs'))
      .set(cast.admin.auth)
      .send(programBody(cast.host, { code: program.code.toLowerCase() }));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('PROGRAM_CODE_EXISTS');
    for (const extra of [{ status: 'published' }, { seats: { confirmed: 5 } }, { id: program.id }]) {
      const res = await t.http
        .post(api('/programs'))
        .set(cast.admin.auth)
        .send({ ...programBody(cast.host), ...extra });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].code).toBe('UNKNOWN_FIELD');
    }
  });

  it('changes a program; null clears optional fields and is refused for required ones', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host, { venue: 'Building 3' });
    const res = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ venue: null, capacity: 40, partnerInstitutionIds: [cast.partnerA.id] });
    expect(res.status).toBe(200);
    expect(res.body.venue).toBeUndefined();
    expect(res.body).toMatchObject({ capacity: 40, partnerInstitutionIds: [cast.partnerA.id] });
    const bad = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ title: null, capacity: null });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['capacity:IS_NOT_NULL', 'title:IS_NOT_NULL']);
  });

  it('will not move the dates away from the sessions already scheduled', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-05T09:00:00+08:00',
      endsAt: '2024-09-05T10:00:00+08:00',
    });
    const res = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ endDate: '2024-09-04' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SESSIONS_OUTSIDE_DATES');
    // 09:00 on the first day in Shanghai is still 2 September in Honolulu: a zone change can push sessions out too.
    await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-03T09:00:00+08:00',
      endsAt: '2024-09-03T10:00:00+08:00',
    });
    const zone = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ timezone: 'Pacific/Honolulu' });
    expect(zone.status).toBe(409);
    await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ timezone: 'Asia/Bangkok' })
      .expect(200);
  });

  it('goes draft → published → cancelled, refusing other moves', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    const published = await t.http.post(api(`/programs/${program.id}/publish`)).set(cast.admin.auth);
    expect(published.body.status).toBe('published');
    const again = await t.http
      .post(api(`/programs/${program.id}/publish`))
      .set(cast.admin.auth)
      .set('Accept-Language', 'zh');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(again.body.detail).toContain('published');
    await t.http
      .post(api(`/programs/${program.id}/cancel`))
      .set(cast.admin.auth)
      .expect(200);
    await t.http
      .post(api(`/programs/${program.id}/cancel`))
      .set(cast.admin.auth)
      .expect(409);
    const closed = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ capacity: 10 });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('PROGRAM_NOT_EDITABLE');
    const trail = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
      [program.id],
    );
    expect(trail.map((e: { action: string }) => e.action)).toEqual([
      'program.create',
      'program.publish',
      'program.cancel',
    ]);
  });

  describe('who sees what', () => {
    let draft: { id: string };
    let open: { id: string };
    let forA: { id: string };
    let forB: { id: string };

    beforeAll(async () => {
      draft = await createProgram(t, cast.admin.auth, cast.host, { code: 'VIS-DRAFT-1' });
      open = await createProgram(t, cast.admin.auth, cast.host, { code: 'VIS-OPEN-1' }, { publish: true });
      forA = await createProgram(
        t,
        cast.admin.auth,
        cast.host,
        { code: 'VIS-A-1', partnerInstitutionIds: [cast.partnerA.id] },
        { publish: true },
      );
      forB = await createProgram(
        t,
        cast.admin.auth,
        cast.host,
        { code: 'VIS-B-1', partnerInstitutionIds: [cast.partnerB.id] },
        { publish: true },
      );
    });

    const visibleCodes = async (auth: { Authorization: string }) =>
      ((await t.http.get(api('/programs?q=VIS-&limit=200')).set(auth)).body.items as { code: string }[])
        .map((p) => p.code)
        .sort();

    it('admins see all; partners and their trainees see open programs and their institution’s', async () => {
      expect(await visibleCodes(cast.admin.auth)).toEqual(['VIS-A-1', 'VIS-B-1', 'VIS-DRAFT-1', 'VIS-OPEN-1']);
      expect(await visibleCodes(cast.partner.auth)).toEqual(['VIS-A-1', 'VIS-OPEN-1']);
      expect(await visibleCodes(cast.trainee.auth)).toEqual(['VIS-A-1', 'VIS-OPEN-1']);
      expect(await visibleCodes(cast.otherPartner.auth)).toEqual(['VIS-B-1', 'VIS-OPEN-1']);
    });

    it('answers 404 for a draft or another institution’s program, on every read', async () => {
      for (const [auth, id] of [
        [cast.trainee.auth, draft.id],
        [cast.partner.auth, draft.id],
        [cast.partner.auth, forB.id],
        [cast.trainee.auth, forB.id],
        [cast.otherTrainee.auth, forA.id],
      ] as const) {
        for (const path of [`/programs/${id}`, `/programs/${id}/sessions`, `/programs/${id}/schedule.ics`]) {
          const res = await t.http.get(api(path)).set(auth);
          expect({ path, status: res.status }).toEqual({ path, status: 404 });
        }
      }
      await t.http
        .get(api(`/programs/${open.id}`))
        .set(cast.otherTrainee.auth)
        .expect(200);
    });

    it('shows instructors only the programs they teach', async () => {
      expect(await visibleCodes(cast.instructor.auth)).toEqual([]);
      await createSession(t, cast.admin.auth, draft.id, {
        instructorIds: [cast.instructor.user.instructorId as string],
      });
      expect(await visibleCodes(cast.instructor.auth)).toEqual(['VIS-DRAFT-1']);
    });

    it('lets only admins write', async () => {
      for (const actor of [cast.partner, cast.trainee, cast.instructor]) {
        await t.http.post(api('/programs')).set(actor.auth).send(programBody(cast.host)).expect(403);
        await t.http
          .patch(api(`/programs/${open.id}`))
          .set(actor.auth)
          .send({ capacity: 1 })
          .expect(403);
        await t.http
          .post(api(`/programs/${open.id}/cancel`))
          .set(actor.auth)
          .expect(403);
      }
    });
  });

  it('filters by kind, status, dates and text in any language, and pages with a cursor', async () => {
    const admin = await createSignedIn(t, { role: Role.Admin });
    const host = await createInstitution(t.dataSource, { kind: 'host', country: 'CN' });
    const tag = `F${Date.now() % 100000}`;
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await createProgram(t, admin.auth, host, {
          code: `${tag}-${i}`,
          kind: i % 2 ? 'camp' : 'course',
          startDate: `2025-0${i + 1}-10`,
          endDate: `2025-0${i + 1}-12`,
          title: { en: `Filter ${tag} ${i}`, zh: `筛选${tag}` },
        }),
      );
    }
    const list = async (query: string) =>
      ((await t.http.get(api(`/programs?q=${tag}&${query}`)).set(admin.auth)).body.items as { code: string }[]).map(
        (p) => p.code,
      );
    expect(await list('kind=camp')).toEqual([`${tag}-3`, `${tag}-1`]);
    expect(await list('from=2025-03-01&to=2025-04-30&order=asc')).toEqual([`${tag}-2`, `${tag}-3`]);
    expect(await list('status=published')).toEqual([]);
    expect(
      (
        (await t.http.get(api(`/programs?q=${encodeURIComponent(`筛选${tag}`)}`)).set(admin.auth)).body
          .items as unknown[]
      ).length,
    ).toBe(5);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { code: string }[]; nextCursor: string | null } } = await t.http
        .get(api(`/programs?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`))
        .set(admin.auth);
      seen.push(...page.body.items.map((p: { code: string }) => p.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1, 0].map((i) => `${tag}-${i}`));
    const bad = await t.http.get(api('/programs?from=2025-13-01')).set(admin.auth);
    expect(bad.body.errors[0].field).toBe('from');
  });
});
