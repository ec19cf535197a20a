import { Role, type DataExport, type PassportDetails } from '@skillbridge/contracts';
import { DIRECT_COPY_MAX_ROWS } from '@skillbridge/api/modules/privacy/data-copy/data-copy.service';
import { DataExportWorker } from '@skillbridge/api/modules/privacy/data-copy/data-export-worker';
import { parse } from 'csv-parse/sync';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { writeLogisticsWithSql } from './support/camp-logistics';
import { mailTo } from './support/mailbox';
import { writeSealedPassport } from './support/invitation-letters';
import { api, binary, startTestApp, TestApp } from './support/test-app';

/** The entries of a ZIP file, name → bytes. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(bytes, { lazyEntries: true }, (error: Error | null, zip?: ZipFile) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const text = (bytes: Buffer | undefined) => (bytes ?? Buffer.alloc(0)).toString('utf8');
const json = (files: Map<string, Buffer>, name: string) => JSON.parse(text(files.get(name)));

const NURUL: PassportDetails = {
  number: 'A51234567',
  fullNameAsInPassport: 'NURUL AINA BINTI AHMAD',
  nationality: 'MY',
  dateOfBirth: '2002-05-14',
  expiresOn: '2032-05-13',
};
const NURUL_ZAKI: PassportDetails = {
  number: 'A59876543',
  fullNameAsInPassport: 'NURUL AINA BINTI AHMAD ZAKI',
  nationality: 'MY',
  dateOfBirth: '2001-11-02',
  expiresOn: '2031-11-01',
};

describe('A copy of my data (GET /me/data, /me/data-exports)', () => {
  let t: TestApp;
  let cast: Cast;
  let nurul: SignedIn;
  let zaki: SignedIn;
  let certificateId: string;
  const nurulEmail = `nurul.aina-${Date.now()}@e2e.test`;
  const zakiEmail = `nurul.aina.zaki-${Date.now()}@e2e.test`;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    // Two trainees of one partner with nearly the same name, in the same programs.
    nurul = await createSignedIn(t, {
      role: Role.Trainee,
      email: nurulEmail,
      fullName: 'Nurul Aina binti Ahmad',
      institutionId: cast.partnerA.id,
      nationality: 'MY',
      preferredLocale: 'ms',
    });
    zaki = await createSignedIn(t, {
      role: Role.Trainee,
      email: zakiEmail,
      fullName: 'Nurul Aina binti Ahmad Zaki',
      institutionId: cast.partnerA.id,
      nationality: 'MY',
      preferredLocale: 'ms',
    });
    const trainees = [nurul.user.traineeId as string, zaki.user.traineeId as string];
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        kind: 'camp',
        deliveryMode: 'onsite',
        venue: 'Tongren Polytechnic College',
        meetingUrl: undefined,
        partnerInstitutionIds: [cast.partnerA.id],
        completionRule: { minAttendanceRate: 0.5, passingScore: 60 },
      },
      { publish: true },
    );
    const session = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-03T09:00:00+08:00',
      endsAt: '2024-09-03T12:30:00+08:00',
      instructorIds: [],
    });
    const enrolments: string[] = [];
    for (const traineeId of trainees) {
      const res = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      expect(res.status).toBe(201);
      enrolments.push(res.body.id);
    }
    await writeSealedPassport(t, enrolments[0], NURUL);
    await writeSealedPassport(t, enrolments[1], NURUL_ZAKI);
    await writeLogisticsWithSql(t, enrolments[0], { arrivalAt: '2024-09-02T10:00:00Z', arrivalNumber: 'MH370X' });
    await writeLogisticsWithSql(t, enrolments[1], { arrivalAt: '2024-09-02T11:00:00Z', arrivalNumber: 'AK88ZZ' });
    await t.http
      .put(api(`/sessions/${session.id}/attendance`))
      .set(cast.admin.auth)
      .send(trainees.map((traineeId) => ({ traineeId, status: 'present' })))
      .expect(200);
    for (const [i, enrolmentId] of enrolments.entries()) {
      await t.http
        .put(api(`/enrolments/${enrolmentId}/assessment`))
        .set(cast.admin.auth)
        .send({ score: 81 + i })
        .expect(200);
    }
    await t.http
      .post(api(`/programs/${program.id}/complete`))
      .set(cast.admin.auth)
      .expect(200);
    const [row] = (await t.dataSource.query(`SELECT id FROM certificates WHERE trainee_id = $1`, [trainees[0]])) as {
      id: string;
    }[];
    certificateId = row.id;
    // Who looked (another helper writes these on staff reads): one at each of them.
    await t.dataSource.query(
      `INSERT INTO access_log_entries (actor_user_id, actor_role, actor_institution_id, subject_trainee_id, resource, fields)
       VALUES ($1, 'partner', $2, $3, 'logistics', '{passport.number,dietary}'),
              ($1, 'partner', $2, $4, 'trainee', '{}')`,
      [cast.partner.user.id, cast.partnerA.id, trainees[0], trainees[1]],
    );
    await t.dataSource.query(`UPDATE users SET full_name = 'Ratana Partner-Officer' WHERE id = $1`, [
      cast.partner.user.id,
    ]);
  });
  afterAll(() => t.close());

  const get = (path: string, auth: { Authorization: string }) =>
    t.http.get(api(path)).set(auth).buffer(true).parse(binary);

  /** Every file of the copy mentions the caller, and none of them the other trainee. */
  function expectOnlyNurul(files: Map<string, Buffer>) {
    const names = [...files.keys()].sort();
    for (const part of [
      'profile',
      'enrolments',
      'attendance',
      'assessments',
      'certificates',
      'logistics',
      'consents',
      'notifications',
      'sign-ins',
      'privacy-requests',
      'data-accesses',
    ]) {
      expect(names).toContain(`${part}.json`);
      expect(names).toContain(`${part}.csv`);
    }
    expect(names).toContain('README.txt');
    for (const [name, bytes] of files) {
      const content = text(bytes);
      if (name.endsWith('.pdf')) {
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        continue;
      }
      expect(content).not.toContain('Ahmad Zaki');
      expect(content).not.toContain(zakiEmail);
      expect(content).not.toContain(NURUL_ZAKI.number);
      expect(content).not.toContain('AK88ZZ');
      expect(content).not.toContain(zaki.user.traineeId as string);
      if (name.endsWith('.csv')) {
        expect(content.startsWith('\uFEFF')).toBe(true);
        const rows = parse(content, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
        expect(Array.isArray(rows)).toBe(true);
      }
      if (name.endsWith('.json')) expect(() => JSON.parse(content)).not.toThrow();
    }
    const profile = json(files, 'profile.json');
    expect(profile.account).toMatchObject({
      email: nurulEmail,
      fullName: 'Nurul Aina binti Ahmad',
      role: 'trainee',
      preferredLocale: 'ms',
      twoFactor: false,
    });
    expect(profile.trainee).toMatchObject({ fullName: 'Nurul Aina binti Ahmad', nationality: 'MY' });
    const logistics = json(files, 'logistics.json');
    expect(logistics).toHaveLength(1);
    expect(logistics[0].passport).toEqual(NURUL);
    expect(logistics[0].arrival.number).toBe('MH370X');
    expect(text(files.get('logistics.csv'))).toContain(NURUL.number);
    const attendance = parse(text(files.get('attendance.csv')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(attendance).toEqual([expect.objectContaining({ status: 'present', date: '2024-09-03', minutes: '210' })]);
    const enrolments = json(files, 'enrolments.json');
    expect(enrolments).toHaveLength(1);
    expect(enrolments[0].decisions.length).toBeGreaterThan(0);
    expect(json(files, 'assessments.json')).toEqual([expect.objectContaining({ score: 81, passingScore: 60 })]);
    const [certificate] = json(files, 'certificates.json');
    expect(certificate.holderName).toBe('Nurul Aina binti Ahmad');
    expect(files.get(`certificates/${certificate.serial}.pdf`)).toBeDefined();
    const credential = json(files, `certificates/${certificate.serial}.credential.json`);
    expect(credential.type).toContain('OpenBadgeCredential');
    expect(JSON.stringify(credential)).toContain('Nurul Aina binti Ahmad');
    const accesses = json(files, 'data-accesses.json');
    expect(accesses).toEqual([
      expect.objectContaining({
        actorRole: 'partner',
        actorName: 'Ratana Partner-Officer',
        resource: 'logistics',
        fields: ['passport.number', 'dietary'],
      }),
    ]);
    expect(accesses[0].actorInstitution).toBeTruthy();
    const notifications = json(files, 'notifications.json') as { kind: string; title: string }[];
    expect(notifications.map((n) => n.kind)).toContain('certificate-issued');
    expect(json(files, 'sign-ins.json').length).toBeGreaterThan(0);
    // The README speaks the caller's language (Malay).
    expect(text(files.get('README.txt'))).toContain('salinan data anda');
  }

  it('answers 202 with an export while a certificate is still to render, then 200 with the ZIP of the caller alone', async () => {
    const first = await t.http.get(api('/me/data')).set(nurul.auth);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'pending', readyAt: null });
    expect(first.headers['location']).toBe(`/api/v1/me/data-exports/${first.body.id}`);

    // Once the certificate's PDF in the caller's language is rendered, the copy is small and fast: direct.
    await get(`/certificates/${certificateId}/pdf?lang=ms`, nurul.auth).expect(200);
    const res = await get('/me/data', nurul.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="skillbridge-my-data-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expectOnlyNurul(await unzip(res.body as Buffer));

    const [{ n }] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'privacy.data_copy' AND entity_id = $1
          AND details->>'mode' = 'direct'`,
      [nurul.user.id],
    )) as { n: number }[];
    expect(n).toBe(1);
  });

  it('makes a copy off the request path: pending → ready, a notice and an e-mail, the download, 404 for anyone else and once expired', async () => {
    const requested = await t.http.post(api('/me/data-exports')).set(nurul.auth).send();
    expect(requested.status).toBe(202);
    const made = requested.body as DataExport;
    expect(made).toMatchObject({ status: 'pending', readyAt: null, expiresAt: null, sizeBytes: null });
    expect(requested.headers['location']).toBe(`/api/v1/me/data-exports/${made.id}`);

    // The worker of this process (the loop, woken by the request, or this call: whichever takes the row first).
    await t.app.get(DataExportWorker).runDue();
    let status: DataExport = made;
    for (let i = 0; i < 200 && status.status === 'pending'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (
        await t.http
          .get(api(`/me/data-exports/${made.id}`))
          .set(nurul.auth)
          .expect(200)
      ).body;
    }
    expect(status.status).toBe('ready');
    const ttl = Date.parse(status.expiresAt as string) - Date.parse(status.readyAt as string);
    expect(ttl).toBe(72 * 3_600_000);
    expect(status.sizeBytes).toBeGreaterThan(1000);

    const list = await t.http.get(api('/me/data-exports')).set(nurul.auth).expect(200);
    expect(list.body.items[0]).toMatchObject({ id: made.id, status: 'ready' });
    expect((await t.http.get(api('/me/data-exports')).set(zaki.auth).expect(200)).body.items).toEqual([]);

    const notices = await t.http.get(api('/notifications')).set(nurul.auth).set('Accept-Language', 'ms').expect(200);
    const ready = notices.body.items.find((n: { kind: string }) => n.kind === 'data-export-ready');
    expect(ready).toMatchObject({ link: '/profile#data-copy', title: 'Salinan data anda sudah sedia' });
    const mail = await mailTo(t, nurulEmail, 'data-export-ready');
    expect(mail.text).toContain('/profile#data-copy');

    const download = await get(`/me/data-exports/${made.id}/download`, nurul.auth);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expectOnlyNurul(await unzip(download.body as Buffer));

    // Another person's export does not exist for them — whatever their role.
    for (const other of [zaki, cast.partner, cast.admin]) {
      await t.http
        .get(api(`/me/data-exports/${made.id}`))
        .set(other.auth)
        .expect(404);
      await get(`/me/data-exports/${made.id}/download`, other.auth).expect(404);
    }
    await t.http.get(api('/me/data-exports/not-a-uuid')).set(nurul.auth).expect(400);

    const [{ n }] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'privacy.data_copy' AND entity_id = $1
          AND details->>'exportId' = $2`,
      [nurul.user.id, made.id],
    )) as { n: number }[];
    expect(n).toBe(2); // made, downloaded

    await t.dataSource.query(`UPDATE data_exports SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      made.id,
    ]);
    const expired = await t.http.get(api(`/me/data-exports/${made.id}/download`)).set(nurul.auth);
    expect(expired.status).toBe(404);
    expect(expired.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses to download a copy still being made (409), and does not make a second one meanwhile', async () => {
    const [{ id }] = (await t.dataSource.query(
      `INSERT INTO data_exports (user_id, status) VALUES ($1, 'failed') RETURNING id`,
      [nurul.user.id],
    )) as { id: string }[];
    await get(`/me/data-exports/${id}/download`, nurul.auth).expect(404);
    await t.dataSource.query(`UPDATE data_exports SET status = 'pending' WHERE id = $1`, [id]);
    // Held as a worker holds it, so no worker makes it meanwhile.
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM data_exports WHERE id = $1 FOR UPDATE`, [id]);
      await get(`/me/data-exports/${id}/download`, nurul.auth).expect(409);
      // Asking again meanwhile (a double click) gives the copy being made, not a second one.
      const again = await t.http.post(api('/me/data-exports')).set(nurul.auth).expect(202);
      expect(again.body).toMatchObject({ id, status: 'pending' });
    } finally {
      await runner.query(`DELETE FROM data_exports WHERE id = $1`, [id]);
      await runner.commitTransaction();
      await runner.release();
    }
  });

  it('makes each pending copy once, however many workers run at the same time (SKIP LOCKED)', async () => {
    const ids = (
      (await t.dataSource.query(
        `INSERT INTO data_exports (user_id) SELECT $1 FROM generate_series(1, 3) RETURNING id`,
        [cast.instructor.user.id],
      )) as { id: string }[]
    ).map((r) => r.id);
    const worker = t.app.get(DataExportWorker);
    // Three more workers beside the process's own loop, each taking what no other holds.
    await Promise.all([worker.runDue(), worker.runDue(), worker.runDue()]);
    for (let i = 0; i < 100; i += 1) {
      const [{ n }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM data_exports WHERE id = ANY($1) AND status = 'pending'`,
        [ids],
      )) as { n: number }[];
      if (n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const made = (await t.dataSource.query(
      `SELECT details->>'exportId' AS id, count(*)::int AS n FROM audit_events
        WHERE action = 'privacy.data_copy' AND details->>'mode' = 'export' AND details->>'exportId' = ANY($1)
        GROUP BY 1 ORDER BY 1`,
      [ids],
    )) as { id: string; n: number }[];
    expect(made.map((m) => m.n)).toEqual([1, 1, 1]);
    expect(made.map((m) => m.id).sort()).toEqual([...ids].sort());
    const [{ notices }] = (await t.dataSource.query(
      `SELECT count(*)::int AS notices FROM notifications WHERE kind = 'data-export-ready' AND user_id = $1`,
      [cast.instructor.user.id],
    )) as { notices: number }[];
    expect(notices).toBe(3);
  });

  it("gives staff their own account's data: profile, sign-ins, notifications, consents — no trainee parts", async () => {
    for (const who of [cast.partner, cast.admin, cast.instructor]) {
      const res = await get('/me/data', who.auth);
      expect(res.status).toBe(200);
      const files = await unzip(res.body as Buffer);
      const names = [...files.keys()];
      expect(names).toEqual(expect.arrayContaining(['README.txt', 'profile.json', 'profile.csv', 'sign-ins.csv']));
      expect(names).toEqual(expect.arrayContaining(['notifications.json', 'consents.json', 'data-accesses.json']));
      expect(names).not.toContain('enrolments.json');
      expect(names).not.toContain('logistics.json');
      expect(json(files, 'profile.json').account.email).toBe(who.user.email);
      expect(json(files, 'profile.json').trainee).toBeNull();
      for (const [, bytes] of files) {
        expect(text(bytes)).not.toContain(NURUL.number);
        expect(text(bytes)).not.toContain(NURUL_ZAKI.number);
      }
    }
  });

  it('makes a big account’s copy off the request path (over the row threshold)', async () => {
    const big = await createSignedIn(t, { role: Role.Partner, institutionId: cast.partnerA.id });
    await t.dataSource.query(
      `INSERT INTO sign_ins (id, user_id, user_agent) SELECT gen_random_uuid(), $1, 'agent ' || n FROM generate_series(1, $2) n`,
      [big.user.id, DIRECT_COPY_MAX_ROWS],
    );
    const res = await t.http.get(api('/me/data')).set(big.auth);
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending');
  });

  it("lists who really looked: a partner's read of the trainee and of their logistics, from the access log", async () => {
    const before = (
      await (async () => {
        const res = await get('/me/data', nurul.auth);
        return json(await unzip(res.body as Buffer), 'data-accesses.json') as unknown[];
      })()
    ).length;
    await t.http
      .get(api(`/trainees/${nurul.user.traineeId}`))
      .set(cast.partner.auth)
      .expect(200);
    // Zaki's record read by the same partner is Zaki's business alone.
    await t.http
      .get(api(`/trainees/${zaki.user.traineeId}`))
      .set(cast.partner.auth)
      .expect(200);
    const res = await get('/me/data', nurul.auth);
    expect(res.status).toBe(200);
    const files = await unzip(res.body as Buffer);
    const accesses = json(files, 'data-accesses.json') as { actorRole: string; resource: string; actorName: string }[];
    expect(accesses).toHaveLength(before + 1);
    expect(accesses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorRole: 'partner', resource: 'trainee', actorName: 'Ratana Partner-Officer' }),
      ]),
    );
    expect(text(files.get('data-accesses.csv'))).not.toContain(zaki.user.traineeId as string);
  });

  it('asks for sign-in', async () => {
    await t.http.get(api('/me/data')).expect(401);
    await t.http.post(api('/me/data-exports')).expect(401);
  });
});
