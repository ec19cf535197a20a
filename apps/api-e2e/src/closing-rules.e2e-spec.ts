import { ErrorCode, Role, type AttendanceSheet, type CompletionPreview } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { api, startTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/**
 * Outcomes are decided once the program is over, and attendance is taken
 * when the session happens: a program is not closed before its last session
 * has ended, and a register opens shortly (30 minutes) before its session.
 */
describe('closing a program and taking attendance: not before their time', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  /** A published program around today (UTC), with one confirmed trainee and the given sessions. */
  async function program(sessions: { startsAt: string; endsAt: string }[], dates = { from: -3, to: 3 }) {
    const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const created = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { timezone: 'UTC', startDate: day(dates.from), endDate: day(dates.to) },
      { publish: true },
    );
    const made = [];
    for (const slot of sessions) {
      made.push(
        await createSession(t, cast.admin.auth, created.id, {
          ...slot,
          instructorIds: [teacher.user.instructorId as string],
        }),
      );
    }
    const [traineeId] = await insertTrainees(t.dataSource, 1, { nationality: 'TH' });
    const enrolled = await t.http
      .post(api(`/programs/${created.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId });
    expect(enrolled.status).toBe(201);
    return { program: created, sessions: made, traineeId, teacher };
  }

  it('refuses to close a program before its last session has ended, naming when it ends', async () => {
    const lastEnd = at(2 * 86_400_000 + 2 * 60 * MINUTE);
    const { program: running, sessions } = await program([
      { startsAt: at(-86_400_000), endsAt: at(-86_400_000 + 2 * 60 * MINUTE) },
      { startsAt: at(2 * 86_400_000), endsAt: lastEnd },
    ]);
    const refused = await t.http
      .post(api(`/programs/${running.id}/complete`))
      .set(cast.admin.auth)
      .set('Accept-Language', 'th');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe(ErrorCode.ProgramNotEnded);
    expect(refused.body.endsAt).toBe(lastEnd);
    expect(refused.body.detail).toMatch(/25\d\d/); // the date, in the Buddhist era for a Thai reader
    // Nothing changed: the program is still open and nobody was decided.
    const [{ status }] = await t.dataSource.query('SELECT status FROM programs WHERE id = $1', [running.id]);
    expect(status).toBe('published');
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM certificates WHERE program_id = $1', [
      running.id,
    ]);
    expect(n).toBe(0);

    // The preview says when it may close, and which sessions have no attendance at all.
    const preview: CompletionPreview = (
      await t.http.get(api(`/programs/${running.id}/completion`)).set(cast.admin.auth)
    ).body;
    expect(preview.endsAt).toBe(lastEnd);
    expect(preview.sessionsWithoutAttendance.map((s) => s.sessionId)).toEqual(sessions.map((s) => s.id));

    // A cancelled last session does not hold the program open.
    const cancelled = await t.http
      .post(api(`/sessions/${sessions[1].id}/cancel`))
      .set(cast.admin.auth)
      .send({ reason: 'The guest speaker cannot come' });
    expect(cancelled.status).toBe(200);
    const closed = await t.http.post(api(`/programs/${running.id}/complete`)).set(cast.admin.auth);
    expect(closed.status).toBe(200);
  });

  it('refuses a program without sessions until the end of its last day, in its own zone', async () => {
    const { program: open } = await program([], { from: -1, to: 1 });
    const refused = await t.http.post(api(`/programs/${open.id}/complete`)).set(cast.admin.auth);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe(ErrorCode.ProgramNotEnded);
    expect(refused.body.endsAt).toBe(`${day(2)}T00:00:00.000Z`);
  });

  it('lists the sessions nobody’s attendance was taken in, leaving out cancelled ones', async () => {
    const {
      program: past,
      sessions,
      traineeId,
    } = await program(
      [
        { startsAt: at(-3 * 86_400_000), endsAt: at(-3 * 86_400_000 + 60 * MINUTE) },
        { startsAt: at(-2 * 86_400_000), endsAt: at(-2 * 86_400_000 + 60 * MINUTE) },
        { startsAt: at(-86_400_000), endsAt: at(-86_400_000 + 60 * MINUTE) },
      ],
      { from: -4, to: 0 },
    );
    const marked = await t.http
      .put(api(`/sessions/${sessions[0].id}/attendance`))
      .set(cast.admin.auth)
      .send([{ traineeId, status: 'present' }]);
    expect(marked.status).toBe(200);
    await t.http
      .post(api(`/sessions/${sessions[2].id}/cancel`))
      .set(cast.admin.auth)
      .send({ reason: 'Rain' })
      .expect(200);
    const preview: CompletionPreview = (await t.http.get(api(`/programs/${past.id}/completion`)).set(cast.admin.auth))
      .body;
    expect(preview.sessionsWithoutAttendance).toEqual([
      {
        sessionId: sessions[1].id,
        title: sessions[1].title,
        startsAt: sessions[1].startsAt,
        endsAt: sessions[1].endsAt,
      },
    ]);
    expect(preview.endsAt).toBe(sessions[1].endsAt);
    expect((await t.http.post(api(`/programs/${past.id}/complete`)).set(cast.admin.auth)).status).toBe(200);
  });

  it('opens a register 30 minutes before its session: earlier marks are refused, by admins and instructors', async () => {
    const { sessions, traineeId, teacher } = await program([
      { startsAt: at(2 * 86_400_000), endsAt: at(2 * 86_400_000 + 60 * MINUTE) },
      { startsAt: at(20 * MINUTE), endsAt: at(80 * MINUTE) },
    ]);
    const [ahead, soon] = sessions;
    for (const auth of [cast.admin.auth, teacher.auth]) {
      const refused = await t.http
        .put(api(`/sessions/${ahead.id}/attendance`))
        .set(auth)
        .send([{ traineeId, status: 'present' }]);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe(ErrorCode.SessionNotStarted);
      expect(refused.body.opensAt).toBe(new Date(Date.parse(ahead.startsAt) - 30 * MINUTE).toISOString());
    }
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM attendance WHERE session_id = $1', [
      ahead.id,
    ]);
    expect(n).toBe(0);
    // The register can be read ahead, and says from when it can be written.
    const sheet: AttendanceSheet = (await t.http.get(api(`/sessions/${ahead.id}/attendance`)).set(teacher.auth)).body;
    expect(sheet.opensAt).toBe(new Date(Date.parse(ahead.startsAt) - 30 * MINUTE).toISOString());
    expect(sheet.lines).toHaveLength(1);

    // 20 minutes before the start is within the 30.
    const taken = await t.http
      .put(api(`/sessions/${soon.id}/attendance`))
      .set(teacher.auth)
      .send([{ traineeId, status: 'present' }]);
    expect(taken.status).toBe(200);
  });

  it('takes the lead time from ATTENDANCE_OPENS_MINUTES_BEFORE', async () => {
    const strict = await startTestApp({ ATTENDANCE_OPENS_MINUTES_BEFORE: '10' });
    try {
      const strictCast = await createCast(strict);
      const created = await createProgram(
        strict,
        strictCast.admin.auth,
        strictCast.host,
        { timezone: 'UTC', startDate: day(-1), endDate: day(1) },
        { publish: true },
      );
      const session = await createSession(strict, strictCast.admin.auth, created.id, {
        startsAt: at(20 * MINUTE),
        endsAt: at(80 * MINUTE),
      });
      const refused = await strict.http
        .put(api(`/sessions/${session.id}/attendance`))
        .set(strictCast.admin.auth)
        .send([]);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe(ErrorCode.SessionNotStarted);
    } finally {
      await strict.close();
    }
  }, 120_000);
});
