import { CertificateRenderPool } from '@skillbridge/api/modules/certificates/documents/render-pool';
import { logoPng, sealPng, signatureJpeg } from '@skillbridge/api/modules/certificates/pdf/testing/images';
import { readPdf } from '@skillbridge/api/modules/certificates/pdf/testing/read-pdf';
import { ErrorCode, Role, type PassportDetails, type Program } from '@skillbridge/contracts';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createPartnerAProgram } from './factories/enrolments';
import { insertTrainees } from './factories/trainees';
import { deleteSealedPassport, SAMPLE_PASSPORT, writeSealedPassport } from './support/invitation-letters';
import { api, binary, startTestApp, TestApp } from './support/test-app';

const SOMCHAI: PassportDetails = SAMPLE_PASSPORT;

const camp = {
  kind: 'camp' as const,
  deliveryMode: 'onsite' as const,
  venue: 'Tongren Polytechnic College, Training Building A',
  meetingUrl: undefined,
  title: { zh: '智能制造暑期训练营', en: 'Smart Manufacturing Summer Camp' },
  startDate: '2027-07-05',
  endDate: '2027-07-16',
};

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
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The text of a PDF with every run of white space made one space (lines wrap where the layout says). */
async function pdfText(pdf: Buffer): Promise<string> {
  return (await readPdf(pdf)).pages
    .map((page) => page.text)
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('visa invitation letters', () => {
  let t: TestApp;
  let cast: Cast;
  let program: Program;
  /** The cast's trainee (partner A), confirmed in the camp. */
  let enrolmentId: string;
  /** Another trainee of partner A with an account: the owner's classmate. */
  let classmate: SignedIn;

  const letterPath = (id: string) => api(`/enrolments/${id}/invitation-letter.pdf`);
  const download = (id: string, auth: { Authorization: string }) =>
    t.http.get(letterPath(id)).set(auth).buffer(true).parse(binary);
  const auditCount = async (action: string, entityId: string, actorId?: string) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_events
            WHERE action = $1 AND entity_id = $2 AND ($3::uuid IS NULL OR actor_id = $3::uuid)`,
          [action, entityId, actorId ?? null],
        )
      )[0].n,
    );
  const enrol = async (programId: string, traineeId: string) => {
    const res = await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId });
    if (res.status !== 201 || res.body.status !== 'confirmed')
      throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    classmate = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    // The host's letterhead: its certificate design, with a colour, a logo, a seal and a signatory.
    const design = api(`/institutions/${cast.host.id}/certificate-design`);
    const saved = await t.http
      .put(design)
      .set(cast.admin.auth)
      .send({
        accentColor: '#7a1f2b',
        signatories: [{ name: { zh: '王建国', en: 'Wang Jianguo' }, title: { zh: '校长', en: 'President' } }],
      });
    expect(saved.status).toBe(200);
    const upload = (slot: string, bytes: Buffer, type: string) =>
      t.http.put(`${design}/${slot}`).set(cast.admin.auth).attach('file', bytes, { filename: 'f', contentType: type });
    expect((await upload('logo', logoPng(), 'image/png')).status).toBe(200);
    expect((await upload('seal', sealPng(), 'image/png')).status).toBe(200);
    expect((await upload('signatures/0', signatureJpeg(), 'image/jpeg')).status).toBe(200);

    program = await createPartnerAProgram(t, cast, camp);
    enrolmentId = await enrol(program.id, cast.trainee.user.traineeId as string);
    await writeSealedPassport(t, enrolmentId, SOMCHAI);
  });
  afterAll(() => t.close());

  describe('GET /enrolments/:id/invitation-letter.pdf', () => {
    it('gives the trainee their letter in Chinese and English: passport details, embassy, dates, reference', async () => {
      const pool = t.app.get(CertificateRenderPool);
      const inThreads = pool.completedInThreads;
      const res = await download(enrolmentId, cast.trainee.auth);
      expect(res.status).toBe(200);
      // Drawn in the render pool's threads, not on the event loop.
      expect(pool.completedInThreads).toBe(inThreads + 1);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('private, no-store');
      const [, reference] = /filename="(SB-INV-\d{4}-\d{6})\.pdf"/.exec(res.headers['content-disposition']) ?? [];
      expect(reference).toBeDefined();

      const reading = await readPdf(res.body);
      expect(reading.pages).toHaveLength(1);
      expect(reading.info.title).toContain(reference);
      const text = await pdfText(res.body);
      for (const expected of [
        '邀请函',
        'LETTER OF INVITATION',
        'SOMCHAI JAIDEE',
        'AA1234567',
        '致：中华人民共和国驻泰王国大使馆',
        'To: Embassy of the People’s Republic of China in the Kingdom of Thailand',
        '智能制造暑期训练营',
        'Smart Manufacturing Summer Camp',
        '2027年7月5日',
        '2027年7月16日',
        '5 July 2027',
        '16 July 2027',
        '2001年3月4日',
        '4 March 2001',
        '泰国',
        'Thailand',
        'Tongren Polytechnic College',
        '王建国',
        'Wang Jianguo',
        'President',
        reference,
        `/verify/letters/${reference}`,
      ]) {
        expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
      }
      // Chinese first, then English.
      expect(text.indexOf('致：')).toBeLessThan(text.indexOf('To: Embassy'));
      // The logo, the seal and the signature are on it.
      expect(reading.pages[0].images.length).toBeGreaterThanOrEqual(3);
    });

    it('is the trainee’s, their partner’s and admins’ alone: the rest get 404, other roles 403', async () => {
      expect((await download(enrolmentId, cast.partner.auth)).status).toBe(200);
      expect((await download(enrolmentId, cast.admin.auth)).status).toBe(200);
      for (const outsider of [cast.otherPartner, cast.otherTrainee, classmate]) {
        const res = await download(enrolmentId, outsider.auth);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect((await download(enrolmentId, cast.instructor.auth)).status).toBe(403);
      expect((await t.http.get(letterPath(enrolmentId))).status).toBe(401);
      expect((await download('00000000-0000-4000-8000-000000000099', cast.admin.auth)).status).toBe(404);
      const malformed = await t.http.get(letterPath('not-a-uuid')).set(cast.admin.auth);
      expect(malformed.status).toBe(400);
    });

    it('records each staff read of the passport data; the trainee’s own downloads are not reads by others', async () => {
      const before = {
        partner: await auditCount('logistics.passport_read', enrolmentId, cast.partner.user.id),
        admin: await auditCount('logistics.passport_read', enrolmentId, cast.admin.user.id),
        trainee: await auditCount('logistics.passport_read', enrolmentId, cast.trainee.user.id),
      };
      expect((await download(enrolmentId, cast.partner.auth)).status).toBe(200);
      expect((await download(enrolmentId, cast.admin.auth)).status).toBe(200);
      expect((await download(enrolmentId, cast.trainee.auth)).status).toBe(200);
      expect(await auditCount('logistics.passport_read', enrolmentId, cast.partner.user.id)).toBe(before.partner + 1);
      expect(await auditCount('logistics.passport_read', enrolmentId, cast.admin.user.id)).toBe(before.admin + 1);
      expect(await auditCount('logistics.passport_read', enrolmentId, cast.trainee.user.id)).toBe(0);
      const [event] = await t.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'logistics.passport_read' AND entity_id = $1
          ORDER BY occurred_at DESC LIMIT 1`,
        [enrolmentId],
      );
      expect(event.details).toEqual({ purpose: 'invitation-letter', reference: expect.stringMatching(/^SB-INV-/) });
      // The audit trail never holds the passport data itself.
      const [{ dump }] = await t.dataSource.query(
        `SELECT string_agg(details::text, ' ') AS dump FROM audit_events WHERE entity_id = $1`,
        [enrolmentId],
      );
      expect(dump).not.toContain(SOMCHAI.number);
    });

    it('reuses the letter while the passport data is unchanged, and issues a new one when it changed', async () => {
      const reference = async () => {
        const res = await download(enrolmentId, cast.trainee.auth);
        expect(res.status).toBe(200);
        return /filename="([^"]+)\.pdf"/.exec(res.headers['content-disposition'])?.[1] as string;
      };
      const first = await reference();
      expect(await reference()).toBe(first);
      // The same data sealed again (another ciphertext) is the same passport: the same letter.
      await writeSealedPassport(t, enrolmentId, { ...SOMCHAI });
      expect(await reference()).toBe(first);
      expect(await auditCount('invitation-letter.issue', enrolmentId)).toBe(1);
      const verified = await t.http.get(api(`/verify/letters/${first}`));
      expect(verified.status).toBe(200);
      expect(verified.body.supersededAt).toBeUndefined();

      // A new passport: a new letter with a new reference; the old one says it was superseded.
      await writeSealedPassport(t, enrolmentId, { ...SOMCHAI, number: 'AB7654321', expiresOn: '2037-01-01' });
      const res = await download(enrolmentId, cast.partner.auth);
      expect(res.status).toBe(200);
      const second = /filename="([^"]+)\.pdf"/.exec(res.headers['content-disposition'])?.[1] as string;
      expect(second).toMatch(/^SB-INV-\d{4}-\d{6}$/);
      expect(second).not.toBe(first);
      const text = await pdfText(res.body);
      expect(text).toContain('AB7654321');
      expect(text).not.toContain('AA1234567');
      expect(text).toContain(second);
      expect(await auditCount('invitation-letter.issue', enrolmentId)).toBe(2);
      const [issued] = await t.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'invitation-letter.issue' AND entity_id = $1
          ORDER BY occurred_at DESC LIMIT 1`,
        [enrolmentId],
      );
      expect(issued.details).toEqual({ reference: second, supersedes: first });

      const old = await t.http.get(api(`/verify/letters/${first}`));
      expect(old.status).toBe(200);
      expect(old.body.supersededAt).toEqual(expect.any(String));
      const current = await t.http.get(api(`/verify/letters/${second}`));
      expect(current.status).toBe(200);
      expect(current.body.supersededAt).toBeUndefined();
      expect(await reference()).toBe(second);
      const rows = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM invitation_letters WHERE enrolment_id = $1 AND superseded_at IS NULL',
        [enrolmentId],
      );
      expect(rows[0].n).toBe(1);
      await writeSealedPassport(t, enrolmentId, SOMCHAI);
    });

    it('issues a new letter when the program’s dates or title changed since', async () => {
      const moving = await createPartnerAProgram(t, cast, camp);
      const [traineeId] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const id = await enrol(moving.id, traineeId);
      await writeSealedPassport(t, id, SOMCHAI);
      const referenceOf = (res: { headers: Record<string, string> }) =>
        /filename="([^"]+)\.pdf"/.exec(res.headers['content-disposition'])?.[1] as string;
      const before = referenceOf(await download(id, cast.admin.auth));
      const patched = await t.http
        .patch(api(`/programs/${moving.id}`))
        .set(cast.admin.auth)
        .send({ endDate: '2027-07-18', title: { ...camp.title, en: 'Smart Manufacturing Summer Camp 2027' } });
      expect(patched.status).toBe(200);
      const res = await download(id, cast.admin.auth);
      const after = referenceOf(res);
      expect(after).not.toBe(before);
      const text = await pdfText(res.body);
      expect(text).toContain('18 July 2027');
      expect(text).toContain('Smart Manufacturing Summer Camp 2027');
      expect((await t.http.get(api(`/verify/letters/${before}`))).body).toMatchObject({
        endDate: '2027-07-16',
        supersededAt: expect.any(String),
      });
      expect((await t.http.get(api(`/verify/letters/${after}`))).body.endDate).toBe('2027-07-18');
    });

    it('issues one letter when several first downloads come at once', async () => {
      const [traineeId] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const id = await enrol(program.id, traineeId);
      await writeSealedPassport(t, id, { ...SOMCHAI, number: 'CC0000001' });
      const answers = await Promise.all(
        [cast.admin, cast.partner, cast.admin, cast.partner, cast.admin].map((caller) => download(id, caller.auth)),
      );
      expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
      const references = new Set(answers.map((res) => res.headers['content-disposition']));
      expect(references.size).toBe(1);
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM invitation_letters WHERE enrolment_id = $1',
        [id],
      );
      expect(n).toBe(1);
      expect(await auditCount('invitation-letter.issue', id)).toBe(1);
      expect(await auditCount('logistics.passport_read', id)).toBe(5);
    });

    it('addresses the embassy of the passport’s country, or any mission of China for a country not listed', async () => {
      const cases: Array<[PassportDetails['nationality'], string, string]> = [
        ['VN', '中华人民共和国驻越南社会主义共和国大使馆', 'Socialist Republic of Viet Nam'],
        ['MY', '中华人民共和国驻马来西亚大使馆', 'Embassy of the People’s Republic of China in Malaysia'],
        ['DE', '中华人民共和国驻外使领馆', 'To: the Embassy or Consulate-General of the People’s Republic of China'],
      ];
      const [traineeId] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const id = await enrol(program.id, traineeId);
      for (const [nationality, zh, en] of cases) {
        await writeSealedPassport(t, id, { ...SOMCHAI, number: `N${nationality}1234`, nationality });
        const res = await download(id, cast.admin.auth);
        expect(res.status).toBe(200);
        const text = await pdfText(res.body);
        expect(text).toContain(zh);
        expect(text).toContain(en);
      }
    });

    it('refuses with 400 naming what is missing: the passport data, its deletion, a status other than confirmed', async () => {
      const [traineeId] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const id = await enrol(program.id, traineeId);
      const none = await download(id, cast.partner.auth);
      expect(none.status).toBe(400);
      expect(none.headers['content-type']).toContain('application/problem+json');
      const body = JSON.parse(none.body.toString('utf8'));
      expect(body.code).toBe(ErrorCode.ValidationFailed);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'passport', code: 'IS_DEFINED' })]);

      // In the caller's language.
      const zh = await t.http.get(letterPath(id)).set(cast.partner.auth).set('accept-language', 'zh');
      expect(zh.body.errors[0].message).toContain('护照');

      await writeSealedPassport(t, id, SOMCHAI);
      await deleteSealedPassport(t, id);
      const deleted = await t.http.get(letterPath(id)).set(cast.admin.auth);
      expect(deleted.status).toBe(400);
      expect(deleted.body.errors).toEqual([expect.objectContaining({ field: 'passport', code: 'PASSPORT_DELETED' })]);

      // Withdrawn: not confirmed, and still without passport data — both named.
      const withdrawn = await t.http
        .post(api(`/enrolments/${id}/withdraw`))
        .set(cast.admin.auth)
        .send({});
      expect(withdrawn.status).toBeLessThan(300);
      await writeSealedPassport(t, id, null);
      const notConfirmed = await t.http.get(letterPath(id)).set(cast.admin.auth);
      expect(notConfirmed.status).toBe(400);
      expect(notConfirmed.body.errors).toEqual([
        expect.objectContaining({ field: 'status', code: ErrorCode.NotConfirmed }),
        expect.objectContaining({ field: 'passport', code: 'IS_DEFINED' }),
      ]);
      // Nothing was issued for it, and no passport data read.
      expect(await auditCount('invitation-letter.issue', id)).toBe(0);
      expect(await auditCount('logistics.passport_read', id)).toBe(0);
    });
  });

  describe('GET /programs/:id/invitation-letters.zip', () => {
    const zipPath = (id: string) => api(`/programs/${id}/invitation-letters.zip`);

    it('holds one letter per confirmed trainee with complete passport data, and lists those skipped', async () => {
      const zipProgram = await createPartnerAProgram(t, cast, camp);
      const [complete1, complete2, noPassport, deleted] = await insertTrainees(t.dataSource, 4, {
        institutionId: cast.partnerA.id,
        prefix: 'zip',
      });
      const ids = {
        complete1: await enrol(zipProgram.id, complete1),
        complete2: await enrol(zipProgram.id, complete2),
        noPassport: await enrol(zipProgram.id, noPassport),
        deleted: await enrol(zipProgram.id, deleted),
      };
      await writeSealedPassport(t, ids.complete1, {
        ...SOMCHAI,
        number: 'ZIP000001',
        fullNameAsInPassport: 'ANAN SUKSAN',
      });
      await writeSealedPassport(t, ids.complete2, {
        ...SOMCHAI,
        number: 'ZIP000002',
        fullNameAsInPassport: 'NGUYEN VAN AN',
        nationality: 'VN',
      });
      await writeSealedPassport(t, ids.deleted, { ...SOMCHAI, number: 'ZIP000004' });
      await deleteSealedPassport(t, ids.deleted);
      // An application still pending, with passport data: not confirmed, so neither a letter nor skipped.
      const pending = await t.http
        .post(api(`/programs/${zipProgram.id}/enrolments`))
        .set(cast.trainee.auth)
        .send({});
      expect(pending.status).toBe(201);
      expect(pending.body.status).toBe('pending');
      await writeSealedPassport(t, pending.body.id, { ...SOMCHAI, number: 'ZIP000005' });

      const res = await t.http.get(zipPath(zipProgram.id)).set(cast.admin.auth).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="invitation-letters-${zipProgram.code}.zip"`,
      );
      const entries = await unzip(res.body);
      const pdfs = [...entries.keys()].filter((name) => name.endsWith('.pdf')).sort();
      expect(pdfs).toHaveLength(2);
      const texts = await Promise.all(pdfs.map((name) => pdfText(entries.get(name) as Buffer)));
      const numbers = texts.map((text) =>
        ['ZIP000001', 'ZIP000002', 'ZIP000004', 'ZIP000005'].filter((n) => text.includes(n)),
      );
      expect(numbers.sort()).toEqual([['ZIP000001'], ['ZIP000002']]);
      const vietnamese = texts.find((text) => text.includes('NGUYEN VAN AN')) as string;
      expect(vietnamese).toContain('中华人民共和国驻越南社会主义共和国大使馆');
      // Each file is named by the letter's reference, which the letter prints and a single download reuses.
      for (const [i, name] of pdfs.entries()) {
        const reference = /^(SB-INV-\d{4}-\d{6})-/.exec(name)?.[1] as string;
        expect(texts[i]).toContain(reference);
      }
      const single = await download(ids.complete1, cast.admin.auth);
      const singleReference = /filename="([^"]+)\.pdf"/.exec(single.headers['content-disposition'])?.[1] as string;
      expect(pdfs.some((name) => name.startsWith(`${singleReference}-ANAN-SUKSAN`))).toBe(true);

      const skipped = (entries.get('skipped.txt') as Buffer).toString('utf8');
      const names = (await t.dataSource.query(
        'SELECT id, full_name AS "fullName" FROM trainees WHERE id = ANY($1::uuid[])',
        [[noPassport, deleted]],
      )) as { id: string; fullName: string }[];
      const nameOf = (id: string) => names.find((n) => n.id === id)?.fullName as string;
      const lines = skipped
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/);
      expect(lines[0]).toContain('(2)');
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^${nameOf(noPassport)} .*: no passport details yet$`)),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^${nameOf(deleted)} .*: passport details deleted`)),
      );
      expect(skipped).not.toContain('Test trainee');

      // The admin read passport data of the two letters only, and issued them.
      expect(await auditCount('logistics.passport_read', ids.complete1, cast.admin.user.id)).toBe(2);
      expect(await auditCount('logistics.passport_read', ids.complete2, cast.admin.user.id)).toBe(1);
      expect(await auditCount('logistics.passport_read', ids.noPassport)).toBe(0);
      expect(await auditCount('logistics.passport_read', ids.deleted)).toBe(0);
      expect(await auditCount('invitation-letter.issue', ids.complete2)).toBe(1);
    });

    it('lists the skipped in the caller’s language, and has no list when nobody was skipped', async () => {
      const zipProgram = await createPartnerAProgram(t, cast, camp);
      const [traineeId] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const id = await enrol(zipProgram.id, traineeId);
      const th = await t.http
        .get(zipPath(zipProgram.id))
        .set(cast.admin.auth)
        .set('accept-language', 'th')
        .buffer(true)
        .parse(binary);
      expect(th.status).toBe(200);
      const skipped = (await unzip(th.body)).get('skipped.txt')?.toString('utf8');
      expect(skipped).toContain('ยังไม่ได้กรอกข้อมูลหนังสือเดินทาง');

      await writeSealedPassport(t, id, SOMCHAI);
      const all = await unzip(
        (await t.http.get(zipPath(zipProgram.id)).set(cast.admin.auth).buffer(true).parse(binary)).body,
      );
      expect([...all.keys()]).toEqual([expect.stringMatching(/^SB-INV-\d{4}-\d{6}-SOMCHAI-JAIDEE\.pdf$/)]);
    });

    it('is for admins only; an unknown program is 404', async () => {
      for (const caller of [cast.partner, cast.trainee, cast.instructor, cast.otherPartner]) {
        expect((await t.http.get(zipPath(program.id)).set(caller.auth)).status).toBe(403);
      }
      expect((await t.http.get(zipPath(program.id))).status).toBe(401);
      expect((await t.http.get(zipPath('00000000-0000-4000-8000-000000000099')).set(cast.admin.auth)).status).toBe(404);
      expect((await t.http.get(zipPath('nope')).set(cast.admin.auth)).status).toBe(400);
    });
  });

  describe('GET /verify/letters/:reference', () => {
    it('tells anyone what a letter states, without passport data', async () => {
      const res = await download(enrolmentId, cast.trainee.auth);
      const reference = /filename="([^"]+)\.pdf"/.exec(res.headers['content-disposition'])?.[1] as string;
      const verified = await t.http.get(api(`/verify/letters/${reference.toLowerCase()}`));
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({
        reference,
        issuedAt: expect.any(String),
        holderName: expect.any(String),
        programTitle: camp.title,
        startDate: camp.startDate,
        endDate: camp.endDate,
        hostInstitution: expect.objectContaining({ en: 'Tongren Polytechnic College' }),
      });
      const json = JSON.stringify(verified.body);
      for (const secret of [
        SOMCHAI.number,
        SOMCHAI.dateOfBirth,
        SOMCHAI.fullNameAsInPassport,
        '"TH"',
        'Thailand',
        '泰国',
      ]) {
        expect({ secret, found: json.includes(secret) }).toEqual({ secret, found: false });
      }
    });

    it('answers 404 for an unknown or malformed reference, and 429 past the rate limit', async () => {
      expect((await t.http.get(api('/verify/letters/SB-INV-2027-999999'))).status).toBe(404);
      const malformed = await t.http.get(api('/verify/letters/DROP%20TABLE'));
      expect(malformed.status).toBe(404);
      expect(malformed.headers['content-type']).toContain('application/problem+json');
      let limited: number | undefined;
      for (let i = 0; i < 15 && limited === undefined; i++) {
        const res = await t.http.get(api('/verify/letters/SB-INV-2027-999998'));
        if (res.status === 429) limited = i;
        else expect(res.status).toBe(404);
      }
      expect(limited).toBeDefined();
    });
  });
});
