import { ErrorCode, Role, type DuplicatedProgram, type Program, type Session } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession, uniqueCode } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

/**
 * Copying last year's camp (issue 22): a draft with the same settings, partners, quotas and logistics settings,
 * its sessions moved by the same number of days keeping their wall-clock times in the program's zone — here
 * Europe/London across the start of British Summer Time — and instructors busy elsewhere reported, not dropped.
 */
describe('duplicating a program', () => {
  let t: TestApp;
  let cast: Cast;
  let teacher: SignedIn;
  let helper: SignedIn;
  let source: Program;
  let lecture: Session;
  let workshop: Session;
  let cancelledSession: Session;
  let elsewhere: Session;

  const duplicate = (id: string, body: object, auth: Auth = cast.admin.auth) =>
    t.http
      .post(api(`/programs/${id}/duplicate`))
      .set(auth)
      .send(body);
  const sessionsOf = async (programId: string): Promise<Session[]> =>
    (
      await t.http
        .get(api(`/programs/${programId}/sessions`))
        .set(cast.admin.auth)
        .expect(200)
    ).body;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    helper = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    // Spring 2025 in London: GMT (UTC+0) until 30 March, then BST (UTC+1).
    source = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        kind: 'camp',
        title: { en: 'London e-commerce camp', zh: '伦敦跨境电商营' },
        summary: { en: 'A week of cross-border e-commerce.' },
        deliveryMode: 'hybrid',
        venue: 'King’s Cross campus, Hall B',
        meetingUrl: 'https://meeting.example.edu.cn/room/london',
        timezone: 'Europe/London',
        startDate: '2025-03-24',
        endDate: '2025-03-28',
        capacity: 40,
        enrolmentOpensAt: '2025-02-01T09:00:00Z',
        enrolmentClosesAt: '2025-03-20T17:00:00Z',
        partnerInstitutionIds: [cast.partnerA.id, cast.partnerB.id],
        partnerQuotas: [{ institutionId: cast.partnerA.id, seats: 10 }],
        hostReview: true,
        completionRule: { minAttendanceRate: 0.8, passingScore: 60, certificateValidityMonths: 24 },
        attendanceRule: { minMinutesPresentRate: 0.7, graceMinutes: 15 },
      },
      { publish: true },
    );
    lecture = await createSession(t, cast.admin.auth, source.id, {
      title: { en: 'Opening lecture' },
      startsAt: '2025-03-25T09:00:00Z',
      endsAt: '2025-03-25T11:00:00Z',
      instructorIds: [teacher.user.instructorId as string, helper.user.instructorId as string],
    });
    workshop = await createSession(t, cast.admin.auth, source.id, {
      title: { en: 'Live-stream workshop' },
      type: 'workshop',
      startsAt: '2025-03-27T14:30:00Z',
      endsAt: '2025-03-27T16:00:00Z',
      venue: 'Studio 3',
      instructorIds: [teacher.user.instructorId as string],
    });
    cancelledSession = await createSession(t, cast.admin.auth, source.id, {
      title: { en: 'Company visit' },
      startsAt: '2025-03-28T09:00:00Z',
      endsAt: '2025-03-28T12:00:00Z',
    });
    await t.http
      .post(api(`/sessions/${cancelledSession.id}/cancel`))
      .set(cast.admin.auth)
      .send({ reason: 'The company closed' })
      .expect(200);
    await t.http
      .put(api(`/programs/${source.id}/logistics-settings`))
      .set(cast.admin.auth)
      .send({ collect: ['travel', 'passport'], dueDate: '2025-03-10', arrivalPoints: ['London Heathrow'] })
      .expect(200);
    // The teacher already teaches elsewhere on 1 April 2025, 09:30–10:30 BST: the copied lecture's time.
    const other = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { timezone: 'Europe/London', startDate: '2025-03-31', endDate: '2025-04-04' },
      { publish: true },
    );
    elsewhere = await createSession(t, cast.admin.auth, other.id, {
      startsAt: '2025-04-01T08:30:00Z',
      endsAt: '2025-04-01T09:30:00Z',
      instructorIds: [teacher.user.instructorId as string],
    });
    // A trainee holds a seat in the source: the copy starts with nobody.
    await t.http
      .post(api(`/programs/${source.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: cast.trainee.user.traineeId })
      .expect(201);
  });
  afterAll(() => t.close());

  describe('a week later, across the change to summer time', () => {
    let copy: DuplicatedProgram;
    const code = uniqueCode('LDN');

    beforeAll(async () => {
      const res = await duplicate(source.id, { code: ` ${code.toLowerCase()} `, startDate: '2025-03-31' });
      expect(res.status).toBe(201);
      copy = res.body;
    });

    it('answers a new draft with the same settings, dates and window moved, nobody enrolled', async () => {
      expect(copy.id).not.toBe(source.id);
      expect(copy).toMatchObject({
        code,
        status: 'draft',
        kind: 'camp',
        title: source.title,
        summary: source.summary,
        deliveryMode: 'hybrid',
        venue: source.venue,
        meetingUrl: source.meetingUrl,
        timezone: 'Europe/London',
        startDate: '2025-03-31',
        endDate: '2025-04-04',
        capacity: 40,
        hostInstitutionId: cast.host.id,
        partnerInstitutionIds: source.partnerInstitutionIds,
        partnerQuotas: [{ institutionId: cast.partnerA.id, seats: 10 }],
        hostReview: true,
        completionRule: { minAttendanceRate: 0.8, passingScore: 60, certificateValidityMonths: 24 },
        attendanceRule: { minMinutesPresentRate: 0.7, graceMinutes: 15 },
        seats: { confirmed: 0, waitlisted: 0, pending: 0, nominated: 0, available: 0 },
      });
      // 09:00 GMT on 1 February stays 09:00 on 8 February; 17:00 GMT on 20 March is 17:00 GMT on 27 March.
      expect(copy.enrolmentOpensAt).toBe('2025-02-08T09:00:00.000Z');
      expect(copy.enrolmentClosesAt).toBe('2025-03-27T17:00:00.000Z');
      const read = await t.http
        .get(api(`/programs/${copy.id}`))
        .set(cast.admin.auth)
        .expect(200);
      expect(read.body).toMatchObject({ code, status: 'draft', partnerQuotas: copy.partnerQuotas });
      // The source is untouched.
      const again = await t.http
        .get(api(`/programs/${source.id}`))
        .set(cast.admin.auth)
        .expect(200);
      expect(again.body).toMatchObject({ code: source.code, status: 'published', seats: { confirmed: 1 } });
    });

    it('moves the sessions seven days keeping London wall-clock times, and leaves the cancelled one behind', async () => {
      const sessions = await sessionsOf(copy.id);
      expect(sessions.map((s) => [s.title.en, s.startsAt, s.endsAt, s.status])).toEqual([
        // 09:00–11:00 GMT (UTC) → 09:00–11:00 BST, which is 08:00–10:00 UTC.
        ['Opening lecture', '2025-04-01T08:00:00.000Z', '2025-04-01T10:00:00.000Z', 'scheduled'],
        ['Live-stream workshop', '2025-04-03T13:30:00.000Z', '2025-04-03T15:00:00.000Z', 'scheduled'],
      ]);
      expect(sessions[1]).toMatchObject({ type: 'workshop', venue: 'Studio 3' });
      expect(sessions.map((s) => s.id)).not.toContain(lecture.id);
      expect(sessions.map((s) => s.id)).not.toContain(workshop.id);
    });

    it('keeps the instructors, and reports the one who teaches elsewhere at the copied time', async () => {
      const [copiedLecture, copiedWorkshop] = await sessionsOf(copy.id);
      expect(copy.clashes).toEqual([
        {
          sessionId: copiedLecture.id,
          instructorId: teacher.user.instructorId,
          clashingSessionId: elsewhere.id,
        },
      ]);
      expect(copiedLecture.instructors.map((i) => i.id)).toEqual([helper.user.instructorId]);
      expect(copiedWorkshop.instructors.map((i) => i.id)).toEqual([teacher.user.instructorId]);
    });

    it('copies the logistics settings with the due date moved, and audits program.duplicate {from, to}', async () => {
      const settings = await t.http
        .get(api(`/programs/${copy.id}/logistics-settings`))
        .set(cast.admin.auth)
        .expect(200);
      expect(settings.body).toMatchObject({
        collect: ['travel', 'passport'],
        dueDate: '2025-03-17',
        arrivalPoints: ['London Heathrow'],
      });
      const [event] = await t.dataSource.query(
        `SELECT entity_id, details FROM audit_events WHERE action = 'program.duplicate' AND entity_id = $1`,
        [copy.id],
      );
      expect(event.details).toMatchObject({ from: source.id, to: copy.id });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM enrolments WHERE program_id = $1`, [
        copy.id,
      ]);
      expect(n).toBe(0);
    });
  });

  it('moves a program back a year in a zone without daylight saving (Asia/Shanghai), no clashes', async () => {
    const shanghai = await createProgram(t, cast.admin.auth, cast.host, {}, { publish: false });
    await createSession(t, cast.admin.auth, shanghai.id, {
      startsAt: '2024-09-03T09:00:00+08:00',
      endsAt: '2024-09-03T11:00:00+08:00',
      instructorIds: [helper.user.instructorId as string],
    });
    const res = await duplicate(shanghai.id, { code: uniqueCode('SHA'), startDate: '2023-09-03' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ startDate: '2023-09-03', endDate: '2023-09-05', status: 'draft', clashes: [] });
    const [moved] = await sessionsOf(res.body.id);
    expect(moved.startsAt).toBe('2023-09-03T01:00:00.000Z');
    expect(moved.instructors.map((i) => i.id)).toEqual([helper.user.instructorId]);
  });

  describe('refusals', () => {
    const countPrograms = async (code: string) =>
      (
        (await t.dataSource.query('SELECT count(*)::int AS n FROM programs WHERE code = $1', [code])) as {
          n: number;
        }[]
      )[0].n;

    it('lets only admins duplicate (403 for everyone else, 401 signed out)', async () => {
      const code = uniqueCode();
      for (const who of [cast.partner, cast.trainee, cast.instructor]) {
        const res = await duplicate(source.id, { code, startDate: '2026-03-23' }, who.auth);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe(ErrorCode.Forbidden);
      }
      await t.http
        .post(api(`/programs/${source.id}/duplicate`))
        .send({ code, startDate: '2026-03-23' })
        .expect(401);
      expect(await countPrograms(code)).toBe(0);
    });

    it('answers 404 for an unknown program and 400 for a malformed id', async () => {
      const res = await duplicate('00000000-0000-4000-8000-000000000000', {
        code: uniqueCode(),
        startDate: '2026-03-23',
      });
      expect(res.status).toBe(404);
      expect((await duplicate('not-an-id', { code: uniqueCode(), startDate: '2026-03-23' })).status).toBe(400);
    });

    it('answers 400 naming each bad or missing field', async () => {
      const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];
      const missing = await duplicate(source.id, {});
      expect(missing.status).toBe(400);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(fields(missing.body).sort()).toEqual(['code', 'startDate']);
      const bad = await duplicate(source.id, { code: 'has spaces!', startDate: '2026-02-30' });
      expect(bad.status).toBe(400);
      expect(fields(bad.body).sort()).toEqual(['code', 'startDate']);
      const extra = await duplicate(source.id, { code: uniqueCode(), startDate: '2026-03-23', status: 'published' });
      expect(extra.status).toBe(400);
      expect(fields(extra.body)).toEqual(['status']);
    });

    it('answers 409 PROGRAM_CODE_EXISTS naming code when the code is taken, writing nothing', async () => {
      const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM programs');
      const res = await duplicate(source.id, { code: source.code, startDate: '2026-03-23' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.ProgramCodeExists);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['code']);
      const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM programs');
      expect(after).toBe(before);
    });
  });
});
