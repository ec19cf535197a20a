import type { ProgramReport, ReportOverview } from '@skillbridge/contracts';
import { ValueType, Workbook } from 'exceljs';
import { Cast, createCast } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { api, binary, startTestApp, TestApp } from './support/test-app';

/**
 * The numbers of the reports against counts this test makes itself from the
 * rows it created (in a period of its own, so nothing else is counted).
 */
describe('reports', () => {
  let t: TestApp;
  let cast: Cast;
  let course: { id: string; code: string };
  let camp: { id: string };
  const trainees: { id: string; nationality: string; institution: 'A' | 'B' | null }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    const period = { startDate: '2019-03-02', endDate: '2019-03-06', timezone: 'Asia/Bangkok' };
    course = await createProgram(t, cast.admin.auth, cast.host, { ...period, capacity: 3 }, { publish: true });
    camp = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { ...period, kind: 'camp', capacity: 10 },
      { publish: true },
    );
    await createProgram(t, cast.admin.auth, cast.host, { ...period });
    await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { startDate: '2018-01-01', endDate: '2018-01-02' },
      { publish: true },
    );

    for (const [count, nationality, institution] of [
      [2, 'TH', 'A'],
      [1, 'TH', 'B'],
      [2, 'VN', null],
    ] as const) {
      const institutionId = institution === 'A' ? cast.partnerA.id : institution === 'B' ? cast.partnerB.id : null;
      for (const id of await insertTrainees(t.dataSource, count, { nationality, institutionId })) {
        trainees.push({ id, nationality, institution });
      }
    }
    for (const trainee of trainees) {
      await t.http
        .post(api(`/programs/${course.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId: trainee.id });
    }
    for (const trainee of trainees.slice(0, 2)) {
      await t.http
        .post(api(`/programs/${camp.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId: trainee.id });
    }
    const session = await createSession(t, cast.admin.auth, camp.id, {
      startsAt: '2019-03-02T09:00:00+07:00',
      endsAt: '2019-03-02T11:00:00+07:00',
    });
    await t.http
      .put(api(`/sessions/${session.id}/attendance`))
      .set(cast.admin.auth)
      .send([
        { traineeId: trainees[0].id, status: 'present' },
        { traineeId: trainees[1].id, status: 'absent' },
      ]);
    await t.http.post(api(`/programs/${course.id}/complete`)).set(cast.admin.auth);
    const [first] = await t.dataSource.query('SELECT id FROM certificates WHERE program_id = $1 LIMIT 1', [course.id]);
    await t.http
      .post(api(`/certificates/${first.id}/revoke`))
      .set(cast.admin.auth)
      .send({ reason: 'Issued in error' });
  });
  afterAll(() => t.close());

  const tally = <T>(items: T[], key: (item: T) => string) =>
    items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});

  it('counts the period’s programs, trainees and enrolments as the rows say', async () => {
    const res = await t.http.get(api('/reports/overview?from=2019-03-01&to=2019-03-31')).set(cast.admin.auth);
    expect(res.status).toBe(200);
    const report: ReportOverview = res.body;
    // The course took its first three (capacity 3), the last two wait; then it closed with every seat completed;
    // one of its three certificates was revoked since. Its certificates count with it, though issued today.
    expect(report.totals).toEqual({ programs: 3, trainees: 5, enrolments: 7, certificates: 2, completionRate: 1 });
    expect(report.programsByKindAndStatus).toEqual([
      { kind: 'camp', status: 'published', count: 1 },
      { kind: 'course', status: 'completed', count: 1 },
      { kind: 'course', status: 'draft', count: 1 },
    ]);
    expect(Object.fromEntries(report.enrolmentsByStatus.map((s) => [s.key, s.count]))).toEqual({
      completed: 3,
      waitlisted: 2,
      confirmed: 2,
    });
    expect(Object.fromEntries(report.traineesByNationality.map((n) => [n.key, n.count]))).toEqual(
      tally(trainees, (x) => x.nationality),
    );
    const byInstitution = Object.fromEntries(
      report.traineesByInstitution.map((i) => [i.institutionCode ?? 'none', i.count]),
    );
    expect(byInstitution).toEqual({ [cast.partnerA.code]: 2, [cast.partnerB.code]: 1, none: 2 });
    const outcome = report.programs.find((p) => p.programId === course.id);
    expect(outcome).toMatchObject({ completed: 3, notCompleted: 0, completionRate: 1, certificates: 2 });
    expect(report.programs).toHaveLength(3);

    const everything = (await t.http.get(api('/reports/overview')).set(cast.admin.auth)).body as ReportOverview;
    expect(everything.totals.programs).toBe(4);
    const month = new Date().toISOString().slice(0, 7);
    // Issued this month: two still valid, one revoked since.
    expect(everything.certificatesByMonth).toEqual([{ month, issued: 2, revoked: 1 }]);
    expect(report.certificatesByMonth).toEqual([{ month, issued: 2, revoked: 1 }]);
    const bad = await t.http.get(api('/reports/overview?from=2019-03-31&to=2019-03-01')).set(cast.admin.auth);
    expect(bad.body.errors[0].field).toBe('to');
  });

  it('counts every figure by one rule: the programs whose dates overlap the period, and their records', async () => {
    const overview = async (query: string) => {
      const res = await t.http.get(api(`/reports/overview${query}`)).set(cast.admin.auth);
      expect(res.status).toBe(200);
      return res.body as ReportOverview;
    };
    // The last weeks hold no program of this test, only the issue date of the 2019 course's certificates:
    // counted by issue date they showed "Programs 0 … Certificates 2" side by side.
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const recent = await overview(`?from=${monthAgo}&to=${today}`);
    expect(recent.totals).toEqual({ programs: 0, trainees: 0, enrolments: 0, certificates: 0 });
    expect(recent.certificatesByMonth).toEqual([]);

    // In any period the totals are the sums of the period's own rows.
    for (const query of ['?from=2019-03-01&to=2019-03-31', '?from=2019-03-06', '?to=2019-03-02', '']) {
      const report = await overview(query);
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      expect({ query, programs: report.totals.programs }).toEqual({
        query,
        programs: sum(report.programsByKindAndStatus.map((k) => k.count)),
      });
      expect({ query, certificates: report.totals.certificates }).toEqual({
        query,
        certificates: sum(report.programs.map((p) => p.certificates)),
      });
      expect({ query, byMonth: sum(report.certificatesByMonth.map((m) => m.issued)) }).toEqual({
        query,
        byMonth: report.totals.certificates,
      });
      expect({ query, enrolments: report.totals.enrolments }).toEqual({
        query,
        enrolments: sum(report.enrolmentsByStatus.map((e) => e.count)),
      });
      expect({ query, trainees: report.totals.trainees }).toEqual({
        query,
        trainees: sum(report.traineesByNationality.map((n) => n.count)),
      });
    }
  });

  it('reports one program: funnel, attendance per session, by institution — for a partner only its own people', async () => {
    const admin: ProgramReport = (await t.http.get(api(`/reports/programs/${course.id}`)).set(cast.admin.auth)).body;
    expect(admin.scopedToInstitution).toBe(false);
    expect(admin.funnel).toEqual({ applied: 5, confirmed: 3, completed: 3, certified: 2 });
    expect(admin.seatsOverTime.at(-1)).toMatchObject({ applied: 5, confirmed: 3 });
    const a = trainees.filter((x) => x.institution === 'A').length;
    const partner: ProgramReport = (await t.http.get(api(`/reports/programs/${course.id}`)).set(cast.partner.auth))
      .body;
    expect(partner.scopedToInstitution).toBe(true);
    expect(partner.funnel.applied).toBe(a);
    expect(partner.byInstitution.map((i) => i.institutionId)).toEqual([cast.partnerA.id]);
    expect(partner.byNationality).toEqual([expect.objectContaining({ nationality: 'TH', applied: a })]);

    const campReport: ProgramReport = (await t.http.get(api(`/reports/programs/${camp.id}`)).set(cast.admin.auth)).body;
    expect(campReport.attendanceBySession).toEqual([
      expect.objectContaining({ present: 1, absent: 1, late: 0, excused: 0, unmarked: 0, rate: 0.5 }),
    ]);
    const otherView: ProgramReport = (await t.http.get(api(`/reports/programs/${camp.id}`)).set(cast.otherPartner.auth))
      .body;
    expect(otherView.attendanceBySession[0]).toMatchObject({ present: 0, absent: 0, unmarked: 0 });
    expect(otherView.funnel.applied).toBe(0);

    const draft = await createProgram(t, cast.admin.auth, cast.host);
    expect((await t.http.get(api(`/reports/programs/${draft.id}`)).set(cast.partner.auth)).status).toBe(404);
    expect((await t.http.get(api('/reports/overview')).set(cast.partner.auth)).status).toBe(403);
  });

  it('serves the overview again until the data changes, and follows every write at once', async () => {
    const overview = async () => {
      const res = await t.http.get(api('/reports/overview?from=2019-03-01&to=2019-03-31')).set(cast.admin.auth);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      return res.body as ReportOverview;
    };
    const version = async () =>
      Number((await t.dataSource.query('SELECT last_value FROM report_data_version'))[0].last_value);

    const before = await overview();
    const steady = await version();
    expect(await overview()).toEqual(before);
    // Reading writes nothing that would move the version (or the cache would never be used).
    expect(await version()).toBe(steady);

    // A write through the API…
    const [extra] = await insertTrainees(t.dataSource, 1, { nationality: 'LA', institutionId: cast.partnerB.id });
    const enrolled = await t.http
      .post(api(`/programs/${camp.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: extra });
    expect(enrolled.status).toBe(201);
    const after = await overview();
    expect(after.totals.enrolments).toBe(before.totals.enrolments + 1);
    expect(after.traineesByNationality).toContainEqual({ key: 'LA', count: 1 });

    // …and one made with plain SQL behind the API's back are both seen on the next request.
    await t.dataSource.query(`UPDATE trainees SET nationality = 'KH' WHERE id = $1`, [extra]);
    const moved = await overview();
    expect(moved.traineesByNationality).toContainEqual({ key: 'KH', count: 1 });
    expect(moved.traineesByNationality.find((n) => n.key === 'LA')).toBeUndefined();

    const withdrawn = await t.http
      .post(api(`/enrolments/${enrolled.body.id}/withdraw`))
      .set(cast.admin.auth)
      .send({});
    expect(withdrawn.status).toBe(200);
    await t.dataSource.query(`DELETE FROM enrolments WHERE trainee_id = $1`, [extra]);
    await t.dataSource.query(`DELETE FROM trainees WHERE id = $1`, [extra]);
    expect(await overview()).toEqual(before);
  });

  it('exports both reports as workbooks with headers in the caller’s language', async () => {
    const download = (path: string, language: string) =>
      t.http.get(api(path)).set(cast.admin.auth).set('Accept-Language', language).buffer(true).parse(binary);
    const overview = new Workbook();
    await overview.xlsx.load((await download('/reports/overview.xlsx?from=2019-03-01&to=2019-03-31', 'th')).body);
    expect(overview.worksheets.map((w) => w.name)).toContain('สัญชาติ');
    // Nationality: the name in the reader's language, the ISO code in a column of its own.
    const nationalities = overview.getWorksheet('สัญชาติ');
    expect(nationalities?.getRow(1).values).toEqual([undefined, 'สัญชาติ', 'รหัสสัญชาติ (ISO)', 'ผู้เข้าอบรม']);
    const byCode = new Map<unknown, unknown[]>();
    nationalities?.eachRow(
      (row, n) => n > 1 && byCode.set(row.getCell(2).value, [row.getCell(1).value, row.getCell(3).value]),
    );
    expect(byCode.get('TH')).toEqual(['ไทย', 3]);
    expect(byCode.get('VN')).toEqual(['เวียดนาม', 2]);
    // Calendar dates are date cells, in the Buddhist era for a Thai reader.
    const summary = overview.getWorksheet('สรุป');
    expect(summary?.getCell('B2').value).toEqual(new Date('2019-03-01T00:00:00Z'));
    expect(summary?.getCell('B2').numFmt).toBe('[$-107041E]dd/mm/yyyy');
    const programs = overview.getWorksheet('โครงการ');
    programs?.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== course.code) return;
      expect(row.getCell(3).type).toBe(ValueType.Date);
      expect(row.getCell(3).value).toEqual(new Date('2019-03-02T00:00:00Z'));
    });
    // Certificates by month (issued now, so outside the period above): months as date cells, counted in UTC.
    const everything = new Workbook();
    await everything.xlsx.load((await download('/reports/overview.xlsx', 'en')).body);
    const months = everything.getWorksheet('Certificates by month');
    expect(months?.getCell('A1').value).toBe('Month (UTC)');
    expect(months?.getCell('A2').type).toBe(ValueType.Date);
    expect(months?.getCell('A2').numFmt).toBe('yyyy-mm');

    const program = new Workbook();
    await program.xlsx.load((await download(`/reports/programs/${course.id}/report.xlsx`, 'zh')).body);
    expect(program.worksheets[0].getCell('A2').value).toBe('报名');
    expect(program.worksheets[0].getCell('B2').value).toBe(5);

    // A session's start: a date cell of Bangkok's wall clock (09:00 at +07:00), the zone said in the header.
    const camped = new Workbook();
    await camped.xlsx.load((await download(`/reports/programs/${camp.id}/report.xlsx`, 'zh')).body);
    const sessions = camped.getWorksheet('各课次出勤');
    expect(sessions?.getCell('B1').value).toBe('开始时间（Asia/Bangkok）');
    expect(sessions?.getCell('B2').type).toBe(ValueType.Date);
    expect(sessions?.getCell('B2').value).toEqual(new Date('2019-03-02T09:00:00Z'));
    expect(sessions?.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm');
    const seats = camped.getWorksheet('名额变化');
    expect(seats?.getCell('A1').value).toBe('日期（Asia/Bangkok）');
    expect(seats?.getCell('A2').type).toBe(ValueType.Date);
  });
});
