import { FreezeCertificates1796580562970 } from '@skillbridge/api/database/migrations/1796580562970-freeze-certificates';
import { readPdf } from '@skillbridge/api/modules/certificates/pdf/testing/read-pdf';
import { ErrorCode, formatVerificationCode, Role, type Certificate } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { mailCount, mailTo } from './support/mailbox';
import { api, binary, startTestApp, TestApp } from './support/test-app';

/**
 * A certificate says forever what it said the day it was issued (issue 17):
 * its names, program, dates, hours and sessions are frozen, and a correction
 * is a reissue that the old code's verification page names.
 */
describe('certificates as issued', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp({ VERIFY_RATE_LIMIT_PER_MINUTE: '200', VERIFY_SERIAL_RATE_LIMIT_PER_MINUTE: '200' });
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  /** A trainee of partner A with an account, and a completed two-session course (2 h + 1.5 h) they attended. */
  async function completedCourse(overrides: Parameters<typeof createProgram>[3] = {}) {
    const holder = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    await t.http
      .patch(api(`/trainees/${holder.user.traineeId}`))
      .set(cast.partner.auth)
      .send({ fullName: 'ศิริพร แก้วมณี', fullNameLatin: 'Siriphon Kaeomani' })
      .expect(200);
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        partnerInstitutionIds: [cast.partnerA.id],
        title: { en: 'Tea culture', zh: '茶文化', th: 'วัฒนธรรมชา' },
        ...overrides,
      },
      { publish: true },
    );
    const sessions = [
      await createSession(t, cast.admin.auth, program.id, {
        title: { en: 'Tea and its history', zh: '茶史' },
        startsAt: '2024-09-03T09:00:00+08:00',
        endsAt: '2024-09-03T11:00:00+08:00',
      }),
      await createSession(t, cast.admin.auth, program.id, {
        title: { en: 'Guizhou tea gardens' },
        startsAt: '2024-09-04T14:00:00+08:00',
        endsAt: '2024-09-04T15:30:00+08:00',
      }),
    ];
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: holder.user.traineeId })
      .expect(201);
    for (const session of sessions) {
      await t.http
        .put(api(`/sessions/${session.id}/attendance`))
        .set(cast.admin.auth)
        .send([{ traineeId: holder.user.traineeId, status: 'present' }])
        .expect(200);
    }
    await t.http
      .post(api(`/programs/${program.id}/complete`))
      .set(cast.admin.auth)
      .expect(200);
    const [{ id }] = await t.dataSource.query('SELECT id FROM certificates WHERE program_id = $1', [program.id]);
    const certificate = (await t.http.get(api(`/certificates/${id}`)).set(holder.auth)).body as Certificate;
    return { holder, program, sessions, certificate };
  }

  const pdfText = async (who: SignedIn, id: string) => {
    const res = await t.http
      .get(api(`/certificates/${id}/pdf?lang=en`))
      .set(who.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    return (await readPdf(res.body as Buffer)).text;
  };

  it('stores what it vouches for: names, program, dates, hours, sessions, completion basis and issuer', async () => {
    const { certificate, program } = await completedCourse({ completionRule: { minAttendanceRate: 0.75 } });
    expect(certificate).toMatchObject({
      holderName: 'ศิริพร แก้วมณี',
      holderNameLatin: 'Siriphon Kaeomani',
      programCode: program.code,
      programTitle: { en: 'Tea culture', zh: '茶文化', th: 'วัฒนธรรมชา' },
      startDate: program.startDate,
      endDate: program.endDate,
      timeZone: program.timezone,
      hours: 3.5,
      completion: { attendanceRate: 1, minAttendanceRate: 0.75 },
      issuer: { institutionId: cast.host.id, name: { en: 'Tongren Polytechnic College' } },
      status: 'issued',
    });
    expect(certificate.topics).toEqual([
      expect.objectContaining({ title: { en: 'Tea and its history', zh: '茶史' }, hours: 2 }),
      expect.objectContaining({ title: { en: 'Guizhou tea gardens' }, hours: 1.5 }),
    ]);
    expect(certificate.topics[0].startsAt).toBe('2024-09-03T01:00:00.000Z');
    expect(certificate.validUntil).toBeUndefined();
    expect(certificate.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{24}$/);
  });

  it('says the same after the trainee, the program and the host are renamed', async () => {
    const { holder, program, certificate } = await completedCourse();
    await t.http.patch(api('/auth/me')).set(holder.auth).send({ fullName: 'Dr. Forged Person' }).expect(200);
    await t.dataSource.query(
      `UPDATE programs SET title = '{"en":"Something else"}', code = 'RENAMED-1' WHERE id = $1`,
      [program.id],
    );
    await t.dataSource.query(`UPDATE institutions SET name = '{"en":"Another College"}' WHERE id = $1`, [cast.host.id]);
    try {
      const again = (await t.http.get(api(`/certificates/${certificate.id}`)).set(holder.auth)).body as Certificate;
      expect(again).toMatchObject({
        holderName: 'ศิริพร แก้วมณี',
        programCode: program.code,
        programTitle: { en: 'Tea culture' },
        issuer: { name: { en: 'Tongren Polytechnic College' } },
      });
      const verified = await t.http.get(api(`/verify/${certificate.verificationCode}`));
      expect(verified.body).toMatchObject({ holderName: 'ศิริพร แก้วมณี', programTitle: { en: 'Tea culture' } });
      expect(verified.body.issuer).toEqual({ en: 'Tongren Polytechnic College' });
      const listed = await t.http.get(api(`/me/certificates`)).set(holder.auth);
      expect(listed.body.items[0]).toMatchObject({ holderName: 'ศิริพร แก้วมณี', programCode: program.code });
      const text = await pdfText(holder, certificate.id);
      expect(text).toContain('Siriphon Kaeomani');
      expect(text).toContain('Tea culture');
      expect(text).not.toContain('Forged');
      expect(text).not.toContain('Something else');
    } finally {
      await t.dataSource.query(`UPDATE institutions SET name = '{"en":"Tongren Polytechnic College"}' WHERE id = $1`, [
        cast.host.id,
      ]);
    }
  });

  it('gives a validity period when the program sets one', async () => {
    const { certificate } = await completedCourse({
      completionRule: { minAttendanceRate: 0.5, certificateValidityMonths: 24 },
    });
    const issued = new Intl.DateTimeFormat('en-CA', { timeZone: certificate.timeZone }).format(
      new Date(certificate.issuedAt),
    );
    const [year, month, day] = issued.split('-').map(Number);
    expect(certificate.validUntil).toBe(
      `${year + 2}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    );
    expect((await t.http.get(api(`/verify/${certificate.serial}`))).body.validUntil).toBe(certificate.validUntil);
  });

  it('verifies by the serial or the code, typed however people type them', async () => {
    const { certificate } = await completedCourse();
    const printed = formatVerificationCode(certificate.verificationCode);
    for (const typed of [
      certificate.serial,
      certificate.serial.toLowerCase(),
      printed,
      printed.toLowerCase(),
      printed.replace(/-/g, ' '),
      certificate.verificationCode,
    ]) {
      const res = await t.http.get(api(`/verify/${encodeURIComponent(typed)}`));
      expect({ typed, status: res.status, serial: res.body.serial }).toEqual({
        typed,
        status: 200,
        serial: certificate.serial,
      });
    }
    for (const wrong of ['SB-2026-999999', '0000-0000-0000-0000-0000-0000', 'UUUU-UUUU-UUUU-UUUU-UUUU-UUUU', 'x']) {
      expect((await t.http.get(api(`/verify/${encodeURIComponent(wrong)}`))).status).toBe(404);
    }
    const res = await t.http.get(api(`/verify/${certificate.serial}`));
    expect(res.body).toMatchObject({ hours: 3.5, startDate: certificate.startDate, endDate: certificate.endDate });
  });

  it('keeps codes issued before December 2026 working', async () => {
    const { certificate } = await completedCourse();
    const legacy = 'Zq3_legacyCode-0123456';
    await t.dataSource.query('UPDATE certificates SET verification_code = $2 WHERE id = $1', [certificate.id, legacy]);
    expect((await t.http.get(api(`/verify/${legacy}`))).body.serial).toBe(certificate.serial);
    expect((await t.http.get(api(`/verify/${legacy.toLowerCase()}`))).status).toBe(404);
  });

  it('reissues a correction: a new certificate from today’s records, the old one revoked and pointing to it', async () => {
    const { holder, certificate } = await completedCourse();
    await t.http
      .patch(api(`/trainees/${holder.user.traineeId}`))
      .set(cast.partner.auth)
      .send({ fullNameLatin: 'Siriporn Kaewmanee' })
      .expect(200);
    const noReason = await t.http
      .post(api(`/certificates/${certificate.id}/reissue`))
      .set(cast.admin.auth)
      .send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    await t.http
      .post(api(`/certificates/${certificate.id}/reissue`))
      .set(cast.partner.auth)
      .send({ reason: 'Name corrected' })
      .expect(403);

    const res = await t.http
      .post(api(`/certificates/${certificate.id}/reissue`))
      .set(cast.admin.auth)
      .send({ reason: 'Name corrected to the passport spelling' });
    expect(res.status).toBe(201);
    const fresh = res.body as Certificate;
    expect(fresh).toMatchObject({
      status: 'issued',
      holderNameLatin: 'Siriporn Kaewmanee',
      enrolmentId: certificate.enrolmentId,
      completion: certificate.completion,
      replaces: { id: certificate.id, serial: certificate.serial },
    });
    expect(fresh.serial).not.toBe(certificate.serial);
    expect(fresh.verificationCode).not.toBe(certificate.verificationCode);

    const old = (await t.http.get(api(`/certificates/${certificate.id}`)).set(holder.auth)).body as Certificate;
    expect(old).toMatchObject({
      status: 'revoked',
      revokedReason: 'Name corrected to the passport spelling',
      holderNameLatin: 'Siriphon Kaeomani',
      replacedBy: { id: fresh.id, serial: fresh.serial },
    });
    const verified = await t.http.get(api(`/verify/${certificate.verificationCode}`));
    expect(verified.body).toMatchObject({
      status: 'revoked',
      revokedReason: 'Name corrected to the passport spelling',
      replacedBy: { serial: fresh.serial },
    });
    expect(verified.body.revokedAt).toEqual(expect.any(String));

    const again = await t.http
      .post(api(`/certificates/${certificate.id}/reissue`))
      .set(cast.admin.auth)
      .send({ reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(ErrorCode.CertificateReplaced);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM certificates WHERE enrolment_id = $1 AND status = 'issued'`,
      [certificate.enrolmentId],
    );
    expect(n).toBe(1);

    const notice = await mailTo(t, holder.user.email, 'certificate-reissued');
    expect(notice.text).toContain(fresh.serial);
    expect(notice.text).toContain(certificate.serial);
    expect(notice.text.replace(/\u200c/g, '')).toContain('Name corrected to the passport spelling');
    const mine = await t.http.get(api('/me/certificates')).set(holder.auth);
    expect(mine.body.items.map((c: Certificate) => c.serial).sort()).toEqual([certificate.serial, fresh.serial].sort());
  });

  it('tells the holder when a certificate is revoked', async () => {
    const { holder, certificate } = await completedCourse();
    await t.http
      .post(api(`/certificates/${certificate.id}/revoke`))
      .set(cast.admin.auth)
      .send({ reason: 'Attendance records were corrected' })
      .expect(200);
    const notice = await mailTo(t, holder.user.email, 'certificate-revoked');
    expect(notice.text).toContain(certificate.serial);
    expect(await mailCount(t, holder.user.email, 'certificate-issued')).toBe(1);
    const listed = await t.http.get(api('/notifications')).set(holder.auth);
    expect(listed.body.items.map((n: { kind: string }) => n.kind)).toContain('certificate-revoked');
  });

  it('shows a certificate to its holder, their partner and admins only', async () => {
    const { holder, certificate } = await completedCourse();
    for (const who of [holder, cast.partner, cast.admin]) {
      await t.http
        .get(api(`/certificates/${certificate.id}`))
        .set(who.auth)
        .expect(200);
    }
    for (const who of [cast.otherPartner, cast.trainee, cast.otherTrainee]) {
      await t.http
        .get(api(`/certificates/${certificate.id}`))
        .set(who.auth)
        .expect(404);
    }
    await t.http
      .get(api(`/certificates/${certificate.id}`))
      .set(cast.instructor.auth)
      .expect(403);
    await t.http.get(api(`/certificates/${certificate.id}`)).expect(401);
  });

  it('limits verification by serial more tightly than by code (serials run in sequence)', async () => {
    const { certificate } = await completedCourse();
    const app = await startTestApp(
      { VERIFY_RATE_LIMIT_PER_MINUTE: '50', VERIFY_SERIAL_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' },
      [],
      { database: t.database },
    );
    try {
      const client = { 'X-Forwarded-For': '203.0.113.70' };
      for (let i = 0; i < 3; i += 1)
        await app.http
          .get(api(`/verify/${certificate.serial}`))
          .set(client)
          .expect(200);
      const refused = await app.http.get(api(`/verify/${certificate.serial}`)).set(client);
      expect(refused.status).toBe(429);
      await app.http
        .get(api(`/verify/${certificate.verificationCode}`))
        .set(client)
        .expect(200);
    } finally {
      await app.close();
    }
  });

  it('fills the frozen fields of certificates issued before the migration from the records of that day', async () => {
    const { holder, certificate } = await completedCourse();
    const migration = new FreezeCertificates1796580562970();
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // As the database was before issue 17, then the holder's name changed before the upgrade.
      for (const table of ['certificate_documents', 'certificate_credentials']) {
        await runner.query(`DELETE FROM ${table} WHERE certificate_id <> $1`, [certificate.id]);
      }
      await runner.query('DELETE FROM certificates WHERE id <> $1', [certificate.id]);
      await migration.down(runner);
      await runner.query('UPDATE trainees SET full_name = $2 WHERE id = $1', [holder.user.traineeId, 'ศิริพร ใหม่']);
      await migration.up(runner);
      const [row] = await runner.query(
        `SELECT holder_name, program_code, hours::float8 AS hours, completion, issuer_name, jsonb_array_length(topics) AS topics
           FROM certificates WHERE id = $1`,
        [certificate.id],
      );
      expect(row).toEqual({
        holder_name: 'ศิริพร ใหม่',
        program_code: certificate.programCode,
        hours: 3.5,
        completion: { attendanceRate: 1, minAttendanceRate: 0.75 },
        issuer_name: { en: 'Tongren Polytechnic College' },
        topics: 2,
      });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
