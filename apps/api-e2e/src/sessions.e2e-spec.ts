import { ProblemDocument, type Session } from '@skillbridge/contracts';
import { Cast, createCast } from './factories/accounts';
import { createGuestInstructor, createProgram, createSession } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

describe('sessions', () => {
  let t: TestApp;
  let cast: Cast;
  let instructorId: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    instructorId = cast.instructor.user.instructorId as string;
  });
  afterAll(() => t.close());

  const fieldsOf = (body: ProblemDocument) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);
  const post = (programId: string, body: object) =>
    t.http
      .post(api(`/programs/${programId}/sessions`))
      .set(cast.admin.auth)
      .send(body);
  const session = (overrides: object = {}) => ({
    title: { en: 'Tea culture', zh: '茶文化', th: 'วัฒนธรรมชา' },
    type: 'lecture',
    startsAt: '2024-09-03T09:00:00+08:00',
    endsAt: '2024-09-03T11:00:00+08:00',
    ...overrides,
  });

  it('adds sessions with instructors and lists them by start, in UTC', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    const guest = await createGuestInstructor(t, cast.admin.auth, cast.host.id, '周静');
    const later = await post(
      program.id,
      session({ startsAt: '2024-09-04T14:00:00+08:00', endsAt: '2024-09-04T16:00:00+08:00', type: 'seminar' }),
    );
    const first = await post(program.id, session({ instructorIds: [instructorId, guest.id], venue: 'Room 301' }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      programId: program.id,
      type: 'lecture',
      startsAt: '2024-09-03T01:00:00.000Z',
      endsAt: '2024-09-03T03:00:00.000Z',
      venue: 'Room 301',
    });
    expect([...first.body.instructorIds].sort()).toEqual([instructorId, guest.id].sort());
    expect(first.body.instructors.map((i: { fullName: string }) => i.fullName)).toContain('周静');
    // The name in Latin letters travels with the session, for trainees who do not read Chinese.
    await t.http
      .patch(api(`/instructors/${guest.id}`))
      .set(cast.admin.auth)
      .send({ fullNameLatin: 'Zhou Jing' })
      .expect(200);
    const named = await t.http.get(api(`/sessions/${first.body.id}`)).set(cast.admin.auth);
    expect(named.body.instructors).toContainEqual({ id: guest.id, fullName: '周静', fullNameLatin: 'Zhou Jing' });
    const list = await t.http.get(api(`/programs/${program.id}/sessions`)).set(cast.admin.auth);
    expect(list.body.map((s: Session) => s.id)).toEqual([first.body.id, later.body.id]);
    const one = await t.http.get(api(`/sessions/${first.body.id}`)).set(cast.admin.auth);
    expect(one.body).toEqual(named.body);
  });

  it.each([
    [{ endsAt: '2024-09-03T09:00:00+08:00' }, 'endsAt:ENDS_BEFORE_START'],
    [{ startsAt: '2024-09-02T22:00:00+08:00', endsAt: '2024-09-02T23:00:00+08:00' }, 'startsAt:OUTSIDE_PROGRAM'],
    [{ startsAt: '2024-09-05T23:00:00+08:00', endsAt: '2024-09-06T00:30:00+08:00' }, 'endsAt:OUTSIDE_PROGRAM'],
    [{ type: 'party' }, 'type:IS_IN'],
    [{ startsAt: '2024-09-03 09:00' }, 'startsAt:IS_INSTANT'],
    [{ instructorIds: ['00000000-0000-4000-8000-000000000000'] }, 'instructorIds[0]:UNKNOWN_INSTRUCTOR'],
    [{ meetingUrl: 'zoom://meeting/1' }, 'meetingUrl:IS_URL'],
  ])('refuses %j, naming the field', async (overrides, expected) => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    const res = await post(program.id, session(overrides));
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(expected);
  });

  it('judges "within the dates" in the program’s time zone, not in UTC', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host, { timezone: 'Asia/Bangkok' });
    // 06:00 on the first day in Bangkok is 23:00 the day before in UTC: inside.
    const dawn = await post(
      program.id,
      session({ startsAt: '2024-09-03T06:00:00+07:00', endsAt: '2024-09-03T07:00:00+07:00' }),
    );
    expect(dawn.status).toBe(201);
    expect(dawn.body.startsAt).toBe('2024-09-02T23:00:00.000Z');
    // 23:30 the evening before, local time: outside, though the UTC date matches the start date's eve only.
    const eve = await post(
      program.id,
      session({ startsAt: '2024-09-02T23:30:00+07:00', endsAt: '2024-09-03T00:30:00+07:00' }),
    );
    expect(fieldsOf(eve.body)).toEqual(['startsAt:OUTSIDE_PROGRAM']);
    // The last local hour of the last day is inside, a minute later is not.
    await post(
      program.id,
      session({ startsAt: '2024-09-05T23:00:00+07:00', endsAt: '2024-09-06T00:00:00+07:00' }),
    ).expect(201);
    await post(
      program.id,
      session({ startsAt: '2024-09-05T23:00:00+07:00', endsAt: '2024-09-06T00:01:00+07:00' }),
    ).expect(400);
  });

  it('handles Yangon’s half-hour offset (UTC+06:30)', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host, {
      timezone: 'Asia/Yangon',
      startDate: '2024-10-29',
      endDate: '2024-11-02',
      deliveryMode: 'onsite',
      venue: 'Yangon',
    });
    const opening = await post(
      program.id,
      session({ type: 'ceremony', startsAt: '2024-10-29T00:00:00+06:30', endsAt: '2024-10-29T00:30:00+06:30' }),
    );
    expect(opening.status).toBe(201);
    expect(opening.body.startsAt).toBe('2024-10-28T17:30:00.000Z');
    const before = await post(
      program.id,
      session({ startsAt: '2024-10-28T17:29:00Z', endsAt: '2024-10-28T18:00:00Z' }),
    );
    expect(fieldsOf(before.body)).toEqual(['startsAt:OUTSIDE_PROGRAM']);
    expect(before.body.errors[0].message).toContain('Asia/Yangon');
  });

  describe('an instructor is never in two overlapping sessions', () => {
    it('answers 409 naming the clashing session, across programs; back-to-back is fine', async () => {
      const camp = await createProgram(t, cast.admin.auth, cast.host, { kind: 'camp', deliveryMode: 'onsite' });
      const course = await createProgram(t, cast.admin.auth, cast.host);
      const keynote = await createSession(t, cast.admin.auth, camp.id, {
        title: { en: 'Keynote: independent web shops', zh: '主题演讲：独立站' },
        startsAt: '2024-09-04T09:00:00+08:00',
        endsAt: '2024-09-04T11:00:00+08:00',
        instructorIds: [instructorId],
      });
      const clash = await t.http
        .post(api(`/programs/${course.id}/sessions`))
        .set(cast.admin.auth)
        .set('Accept-Language', 'zh')
        .send(
          session({
            startsAt: '2024-09-04T10:30:00+08:00',
            endsAt: '2024-09-04T12:00:00+08:00',
            instructorIds: [instructorId],
          }),
        );
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('SESSION_CLASH');
      expect(clash.body.detail).toContain('主题演讲：独立站');
      expect(clash.body.clash).toMatchObject({
        sessionId: keynote.id,
        programId: camp.id,
        instructorId,
        startsAt: '2024-09-04T01:00:00.000Z',
      });
      expect(clash.body.errors[0].field).toBe('instructorIds');

      await post(
        course.id,
        session({
          startsAt: '2024-09-04T11:00:00+08:00',
          endsAt: '2024-09-04T12:00:00+08:00',
          instructorIds: [instructorId],
        }),
      ).expect(201);
      await post(
        course.id,
        session({
          startsAt: '2024-09-04T08:00:00+08:00',
          endsAt: '2024-09-04T09:00:00+08:00',
          instructorIds: [instructorId],
        }),
      ).expect(201);
    });

    it('checks changes too: moving a session or adding an instructor into a clash is refused, and nothing changes', async () => {
      const program = await createProgram(t, cast.admin.auth, cast.host);
      const busy = await createGuestInstructor(t, cast.admin.auth, cast.host.id, '赵磊');
      const morning = await createSession(t, cast.admin.auth, program.id, {
        instructorIds: [busy.id],
        startsAt: '2024-09-05T09:00:00+08:00',
        endsAt: '2024-09-05T10:00:00+08:00',
      });
      const afternoon = await createSession(t, cast.admin.auth, program.id, {
        instructorIds: [busy.id],
        startsAt: '2024-09-05T14:00:00+08:00',
        endsAt: '2024-09-05T15:00:00+08:00',
      });
      const other = await createSession(t, cast.admin.auth, program.id, {
        startsAt: '2024-09-05T09:30:00+08:00',
        endsAt: '2024-09-05T10:30:00+08:00',
      });

      const moved = await t.http
        .patch(api(`/sessions/${afternoon.id}`))
        .set(cast.admin.auth)
        .send({ startsAt: '2024-09-05T09:45:00+08:00', endsAt: '2024-09-05T10:45:00+08:00' });
      expect(moved.status).toBe(409);
      expect(moved.body.clash.sessionId).toBe(morning.id);
      const added = await t.http
        .patch(api(`/sessions/${other.id}`))
        .set(cast.admin.auth)
        .send({ instructorIds: [busy.id] });
      expect(added.status).toBe(409);
      const stored = await t.http.get(api(`/sessions/${afternoon.id}`)).set(cast.admin.auth);
      expect(stored.body.startsAt).toBe('2024-09-05T06:00:00.000Z');
      // Moving it to a free slot works, and its own old slot does not count as a clash.
      await t.http
        .patch(api(`/sessions/${afternoon.id}`))
        .set(cast.admin.auth)
        .send({ startsAt: '2024-09-05T14:30:00+08:00' })
        .expect(200);
    });

    it('holds under concurrency: of 20 simultaneous clashing sessions exactly one is created', async () => {
      const programs = await Promise.all(Array.from({ length: 4 }, () => createProgram(t, cast.admin.auth, cast.host)));
      const guest = await createGuestInstructor(t, cast.admin.auth, cast.host.id, '孙悦');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(
            programs[i % 4].id,
            session({
              startsAt: `2024-09-04T09:${String(i).padStart(2, '0')}:00+08:00`,
              endsAt: '2024-09-04T11:00:00+08:00',
              instructorIds: [guest.id],
            }),
          ),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM session_instructors WHERE instructor_id = $1',
        [guest.id],
      );
      expect(n).toBe(1);
    });
  });

  it('removes a session, and refuses changes to a cancelled program’s agenda', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    const one = await createSession(t, cast.admin.auth, program.id);
    await t.http
      .delete(api(`/sessions/${one.id}`))
      .set(cast.admin.auth)
      .expect(204);
    await t.http
      .get(api(`/sessions/${one.id}`))
      .set(cast.admin.auth)
      .expect(404);
    const two = await createSession(t, cast.admin.auth, program.id);
    await t.http
      .post(api(`/programs/${program.id}/cancel`))
      .set(cast.admin.auth)
      .expect(200);
    const res = await t.http
      .patch(api(`/sessions/${two.id}`))
      .set(cast.admin.auth)
      .send({ venue: 'Hall B' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PROGRAM_NOT_EDITABLE');
    await post(program.id, session()).expect(409);
  });

  it('lets only admins write, and hides the sessions of programs the caller may not see', async () => {
    const draft = await createProgram(t, cast.admin.auth, cast.host);
    const one = await createSession(t, cast.admin.auth, draft.id);
    for (const actor of [cast.partner, cast.trainee, cast.instructor]) {
      await t.http
        .post(api(`/programs/${draft.id}/sessions`))
        .set(actor.auth)
        .send(session())
        .expect(403);
      await t.http
        .patch(api(`/sessions/${one.id}`))
        .set(actor.auth)
        .send({ venue: 'x' })
        .expect(403);
      await t.http
        .delete(api(`/sessions/${one.id}`))
        .set(actor.auth)
        .expect(403);
    }
    await t.http
      .get(api(`/sessions/${one.id}`))
      .set(cast.trainee.auth)
      .expect(404);
    await t.http
      .get(api(`/programs/${draft.id}/sessions`))
      .set(cast.partner.auth)
      .expect(404);
  });
});
