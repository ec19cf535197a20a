import ICAL from 'ical.js';
import { Role, type TimetableEntry } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createGuestInstructor, createProgram, createSession } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

describe('instructors and timetables', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  it('creates standalone profiles for guest experts and finds them by institution and expertise', async () => {
    const enterprise = await createInstitution(t.dataSource, {
      kind: 'enterprise',
      country: 'CN',
      name: { en: 'Hybrid rice seed company' },
    });
    const res = await t.http
      .post(api('/instructors'))
      .set(cast.admin.auth)
      .send({
        fullName: '陈农',
        institutionId: enterprise.id,
        expertise: ['Hybrid rice breeding', 'Pest control'],
        languages: ['zh', 'en'],
      });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      fullName: '陈农',
      institutionId: enterprise.id,
      expertise: ['Hybrid rice breeding', 'Pest control'],
      languages: ['zh', 'en'],
    });
    const found = await t.http
      .get(api(`/instructors?institutionId=${enterprise.id}&q=breeding`))
      .set(cast.trainee.auth);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
    const changed = await t.http
      .patch(api(`/instructors/${res.body.id}`))
      .set(cast.admin.auth)
      .send({ languages: ['zh', 'en', 'ms'] });
    expect(changed.body.languages).toEqual(['zh', 'en', 'ms']);
    const bad = await t.http
      .post(api('/instructors'))
      .set(cast.admin.auth)
      .send({ fullName: 'X', institutionId: enterprise.id, languages: ['Chinese'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('languages');
    await t.http
      .post(api('/instructors'))
      .set(cast.partner.auth)
      .send({ fullName: 'X', institutionId: enterprise.id })
      .expect(403);
  });

  it('keeps a name in the own script and in Latin letters, found by either', async () => {
    const enterprise = await createInstitution(t.dataSource, { kind: 'enterprise', country: 'CN' });
    const created = await t.http
      .post(api('/instructors'))
      .set(cast.admin.auth)
      .send({
        fullName: '黄思远',
        fullNameLatin: ' Huang Siyuan ',
        institutionId: enterprise.id,
        expertise: ['Live commerce'],
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ fullName: '黄思远', fullNameLatin: 'Huang Siyuan', languages: [] });
    const byLatin = await t.http.get(api('/instructors?q=siyuan')).set(cast.admin.auth);
    expect(byLatin.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    const got = await t.http.get(api(`/instructors/${created.body.id}`)).set(cast.trainee.auth);
    expect(got.body.fullNameLatin).toBe('Huang Siyuan');

    const notLatin = await t.http
      .patch(api(`/instructors/${created.body.id}`))
      .set(cast.admin.auth)
      .send({ fullNameLatin: '黄思远' });
    expect(notLatin.status).toBe(400);
    expect(notLatin.body.errors.map((e: { field: string }) => e.field)).toEqual(['fullNameLatin']);

    const other = await createInstitution(t.dataSource, { kind: 'host', country: 'CN' });
    const edited = await t.http
      .patch(api(`/instructors/${created.body.id}`))
      .set(cast.admin.auth)
      .send({ fullNameLatin: null, institutionId: other.id, expertise: ['Live commerce', 'Short video'] });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({
      id: created.body.id,
      fullName: '黄思远',
      institutionId: other.id,
      expertise: ['Live commerce', 'Short video'],
      languages: [],
    });
    const unknown = await t.http
      .patch(api(`/instructors/${created.body.id}`))
      .set(cast.admin.auth)
      .send({ institutionId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('institutionId');
    await t.http
      .patch(api(`/instructors/${created.body.id}`))
      .set(cast.instructor.auth)
      .send({ fullNameLatin: 'X' })
      .expect(403);
  });

  describe('GET /instructors/:id/sessions', () => {
    let own: string;
    let other: { id: string };

    beforeAll(async () => {
      own = cast.instructor.user.instructorId as string;
      other = await createGuestInstructor(t, cast.admin.auth, cast.host.id, '吴霞');
      const program = await createProgram(
        t,
        cast.admin.auth,
        cast.host,
        { title: { en: 'Tea culture course', zh: '茶文化课程' } },
        { publish: true },
      );
      await createSession(t, cast.admin.auth, program.id, {
        instructorIds: [own],
        startsAt: '2024-09-03T09:00:00+08:00',
        endsAt: '2024-09-03T11:00:00+08:00',
      });
      await createSession(t, cast.admin.auth, program.id, {
        instructorIds: [own, other.id],
        startsAt: '2024-09-05T14:00:00+08:00',
        endsAt: '2024-09-05T16:00:00+08:00',
      });
    });

    it('gives an instructor their own timetable with the programs, between from and to', async () => {
      const res = await t.http
        .get(api(`/instructors/${own}/sessions?from=2024-09-01T00:00:00Z&to=2024-09-30T00:00:00Z`))
        .set(cast.instructor.auth);
      expect(res.status).toBe(200);
      expect(res.body.map((e: TimetableEntry) => e.startsAt)).toEqual([
        '2024-09-03T01:00:00.000Z',
        '2024-09-05T06:00:00.000Z',
      ]);
      expect(res.body[0]).toMatchObject({ programTitle: { zh: '茶文化课程' }, programTimezone: 'Asia/Shanghai' });
      const narrow = await t.http
        .get(api(`/instructors/${own}/sessions?from=2024-09-04T00:00:00Z&to=2024-09-30T00:00:00Z`))
        .set(cast.instructor.auth);
      expect(narrow.body).toHaveLength(1);
    });

    it('lets admins read anyone’s, hides another instructor’s (404) and refuses other roles (403)', async () => {
      await t.http
        .get(api(`/instructors/${other.id}/sessions?from=2024-09-01T00:00:00Z&to=2024-09-30T00:00:00Z`))
        .set(cast.admin.auth)
        .expect(200);
      await t.http
        .get(api(`/instructors/${other.id}/sessions`))
        .set(cast.instructor.auth)
        .expect(404);
      await t.http
        .get(api(`/instructors/${other.id}/schedule.ics`))
        .set(cast.instructor.auth)
        .expect(404);
      for (const actor of [cast.partner, cast.trainee])
        await t.http
          .get(api(`/instructors/${own}/sessions`))
          .set(actor.auth)
          .expect(403);
      await t.http.get(api(`/instructors/${own}/sessions`)).expect(401);
    });

    it('refuses a reversed or overlong period', async () => {
      const reversed = await t.http
        .get(api(`/instructors/${own}/sessions?from=2024-09-30T00:00:00Z&to=2024-09-01T00:00:00Z`))
        .set(cast.admin.auth);
      expect(reversed.body.errors[0]).toMatchObject({ field: 'to', code: 'ENDS_BEFORE_START' });
      const long = await t.http
        .get(api(`/instructors/${own}/sessions?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`))
        .set(cast.admin.auth);
      expect(long.body.errors[0]).toMatchObject({ field: 'to', code: 'RANGE_TOO_LONG' });
    });

    it('exports the timetable as iCalendar', async () => {
      const res = await t.http
        .get(api(`/instructors/${own}/schedule.ics`))
        .set(cast.instructor.auth)
        .set('Accept-Language', 'zh');
      expect(res.status).toBe(200);
      const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent');
      expect(events).toHaveLength(2);
    });
  });

  it('an instructor account created by an admin sees its own timetable after signing in', async () => {
    const signed = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const res = await t.http.get(api(`/instructors/${signed.user.instructorId}/sessions`)).set(signed.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});
