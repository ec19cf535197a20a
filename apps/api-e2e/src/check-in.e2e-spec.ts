import { CHECK_IN_CODE_PERIOD_SECONDS, ErrorCode, Role, type CheckInState, type Session } from '@skillbridge/contracts';
import { checkInCode, checkInPeriod } from '@skillbridge/api/modules/attendance/check-in/check-in-code';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const MINUTE = 60_000;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('QR check-in in the room', () => {
  let t: TestApp;
  let cast: Cast;
  let otherTeacher: SignedIn;
  /** Each session's own instructor (one instructor cannot teach two sessions at once). */
  const teachers = new Map<string, SignedIn>();
  const teacherOf = (sessionId: string): Auth => (teachers.get(sessionId) as SignedIn).auth;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    otherTeacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
  });
  afterAll(() => t.close());

  const open = (auth: Auth, sessionId: string, minutes: unknown = 15) =>
    t.http
      .post(api(`/sessions/${sessionId}/check-in/open`))
      .set(auth)
      .send({ minutes });
  const code = (auth: Auth, sessionId: string) => t.http.get(api(`/sessions/${sessionId}/check-in/code`)).set(auth);
  const state = (auth: Auth, sessionId: string) => t.http.get(api(`/sessions/${sessionId}/check-in`)).set(auth);
  const checkIn = (auth: Auth, sessionId: string, body: object) =>
    t.http
      .post(api(`/sessions/${sessionId}/check-in`))
      .set(auth)
      .send(body);
  const secretOf = async (sessionId: string): Promise<Buffer> =>
    (
      (await t.dataSource.query('SELECT secret FROM check_in_windows WHERE session_id = $1', [sessionId])) as {
        secret: Buffer;
      }[]
    )[0].secret;

  /** A published program running today, a session taught by an instructor of its own starting `startsIn` minutes from now. */
  async function sessionAt(startsIn: number, lengthMinutes = 90, graceMinutes = 10) {
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { startDate: day(-2), endDate: day(2), attendanceRule: { minMinutesPresentRate: 0.8, graceMinutes } },
      { publish: true },
    );
    const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const startsAt = new Date(Date.now() + startsIn * MINUTE);
    const session = await createSession(t, cast.admin.auth, program.id, {
      title: { en: 'Tea culture', zh: '茶文化' },
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + lengthMinutes * MINUTE).toISOString(),
      instructorIds: [teacher.user.instructorId as string],
    });
    teachers.set(session.id, teacher);
    return { program, session };
  }
  async function confirmedTrainee(programId: string, fullName = 'Somchai Jaidee'): Promise<SignedIn> {
    const trainee = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id, fullName });
    const res = await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: trainee.user.traineeId });
    if (res.status !== 201) throw new Error(`not enrolled: ${res.status} ${JSON.stringify(res.body)}`);
    return trainee;
  }
  async function openSession(startsIn = -5, graceMinutes = 10): Promise<{ session: Session; programId: string }> {
    const { program, session } = await sessionAt(startsIn, 90, graceMinutes);
    await open(teacherOf(session.id), session.id).expect(200);
    return { session, programId: program.id };
  }

  it('opens a window until the session’s end at the latest, and shows a short code with the address of the page', async () => {
    const { session } = await sessionAt(-80, 90);
    const before = Date.now();
    const res = await open(teacherOf(session.id), session.id, 15);
    expect(res.status).toBe(200);
    expect(res.body.sessionId).toBe(session.id);
    // 15 minutes would pass the end, 10 minutes away.
    expect(Date.parse(res.body.closesAt)).toBe(Date.parse(session.endsAt));
    expect(Date.parse(res.body.openedAt)).toBeGreaterThanOrEqual(before - 1000);

    const shown = await code(teacherOf(session.id), session.id);
    expect(shown.status).toBe(200);
    expect(shown.body.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(shown.body.url).toBe(`http://localhost:3000/check-in/${session.id}?code=${shown.body.code}`);
    const expiresAt = Date.parse(shown.body.expiresAt);
    expect(expiresAt % (CHECK_IN_CODE_PERIOD_SECONDS * 1000)).toBe(0);
    expect(expiresAt).toBeGreaterThan(Date.now() - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + CHECK_IN_CODE_PERIOD_SECONDS * 1000);
    // The secret never leaves the API.
    expect(JSON.stringify(res.body) + JSON.stringify(shown.body)).not.toMatch(/secret/i);

    const [audit] = await t.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'check-in.open' AND entity_id = $1`,
      [session.id],
    );
    expect(audit.details).toMatchObject({ minutes: 15 });
  });

  it('checks a confirmed trainee in with the current code: present, on the register with source check-in', async () => {
    const { session, programId } = await openSession(-5);
    const trainee = await confirmedTrainee(programId, 'Malee Srisuk');
    const { body: shown } = await code(teacherOf(session.id), session.id).expect(200);
    const res = await checkIn(trainee.auth, session.id, { code: shown.code });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sessionId: session.id,
      status: 'present',
      sessionTitle: { en: 'Tea culture', zh: '茶文化' },
      timezone: 'Asia/Shanghai',
    });
    expect(res.body.keptMark).toBeUndefined();

    const sheet = await t.http
      .get(api(`/sessions/${session.id}/attendance`))
      .set(teacherOf(session.id))
      .expect(200);
    const line = sheet.body.lines.find((l: { traineeId: string }) => l.traineeId === trainee.user.traineeId);
    expect(line).toMatchObject({ status: 'present', source: 'check-in' });
    const [mark] = await t.dataSource.query(
      'SELECT recorded_by FROM attendance WHERE session_id = $1 AND trainee_id = $2',
      [session.id, trainee.user.traineeId],
    );
    expect(mark.recorded_by).toBe(trainee.user.id);

    const seen = await state(teacherOf(session.id), session.id);
    expect(seen.status).toBe(200);
    expect(seen.body as CheckInState).toMatchObject({
      sessionId: session.id,
      open: true,
      expected: 1,
      checkIns: [{ traineeId: trainee.user.traineeId, fullName: 'Malee Srisuk', status: 'present' }],
    });
    const [audit] = await t.dataSource.query(
      `SELECT actor_id, details FROM audit_events WHERE action = 'check-in.record' AND entity_id = $1`,
      [session.id],
    );
    expect(audit.details).toMatchObject({ traineeId: trainee.user.traineeId, status: 'present' });

    // Twice → 409, nothing changes.
    const again = await checkIn(trainee.auth, session.id, { code: shown.code });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(ErrorCode.AlreadyCheckedIn);
    expect((await state(teacherOf(session.id), session.id)).body.checkIns).toHaveLength(1);
  });

  it('accepts the previous period’s code, not one two periods old, another session’s, or a guess', async () => {
    const { session, programId } = await openSession(-5);
    const other = await openSession(-5);
    const secret = await secretOf(session.id);
    const trainee = await confirmedTrainee(programId);
    const { body: otherCode } = await code(teacherOf(other.session.id), other.session.id).expect(200);
    // Codes computed from the window's secret just before each request (a period turning in between only makes
    // "two periods old" older).
    const wrongs = [
      () => checkInCode(secret, session.id, checkInPeriod(Date.now()) - 2),
      () => otherCode.code,
      () => 'ABCDEFGH',
      () => checkInCode(secret, other.session.id, checkInPeriod(Date.now())),
    ];
    for (const wrong of wrongs) {
      const res = await checkIn(trainee.auth, session.id, { code: wrong() });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.CheckInCodeInvalid);
    }
    expect(await t.dataSource.query('SELECT 1 FROM check_ins WHERE trainee_id = $1', [trainee.user.traineeId])).toEqual(
      [],
    );
    // The previous period's code, typed by hand: lower case, with a space.
    const previous = checkInCode(secret, session.id, checkInPeriod(Date.now()) - 1);
    const res = await checkIn(trainee.auth, session.id, {
      code: `${previous.slice(0, 4).toLowerCase()} ${previous.slice(4)}`,
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('present');
  });

  it('marks late after the start + the program’s grace minutes', async () => {
    const { session, programId } = await openSession(-20, 10);
    const trainee = await confirmedTrainee(programId);
    const { body: shown } = await code(teacherOf(session.id), session.id).expect(200);
    const res = await checkIn(trainee.auth, session.id, { code: shown.code });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('late');
    const [row] = await t.dataSource.query('SELECT status FROM attendance WHERE session_id = $1 AND trainee_id = $2', [
      session.id,
      trainee.user.traineeId,
    ]);
    expect(row.status).toBe('late');
  });

  it('keeps an instructor’s present, late or excused mark, and replaces an absent one', async () => {
    const { session, programId } = await openSession(-20, 10);
    const [excused, absent] = [await confirmedTrainee(programId), await confirmedTrainee(programId)];
    await t.http
      .put(api(`/sessions/${session.id}/attendance`))
      .set(teacherOf(session.id))
      .send([
        { traineeId: excused.user.traineeId, status: 'excused' },
        { traineeId: absent.user.traineeId, status: 'absent' },
      ])
      .expect(200);
    const { body: shown } = await code(teacherOf(session.id), session.id).expect(200);
    const kept = await checkIn(excused.auth, session.id, { code: shown.code });
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({ status: 'late', keptMark: 'excused' });
    const replaced = await checkIn(absent.auth, session.id, { code: shown.code });
    expect(replaced.status).toBe(201);
    expect(replaced.body.status).toBe('late');
    expect(replaced.body.keptMark).toBeUndefined();
    const sheet = await t.http
      .get(api(`/sessions/${session.id}/attendance`))
      .set(teacherOf(session.id))
      .expect(200);
    const marks = Object.fromEntries(
      sheet.body.lines.map((l: { traineeId: string; status: string; source: string }) => [
        l.traineeId,
        `${l.status}/${l.source}`,
      ]),
    );
    expect(marks[excused.user.traineeId as string]).toBe('excused/register');
    expect(marks[absent.user.traineeId as string]).toBe('late/check-in');
    // Both check-ins are listed for the instructor.
    expect((await state(teacherOf(session.id), session.id)).body.checkIns).toHaveLength(2);
  });

  it('denies trainees not enrolled (404) or not confirmed (403), and every other role', async () => {
    const { session, programId } = await openSession(-5);
    const { body: shown } = await code(teacherOf(session.id), session.id).expect(200);
    const outsider = await checkIn(cast.otherTrainee.auth, session.id, { code: shown.code });
    expect(outsider.status).toBe(404);
    const pending = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(pending.auth)
      .send({})
      .expect(201);
    const notConfirmed = await checkIn(pending.auth, session.id, { code: shown.code });
    expect(notConfirmed.status).toBe(403);
    expect(notConfirmed.body.code).toBe(ErrorCode.NotConfirmed);
    for (const actor of [cast.admin, { auth: teacherOf(session.id) }, cast.partner]) {
      const res = await checkIn(actor.auth, session.id, { code: shown.code });
      expect(res.status).toBe(403);
    }
    await t.http
      .post(api(`/sessions/${session.id}/check-in`))
      .send({ code: shown.code })
      .expect(401);
    expect(await t.dataSource.query('SELECT 1 FROM check_ins WHERE session_id = $1', [session.id])).toEqual([]);
  });

  it('lets only the session’s instructors and admins open, close, show codes and see who checked in', async () => {
    const { session } = await sessionAt(-5);
    for (const actor of [otherTeacher, cast.instructor]) {
      expect((await open(actor.auth, session.id)).status).toBe(404);
    }
    await open(cast.admin.auth, session.id).expect(200);
    for (const actor of [otherTeacher, cast.instructor]) {
      expect((await code(actor.auth, session.id)).status).toBe(404);
      expect((await state(actor.auth, session.id)).status).toBe(404);
      expect((await t.http.post(api(`/sessions/${session.id}/check-in/close`)).set(actor.auth)).status).toBe(404);
    }
    for (const actor of [cast.partner, cast.trainee]) {
      expect((await open(actor.auth, session.id)).status).toBe(403);
      expect((await code(actor.auth, session.id)).status).toBe(403);
      expect((await state(actor.auth, session.id)).status).toBe(403);
      expect((await t.http.post(api(`/sessions/${session.id}/check-in/close`)).set(actor.auth)).status).toBe(403);
    }
    expect((await code(cast.admin.auth, session.id)).status).toBe(200);
    expect((await state(cast.admin.auth, session.id)).body.open).toBe(true);
    await open(cast.admin.auth, '00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('refuses to open too early (409 with the time in the caller’s language), after the end, or when cancelled', async () => {
    const early = await sessionAt(45);
    const res = await open(teacherOf(early.session.id), early.session.id).set('Accept-Language', 'zh');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe(ErrorCode.CheckInTooEarly);
    expect(Date.parse(res.body.opensAt)).toBe(Date.parse(early.session.startsAt) - 30 * MINUTE);
    expect(res.body.detail).toContain('签到');
    expect(res.body.detail).toMatch(/\d{1,2}:\d{2}/);

    const past = await sessionAt(-120, 60);
    const ended = await open(teacherOf(past.session.id), past.session.id);
    expect(ended.status).toBe(409);
    expect(ended.body.code).toBe(ErrorCode.SessionEnded);

    const cancelled = await sessionAt(-5);
    await t.http
      .post(api(`/sessions/${cancelled.session.id}/cancel`))
      .set(cast.admin.auth)
      .send({ reason: 'Typhoon' })
      .expect(200);
    const refused = await open(teacherOf(cancelled.session.id), cancelled.session.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe(ErrorCode.SessionCancelled);
    expect(
      await t.dataSource.query('SELECT 1 FROM check_in_windows WHERE session_id = ANY($1)', [
        [early.session.id, past.session.id, cancelled.session.id],
      ]),
    ).toEqual([]);
  });

  it('checks the minutes (400 naming the field) and writes nothing', async () => {
    const { session } = await sessionAt(-5);
    for (const minutes of [0, 241, 1.5, '15', null]) {
      const res = await open(teacherOf(session.id), session.id, minutes);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('minutes');
    }
    const missing = await t.http
      .post(api(`/sessions/${session.id}/check-in/open`))
      .set(teacherOf(session.id))
      .send({});
    expect(missing.status).toBe(400);
    const errors = missing.body.errors as { field: string; code: string }[];
    expect([...new Set(errors.map((e) => e.field))]).toEqual(['minutes']);
    expect(errors.map((e) => e.code)).toContain('IS_DEFINED');
    const noCode = await checkIn(cast.trainee.auth, session.id, {});
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors).toContainEqual(expect.objectContaining({ field: 'code', code: 'IS_DEFINED' }));
    expect(await t.dataSource.query('SELECT 1 FROM check_in_windows WHERE session_id = $1', [session.id])).toEqual([]);
  });

  it('refuses codes once closed (400 CHECK_IN_CLOSED), after the window, and before any opening', async () => {
    const { session, program } = await sessionAt(-5);
    const programId = program.id;
    const trainee = await confirmedTrainee(programId);
    const never = await checkIn(trainee.auth, session.id, { code: 'ABCDEFGH' });
    expect(never.status).toBe(400);
    expect(never.body.code).toBe(ErrorCode.CheckInClosed);
    expect((await code(teacherOf(session.id), session.id)).body.code).toBe(ErrorCode.CheckInClosed);

    await open(teacherOf(session.id), session.id).expect(200);
    const { body: shown } = await code(teacherOf(session.id), session.id).expect(200);
    await t.http
      .post(api(`/sessions/${session.id}/check-in/close`))
      .set(teacherOf(session.id))
      .expect(204);
    const closed = await checkIn(trainee.auth, session.id, { code: shown.code });
    expect(closed.status).toBe(400);
    expect(closed.body.code).toBe(ErrorCode.CheckInClosed);
    expect((await code(teacherOf(session.id), session.id)).status).toBe(400);
    expect((await state(teacherOf(session.id), session.id)).body.open).toBe(false);
    const [audit] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'check-in.close' AND entity_id = $1`,
      [session.id],
    );
    expect(audit.n).toBe(1);

    // Opened again: a new secret, so the old code is no good; then the window runs out.
    await open(teacherOf(session.id), session.id).expect(200);
    const stale = await checkIn(trainee.auth, session.id, { code: shown.code });
    // The same period's code under the new secret differs (a 1 in 2^40 chance it does not).
    expect(stale.body.code).toBe(ErrorCode.CheckInCodeInvalid);
    const { body: fresh } = await code(teacherOf(session.id), session.id).expect(200);
    await t.dataSource.query(
      `UPDATE check_in_windows SET opened_at = now() - interval '20 minutes', closes_at = now() - interval '5 minutes'
        WHERE session_id = $1`,
      [session.id],
    );
    const late = await checkIn(trainee.auth, session.id, { code: fresh.code });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe(ErrorCode.CheckInClosed);
  });

  it('stops a trainee guessing after a few tries a minute (429)', async () => {
    const { session, programId } = await openSession(-5);
    const trainee = await confirmedTrainee(programId);
    const statuses: number[] = [];
    // 10 a minute: 25 tries see a refusal even when a new minute starts among them.
    for (let i = 0; i < 25; i++) statuses.push((await checkIn(trainee.auth, session.id, { code: `GUESS${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 400 || s === 429)).toBe(true);
    // Another trainee is not held up by her.
    const other = await confirmedTrainee(programId);
    const { body: shown } = await code(teacherOf(session.id), session.id).expect(200);
    expect((await checkIn(other.auth, session.id, { code: shown.code })).status).toBe(201);
  });
});
