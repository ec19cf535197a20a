import {
  ErrorCode,
  Role,
  type AttendanceChangedProblem,
  type AttendanceLine,
  type AttendanceSheet,
  type ProblemDocument,
} from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Mark = { traineeId: string; status: string };

/**
 * Issue 21, "no silent overwrites": the register answers with an ETag, a PUT with a stale If-Match is refused
 * (412 with the register as it is now) and writes nothing, and single marks are set one trainee at a time
 * (PATCH) so two instructors' changes merge instead of one save erasing the other's marks.
 */
describe('the register: ETag, If-Match and one mark at a time', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  /** A published program with one session taught by a new instructor and `count` confirmed trainees. */
  async function register(count = 3) {
    const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { capacity: 60, partnerInstitutionIds: [cast.partnerA.id] },
      { publish: true },
    );
    const session = await createSession(t, cast.admin.auth, program.id, {
      instructorIds: [teacher.user.instructorId as string],
    });
    const trainees = await insertTrainees(t.dataSource, count, { institutionId: cast.partnerA.id });
    for (const traineeId of trainees) {
      await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId })
        .expect(201);
    }
    return { teacher, program, session, trainees };
  }

  const read = (auth: Auth, sessionId: string) => t.http.get(api(`/sessions/${sessionId}/attendance`)).set(auth);
  const put = (auth: Auth, sessionId: string, marks: Mark[], ifMatch?: string) => {
    const req = t.http
      .put(api(`/sessions/${sessionId}/attendance`))
      .set(auth)
      .set(ifMatch === undefined ? {} : { 'If-Match': ifMatch });
    return req.send(marks);
  };
  const patch = (auth: Auth, sessionId: string, traineeId: string, body: object, ifMatch?: string) =>
    t.http
      .patch(api(`/sessions/${sessionId}/attendance/${traineeId}`))
      .set(auth)
      .set(ifMatch === undefined ? {} : { 'If-Match': ifMatch })
      .send(body);
  const stored = async (sessionId: string) =>
    Object.fromEntries(
      (
        (await t.dataSource.query('SELECT trainee_id, status, source FROM attendance WHERE session_id = $1', [
          sessionId,
        ])) as { trainee_id: string; status: string; source: string }[]
      ).map((r) => [r.trainee_id, r.status]),
    );

  it('answers with the version as a strong ETag, which changes with a write; If-None-Match → 304', async () => {
    const { teacher, session, trainees } = await register(2);
    const first = await read(teacher.auth, session.id);
    expect(first.status).toBe(200);
    const sheet = first.body as AttendanceSheet;
    expect(sheet.version).toMatch(/^[A-Za-z0-9_-]{10,}$/);
    expect(first.headers['etag']).toBe(`"${sheet.version}"`);

    const same = await read(teacher.auth, session.id).set('If-None-Match', `"${sheet.version}"`);
    expect(same.status).toBe(304);
    expect(same.text ?? '').toBe('');
    expect(same.headers['etag']).toBe(`"${sheet.version}"`);
    // A list naming another version too, and the weak form, match as well (weak comparison).
    expect((await read(teacher.auth, session.id).set('If-None-Match', `"other", W/"${sheet.version}"`)).status).toBe(
      304,
    );

    const saved = await put(
      teacher.auth,
      session.id,
      [{ traineeId: trainees[0], status: 'present' }],
      first.headers['etag'],
    );
    expect(saved.status).toBe(200);
    const after = saved.body as AttendanceSheet;
    expect(after.version).not.toBe(sheet.version);
    expect(saved.headers['etag']).toBe(`"${after.version}"`);
    const again = await read(teacher.auth, session.id).set('If-None-Match', `"${sheet.version}"`);
    expect(again.status).toBe(200);
    expect(again.headers['etag']).toBe(`"${after.version}"`);
    expect((again.body as AttendanceSheet).lines.find((l) => l.traineeId === trainees[0])?.status).toBe('present');
  });

  it('refuses a PUT over a stale If-Match with 412 and the register as it is now, writing nothing', async () => {
    const { teacher, session, trainees } = await register(3);
    const opened = await read(teacher.auth, session.id);
    const etag = opened.headers['etag'] as string;
    // A colleague saves first.
    await put(cast.admin.auth, session.id, [
      { traineeId: trainees[0], status: 'present' },
      { traineeId: trainees[1], status: 'late' },
    ]).expect(200);
    const before = await stored(session.id);
    const auditsBefore = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'attendance.put'`,
      [session.id],
    );

    const stale = await put(teacher.auth, session.id, [{ traineeId: trainees[2], status: 'absent' }], etag);
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const problem = stale.body as ProblemDocument & AttendanceChangedProblem;
    expect(problem.code).toBe(ErrorCode.AttendanceChanged);
    expect(problem.sheet?.lines.map((l) => [l.traineeId, l.status])).toEqual(
      expect.arrayContaining([
        [trainees[0], 'present'],
        [trainees[1], 'late'],
        [trainees[2], null],
      ]),
    );
    expect(problem.sheet?.version).toBe((await read(teacher.auth, session.id)).body.version);
    expect(await stored(session.id)).toEqual(before);
    expect(
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'attendance.put'`,
        [session.id],
      ),
    ).toEqual(auditsBefore);

    // Over the current version (or *) it goes through.
    const current = (await read(teacher.auth, session.id)).headers['etag'] as string;
    await put(teacher.auth, session.id, [{ traineeId: trainees[2], status: 'absent' }], `"nope", ${current}`).expect(
      200,
    );
    await put(teacher.auth, session.id, [{ traineeId: trainees[2], status: 'excused' }], '*').expect(200);
    expect(await stored(session.id)).toEqual({ [trainees[2]]: 'excused' });
    // A weak tag never matches for If-Match (strong comparison).
    const now = (await read(teacher.auth, session.id)).headers['etag'] as string;
    expect((await put(teacher.auth, session.id, [], `W/${now}`)).status).toBe(412);
  });

  it('still takes a PUT without If-Match (API clients), and refuses a malformed one naming the header', async () => {
    const { teacher, session, trainees } = await register(2);
    await put(cast.admin.auth, session.id, [{ traineeId: trainees[0], status: 'late' }]).expect(200);
    const res = await put(teacher.auth, session.id, [{ traineeId: trainees[1], status: 'present' }]);
    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe(`"${(res.body as AttendanceSheet).version}"`);
    expect(await stored(session.id)).toEqual({ [trainees[1]]: 'present' });

    for (const bad of ['abc', '"unterminated', '', 'W/abc']) {
      const refused = await put(teacher.auth, session.id, [], bad);
      expect(refused.status).toBe(400);
      expect((refused.body as ProblemDocument).errors?.map((e) => e.field)).toEqual(['If-Match']);
    }
    expect(await stored(session.id)).toEqual({ [trainees[1]]: 'present' });
  });

  it('lets exactly one of two concurrent PUTs over the same version through', async () => {
    const { teacher, session, trainees } = await register(2);
    const etag = (await read(teacher.auth, session.id)).headers['etag'] as string;
    const results = await Promise.all([
      put(teacher.auth, session.id, [{ traineeId: trainees[0], status: 'present' }], etag),
      put(cast.admin.auth, session.id, [{ traineeId: trainees[1], status: 'absent' }], etag),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200);
    const loser = results.find((r) => r.status === 412);
    const saved = await stored(session.id);
    expect(saved).toEqual(
      Object.fromEntries(
        (winner?.body as AttendanceSheet).lines.filter((l) => l.status).map((l) => [l.traineeId, l.status]),
      ),
    );
    expect((loser?.body as AttendanceChangedProblem).sheet?.version).toBe((winner?.body as AttendanceSheet).version);
  });

  it('sets one mark with PATCH, leaving every other mark as it is', async () => {
    const { teacher, session, trainees } = await register(40);
    // 38 marks saved by one instructor…
    await put(
      cast.admin.auth,
      session.id,
      trainees.slice(0, 38).map((traineeId) => ({ traineeId, status: 'present' })),
    ).expect(200);
    const before = (await read(teacher.auth, session.id)).body as AttendanceSheet;
    // …and another sends their 2 marks one at a time.
    for (const traineeId of trainees.slice(38)) {
      const res = await patch(teacher.auth, session.id, traineeId, { status: 'late', previous: null });
      expect(res.status).toBe(200);
      const line = res.body as AttendanceLine;
      expect(line).toMatchObject({ traineeId, status: 'late', source: 'register' });
      expect(typeof line.recordedAt).toBe('string');
    }
    const saved = await stored(session.id);
    expect(Object.keys(saved)).toHaveLength(40);
    expect(trainees.slice(0, 38).every((id) => saved[id] === 'present')).toBe(true);
    expect(trainees.slice(38).map((id) => saved[id])).toEqual(['late', 'late']);

    // The answer carries the register's new ETag; changing a mark over the right one works.
    const etag = (await read(teacher.auth, session.id)).headers['etag'] as string;
    expect(etag).not.toBe(`"${before.version}"`);
    const changed = await patch(teacher.auth, session.id, trainees[0], { status: 'excused' }, etag);
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).toBe((await read(teacher.auth, session.id)).headers['etag']);
    // Over a stale If-Match: 412 with the line as it is now.
    const stale = await patch(teacher.auth, session.id, trainees[1], { status: 'absent' }, etag);
    expect(stale.status).toBe(412);
    expect((stale.body as AttendanceChangedProblem).current).toMatchObject({
      traineeId: trainees[1],
      status: 'present',
    });

    // null clears the mark.
    const cleared = await patch(teacher.auth, session.id, trainees[39], { status: null, previous: 'late' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ traineeId: trainees[39], status: null });
    expect((await stored(session.id))[trainees[39]]).toBeUndefined();

    const [audit] = await t.dataSource.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'attendance.patch' ORDER BY occurred_at DESC LIMIT 1`,
      [session.id],
    );
    expect(audit.details).toEqual({ traineeId: trainees[39], from: 'late', to: null });
  });

  it('refuses a PATCH over a stale `previous` with 412 and the line now, writing nothing', async () => {
    const { teacher, session, trainees } = await register(2);
    await patch(cast.admin.auth, session.id, trainees[0], { status: 'absent' }).expect(200);
    const res = await patch(teacher.auth, session.id, trainees[0], { status: 'present', previous: null });
    expect(res.status).toBe(412);
    const problem = res.body as ProblemDocument & AttendanceChangedProblem;
    expect(problem.code).toBe(ErrorCode.AttendanceChanged);
    expect(problem.current).toMatchObject({ traineeId: trainees[0], status: 'absent', source: 'register' });
    expect(problem.sheet).toBeUndefined();
    expect(await stored(session.id)).toEqual({ [trainees[0]]: 'absent' });
    // With the right previous, or none, it goes through.
    await patch(teacher.auth, session.id, trainees[0], { status: 'present', previous: 'absent' }).expect(200);
    await patch(teacher.auth, session.id, trainees[0], { status: 'late' }).expect(200);
    expect(await stored(session.id)).toEqual({ [trainees[0]]: 'late' });
  });

  it('lets only the session’s instructors and admins PATCH, and only confirmed trainees of the program', async () => {
    const { session, trainees, program } = await register(1);
    const other = await register(1);
    const stranger: SignedIn = other.teacher;
    const denied = await patch(stranger.auth, session.id, trainees[0], { status: 'present' });
    expect(denied.status).toBe(404);
    for (const actor of [cast.partner, cast.trainee]) {
      const res = await patch(actor.auth, session.id, trainees[0], { status: 'present' });
      expect(res.status).toBe(403);
    }
    await t.http
      .patch(api(`/sessions/${session.id}/attendance/${trainees[0]}`))
      .send({ status: 'present' })
      .expect(401);
    // A trainee of another program, an application not yet confirmed: not on this register.
    expect((await patch(cast.admin.auth, session.id, other.trainees[0], { status: 'present' })).status).toBe(404);
    const applicant = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(applicant.auth)
      .send({})
      .expect(201);
    expect(
      (await patch(cast.admin.auth, session.id, applicant.user.traineeId as string, { status: 'present' })).status,
    ).toBe(404);
    expect((await patch(cast.admin.auth, session.id, 'not-a-uuid', { status: 'present' })).status).toBe(400);
    // On the register but no longer confirmed (an outcome recorded): 400 naming the trainee, as PUT does.
    const [outcome] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: outcome })
      .expect(201);
    await t.dataSource.query(
      `UPDATE enrolments SET status = 'not-completed' WHERE program_id = $1 AND trainee_id = $2`,
      [program.id, outcome],
    );
    const notConfirmed = await patch(cast.admin.auth, session.id, outcome, { status: 'present' });
    expect(notConfirmed.status).toBe(400);
    expect((notConfirmed.body as ProblemDocument).errors?.map((e) => [e.field, e.code])).toEqual([
      ['traineeId', ErrorCode.NotConfirmed],
    ]);
    expect(await stored(session.id)).toEqual({});
  });

  it('validates the body: status required (null allowed), statuses from the list', async () => {
    const { teacher, session, trainees } = await register(1);
    const cases: [object, string, string?][] = [
      [{}, 'status', 'required'],
      [{ status: 'asleep' }, 'status'],
      [{ status: 'present', previous: 'maybe' }, 'previous'],
      [{ status: 'present', extra: 1 }, 'extra'],
    ];
    for (const [body, field, words] of cases) {
      const res = await patch(teacher.auth, session.id, trainees[0], body);
      expect(res.status).toBe(400);
      const errors = (res.body as ProblemDocument).errors ?? [];
      expect(errors.map((e) => e.field)).toContain(field);
      if (words) expect(errors.find((e) => e.field === field)?.message.toLowerCase()).toContain(words);
    }
    const bad = await patch(teacher.auth, session.id, trainees[0], { status: 'present' }, 'abc');
    expect(bad.status).toBe(400);
    expect((bad.body as ProblemDocument).errors?.map((e) => e.field)).toEqual(['If-Match']);
    expect(await stored(session.id)).toEqual({});
  });

  it('keeps the register’s rules for PATCH: cancelled session and not yet open → 409', async () => {
    const { teacher, session, trainees, program } = await register(1);
    const later = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-04T09:00:00+08:00',
      endsAt: '2024-09-04T11:00:00+08:00',
      instructorIds: [teacher.user.instructorId as string],
    });
    // A session days ahead (the program's dates are past, so it is moved there directly).
    await t.dataSource.query(
      `UPDATE sessions SET starts_at = now() + interval '3 days', ends_at = now() + interval '3 days 2 hours' WHERE id = $1`,
      [later.id],
    );
    const early = await patch(teacher.auth, later.id, trainees[0], { status: 'present' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe(ErrorCode.SessionNotStarted);
    await t.http
      .post(api(`/sessions/${session.id}/cancel`))
      .set(cast.admin.auth)
      .send({ reason: 'Typhoon warning' })
      .expect(200);
    const cancelled = await patch(teacher.auth, session.id, trainees[0], { status: 'present' });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.code).toBe(ErrorCode.SessionCancelled);
  });
});
