import { readPdf } from '@skillbridge/api/modules/certificates/pdf/testing/read-pdf';
import { Role, type CertificateListEntry, type CompletionPreview } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { api, binary, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('attendance, completion and certificates', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp({ VERIFY_RATE_LIMIT_PER_MINUTE: '40' });
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  /** A published four-session course, three taught by a new instructor, with these trainees confirmed. */
  async function course(trainees: string[], overrides: Parameters<typeof createProgram>[3] = {}) {
    // Each course has its own teacher: one person cannot teach two courses at the same hours.
    const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { capacity: 50, partnerInstitutionIds: [cast.partnerA.id], ...overrides },
      { publish: true },
    );
    const sessions = [];
    for (const day of ['03', '04', '05']) {
      sessions.push(
        await createSession(t, cast.admin.auth, program.id, {
          startsAt: `2024-09-${day}T09:00:00+08:00`,
          endsAt: `2024-09-${day}T11:00:00+08:00`,
          instructorIds: [teacher.user.instructorId as string],
        }),
      );
    }
    sessions.push(
      await createSession(t, cast.admin.auth, program.id, {
        startsAt: '2024-09-05T14:00:00+08:00',
        endsAt: '2024-09-05T16:00:00+08:00',
        instructorIds: [],
      }),
    );
    const enrolments: Record<string, string> = {};
    for (const traineeId of trainees) {
      const res = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      enrolments[traineeId] = res.body.id;
    }
    return { program, sessions, enrolments, teacher };
  }
  const mark = (auth: Auth, sessionId: string, marks: { traineeId: string; status: string }[]) =>
    t.http
      .put(api(`/sessions/${sessionId}/attendance`))
      .set(auth)
      .send(marks);

  describe('attendance', () => {
    it('lets the session’s instructor keep the register, replacing it on each save', async () => {
      const trainees = await insertTrainees(t.dataSource, 3, { institutionId: cast.partnerA.id });
      const { sessions, teacher } = await course(trainees);
      const first = await mark(teacher.auth, sessions[0].id, [
        { traineeId: trainees[0], status: 'present' },
        { traineeId: trainees[1], status: 'late' },
      ]);
      expect(first.status).toBe(200);
      const statuses = (sheet: { lines: { traineeId: string; status: string | null }[] }) =>
        Object.fromEntries(sheet.lines.map((l) => [l.traineeId, l.status]));
      expect(statuses(first.body)).toEqual({ [trainees[0]]: 'present', [trainees[1]]: 'late', [trainees[2]]: null });
      const again = await mark(teacher.auth, sessions[0].id, [{ traineeId: trainees[2], status: 'excused' }]);
      expect(statuses(again.body)).toEqual({ [trainees[0]]: null, [trainees[1]]: null, [trainees[2]]: 'excused' });
      const read = await t.http.get(api(`/sessions/${sessions[0].id}/attendance`)).set(cast.admin.auth);
      expect(statuses(read.body)).toEqual(statuses(again.body));
    });

    it('refuses other instructors, other roles, unknown and unconfirmed trainees, bad statuses', async () => {
      const trainees = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const [outsider] = await insertTrainees(t.dataSource, 1);
      const { sessions, teacher } = await course(trainees);
      const other = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
      expect((await mark(other.auth, sessions[0].id, [])).status).toBe(404);
      expect((await mark(teacher.auth, sessions[3].id, [])).status).toBe(404); // not their session
      expect((await mark(cast.partner.auth, sessions[0].id, [])).status).toBe(403);
      expect((await mark(cast.trainee.auth, sessions[0].id, [])).status).toBe(403);
      const bad = await mark(teacher.auth, sessions[0].id, [
        { traineeId: trainees[0], status: 'asleep' },
        { traineeId: outsider, status: 'present' },
      ]);
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['[0].status']);
      const unconfirmed = await mark(teacher.auth, sessions[0].id, [
        { traineeId: trainees[0], status: 'present' },
        { traineeId: outsider, status: 'present' },
        { traineeId: trainees[0], status: 'late' },
      ]);
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
        '[2].traineeId:DUPLICATE',
        '[1].traineeId:NOT_CONFIRMED',
      ]);
      const notArray = await t.http
        .put(api(`/sessions/${sessions[0].id}/attendance`))
        .set(teacher.auth)
        .send({ traineeId: trainees[0], status: 'present' });
      expect(notArray.status).toBe(400);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM attendance WHERE session_id = $1', [
        sessions[0].id,
      ]);
      expect(n).toBe(0);
    });

    it('records scores of confirmed enrolments for the program’s instructors', async () => {
      const trainees = await insertTrainees(t.dataSource, 1);
      const { program, enrolments, teacher } = await course(trainees);
      const id = enrolments[trainees[0]];
      const res = await t.http
        .put(api(`/enrolments/${id}/assessment`))
        .set(teacher.auth)
        .send({ score: 86.5, remarks: 'ดีมาก' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ enrolmentId: id, score: 86.5, remarks: 'ดีมาก' });
      const roster = await t.http.get(api(`/programs/${program.id}/enrolments`)).set(teacher.auth);
      expect(roster.body.items[0]).toMatchObject({ id, score: 86.5, remarks: 'ดีมาก' });
      const bad = await t.http
        .put(api(`/enrolments/${id}/assessment`))
        .set(cast.admin.auth)
        .send({ score: 101.234 });
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['score', 'score']);
      const other = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
      expect(
        (
          await t.http
            .put(api(`/enrolments/${id}/assessment`))
            .set(other.auth)
            .send({ score: 1 })
        ).status,
      ).toBe(404);
    });
  });

  describe('completion', () => {
    it('applies the rule — late counts, excused is left out, all excused or a low score does not complete', async () => {
      const ids = await insertTrainees(t.dataSource, 5, { institutionId: cast.partnerA.id });
      const [onTime, late, excused, allExcused, lowScore] = ids;
      const { program, sessions, enrolments } = await course(ids, {
        completionRule: { minAttendanceRate: 0.75, passingScore: 60 },
      });
      const plan: Record<string, string[]> = {
        [onTime]: ['present', 'present', 'present', 'absent'],
        [late]: ['late', 'late', 'present', 'absent'],
        [excused]: ['present', 'excused', 'present', 'absent'],
        [allExcused]: ['excused', 'excused', 'excused', 'excused'],
        [lowScore]: ['present', 'present', 'present', 'present'],
      };
      for (const [index, session] of sessions.entries()) {
        await mark(
          cast.admin.auth,
          session.id,
          ids.map((traineeId) => ({ traineeId, status: plan[traineeId][index] })),
        );
      }
      for (const id of ids) {
        await t.http
          .put(api(`/enrolments/${enrolments[id]}/assessment`))
          .set(cast.admin.auth)
          .send({ score: id === lowScore ? 59.5 : 75 });
      }
      const preview = (await t.http.get(api(`/programs/${program.id}/completion`)).set(cast.admin.auth))
        .body as CompletionPreview;
      const outcome = Object.fromEntries(
        preview.lines.map((l) => [l.traineeId, [l.completes, l.shortfalls, l.attendanceRate]]),
      );
      expect(outcome[onTime]).toEqual([true, [], 0.75]);
      expect(outcome[late]).toEqual([true, [], 0.75]);
      expect(outcome[excused]).toEqual([false, ['attendance'], 2 / 3]);
      expect(outcome[allExcused]).toEqual([false, ['no-attended-session'], undefined]);
      expect(outcome[lowScore]).toEqual([false, ['score'], 1]);

      const done = await t.http.post(api(`/programs/${program.id}/complete`)).set(cast.admin.auth);
      expect(done.body).toEqual({ completed: 2, notCompleted: 3, certificatesIssued: 2 });
      const statuses = await t.dataSource.query(
        'SELECT trainee_id, status FROM enrolments WHERE program_id = $1 ORDER BY trainee_id',
        [program.id],
      );
      expect(
        Object.fromEntries(statuses.map((r: { trainee_id: string; status: string }) => [r.trainee_id, r.status])),
      ).toEqual({
        [onTime]: 'completed',
        [late]: 'completed',
        [excused]: 'not-completed',
        [allExcused]: 'not-completed',
        [lowScore]: 'not-completed',
      });
      const closed = await mark(cast.admin.auth, sessions[0].id, []);
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('PROGRAM_COMPLETED');
    });

    it('completes everyone of a program without sessions, once, however many times it is asked at once', async () => {
      const ids = await insertTrainees(t.dataSource, 30, { institutionId: cast.partnerA.id });
      const program = await createProgram(t, cast.admin.auth, cast.host, { capacity: 30 }, { publish: true });
      for (const traineeId of ids) {
        await t.http
          .post(api(`/programs/${program.id}/enrolments`))
          .set(cast.admin.auth)
          .send({ traineeId });
      }
      const runs = await Promise.all(
        Array.from({ length: 5 }, () => t.http.post(api(`/programs/${program.id}/complete`)).set(cast.admin.auth)),
      );
      expect(runs.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(runs.map((r) => r.body.certificatesIssued).sort()).toEqual([0, 0, 0, 0, 30]);
      expect(runs.every((r) => r.body.completed === 30)).toBe(true);
      const certificates = await t.dataSource.query(
        'SELECT serial, verification_code FROM certificates WHERE program_id = $1 ORDER BY serial',
        [program.id],
      );
      expect(certificates).toHaveLength(30);
      for (const c of certificates) {
        expect(c.serial).toMatch(/^SB-\d{4}-\d{6}$/);
        // 24 characters of Crockford's base32: 120 random bits, typable.
        expect(c.verification_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{24}$/);
      }
      // Serials follow on; verification codes are random, not a sequence or the serial in disguise.
      const codes = certificates.map((c: { verification_code: string }) =>
        Buffer.from(c.verification_code, 'base64url'),
      );
      const distinct = new Set(codes.map((b: Buffer) => b.subarray(0, 4).toString('hex')));
      expect(distinct.size).toBe(30);
      const numbers = codes.map((b: Buffer) => b.readBigUInt64BE(0));
      const diffs = numbers.slice(1).map((n: bigint, i: number) => n - numbers[i]);
      expect(new Set(diffs.map(String)).size).toBeGreaterThan(1);
      const draft = await createProgram(t, cast.admin.auth, cast.host);
      expect((await t.http.post(api(`/programs/${draft.id}/complete`)).set(cast.admin.auth)).status).toBe(409);
    });

    it('enrols chosen completers into a follow-on program, all or none, within its seats', async () => {
      const ids = await insertTrainees(t.dataSource, 4, { nationality: 'MM' });
      const source = await createProgram(t, cast.admin.auth, cast.host, { capacity: 10 }, { publish: true });
      for (const traineeId of ids.slice(0, 3)) {
        await t.http
          .post(api(`/programs/${source.id}/enrolments`))
          .set(cast.admin.auth)
          .send({ traineeId });
      }
      await t.http.post(api(`/programs/${source.id}/complete`)).set(cast.admin.auth);
      const visit = await createProgram(t, cast.admin.auth, cast.host, { capacity: 2 }, { publish: true });
      const select = (traineeIds: string[]) =>
        t.http
          .post(api(`/programs/${visit.id}/selections`))
          .set(cast.admin.auth)
          .send({ fromProgramId: source.id, traineeIds });
      const notCompleter = await select([ids[0], ids[3]]);
      expect(notCompleter.status).toBe(400);
      expect(notCompleter.body.errors).toEqual([
        expect.objectContaining({ field: 'traineeIds[1]', code: 'NOT_A_COMPLETER' }),
      ]);
      const tooMany = await select(ids.slice(0, 3));
      expect(tooMany.status).toBe(409);
      expect(tooMany.body.code).toBe('CAPACITY_EXCEEDED');
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM enrolments WHERE program_id = $1', [
        visit.id,
      ]);
      expect(n).toBe(0);
      const ok = await select(ids.slice(0, 2));
      expect(ok.body).toEqual({ enrolled: 2 });
      const again = await select([ids[0]]);
      expect(again.body.errors[0]).toMatchObject({ field: 'traineeIds[0]', code: 'ALREADY_ENROLLED' });
      const seats = (await t.http.get(api(`/programs/${visit.id}`)).set(cast.admin.auth)).body.seats;
      expect(seats).toMatchObject({ capacity: 2, confirmed: 2 });
    });
  });

  describe('certificates', () => {
    let own: SignedIn;
    let certificate: CertificateListEntry;
    let foreignCertificateId: string;

    beforeAll(async () => {
      own = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id, fullName: 'ศิริพร แก้วมณี' });
      const [foreign] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerB.id });
      const program = await createProgram(t, cast.admin.auth, cast.host, { capacity: 5 }, { publish: true });
      for (const traineeId of [own.user.traineeId as string, foreign]) {
        await t.http
          .post(api(`/programs/${program.id}/enrolments`))
          .set(cast.admin.auth)
          .send({ traineeId });
      }
      await t.http.post(api(`/programs/${program.id}/complete`)).set(cast.admin.auth);
      const mine = await t.http.get(api('/me/certificates')).set(own.auth);
      certificate = mine.body.items[0];
      const all = await t.http.get(api(`/certificates?programId=${program.id}`)).set(cast.admin.auth);
      foreignCertificateId = all.body.items.find((c: CertificateListEntry) => c.traineeId === foreign).id;
    });

    it('lists each caller’s own: the holder theirs, the partner its institution’s, admins all', async () => {
      expect(certificate).toMatchObject({
        holderName: 'ศิริพร แก้วมณี',
        status: 'issued',
        institutionId: cast.partnerA.id,
      });
      const partner = await t.http.get(api(`/certificates?programId=${certificate.programId}`)).set(cast.partner.auth);
      expect(partner.body.items.map((c: CertificateListEntry) => c.id)).toEqual([certificate.id]);
      const other = await t.http
        .get(api(`/certificates?programId=${certificate.programId}`))
        .set(cast.otherPartner.auth);
      expect(other.body.items.map((c: CertificateListEntry) => c.id)).toEqual([foreignCertificateId]);
      expect((await t.http.get(api('/certificates')).set(cast.trainee.auth)).status).toBe(403);
      expect((await t.http.get(api('/me/certificates')).set(cast.trainee.auth)).body.items).toEqual([]);
    });

    it('serves the PDF to the holder, their partner and admins only', async () => {
      for (const auth of [cast.otherPartner.auth, cast.trainee.auth]) {
        expect((await t.http.get(api(`/certificates/${certificate.id}/pdf`)).set(auth)).status).toBe(404);
      }
      expect((await t.http.get(api(`/certificates/${certificate.id}/pdf`)).set(cast.instructor.auth)).status).toBe(403);
      expect((await t.http.get(api(`/certificates/${foreignCertificateId}/pdf`)).set(cast.partner.auth)).status).toBe(
        404,
      );
      const bad = await t.http.get(api(`/certificates/${certificate.id}/pdf?lang=fr`)).set(own.auth);
      expect(bad.body.errors[0].field).toBe('lang');
      for (const auth of [own.auth, cast.partner.auth, cast.admin.auth]) {
        const res = await t.http
          .get(api(`/certificates/${certificate.id}/pdf?lang=th`))
          .set(auth)
          .buffer(true)
          .parse(binary);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      }
    });

    it('puts the serial, both languages and the holder into a PDF with every font embedded', async () => {
      const res = await t.http
        .get(api(`/certificates/${certificate.id}/pdf?lang=th`))
        .set(own.auth)
        .buffer(true)
        .parse(binary);
      const { text, fonts, info, pages } = await readPdf(res.body as Buffer);
      expect(text).toContain(certificate.serial);
      expect(text).toContain('结业证书');
      expect(text).toContain('ประกาศนียบัตร');
      expect(text).toContain('2567');
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true });
      // Document metadata, as pdf.js reads it: the title a viewer shows, the languages; every text run in a span
      // with a /Lang (pdf.js sees no text outside marked content; the content streams give each span's /Lang).
      expect(info).toMatchObject({
        title: `结业证书 · ประกาศนียบัตร · ${certificate.serial}`,
        language: 'zh-CN',
        xmpLanguages: ['zh-CN', 'th'],
      });
      expect(info.xmp?.['dc:title']).toBe(info.title);
      for (const page of pages) expect([page.textOutsideMarkedContent, page.textWithoutLang]).toEqual([0, 0]);
    });

    it('verifies publicly, shows nothing more, and says so once revoked', async () => {
      const ok = await t.http.get(api(`/verify/${certificate.verificationCode}`));
      expect(ok.status).toBe(200);
      const allowed = [
        'holderName',
        'holderNameLatin',
        'issuedAt',
        'issuer',
        'programTitle',
        'serial',
        'status',
        'startDate',
        'endDate',
        'timeZone',
        'hours',
      ];
      expect(Object.keys(ok.body).filter((key) => !allowed.includes(key))).toEqual([]);
      expect(ok.body).toMatchObject({ status: 'issued', serial: certificate.serial, holderName: 'ศิริพร แก้วมณี' });
      expect(ok.body.issuer).toMatchObject({ en: 'Tongren Polytechnic College' });
      expect((await t.http.get(api('/verify/AAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(404);
      expect((await t.http.get(api('/verify/not-a-code'))).status).toBe(404);

      expect(
        (
          await t.http
            .post(api(`/certificates/${certificate.id}/revoke`))
            .set(cast.partner.auth)
            .send({ reason: 'x' })
        ).status,
      ).toBe(403);
      const revoked = await t.http
        .post(api(`/certificates/${certificate.id}/revoke`))
        .set(cast.admin.auth)
        .send({ reason: 'Attendance records were corrected' });
      expect(revoked.body).toMatchObject({ status: 'revoked', revokedReason: 'Attendance records were corrected' });
      const twice = await t.http
        .post(api(`/certificates/${certificate.id}/revoke`))
        .set(cast.admin.auth)
        .send({ reason: 'again' });
      expect(twice.status).toBe(409);
      const after = await t.http.get(api(`/verify/${certificate.verificationCode}`));
      expect(after.body).toMatchObject({ status: 'revoked', revokedReason: 'Attendance records were corrected' });
      const audit = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE entity_type = 'certificate' AND entity_id = $1 ORDER BY occurred_at`,
        [certificate.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['certificate.issue', 'certificate.revoke']);
    });

    it('rate-limits verification per client', async () => {
      // Up to twice the limit: even if a minute boundary splits the burst, one window overflows.
      let limited: { status: number; headers: Record<string, string> } | undefined;
      for (let i = 0; i < 85 && !limited; i++) {
        const res = await t.http.get(api(`/verify/${certificate.verificationCode}`));
        if (res.status === 429) limited = res;
      }
      expect(limited?.status).toBe(429);
      expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
