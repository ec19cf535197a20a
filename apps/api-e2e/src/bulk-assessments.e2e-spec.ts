import { ErrorCode, Role, type ProblemDocument } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('PUT /programs/:id/assessments: scores of a whole program at once', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  /** A published course with one session taught by a new instructor, and these trainees confirmed. */
  async function course(count: number) {
    const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const program = await createProgram(t, cast.admin.auth, cast.host, { capacity: 50 }, { publish: true });
    await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-03T09:00:00+08:00',
      endsAt: '2024-09-03T11:00:00+08:00',
      instructorIds: [teacher.user.instructorId as string],
    });
    const trainees = await insertTrainees(t.dataSource, count);
    const enrolments: string[] = [];
    for (const traineeId of trainees) {
      const res = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      enrolments.push(res.body.id);
    }
    return { program, teacher, enrolments };
  }

  const put = (auth: Auth, programId: string, assessments: object[]) =>
    t.http
      .put(api(`/programs/${programId}/assessments`))
      .set(auth)
      .send({ assessments });

  const scores = async (ids: string[]) =>
    (
      (await t.dataSource.query('SELECT id, score::float AS score, remarks FROM enrolments WHERE id = ANY($1)', [
        ids,
      ])) as { id: string; score: number | null; remarks: string | null }[]
    ).reduce<Record<string, [number | null, string | null]>>(
      (all, row) => ({ ...all, [row.id]: [row.score, row.remarks] }),
      {},
    );

  it('saves every row for the program’s instructor and for an admin', async () => {
    const { program, teacher, enrolments } = await course(3);
    const res = await put(teacher.auth, program.id, [
      { enrolmentId: enrolments[0], score: 86.5, remarks: 'ดีมาก' },
      { enrolmentId: enrolments[2], score: 40 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.assessments).toEqual([
      expect.objectContaining({
        enrolmentId: enrolments[0],
        score: 86.5,
        remarks: 'ดีมาก',
        assessedBy: teacher.user.id,
      }),
      expect.objectContaining({ enrolmentId: enrolments[2], score: 40, assessedBy: teacher.user.id }),
    ]);
    expect(await scores(enrolments)).toEqual({
      [enrolments[0]]: [86.5, 'ดีมาก'],
      [enrolments[1]]: [null, null],
      [enrolments[2]]: [40, null],
    });
    const byAdmin = await put(cast.admin.auth, program.id, [{ enrolmentId: enrolments[1], score: 100 }]);
    expect(byAdmin.status).toBe(200);
    expect((await scores([enrolments[1]]))[enrolments[1]]).toEqual([100, null]);
    const roster = await t.http.get(api(`/programs/${program.id}/enrolments`)).set(cast.admin.auth);
    expect(roster.body.items.find((e: { id: string }) => e.id === enrolments[0])).toMatchObject({ score: 86.5 });
    const trail = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.assess' AND entity_id = ANY($1)`,
      [enrolments],
    );
    expect(trail[0].n).toBe(3);
  });

  it('writes nothing when one row is bad, and names the row and the field', async () => {
    const { program, teacher, enrolments } = await course(3);
    const bad = await put(teacher.auth, program.id, [
      { enrolmentId: enrolments[0], score: 70 },
      { enrolmentId: enrolments[1], score: 101 },
      { enrolmentId: enrolments[2], score: 50, remarks: 'x'.repeat(2001) },
    ]);
    expect(bad.status).toBe(400);
    expect((bad.body as ProblemDocument).errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['assessments[1].score', 'assessments[2].remarks']),
    );
    expect((bad.body as ProblemDocument).errors?.map((e) => e.field)).not.toContain('assessments[0].score');

    const elsewhere = await course(1);
    const wrongRows = await put(teacher.auth, program.id, [
      { enrolmentId: enrolments[0], score: 70 },
      { enrolmentId: elsewhere.enrolments[0], score: 60 },
      { enrolmentId: enrolments[0], score: 71 },
    ]);
    expect(wrongRows.status).toBe(400);
    expect((wrongRows.body as ProblemDocument).errors?.map((e) => `${e.field}:${e.code}`)).toEqual([
      'assessments[1].enrolmentId:UNKNOWN_ENROLMENT',
      'assessments[2].enrolmentId:DUPLICATE',
    ]);

    await t.http
      .post(api(`/enrolments/${enrolments[2]}/withdraw`))
      .set(cast.admin.auth)
      .send({})
      .expect(200);
    const withdrawn = await put(teacher.auth, program.id, [
      { enrolmentId: enrolments[0], score: 70 },
      { enrolmentId: enrolments[2], score: 60 },
    ]);
    expect(withdrawn.status).toBe(400);
    expect((withdrawn.body as ProblemDocument).errors).toEqual([
      expect.objectContaining({ field: 'assessments[1].enrolmentId', code: ErrorCode.NotConfirmed }),
    ]);
    const empty = await put(teacher.auth, program.id, []);
    expect(empty.status).toBe(400);
    expect((empty.body as ProblemDocument).errors?.[0].field).toBe('assessments');

    expect(Object.values(await scores(enrolments))).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('refuses other instructors (404), partners and trainees (403), and a closed program (409)', async () => {
    const { program, teacher, enrolments } = await course(1);
    const body = [{ enrolmentId: enrolments[0], score: 80 }];
    const other = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    expect((await put(other.auth, program.id, body)).status).toBe(404);
    expect((await put(cast.partner.auth, program.id, body)).status).toBe(403);
    expect((await put(cast.trainee.auth, program.id, body)).status).toBe(403);
    expect((await put(teacher.auth, '00000000-0000-4000-8000-000000000000', body)).status).toBe(404);
    expect((await scores(enrolments))[enrolments[0]]).toEqual([null, null]);

    await t.http
      .post(api(`/programs/${program.id}/complete`))
      .set(cast.admin.auth)
      .expect(200);
    const closed = await put(cast.admin.auth, program.id, body);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe(ErrorCode.ProgramCompleted);
  });
});
