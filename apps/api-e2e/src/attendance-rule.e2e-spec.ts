import { DEFAULT_ATTENDANCE_RULE, type Program, type ProblemDocument, type Session } from '@skillbridge/contracts';
import { Cast, createCast } from './factories/accounts';
import { createProgram, createSession, programBody } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

/**
 * The program's attendance rule (how meeting reports and QR check-ins become marks) through the real API, and
 * sessions that run past midnight — what the schedule editor's end day relies on.
 */
describe('the attendance rule of a program', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const fieldsOf = (body: ProblemDocument) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);
  const detail = async (id: string) =>
    (
      await t.http
        .get(api(`/programs/${id}`))
        .set(cast.admin.auth)
        .expect(200)
    ).body as Program;
  const listed = async (code: string) => {
    const res = await t.http.get(api('/programs')).query({ q: code }).set(cast.admin.auth).expect(200);
    return (res.body.items as Program[]).find((p) => p.code === code);
  };

  it('gives a new program the default rule: present at 80 % of the minutes, late after 10 minutes', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    expect(DEFAULT_ATTENDANCE_RULE).toEqual({ minMinutesPresentRate: 0.8, graceMinutes: 10 });
    expect(program.attendanceRule).toEqual({ minMinutesPresentRate: 0.8, graceMinutes: 10 });
    expect((await detail(program.id)).attendanceRule).toEqual({ minMinutesPresentRate: 0.8, graceMinutes: 10 });
    expect((await listed(program.code))?.attendanceRule).toEqual({ minMinutesPresentRate: 0.8, graceMinutes: 10 });
    const [row] = await t.dataSource.query(
      'SELECT min_minutes_present_rate::float8 AS rate, grace_minutes FROM programs WHERE id = $1',
      [program.id],
    );
    expect(row).toEqual({ rate: 0.8, grace_minutes: 10 });
  });

  it('creates a program with its own rule and changes it, in the list and the detail alike', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host, {
      attendanceRule: { minMinutesPresentRate: 0.725, graceMinutes: 15 },
    });
    expect(program.attendanceRule).toEqual({ minMinutesPresentRate: 0.725, graceMinutes: 15 });
    expect((await listed(program.code))?.attendanceRule).toEqual({ minMinutesPresentRate: 0.725, graceMinutes: 15 });

    const changed = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ attendanceRule: { minMinutesPresentRate: 1, graceMinutes: 120 } });
    expect(changed.status).toBe(200);
    expect(changed.body.attendanceRule).toEqual({ minMinutesPresentRate: 1, graceMinutes: 120 });
    expect((await detail(program.id)).attendanceRule).toEqual({ minMinutesPresentRate: 1, graceMinutes: 120 });

    // The edges are allowed: nobody needs to stay (0 %) and nobody is ever late on time (0 minutes).
    await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ attendanceRule: { minMinutesPresentRate: 0, graceMinutes: 0 } })
      .expect(200);
    // A change of something else keeps the rule.
    const other = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ capacity: 41 });
    expect(other.status).toBe(200);
    expect(other.body.attendanceRule).toEqual({ minMinutesPresentRate: 0, graceMinutes: 0 });
    expect((await listed(program.code))?.attendanceRule).toEqual({ minMinutesPresentRate: 0, graceMinutes: 0 });
  });

  it.each([
    [{ minMinutesPresentRate: 1.5, graceMinutes: 10 }, 'attendanceRule.minMinutesPresentRate:MAX'],
    [{ minMinutesPresentRate: -0.1, graceMinutes: 10 }, 'attendanceRule.minMinutesPresentRate:MIN'],
    [{ minMinutesPresentRate: 0.8125, graceMinutes: 10 }, 'attendanceRule.minMinutesPresentRate:MAX_DECIMAL_PLACES'],
    [{ minMinutesPresentRate: '0.8', graceMinutes: 10 }, 'attendanceRule.minMinutesPresentRate:IS_NUMBER'],
    [{ minMinutesPresentRate: 0.8, graceMinutes: 121 }, 'attendanceRule.graceMinutes:MAX'],
    [{ minMinutesPresentRate: 0.8, graceMinutes: -1 }, 'attendanceRule.graceMinutes:MIN'],
    [{ minMinutesPresentRate: 0.8, graceMinutes: 2.5 }, 'attendanceRule.graceMinutes:IS_INT'],
    [{ minMinutesPresentRate: 0.8, graceMinutes: '10' }, 'attendanceRule.graceMinutes:IS_INT'],
    [{ minMinutesPresentRate: 0.8, graceMinutes: 10, roundTo: 5 }, 'attendanceRule.roundTo:UNKNOWN_FIELD'],
  ])('refuses the rule %j, naming the field inside it', async (attendanceRule, expected) => {
    const res = await t.http
      .post(api('/programs'))
      .set(cast.admin.auth)
      .send(programBody(cast.host, { attendanceRule } as never));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    // Only that field is named (text where a number belongs fails its range checks too, on the same field).
    const [field, code] = expected.split(':');
    expect([...new Set((res.body as ProblemDocument).errors?.map((e) => e.field))]).toEqual([field]);
    expect(fieldsOf(res.body)).toContain(`${field}:${code}`);
  });

  it('says "required" for a field missing inside the rule, and names each one', async () => {
    const one = await t.http
      .post(api('/programs'))
      .set(cast.admin.auth)
      .send(programBody(cast.host, { attendanceRule: { graceMinutes: 10 } } as never));
    expect(one.status).toBe(400);
    const missing = (one.body as ProblemDocument).errors?.find((e) => e.code === 'IS_DEFINED');
    expect(missing).toMatchObject({ field: 'attendanceRule.minMinutesPresentRate', message: 'Is required.' });
    expect([...new Set(fieldsOf(one.body).map((f) => f.split(':')[0]))]).toEqual([
      'attendanceRule.minMinutesPresentRate',
    ]);

    const both = await t.http
      .post(api('/programs'))
      .set(cast.admin.auth)
      .set('Accept-Language', 'zh')
      .send(programBody(cast.host, { attendanceRule: {} } as never));
    expect(both.status).toBe(400);
    const required = (both.body as ProblemDocument).errors?.filter((e) => e.code === 'IS_DEFINED') ?? [];
    expect(required.map((e) => e.field).sort()).toEqual([
      'attendanceRule.graceMinutes',
      'attendanceRule.minMinutesPresentRate',
    ]);
    // In the caller's language.
    expect(required[0].message).not.toBe('Is required.');
  });

  it('refuses a bad or null rule on a change and keeps the one it had', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host, {
      attendanceRule: { minMinutesPresentRate: 0.9, graceMinutes: 5 },
    });
    const bad = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ capacity: 50, attendanceRule: { minMinutesPresentRate: 2, graceMinutes: 5 } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['attendanceRule.minMinutesPresentRate:MAX']);
    const cleared = await t.http
      .patch(api(`/programs/${program.id}`))
      .set(cast.admin.auth)
      .send({ attendanceRule: null });
    expect(cleared.status).toBe(400);
    expect(fieldsOf(cleared.body)).toEqual(['attendanceRule:IS_NOT_NULL']);
    const after = await detail(program.id);
    expect(after.attendanceRule).toEqual({ minMinutesPresentRate: 0.9, graceMinutes: 5 });
    expect(after.capacity).toBe(program.capacity);
  });

  it('is the admin’s to set: other roles cannot create or change programs with it', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    for (const actor of [cast.instructor, cast.partner, cast.trainee]) {
      const res = await t.http
        .patch(api(`/programs/${program.id}`))
        .set(actor.auth)
        .send({ attendanceRule: { minMinutesPresentRate: 0.1, graceMinutes: 60 } });
      expect(res.status).toBe(403);
    }
    expect((await detail(program.id)).attendanceRule).toEqual(DEFAULT_ATTENDANCE_RULE);
  });
});

describe('sessions past midnight', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const fieldsOf = (body: ProblemDocument) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);

  it('takes a session from 22:00 to 01:30 the next day and reads it back as it was sent', async () => {
    // 3–5 September 2024 in Asia/Shanghai.
    const program = await createProgram(t, cast.admin.auth, cast.host);
    const session = await createSession(t, cast.admin.auth, program.id, {
      title: { en: 'Night market livestream', zh: '夜市直播' },
      startsAt: '2024-09-03T22:00:00+08:00',
      endsAt: '2024-09-04T01:30:00+08:00',
    });
    expect(session).toMatchObject({ startsAt: '2024-09-03T14:00:00.000Z', endsAt: '2024-09-03T17:30:00.000Z' });
    const one = await t.http
      .get(api(`/sessions/${session.id}`))
      .set(cast.admin.auth)
      .expect(200);
    expect(one.body).toMatchObject({ startsAt: '2024-09-03T14:00:00.000Z', endsAt: '2024-09-03T17:30:00.000Z' });
    const agenda = await t.http
      .get(api(`/programs/${program.id}/sessions`))
      .set(cast.admin.auth)
      .expect(200);
    expect((agenda.body as Session[]).map((s) => [s.id, s.startsAt, s.endsAt])).toEqual([
      [session.id, '2024-09-03T14:00:00.000Z', '2024-09-03T17:30:00.000Z'],
    ]);

    // Moved to the last night, it still ends within the program (00:00 on the day after is refused below).
    const moved = await t.http
      .patch(api(`/sessions/${session.id}`))
      .set(cast.admin.auth)
      .send({ startsAt: '2024-09-05T20:00:00+08:00', endsAt: '2024-09-05T23:59:00+08:00' });
    expect(moved.status).toBe(200);
  });

  it('refuses a session ending after the program’s last day, on create and on change, naming endsAt', async () => {
    const program = await createProgram(t, cast.admin.auth, cast.host);
    const late = await t.http
      .post(api(`/programs/${program.id}/sessions`))
      .set(cast.admin.auth)
      .send({
        title: { en: 'Farewell night' },
        type: 'ceremony',
        startsAt: '2024-09-05T22:00:00+08:00',
        endsAt: '2024-09-06T01:30:00+08:00',
        instructorIds: [],
      });
    expect(late.status).toBe(400);
    expect(fieldsOf(late.body)).toEqual(['endsAt:OUTSIDE_PROGRAM']);

    const session = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-04T22:00:00+08:00',
      endsAt: '2024-09-05T01:30:00+08:00',
    });
    const moved = await t.http
      .patch(api(`/sessions/${session.id}`))
      .set(cast.admin.auth)
      .send({ startsAt: '2024-09-05T22:00:00+08:00', endsAt: '2024-09-06T01:30:00+08:00' });
    expect(moved.status).toBe(400);
    expect(fieldsOf(moved.body)).toEqual(['endsAt:OUTSIDE_PROGRAM']);
    const kept = await t.http
      .get(api(`/sessions/${session.id}`))
      .set(cast.admin.auth)
      .expect(200);
    expect(kept.body).toMatchObject({ startsAt: '2024-09-04T14:00:00.000Z', endsAt: '2024-09-04T17:30:00.000Z' });
  });
});
