import {
  ErrorCode,
  MEETING_REPORT_MAX_BYTES,
  Role,
  type AttendanceImportResult,
  type ImportedMatch,
  type ProblemDocument,
} from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { teamsCsv, teamsXlsx, tencentXlsx, zoomCsv } from './fixtures/meeting-reports';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

/** The trainees the fixtures' reports name (their e-mails are in the fixture files). */
const PEOPLE = {
  an: ['Nguyễn Văn An', 'NGUYEN Van An', 'an.nguyen@meeting-import.e2e.test'],
  zhang: ['张伟', 'Zhang Wei', 'zhang.wei@meeting-import.e2e.test'],
  somchai1: ['สมชาย ใจดี', 'Somchai Jaidee', 'somchai.1@meeting-import.e2e.test'],
  somchai2: ['สมชาย ใจดี', 'Somchai Jaidee', 'somchai.2@meeting-import.e2e.test'],
  budi: ['Budi Santoso', null, 'budi@meeting-import.e2e.test'],
  dewi: ['Dewi Lestari', null, 'dewi@meeting-import.e2e.test'],
  rina: ['Rina Wati', null, 'rina@meeting-import.e2e.test'],
  hoa: ['Trần Thị Hoa', 'Tran Thi Hoa', 'hoa@meeting-import.e2e.test'],
  chau: ['Phạm Minh Châu', 'Pham Minh Chau', 'chau@meeting-import.e2e.test'],
  siti: ['Siti Aminah', null, 'siti@meeting-import.e2e.test'],
  lim: ['林美玲', 'Lim Mei Ling', 'lim@meeting-import.e2e.test'],
} as const;
type Who = keyof typeof PEOPLE;

describe('meeting report import (POST /sessions/:id/attendance/import)', () => {
  let t: TestApp;
  let cast: Cast;
  const ids = {} as Record<Who, string>;
  const nameOf = new Map<string, Who>();

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    for (const [who, [fullName, latin, email]] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
      const [row] = (await t.dataSource.query(
        `INSERT INTO trainees (full_name, full_name_latin, email, nationality, institution_id, preferred_locale)
         VALUES ($1, $2, $3, 'TH', $4, 'en') RETURNING id`,
        [fullName, latin, email, cast.partnerA.id],
      )) as { id: string }[];
      ids[who] = row.id;
      nameOf.set(row.id, who);
    }
  });
  afterAll(() => t.close());

  /** A published program (Asia/Shanghai, the default rule: 80 %, 10 minutes' grace) with everyone confirmed, and
   * its session 2024-09-03 09:00–11:00 (120 minutes), taught by a new instructor. */
  async function session(options: { rule?: { minMinutesPresentRate: number; graceMinutes: number } } = {}) {
    const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { partnerInstitutionIds: [cast.partnerA.id], ...(options.rule ? { attendanceRule: options.rule } : {}) },
      { publish: true },
    );
    const s = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-03T09:00:00+08:00',
      endsAt: '2024-09-03T11:00:00+08:00',
      instructorIds: [teacher.user.instructorId as string],
    });
    for (const traineeId of Object.values(ids)) {
      const res = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    }
    return { program, session: s, teacher };
  }

  const upload = (
    auth: Auth,
    sessionId: string,
    file: Buffer,
    name: string,
    dryRun: boolean | undefined,
    assignments?: unknown,
  ) => {
    const query = dryRun === undefined ? '' : `?dryRun=${dryRun}`;
    const req = t.http.post(api(`/sessions/${sessionId}/attendance/import${query}`)).set(auth);
    if (assignments !== undefined) req.field('assignments', JSON.stringify(assignments));
    return req.attach('file', file, name);
  };
  const statuses = (result: AttendanceImportResult) =>
    Object.fromEntries(result.matched.map((m) => [nameOf.get(m.traineeId), m.status]));
  type Mark = { trainee_id: string; status: string; source: string; recorded_by: string };
  const marks = async (sessionId: string): Promise<Record<string, Mark>> =>
    Object.fromEntries(
      (
        (await t.dataSource.query(
          'SELECT trainee_id, status, source, recorded_by FROM attendance WHERE session_id = $1',
          [sessionId],
        )) as Mark[]
      ).map((r) => [nameOf.get(r.trainee_id) as string, r]),
    );
  const fields = (body: ProblemDocument) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);

  it('reads Zoom’s participants below its meeting summary: statuses by the rule, one person of three joins', async () => {
    const { session: s, teacher } = await session();
    const res = await upload(teacher.auth, s.id, zoomCsv(), 'participants_81234567890.csv', true);
    expect(res.status).toBe(200);
    const result = res.body as AttendanceImportResult;
    expect(result).toMatchObject({ format: 'zoom', dryRun: true, rows: 11 });
    expect(result.sheet).toBeUndefined();
    expect(statuses(result)).toEqual({
      an: 'present', // three joins, two of them overlapping, the first before the start: 80 + 30 minutes
      zhang: 'present', // by name, the Latin one
      budi: 'late', // 105 minutes, joined at 09:15
      dewi: 'present', // exactly 96 minutes = 80 % of 120
      rina: 'absent', // 95 minutes and 59 seconds: a minute short
      hoa: 'present', // joined exactly at the grace, no leave time (still in at export): until 11:00
      chau: 'late', // one second after the grace; "Chau, Pham Minh" in another word order
    });
    const an = result.matched.find((m) => m.traineeId === ids.an) as ImportedMatch;
    expect(an).toMatchObject({
      row: 5,
      rows: [5, 6, 7],
      minutes: 110,
      matchedBy: 'email',
      firstJoinAt: '2024-09-03T00:55:00.000Z',
      fullName: 'Nguyễn Văn An',
    });
    expect(result.matched.find((m) => m.traineeId === ids.zhang)).toMatchObject({ matchedBy: 'name', minutes: 115 });
    expect(result.matched.find((m) => m.traineeId === ids.dewi)?.minutes).toBe(96);
    expect(result.matched.find((m) => m.traineeId === ids.rina)?.minutes).toBe(95);
    expect(result.matched.find((m) => m.traineeId === ids.hoa)?.minutes).toBe(110);
    expect(result.unmatched).toEqual([
      expect.objectContaining({ row: 15, name: 'Guest Visitor', email: 'visitor@example.com', minutes: 30 }),
    ]);
    expect(result.ambiguous).toHaveLength(1);
    expect(result.ambiguous[0]).toMatchObject({ row: 9, name: 'Somchai Jaidee', minutes: 120 });
    expect(result.ambiguous[0].candidates.map((c) => nameOf.get(c.traineeId)).sort()).toEqual(['somchai1', 'somchai2']);
    expect(result.missing.map((m) => nameOf.get(m.traineeId)).sort()).toEqual(['lim', 'siti', 'somchai1', 'somchai2']);
    // A dry run writes nothing, not even an audit event.
    expect(await marks(s.id)).toEqual({});
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'attendance.import' AND entity_id = $1`,
      [s.id],
    );
    expect(n).toBe(0);
  });

  it('reads Teams’ UTF-16 tab-separated report by its in-meeting activities, and its workbook', async () => {
    const { session: s } = await session();
    const csv = await upload(cast.admin.auth, s.id, teamsCsv(), 'Attendance report.csv', true);
    expect(csv.status).toBe(200);
    expect(csv.body).toMatchObject({ format: 'teams', rows: 4 });
    expect(statuses(csv.body)).toEqual({ an: 'present', zhang: 'late' });
    expect(csv.body.matched.find((m: ImportedMatch) => m.traineeId === ids.an)).toMatchObject({
      rows: [18, 19],
      minutes: 110,
    });
    expect(csv.body.unmatched.map((p: { name: string }) => p.name)).toEqual(['Teacher Li']);

    const xlsx = await upload(cast.admin.auth, s.id, await teamsXlsx(), 'Attendance report.xlsx', true);
    expect(xlsx.status).toBe(200);
    expect(xlsx.body).toMatchObject({ format: 'teams', rows: 2 });
    // Date cells are wall-clock time in the program's zone: 09:02 → 10:59 Shanghai, 117 minutes.
    expect(xlsx.body.matched.find((m: ImportedMatch) => m.traineeId === ids.an)).toMatchObject({
      minutes: 117,
      firstJoinAt: '2024-09-03T01:02:00.000Z',
      status: 'present',
    });
    expect(statuses(xlsx.body)).toEqual({ an: 'present', zhang: 'absent' });
  });

  it('reads Tencent Meeting’s workbook with its title block and Chinese headers', async () => {
    const { session: s } = await session();
    const res = await upload(cast.admin.auth, s.id, await tencentXlsx(), '参会成员明细.xlsx', true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'tencent', rows: 3 });
    expect(statuses(res.body)).toEqual({ zhang: 'present', an: 'absent' });
    expect(res.body.matched.find((m: ImportedMatch) => m.traineeId === ids.zhang)).toMatchObject({
      minutes: 110,
      matchedBy: 'name',
      row: 7,
    });
    expect(res.body.unmatched).toEqual([expect.objectContaining({ name: '李老师', row: 9 })]);
  });

  it('applies the program’s own rule', async () => {
    const { session: s } = await session({ rule: { minMinutesPresentRate: 0.9, graceMinutes: 0 } });
    const res = await upload(cast.admin.auth, s.id, zoomCsv(), 'zoom.csv', true);
    expect(res.status).toBe(200);
    // 108 minutes needed; no grace
    expect(statuses(res.body)).toMatchObject({
      an: 'present',
      zhang: 'late',
      dewi: 'absent',
      hoa: 'late',
      budi: 'absent',
    });
  });

  it('commits: writes marks from the report and the assignments, marks the missing absent, keeps excused', async () => {
    const { session: s, teacher } = await session();
    await t.http
      .put(api(`/sessions/${s.id}/attendance`))
      .set(teacher.auth)
      .send([
        { traineeId: ids.lim, status: 'excused' },
        { traineeId: ids.budi, status: 'excused' },
        { traineeId: ids.rina, status: 'present' },
      ])
      .expect(200);
    const assignments = [
      { row: 15, traineeId: ids.siti }, // "Guest Visitor" was Siti on her brother's laptop
      { row: 9, traineeId: ids.somchai2 }, // the ambiguous Somchai
    ];
    const res = await upload(teacher.auth, s.id, zoomCsv(), 'zoom.csv', false, assignments);
    expect(res.status).toBe(200);
    const result = res.body as AttendanceImportResult;
    expect(result.dryRun).toBe(false);
    expect(result.unmatched).toEqual([]);
    expect(result.ambiguous).toEqual([]);
    expect(result.matched.find((m) => m.traineeId === ids.siti)).toMatchObject({
      matchedBy: 'assigned',
      minutes: 30,
      status: 'absent',
    });
    expect(result.matched.find((m) => m.traineeId === ids.somchai2)).toMatchObject({
      matchedBy: 'assigned',
      status: 'present',
    });
    expect(result.missing.map((m) => nameOf.get(m.traineeId)).sort()).toEqual(['lim', 'somchai1']);

    const written = await marks(s.id);
    expect(Object.fromEntries(Object.entries(written).map(([who, r]) => [who, r.status]))).toEqual({
      an: 'present',
      zhang: 'present',
      budi: 'excused', // the instructor's word stands
      dewi: 'present',
      rina: 'absent', // the report overrides a tap
      hoa: 'present',
      chau: 'late',
      siti: 'absent',
      somchai2: 'present',
      somchai1: 'absent', // missing
      lim: 'excused', // missing but excused
    });
    expect(written.an).toMatchObject({ source: 'import', recorded_by: teacher.user.id });
    expect(written.lim.source).toBe('register');
    expect(result.sheet?.lines.find((l) => l.traineeId === ids.an)).toMatchObject({
      status: 'present',
      source: 'import',
    });

    const [event] = await t.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'attendance.import' AND entity_id = $1`,
      [s.id],
    );
    expect(event.details).toMatchObject({ format: 'zoom', rows: 11, matched: 9, missing: 2 });
    const text = JSON.stringify(event.details);
    for (const word of ['Nguyen', 'Guest', 'visitor@', 'Somchai']) expect(text).not.toContain(word);
  });

  it('refuses bad assignments, naming them, and writes nothing', async () => {
    const { session: s } = await session();
    const outsider = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    const res = await upload(cast.admin.auth, s.id, zoomCsv(), 'zoom.csv', false, [
      { row: 15, traineeId: outsider.user.traineeId },
      { row: 6, traineeId: ids.an }, // row 6 is An's second join, not a person's first
      { row: 9 },
      { row: 'x', traineeId: 'nope' },
    ]);
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(
      expect.arrayContaining([
        'assignments[2].traineeId:IS_DEFINED',
        'assignments[3].row:IS_INT',
        'assignments[3].traineeId:IS_UUID',
      ]),
    );
    const second = await upload(cast.admin.auth, s.id, zoomCsv(), 'zoom.csv', false, [
      { row: 15, traineeId: outsider.user.traineeId },
      { row: 6, traineeId: ids.an },
    ]);
    expect(second.status).toBe(400);
    expect(fields(second.body)).toEqual(['assignments[0].traineeId:NOT_ON_REGISTER', 'assignments[1].row:UNKNOWN_ROW']);
    const notJson = await t.http
      .post(api(`/sessions/${s.id}/attendance/import?dryRun=true`))
      .set(cast.admin.auth)
      .field('assignments', '{row: 1')
      .attach('file', zoomCsv(), 'zoom.csv');
    expect(notJson.status).toBe(400);
    expect(fields(notJson.body)).toEqual(['assignments:IS_JSON']);
    expect(await marks(s.id)).toEqual({});
  });

  it('lets only the session’s instructors and admins import', async () => {
    const { session: s } = await session();
    const other = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const denied = await upload(other.auth, s.id, zoomCsv(), 'zoom.csv', true);
    expect(denied.status).toBe(404);
    const deniedCommit = await upload(other.auth, s.id, zoomCsv(), 'zoom.csv', false);
    expect(deniedCommit.status).toBe(404);
    for (const who of [cast.partner, cast.trainee] as SignedIn[]) {
      const res = await upload(who.auth, s.id, zoomCsv(), 'zoom.csv', true);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(ErrorCode.Forbidden);
    }
    await t.http
      .post(api(`/sessions/${s.id}/attendance/import?dryRun=true`))
      .attach('file', zoomCsv(), 'zoom.csv')
      .expect(401);
    expect(await marks(s.id)).toEqual({});
  });

  it('reads a report any time but commits only into an open register of a session that takes place', async () => {
    const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const later = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { startDate: '2099-09-03', endDate: '2099-09-05' },
      { publish: true },
    );
    const future = await createSession(t, cast.admin.auth, later.id, {
      startsAt: '2099-09-03T09:00:00+08:00',
      endsAt: '2099-09-03T11:00:00+08:00',
      instructorIds: [teacher.user.instructorId as string],
    });
    expect((await upload(teacher.auth, future.id, zoomCsv(), 'zoom.csv', true)).status).toBe(200);
    const early = await upload(teacher.auth, future.id, zoomCsv(), 'zoom.csv', false);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe(ErrorCode.SessionNotStarted);
    expect(await marks(future.id)).toEqual({});

    const { session: s } = await session();
    await t.http
      .post(api(`/sessions/${s.id}/cancel`))
      .set(cast.admin.auth)
      .send({ reason: 'Typhoon warning' })
      .expect(200);
    const cancelled = await upload(cast.admin.auth, s.id, zoomCsv(), 'zoom.csv', false);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.code).toBe(ErrorCode.SessionCancelled);
    expect(await marks(s.id)).toEqual({});
  });

  it('refuses a missing dryRun, a missing file, garbage and an oversize file', async () => {
    const { session: s } = await session();
    const noDryRun = await upload(cast.admin.auth, s.id, zoomCsv(), 'zoom.csv', undefined);
    expect(noDryRun.status).toBe(400);
    expect(fields(noDryRun.body)).toEqual(['dryRun:IS_DEFINED']);
    expect(noDryRun.body.errors[0].message).toBe('Is required.');
    const badDryRun = await t.http
      .post(api(`/sessions/${s.id}/attendance/import?dryRun=maybe`))
      .set(cast.admin.auth)
      .attach('file', zoomCsv(), 'zoom.csv');
    expect(fields(badDryRun.body)).toEqual(['dryRun:IS_BOOLEAN']);

    const noFile = await t.http
      .post(api(`/sessions/${s.id}/attendance/import?dryRun=true`))
      .set(cast.admin.auth)
      .field('assignments', '[]');
    expect(noFile.status).toBe(400);
    expect(fields(noFile.body)).toEqual(['file:IS_DEFINED']);

    const roster = Buffer.from('fullName,email\r\nAn,an@example.com\r\n', 'utf8');
    const unknown = await upload(cast.admin.auth, s.id, roster, 'roster.csv', true);
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe(ErrorCode.ImportFileInvalid);
    expect(fields(unknown.body)).toEqual(['file:UNKNOWN_REPORT']);
    expect(unknown.body.errors[0].message).toContain('Join Time');
    const zh = await upload(cast.admin.auth, s.id, roster, 'roster.csv', true).set('Accept-Language', 'zh');
    expect(zh.body.errors[0].message).toContain('腾讯会议');

    const garbage = await upload(
      cast.admin.auth,
      s.id,
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 0, 9]),
      'x.xlsx',
      true,
    );
    expect(garbage.status).toBe(400);
    expect(fields(garbage.body)).toEqual(['file:XLSX_UNREADABLE']);

    const badTime = Buffer.from(
      'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\nAn,,soon,,,No\r\n',
      'utf8',
    );
    const time = await upload(cast.admin.auth, s.id, badTime, 'zoom.csv', true);
    expect(time.status).toBe(400);
    expect(fields(time.body)).toEqual(['file:BAD_TIME']);
    expect(time.body.errors[0].message).toContain('Row 2');

    const big = Buffer.alloc(MEETING_REPORT_MAX_BYTES + 1, 'a');
    const over = await upload(cast.admin.auth, s.id, big, 'big.csv', false);
    expect(over.status).toBe(413);
    expect(over.body.code).toBe(ErrorCode.PayloadTooLarge);
    expect(await marks(s.id)).toEqual({});
  });
});
