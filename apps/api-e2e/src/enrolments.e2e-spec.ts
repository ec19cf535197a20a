import { Role, type Enrolment, type MyEnrolment, type RosterEntry } from '@skillbridge/contracts';
import { ValueType, Workbook, type Row as ExcelRow } from 'exceljs';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram } from './factories/programs';
import { csvFile, HEADER, insertTrainees, uniqueEmail } from './factories/trainees';
import { api, binary, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('enrolments', () => {
  let t: TestApp;
  let cast: Cast;
  /** A trainee of no institution: no partner reviews them (a seat at once, or the admins when the host reviews). */
  let independent: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    independent = await createSignedIn(t, { role: Role.Trainee, institutionId: null, nationality: 'MY' });
  });
  afterAll(() => t.close());

  /** A published program open to everyone (no partner list), so independent trainees see it too. */
  const program = (overrides: Parameters<typeof createProgram>[3] = {}) =>
    createProgram(t, cast.admin.auth, cast.host, overrides, { publish: true });
  const enrol = (auth: Auth, programId: string, body: object = {}) =>
    t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(auth)
      .send(body);
  const act = (auth: Auth, id: string, action: 'approve' | 'reject' | 'withdraw', body: object = {}) =>
    t.http
      .post(api(`/enrolments/${id}/${action}`))
      .set(auth)
      .send(body);
  const statusOf = async (id: string) =>
    (await t.dataSource.query('SELECT status FROM enrolments WHERE id = $1', [id]))[0].status as string;

  /** The program's counters and the real counts behind them. */
  async function seats(programId: string) {
    const [row] = await t.dataSource.query(
      `SELECT p.capacity, p.confirmed_count, p.waitlisted_count, p.pending_count,
              count(*) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
              count(*) FILTER (WHERE e.status = 'pending')::int AS pending
         FROM programs p LEFT JOIN enrolments e ON e.program_id = p.id
        WHERE p.id = $1 GROUP BY p.id`,
      [programId],
    );
    expect([row.confirmed_count, row.waitlisted_count, row.pending_count]).toEqual([
      row.confirmed,
      row.waitlisted,
      row.pending,
    ]);
    return { confirmed: row.confirmed, waitlisted: row.waitlisted, pending: row.pending, capacity: row.capacity };
  }

  describe('transitions', () => {
    it('a trainee’s own application waits for their partner’s review; without one, a seat at once', async () => {
      const p = await program({ capacity: 1 });
      const applied = await enrol(cast.trainee.auth, p.id);
      expect(applied.status).toBe(201);
      expect(applied.body).toMatchObject({
        programId: p.id,
        traineeId: cast.trainee.user.traineeId,
        status: 'pending',
      });
      expect(applied.body.decidedAt).toBeUndefined();
      // No partner reviews a trainee of no institution: a seat (or the wait-list) at once.
      const placed = await enrol(independent.auth, p.id);
      expect(placed.status).toBe(201);
      expect(placed.body).toMatchObject({ status: 'confirmed', decidedBy: independent.user.id });
      expect((await act(cast.partner.auth, placed.body.id, 'approve')).status).toBe(404);
      const [other] = await insertTrainees(t.dataSource, 1);
      const waiting = await enrol(cast.admin.auth, p.id, { traineeId: other });
      expect(waiting.body.status).toBe('waitlisted');
      expect(await seats(p.id)).toEqual({ capacity: 1, confirmed: 1, waitlisted: 1, pending: 1 });
      const program_ = await t.http.get(api(`/programs/${p.id}`)).set(cast.trainee.auth);
      expect(program_.body.seats).toMatchObject({ capacity: 1, confirmed: 1, waitlisted: 1, pending: 1 });

      // The trainee's own partner approves: no seat left, so the wait-list.
      const approved = await act(cast.partner.auth, applied.body.id, 'approve');
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'waitlisted', decidedBy: cast.partner.user.id });
      expect(await seats(p.id)).toEqual({ capacity: 1, confirmed: 1, waitlisted: 2, pending: 0 });

      // The confirmed one withdraws: the oldest wait-listed (the admin's enrolment) gets the seat.
      const withdrawn = await act(independent.auth, placed.body.id, 'withdraw', { reason: 'Visa refused' });
      expect(withdrawn.body.status).toBe('withdrawn');
      expect(await statusOf(waiting.body.id)).toBe('confirmed');
      expect(await statusOf(applied.body.id)).toBe('waitlisted');
      expect(await seats(p.id)).toEqual({ capacity: 1, confirmed: 1, waitlisted: 1, pending: 0 });

      const mine = await t.http.get(api('/me/enrolments')).set(cast.trainee.auth);
      const entry = mine.body.items.find((e: MyEnrolment) => e.id === applied.body.id);
      expect(entry).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, program: { id: p.id, code: p.code } });

      // More seats: the wait-list moves up at once.
      await t.http
        .patch(api(`/programs/${p.id}`))
        .set(cast.admin.auth)
        .send({ capacity: 2 });
      expect(await statusOf(applied.body.id)).toBe('confirmed');
      expect(await seats(p.id)).toEqual({ capacity: 2, confirmed: 2, waitlisted: 0, pending: 0 });

      const audit = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE entity_type = 'enrolment' AND entity_id = ANY($1::text[]) ORDER BY occurred_at, id`,
        [[applied.body.id, placed.body.id, waiting.body.id]],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['enrolment.create', 'enrolment.approve', 'enrolment.withdraw', 'enrolment.promote']),
      );
    });

    it('a trainee of no institution waits for the admins when the host reviews everyone', async () => {
      const p = await program({ capacity: 1, hostReview: true });
      const applied = await enrol(independent.auth, p.id);
      expect(applied.status).toBe(201);
      expect(applied.body.status).toBe('pending');
      expect(applied.body.decidedAt).toBeUndefined();
      // No partner reviews a trainee of no institution: the admins do.
      expect((await act(cast.partner.auth, applied.body.id, 'approve')).status).toBe(404);
      expect(await statusOf(applied.body.id)).toBe('pending');
      const admitted = await act(cast.admin.auth, applied.body.id, 'approve');
      expect(admitted.status).toBe(200);
      expect(admitted.body).toMatchObject({ status: 'confirmed', decidedBy: cast.admin.user.id });
      expect(await seats(p.id)).toEqual({ capacity: 1, confirmed: 1, waitlisted: 0, pending: 0 });
    });

    it('refuses the wrong role, the wrong institution and the wrong state, changing nothing', async () => {
      const p = await program();
      const applied = (await enrol(cast.trainee.auth, p.id)).body as Enrolment;
      expect((await act(cast.otherPartner.auth, applied.id, 'approve')).status).toBe(404);
      expect((await act(cast.trainee.auth, applied.id, 'approve')).status).toBe(403);
      expect((await act(cast.instructor.auth, applied.id, 'approve')).status).toBe(403);
      expect((await act(cast.partner.auth, applied.id, 'withdraw')).status).toBe(403);
      expect((await act(cast.otherTrainee.auth, applied.id, 'withdraw')).status).toBe(404);
      const noReason = await act(cast.partner.auth, applied.id, 'reject', { reason: '  ' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].field).toBe('reason');
      expect(await statusOf(applied.id)).toBe('pending');

      const rejected = await act(cast.partner.auth, applied.id, 'reject', { reason: 'Not enrolled this term' });
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Not enrolled this term' });
      for (const action of ['approve', 'reject', 'withdraw'] as const) {
        const res = await act(cast.admin.auth, applied.id, action, { reason: 'again' });
        expect({ action, status: res.status, code: res.body.code }).toEqual({
          action,
          status: 409,
          code: 'INVALID_TRANSITION',
        });
      }
      expect(await seats(p.id)).toEqual({ capacity: 300, confirmed: 0, waitlisted: 0, pending: 0 });
    });

    it('enrols once: a duplicate is a 409, a withdrawn trainee may come back', async () => {
      const p = await program();
      const first = await enrol(independent.auth, p.id);
      const again = await enrol(independent.auth, p.id);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_ENROLLED');
      const byAdmin = await enrol(cast.admin.auth, p.id, { traineeId: independent.user.traineeId });
      expect(byAdmin.status).toBe(409);
      await act(independent.auth, first.body.id, 'withdraw');
      const back = await enrol(independent.auth, p.id);
      expect(back.status).toBe(201);
      // The same enrolment again, placed at once as the first time (nobody reviews a trainee of no institution).
      expect(first.body.status).toBe('confirmed');
      expect(back.body).toMatchObject({ id: first.body.id, status: 'confirmed' });
      expect(await seats(p.id)).toMatchObject({ confirmed: 1, pending: 0 });
    });

    it('keeps to the enrolment window and to published programs', async () => {
      const closed = await program({
        enrolmentOpensAt: '2024-07-01T00:00:00+08:00',
        enrolmentClosesAt: '2024-08-01T00:00:00+08:00',
      });
      const late = await enrol(independent.auth, closed.id);
      expect(late.status).toBe(400);
      expect(late.body.code).toBe('ENROLMENT_CLOSED');
      const [someone] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      expect((await enrol(cast.partner.auth, closed.id, { traineeId: someone })).body.code).toBe('ENROLMENT_CLOSED');
      // The international office may still add a late participant.
      expect((await enrol(cast.admin.auth, closed.id, { traineeId: someone })).status).toBe(201);

      const draft = await createProgram(t, cast.admin.auth, cast.host);
      expect((await enrol(independent.auth, draft.id)).status).toBe(404);
      const notOpen = await enrol(cast.admin.auth, draft.id, { traineeId: someone });
      expect(notOpen.status).toBe(400);
      expect(notOpen.body.code).toBe('PROGRAM_NOT_OPEN');
      await t.http.post(api(`/programs/${closed.id}/cancel`)).set(cast.admin.auth);
      const [another] = await insertTrainees(t.dataSource, 1);
      expect((await enrol(cast.admin.auth, closed.id, { traineeId: another })).body.code).toBe('PROGRAM_NOT_OPEN');
    });

    it('lets a partner enrol only its own trainees, decided at once', async () => {
      const p = await program({ capacity: 5 });
      const [own] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const [foreign] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerB.id });
      const ok = await enrol(cast.partner.auth, p.id, { traineeId: own });
      expect(ok.body.status).toBe('confirmed');
      const refused = await enrol(cast.partner.auth, p.id, { traineeId: foreign });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toMatchObject({ field: 'traineeId', code: 'UNKNOWN_TRAINEE' });
      const impostor = await enrol(cast.trainee.auth, p.id, { traineeId: foreign });
      expect(impostor.body.errors[0]).toMatchObject({ field: 'traineeId', code: 'SELF_ONLY' });
      const count = await t.dataSource.query('SELECT count(*)::int AS n FROM enrolments WHERE trainee_id = $1', [
        foreign,
      ]);
      expect(count[0].n).toBe(0);
    });

    it('decides many applications at once, or none of them', async () => {
      const p = await program({ capacity: 2 });
      const trainees = await Promise.all(
        [0, 1, 2].map(() => createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id })),
      );
      const ids: string[] = [];
      for (const trainee of trainees) ids.push((await enrol(trainee.auth, p.id)).body.id);
      // A trainee of no institution takes a seat at once.
      const confirmedElsewhere = (await enrol(independent.auth, p.id)).body.id as string;
      expect(await statusOf(confirmedElsewhere)).toBe('confirmed');

      const queue = await t.http.get(api(`/enrolments?status=pending&programId=${p.id}`)).set(cast.partner.auth);
      expect(queue.body.items.map((e: RosterEntry) => e.id)).toEqual(ids);
      expect(queue.body.items[0]).toMatchObject({ programCode: p.code, institutionId: cast.partnerA.id });
      const othersQueue = await t.http.get(api(`/enrolments?programId=${p.id}`)).set(cast.otherPartner.auth);
      expect(othersQueue.body.items).toEqual([]);

      const mixed = await t.http
        .post(api('/enrolments/decisions'))
        .set(cast.partner.auth)
        .send({ action: 'approve', enrolmentIds: [...ids, confirmedElsewhere] });
      expect(mixed.status).toBe(400); // the independent trainee's enrolment is not the partner's to see
      expect(mixed.body.errors).toEqual([expect.objectContaining({ field: 'enrolmentIds[3]' })]);
      const wrongState = await t.http
        .post(api('/enrolments/decisions'))
        .set(cast.admin.auth)
        .send({ action: 'approve', enrolmentIds: [ids[0], confirmedElsewhere] });
      expect(wrongState.status).toBe(409);
      expect(wrongState.body.errors[0].field).toBe('enrolmentIds[1]');
      for (const id of ids) expect(await statusOf(id)).toBe('pending');

      const approved = await t.http
        .post(api('/enrolments/decisions'))
        .set(cast.partner.auth)
        .send({ action: 'approve', enrolmentIds: ids });
      expect(approved.status).toBe(200);
      expect(approved.body.items.map((e: Enrolment) => e.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
      expect(await seats(p.id)).toEqual({ capacity: 2, confirmed: 2, waitlisted: 2, pending: 0 });
      const rejectAll = await t.http
        .post(api('/enrolments/decisions'))
        .set(cast.partner.auth)
        .send({ action: 'reject', enrolmentIds: ids.slice(1) });
      expect(rejectAll.status).toBe(400);
      expect(rejectAll.body.errors[0].field).toBe('reason');
    });
  });

  describe('capacity under concurrency', () => {
    it.each([1, 2, 3])('200 enrolments at once for 10 seats confirm exactly 10 (round %i)', async () => {
      const p = await program({ capacity: 10 });
      const trainees = await insertTrainees(t.dataSource, 200);
      const results = await Promise.all(trainees.map((traineeId) => enrol(cast.admin.auth, p.id, { traineeId })));
      expect(results.map((r) => r.status)).toEqual(trainees.map(() => 201));
      const statuses = results.map((r) => r.body.status as string);
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190);
      expect(await seats(p.id)).toEqual({ capacity: 10, confirmed: 10, waitlisted: 190, pending: 0 });
    });

    it('approvals, withdrawals and new enrolments racing each other never overfill', async () => {
      const p = await program({ capacity: 10 });
      const own = await insertTrainees(t.dataSource, 40, { institutionId: cast.partnerA.id });
      const seated = await insertTrainees(t.dataSource, 10);
      const seatedIds: string[] = [];
      for (const traineeId of seated) seatedIds.push((await enrol(cast.admin.auth, p.id, { traineeId })).body.id);
      // 40 applications a partner will approve: make them pending directly, as trainees' own applications would be.
      const pending = (await t.dataSource.query(
        `INSERT INTO enrolments (program_id, trainee_id, status) SELECT $1, unnest($2::uuid[]), 'pending' RETURNING id`,
        [p.id, own],
      )) as { id: string }[];
      await t.dataSource.query('UPDATE programs SET pending_count = pending_count + 40 WHERE id = $1', [p.id]);
      const newcomers = await insertTrainees(t.dataSource, 30);
      const requests = [
        ...pending.map((e) => act(cast.partner.auth, e.id, 'approve')),
        ...seatedIds.slice(0, 6).map((id) => act(cast.admin.auth, id, 'withdraw')),
        ...newcomers.map((traineeId) => enrol(cast.admin.auth, p.id, { traineeId })),
      ];
      const results = await Promise.all(requests);
      expect(results.filter((r) => r.status >= 300).map((r) => r.body)).toEqual([]);
      expect(await seats(p.id)).toEqual({ capacity: 10, confirmed: 10, waitlisted: 40 + 30 - 6, pending: 0 });
    });
  });

  describe('rosters and exports', () => {
    let p: Awaited<ReturnType<typeof program>>;
    const names = {
      thai: 'ศิริพร แก้วมณี',
      chinese: '陈思远',
      vietnamese: 'Nguyễn Thị Thu Hằng',
      burmese: 'မောင်မောင်ဦး',
      injection: '=HYPERLINK("http://evil.example","click")',
    };
    /** When the Thai trainee enrolled, as Yangon's clocks showed it (PostgreSQL's reckoning, not ours). */
    const enrolledInYangon = async () =>
      (
        await t.dataSource.query(
          `SELECT to_char(e.created_at AT TIME ZONE 'Asia/Yangon', 'YYYY-MM-DD"T"HH24:MI:SS') AS at
             FROM enrolments e JOIN trainees tr ON tr.id = e.trainee_id
            WHERE e.program_id = $1 AND tr.full_name = $2`,
          [p.id, names.thai],
        )
      )[0].at as string;
    beforeAll(async () => {
      p = await program({ capacity: 50, timezone: 'Asia/Yangon' });
      const rows = [
        [names.thai, 'Siriphon Kaeomani', uniqueEmail(), 'TH', '', ''],
        [names.chinese, 'Chen Siyuan', uniqueEmail(), 'CN', '', ''],
        [names.vietnamese, 'Nguyen Thi Thu Hang', uniqueEmail(), 'VN', '', ''],
        [names.burmese, 'Maung Maung Oo', uniqueEmail(), 'MM', '', ''],
        [names.injection, '', uniqueEmail(), 'TH', '', ''],
      ];
      const imported = await t.http
        .post(api('/trainees/import?dryRun=false&noticeVersion=2026-12&informedAttested=true'))
        .set(cast.partner.auth)
        .attach('file', csvFile([HEADER, ...rows]), 'roster.csv');
      expect(imported.body.committed).toBe(true);
      const ids = (await t.dataSource.query('SELECT id FROM trainees WHERE email = ANY($1::text[])', [
        rows.map((r) => r[2]),
      ])) as { id: string }[];
      for (const { id } of ids) expect((await enrol(cast.partner.auth, p.id, { traineeId: id })).status).toBe(201);
      const [foreign] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerB.id, prefix: 'foreign' });
      await enrol(cast.otherPartner.auth, p.id, { traineeId: foreign });
    });

    it('shows a partner only its own institution’s lines, with filters and pages', async () => {
      const own = await t.http.get(api(`/programs/${p.id}/enrolments?limit=2`)).set(cast.partner.auth);
      expect(own.body.items).toHaveLength(2);
      const all: RosterEntry[] = [...own.body.items];
      let cursor = own.body.nextCursor;
      while (cursor) {
        const next = await t.http
          .get(api(`/programs/${p.id}/enrolments?limit=2&cursor=${cursor}`))
          .set(cast.partner.auth);
        all.push(...next.body.items);
        cursor = next.body.nextCursor;
      }
      expect(all).toHaveLength(5);
      expect(all.every((e) => e.institutionId === cast.partnerA.id && e.institutionCode === cast.partnerA.code)).toBe(
        true,
      );
      const admin = await t.http.get(api(`/programs/${p.id}/enrolments`)).set(cast.admin.auth);
      expect(admin.body.items).toHaveLength(6);
      const burmese = await t.http.get(api(`/programs/${p.id}/enrolments?nationality=MM`)).set(cast.partner.auth);
      expect(burmese.body.items.map((e: RosterEntry) => e.fullName)).toEqual([names.burmese]);
      const search = await t.http
        .get(api(`/programs/${p.id}/enrolments?q=${encodeURIComponent('思远')}`))
        .set(cast.partner.auth);
      expect(search.body.items.map((e: RosterEntry) => e.fullName)).toEqual([names.chinese]);
      const theirs = await t.http
        .get(api(`/programs/${p.id}/enrolments?institutionId=${cast.partnerB.id}`))
        .set(cast.partner.auth);
      expect(theirs.body.items).toEqual([]);
    });

    it('exports CSV with a BOM, CRLF, Thai headers, every script byte for byte and formulas defused', async () => {
      const res = await t.http
        .get(api(`/programs/${p.id}/roster.csv`))
        .set(cast.partner.auth)
        .set('Accept-Language', 'th')
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain(`roster-${p.code}.csv`);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        'ชื่อ-นามสกุล,ชื่อ (อักษรละติน),อีเมล,สัญชาติ,รหัสสัญชาติ (ISO),สถาบัน,สถานะ,' +
          'วันที่ลงทะเบียน (Asia/Yangon),วันที่พิจารณา (Asia/Yangon),เหตุผล',
      );
      expect(lines).toHaveLength(5 + 2); // header, five lines, and the empty string after the last CRLF
      // The nationality in Thai and as its code; the time as Yangon's clocks showed it, as Excel reads a date.
      const thai = lines.find((l) => l.startsWith(names.thai))?.split(',');
      expect(thai?.slice(3, 7)).toEqual(['ไทย', 'TH', cast.partnerA.code, 'ยืนยันแล้ว']);
      expect(thai?.[7]).toBe((await enrolledInYangon()).slice(0, 16).replace('T', ' '));
      expect(
        lines
          .find((l) => l.startsWith(names.burmese))
          ?.split(',')
          .slice(3, 5),
      ).toEqual(['เมียนมา (พม่า)', 'MM']);
      for (const name of [names.thai, names.chinese, names.vietnamese, names.burmese]) {
        expect(bytes.includes(Buffer.from(name, 'utf8'))).toBe(true);
      }
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(text).not.toContain('foreign-');
      expect(text).toContain('ยืนยันแล้ว');
    });

    it('exports XLSX with the same lines, times as date cells, formulas as plain text cells, for the admin', async () => {
      const res = await t.http
        .get(api(`/programs/${p.id}/roster.xlsx`))
        .set(cast.admin.auth)
        .set('Accept-Language', 'zh')
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      const workbook = new Workbook();
      await workbook.xlsx.load(res.body);
      const sheet = workbook.worksheets[0];
      const rows: ExcelRow[] = [];
      sheet.eachRow((row) => rows.push(row));
      expect(rows[0].values).toEqual([
        undefined,
        '姓名',
        '姓名（拉丁字母）',
        '邮箱',
        '国籍',
        '国籍代码（ISO）',
        '所属院校',
        '状态',
        '报名时间（Asia/Yangon）',
        '审核时间（Asia/Yangon）',
        '原因',
      ]);
      expect(rows).toHaveLength(1 + 6);
      const fullNames = rows.slice(1).map((r) => r.getCell(1).value);
      expect(fullNames).toEqual(expect.arrayContaining([names.thai, names.chinese, names.vietnamese, names.burmese]));

      // The would-be formula: a text cell, shown as it is (no apostrophe), text when edited, never a formula.
      const injection = rows.find((r) => r.getCell(1).text.includes('HYPERLINK'))?.getCell(1);
      expect({ type: injection?.type, value: injection?.value, numFmt: injection?.numFmt }).toEqual({
        type: ValueType.String,
        value: names.injection,
        numFmt: '@',
      });
      expect(rows.every((r) => r.getCell(1).formula === undefined)).toBe(true);

      // Nationality in Chinese, then its code; times are dates (Yangon's wall clock) formatted for a Chinese reader.
      const thai = rows.find((r) => r.getCell(1).value === names.thai);
      expect([thai?.getCell(4).value, thai?.getCell(5).value]).toEqual(['泰国', 'TH']);
      const enrolledAt = thai?.getCell(8);
      expect(enrolledAt?.type).toBe(ValueType.Date);
      expect(enrolledAt?.numFmt).toBe('yyyy-mm-dd hh:mm');
      expect(enrolledAt?.value).toEqual(new Date(`${await enrolledInYangon()}Z`));
      expect(thai?.getCell(9).type).toBe(ValueType.Date); // confirmed at once: decided when enrolled
    });

    it('formats the times for the reader’s language: the Buddhist era for Thai, day first for Malay', async () => {
      const formats: Record<string, string> = {};
      for (const language of ['th', 'ms', 'en']) {
        const res = await t.http
          .get(api(`/programs/${p.id}/roster.xlsx`))
          .set(cast.partner.auth)
          .set('Accept-Language', language)
          .buffer(true)
          .parse(binary);
        const workbook = new Workbook();
        await workbook.xlsx.load(res.body);
        const cell = workbook.worksheets[0].getCell('H2');
        expect(cell.type).toBe(ValueType.Date);
        formats[language] = cell.numFmt;
      }
      expect(formats).toEqual({
        th: '[$-107041E]dd/mm/yyyy hh:mm',
        ms: 'dd/mm/yyyy hh:mm',
        en: 'yyyy-mm-dd hh:mm',
      });
    });

    it('refuses exports and rosters to those who may not see them', async () => {
      expect((await t.http.get(api(`/programs/${p.id}/roster.csv`)).set(cast.trainee.auth)).status).toBe(403);
      const hidden = await createProgram(
        t,
        cast.admin.auth,
        cast.host,
        { partnerInstitutionIds: [cast.partnerB.id] },
        { publish: true },
      );
      expect((await t.http.get(api(`/programs/${hidden.id}/roster.csv`)).set(cast.partner.auth)).status).toBe(404);
      expect((await t.http.get(api(`/programs/${hidden.id}/enrolments`)).set(cast.partner.auth)).status).toBe(404);
      // An instructor who does not teach the program does not see it either.
      expect((await t.http.get(api(`/programs/${p.id}/enrolments`)).set(cast.instructor.auth)).status).toBe(404);
    });
  });
});
