import { ErrorCode, Role, type Notification, type ProblemDocument } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { mailCount, mailTo } from './support/mailbox';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('cancelling and removing sessions', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const cancel = (auth: Auth, sessionId: string, body: object) =>
    t.http
      .post(api(`/sessions/${sessionId}/cancel`))
      .set(auth)
      .send(body);
  const inbox = async (who: SignedIn) =>
    (await t.http.get(api('/notifications')).set(who.auth)).body.items as Notification[];
  /** A published program of partner A with its instructor teaching; a trainee of partner A holds a seat. */
  async function programWithSeat(overrides: Parameters<typeof createProgram>[3] = {}) {
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { partnerInstitutionIds: [cast.partnerA.id], ...overrides },
      { publish: true },
    );
    const trainee = await createSignedIn(t, {
      role: Role.Trainee,
      institutionId: cast.partnerA.id,
      preferredLocale: 'zh',
    });
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: trainee.user.traineeId })
      .expect(201);
    return { program, trainee };
  }

  it('asks for a reason (400 naming it) and lets only admins cancel', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true });
    const session = await createSession(t, cast.admin.auth, program.id);
    for (const body of [{}, { reason: '   ' }]) {
      const res = await cancel(cast.admin.auth, session.id, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const errors = (res.body as ProblemDocument).errors ?? [];
      expect([...new Set(errors.map((e) => e.field))]).toEqual(['reason']);
      expect(errors.map((e) => e.code)).toContain('IS_NOT_EMPTY');
    }
    for (const actor of [cast.instructor, cast.partner, cast.trainee]) {
      const res = await cancel(actor.auth, session.id, { reason: 'Typhoon warning' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(ErrorCode.Forbidden);
    }
    await t.http
      .post(api(`/sessions/${session.id}/cancel`))
      .send({ reason: 'Typhoon warning' })
      .expect(401);
    await cancel(cast.admin.auth, '00000000-0000-4000-8000-000000000000', { reason: 'x' }).expect(404);
    const [row] = await t.dataSource.query('SELECT status FROM sessions WHERE id = $1', [session.id]);
    expect(row.status).toBe('scheduled');
  });

  it('keeps the session, marked cancelled with the reason and a raised sequence; cancelling is final', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true });
    const session = await createSession(t, cast.admin.auth, program.id);
    expect(session.status).toBe('scheduled');
    const res = await cancel(cast.admin.auth, session.id, { reason: '  Typhoon warning: the campus is closed  ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: session.id,
      status: 'cancelled',
      cancelledReason: 'Typhoon warning: the campus is closed',
    });
    const listed = await t.http.get(api(`/programs/${program.id}/sessions`)).set(cast.admin.auth);
    expect(listed.body).toEqual([res.body]);
    const [row] = await t.dataSource.query('SELECT sequence, cancelled_at FROM sessions WHERE id = $1', [session.id]);
    expect(row.sequence).toBe(1);
    expect(row.cancelled_at).toBeInstanceOf(Date);

    const again = await cancel(cast.admin.auth, session.id, { reason: 'Twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(ErrorCode.SessionCancelled);
    const moved = await t.http
      .patch(api(`/sessions/${session.id}`))
      .set(cast.admin.auth)
      .send({ venue: 'Hall B' });
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe(ErrorCode.SessionCancelled);
    const [after] = await t.dataSource.query('SELECT sequence, venue, cancelled_reason FROM sessions WHERE id = $1', [
      session.id,
    ]);
    expect(after).toEqual({ sequence: 1, venue: null, cancelled_reason: 'Typhoon warning: the campus is closed' });
  });

  it('tells the confirmed trainees and the instructors, in their language, without the meeting link; nobody else', async () => {
    const { program, trainee } = await programWithSeat();
    const pending = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(pending.auth)
      .send({})
      .expect(201);
    const session = await createSession(t, cast.admin.auth, program.id, {
      title: { en: 'Tea culture', zh: '茶文化' },
      startsAt: '2024-09-04T09:00:00+08:00',
      endsAt: '2024-09-04T11:30:00+08:00',
      instructorIds: [cast.instructor.user.instructorId as string],
      venue: 'Room 301',
      meetingUrl: 'https://meeting.example.edu.cn/room/7731',
    });
    await cancel(cast.admin.auth, session.id, { reason: 'The lecturer is ill' }).expect(200);

    const toTrainee = await mailTo(t, trainee.user.email, 'session-cancelled');
    expect(toTrainee.subject).toBe('课次已取消：茶文化 · Skillbridge');
    expect(toTrainee.text).toContain('已取消，不再举行');
    // In her zone (UTC: she chose none), 09:00 in Shanghai.
    expect(toTrainee.text).toMatch(/时间：.*01:00/);
    expect(toTrainee.text).toMatch(/原因：The lecturer is ill/);
    const toInstructor = await mailTo(t, cast.instructor.user.email, 'session-cancelled');
    expect(toInstructor.subject).toBe('Session cancelled: Tea culture · Skillbridge');
    for (const mail of [toTrainee, toInstructor]) {
      for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain('meeting.example');
    }
    const [notice] = await inbox(trainee);
    expect(notice).toMatchObject({ kind: 'session-cancelled', link: `/programs/${program.id}` });
    expect(notice.body).toContain('The lecturer is ill');
    expect(await mailCount(t, pending.user.email, 'session-cancelled')).toBe(0);
    expect(await mailCount(t, trainee.user.email, 'session-cancelled')).toBe(1);
  });

  it('leaves the attendance rate and the certificate’s hours', async () => {
    const { program, trainee } = await programWithSeat({ completionRule: { minAttendanceRate: 1 } });
    const held = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-03T09:00:00+08:00',
      endsAt: '2024-09-03T11:00:00+08:00',
    });
    const called = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-04T09:00:00+08:00',
      endsAt: '2024-09-04T12:00:00+08:00',
    });
    await t.http
      .put(api(`/sessions/${held.id}/attendance`))
      .set(cast.admin.auth)
      .send([{ traineeId: trainee.user.traineeId, status: 'present' }])
      .expect(200);
    const before = await t.http.get(api(`/programs/${program.id}/completion`)).set(cast.admin.auth);
    expect(before.body.lines[0]).toMatchObject({ countedSessions: 2, attendedSessions: 1, completes: false });

    await cancel(cast.admin.auth, called.id, { reason: 'Public holiday declared' }).expect(200);
    // No register for a cancelled session.
    const marked = await t.http
      .put(api(`/sessions/${called.id}/attendance`))
      .set(cast.admin.auth)
      .send([{ traineeId: trainee.user.traineeId, status: 'absent' }]);
    expect(marked.status).toBe(409);
    expect(marked.body.code).toBe(ErrorCode.SessionCancelled);

    const preview = await t.http.get(api(`/programs/${program.id}/completion`)).set(cast.admin.auth);
    expect(preview.body.sessions).toBe(1);
    expect(preview.body.lines[0]).toMatchObject({
      countedSessions: 1,
      attendedSessions: 1,
      attendanceRate: 1,
      completes: true,
    });
    await t.http
      .post(api(`/programs/${program.id}/complete`))
      .set(cast.admin.auth)
      .expect(200);
    const [certificate] = await t.dataSource.query(
      'SELECT hours::float8 AS hours, jsonb_array_length(topics) AS topics FROM certificates WHERE program_id = $1',
      [program.id],
    );
    expect(certificate).toEqual({ hours: 2, topics: 1 });
  });

  it('frees the instructors’ time: a new session may take the cancelled one’s slot', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true });
    const slot = {
      startsAt: '2024-09-05T14:00:00+08:00',
      endsAt: '2024-09-05T16:00:00+08:00',
      instructorIds: [cast.instructor.user.instructorId as string],
    };
    const first = await createSession(t, cast.admin.auth, program.id, slot);
    const clash = await t.http
      .post(api(`/programs/${program.id}/sessions`))
      .set(cast.admin.auth)
      .send({ title: { en: 'Again' }, type: 'lecture', ...slot });
    expect(clash.status).toBe(409);
    await cancel(cast.admin.auth, first.id, { reason: 'Moved to a new session' }).expect(200);
    await createSession(t, cast.admin.auth, program.id, slot);
  });

  it('removes a session only while nobody’s attendance is on it (cancel it instead), and tells its people', async () => {
    const { program, trainee } = await programWithSeat();
    const taken = await createSession(t, cast.admin.auth, program.id);
    await t.http
      .put(api(`/sessions/${taken.id}/attendance`))
      .set(cast.admin.auth)
      .send([{ traineeId: trainee.user.traineeId, status: 'late' }])
      .expect(200);
    const refused = await t.http.delete(api(`/sessions/${taken.id}`)).set(cast.admin.auth);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe(ErrorCode.SessionHasAttendance);
    await t.http
      .get(api(`/sessions/${taken.id}`))
      .set(cast.admin.auth)
      .expect(200);

    const spare = await createSession(t, cast.admin.auth, program.id, {
      title: { en: 'Guizhou tourism culture', zh: '贵州旅游文化' },
      startsAt: '2024-09-05T09:00:00+08:00',
      endsAt: '2024-09-05T10:00:00+08:00',
    });
    await t.http
      .delete(api(`/sessions/${spare.id}`))
      .set(cast.admin.auth)
      .expect(204);
    const removed = await mailTo(t, trainee.user.email, 'session-cancelled');
    expect(removed.subject).toBe('课次已取消：贵州旅游文化 · Skillbridge');
    expect(removed.text).not.toContain('原因');
    const [tombstone] = await t.dataSource.query('SELECT program_id, sequence FROM session_tombstones WHERE id = $1', [
      spare.id,
    ]);
    expect(tombstone).toEqual({ program_id: program.id, sequence: 1 });
  });

  it('cancelling a program tells its applicants and instructors once, and raises its sessions’ sequence', async () => {
    const { program, trainee } = await programWithSeat();
    const pending = await createSignedIn(t, {
      role: Role.Trainee,
      institutionId: cast.partnerA.id,
      preferredLocale: 'en',
    });
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(pending.auth)
      .send({})
      .expect(201);
    const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const session = await createSession(t, cast.admin.auth, program.id, {
      instructorIds: [teacher.user.instructorId as string],
    });
    await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-04T09:00:00+08:00',
      endsAt: '2024-09-04T10:00:00+08:00',
      instructorIds: [teacher.user.instructorId as string],
    });
    await t.http
      .post(api(`/programs/${program.id}/cancel`))
      .set(cast.admin.auth)
      .expect(200);

    const mail = await mailTo(t, trainee.user.email, 'program-cancelled');
    expect(mail.subject).toBe('项目已取消：中文与中华文化线上课程 · Skillbridge');
    expect((await mailTo(t, pending.user.email, 'program-cancelled')).subject).toContain('Program cancelled');
    expect(await mailCount(t, teacher.user.email, 'program-cancelled')).toBe(1);
    expect(await mailCount(t, cast.otherTrainee.user.email, 'program-cancelled')).toBe(0);
    const [{ sequence }] = await t.dataSource.query('SELECT sequence FROM sessions WHERE id = $1', [session.id]);
    expect(sequence).toBe(1);
  });
});
