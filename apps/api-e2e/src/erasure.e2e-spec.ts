import { LOGISTICS_NOTICE_VERSION, Role, erasedEmail, type PrivacyRequest } from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';
import { Cast, createCast, createSignedIn, PASSWORD, signIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { mailTo } from './support/mailbox';
import { whereFound } from './support/privacy-search';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('erasure (TH PDPA s.33, PIPL art. 47)', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_POLL_MS: '25', VIEWER_CACHE_MS: '2000' });
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const ask = (auth: Auth, body: object) => t.http.post(api('/me/erasure-request')).set(auth).send(body);
  const askFor = (traineeId: string, auth: Auth, body: object) =>
    t.http
      .post(api(`/trainees/${traineeId}/erasure-request`))
      .set(auth)
      .send(body);
  const complete = (id: string, auth: Auth = cast.admin.auth) =>
    t.http
      .post(api(`/privacy/requests/${id}/complete`))
      .set(auth)
      .send({});
  const refuse = (id: string, body: object, auth: Auth = cast.admin.auth) =>
    t.http
      .post(api(`/privacy/requests/${id}/refuse`))
      .set(auth)
      .send(body);

  /** A trainee account of partner A with a name found nowhere else. */
  async function person(): Promise<SignedIn & { name: string; email: string; traineeId: string }> {
    // Letters only: the passport form takes Latin letters.
    const tag = [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
    const name = `Kanyarat Erasetest${tag}`;
    const email = `kanyarat-${tag}@e2e.test`;
    const signedIn = await createSignedIn(t, {
      role: Role.Trainee,
      institutionId: cast.partnerA.id,
      email,
      fullName: name,
    });
    return { ...signedIn, name, email, traineeId: signedIn.user.traineeId as string };
  }

  /**
   * A life on the platform: a completed course with attendance, an assessment remark, a certificate; an
   * application the partner rejected with a reason that names them; a camp with passport data and an emergency
   * contact; a failed sign-in; the e-mails all that sent.
   */
  async function history(p: Awaited<ReturnType<typeof person>>) {
    const course = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { partnerInstitutionIds: [cast.partnerA.id], completionRule: { minAttendanceRate: 0.5 } },
      { publish: true },
    );
    const session = await createSession(t, cast.admin.auth, course.id, { instructorIds: [] });
    const enrolled = await t.http
      .post(api(`/programs/${course.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: p.traineeId });
    expect(enrolled.status).toBe(201);
    const marked = await t.http
      .put(api(`/sessions/${session.id}/attendance`))
      .set(cast.admin.auth)
      .send([{ traineeId: p.traineeId, status: 'present' }]);
    expect(marked.status).toBe(200);
    const assessed = await t.http
      .put(api(`/enrolments/${enrolled.body.id}/assessment`))
      .set(cast.admin.auth)
      .send({ score: 91, remarks: `${p.name} led the group work` });
    expect(assessed.status).toBe(200);
    expect((await t.http.post(api(`/programs/${course.id}/complete`)).set(cast.admin.auth)).status).toBe(200);
    const [certificate] = (await t.dataSource.query(
      `SELECT id, verification_code FROM certificates WHERE trainee_id = $1`,
      [p.traineeId],
    )) as { id: string; verification_code: string }[];
    expect(certificate).toBeDefined();

    const other = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { partnerInstitutionIds: [cast.partnerA.id] },
      { publish: true },
    );
    const applied = await t.http
      .post(api(`/programs/${other.id}/enrolments`))
      .set(p.auth)
      .send({});
    expect(applied.status).toBe(201);
    const rejected = await t.http
      .post(api(`/enrolments/${applied.body.id}/reject`))
      .set(cast.partner.auth)
      .send({ reason: `Sorry ${p.name}, our quota is full` });
    expect(rejected.status).toBe(200);

    const camp = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        kind: 'camp',
        deliveryMode: 'onsite',
        meetingUrl: undefined,
        venue: 'Tongren Polytechnic College',
        startDate: '2030-07-01',
        endDate: '2030-07-10',
        partnerInstitutionIds: [cast.partnerA.id],
      },
      { publish: true },
    );
    expect(
      (
        await t.http
          .put(api(`/programs/${camp.id}/logistics-settings`))
          .set(cast.admin.auth)
          .send({ collect: ['passport', 'emergencyContact'] })
      ).status,
    ).toBe(200);
    const campEnrolment = await t.http
      .post(api(`/programs/${camp.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: p.traineeId });
    expect(campEnrolment.status).toBe(201);
    const logistics = await t.http
      .put(api(`/enrolments/${campEnrolment.body.id}/logistics`))
      .set(p.auth)
      .send({
        passport: {
          number: 'AA9876543',
          fullNameAsInPassport: p.name.toUpperCase(),
          nationality: 'TH',
          dateOfBirth: '2004-05-17',
          expiresOn: '2035-01-09',
        },
        emergencyContact: { name: `Malee ${p.name}`, relationship: 'Mother', phone: '+66 81 234 5678' },
        consents: [{ purpose: 'passport', noticeVersion: LOGISTICS_NOTICE_VERSION, collected: 'self' }],
      });
    expect({ status: logistics.status, body: logistics.status === 200 ? null : logistics.body }).toEqual({
      status: 200,
      body: null,
    });

    // A failed sign-in: the audit trail keeps the address it was tried with.
    expect((await t.http.post(api('/auth/login')).send({ email: p.email, password: 'wrong-password-1' })).status).toBe(
      401,
    );
    await mailTo(t, p.email, 'certificate-issued');
    await mailTo(t, p.email, 'enrolment-rejected');
    return { certificate, campEnrolmentId: campEnrolment.body.id as string };
  }

  describe('asking', () => {
    it('needs keepCertificatesVerifiable as a boolean, allows one open request, and shows it to the person', async () => {
      const p = await person();
      const missing = await ask(p.auth, {});
      expect(missing.status).toBe(400);
      expect(fields(missing.body)).toContain('keepCertificatesVerifiable');
      expect(missing.body.errors[0].code).toBe('IS_DEFINED');
      expect(fields((await ask(p.auth, { keepCertificatesVerifiable: 'yes' })).body)).toEqual([
        'keepCertificatesVerifiable',
      ]);
      expect((await ask(p.auth, { keepCertificatesVerifiable: true, extra: 1 })).status).toBe(400);
      expect((await t.http.get(api('/me/erasure-request')).set(p.auth)).status).toBe(404);

      const before = Date.now();
      const res = await ask(p.auth, { keepCertificatesVerifiable: false });
      expect(res.status).toBe(202);
      const request = res.body as PrivacyRequest;
      expect(request).toMatchObject({
        userId: p.user.id,
        traineeId: p.traineeId,
        email: p.email,
        kind: 'erasure',
        keepCertificatesVerifiable: false,
        requestedBy: 'self',
        status: 'pending',
        decidedAt: null,
        refusalReason: null,
      });
      const due = new Date(request.dueAt).getTime() - new Date(request.requestedAt).getTime();
      expect(due).toBe(30 * 86_400_000);
      expect(new Date(request.requestedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

      const again = await ask(p.auth, { keepCertificatesVerifiable: true });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('PRIVACY_REQUEST_PENDING');
      // The partner asking for the same person while it is open: the same answer.
      const partner = await askFor(p.traineeId, cast.partner.auth, { keepCertificatesVerifiable: true });
      expect(partner.status).toBe(409);
      expect(partner.body.code).toBe('PRIVACY_REQUEST_PENDING');

      const mine = await t.http.get(api('/me/erasure-request')).set(p.auth);
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual(request);

      // The admins are told (without the person's address), the person gets an acknowledgement with the due date.
      const [notice] = (await t.dataSource.query(
        `SELECT params FROM notifications WHERE kind = 'privacy-request-received' AND user_id = $1
            AND params->>'requestId' = $2`,
        [cast.admin.user.id, request.id],
      )) as { params: Record<string, unknown> }[];
      expect(notice).toBeDefined();
      expect(JSON.stringify(notice.params)).not.toContain(p.email);
      const ack = await mailTo(t, p.email, 'erasure-request-received');
      const dueText = new Intl.DateTimeFormat('en', {
        timeZone: 'UTC',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }).format(new Date(request.dueAt));
      expect(ack.text).toContain(dueText);
      expect(ack.text).toContain('cannot be undone');

      const [audit] = (await t.dataSource.query(
        `SELECT actor_id, details FROM audit_events WHERE action = 'privacy.erasure_request' AND entity_id = $1`,
        [request.id],
      )) as { actor_id: string; details: Record<string, unknown> }[];
      expect(audit.actor_id).toBe(p.user.id);
      expect(audit.details).toMatchObject({ requestedBy: 'self', keepCertificatesVerifiable: false });
    });

    it('lets a partner ask for its own trainees only, admins for anyone; others may not list or decide', async () => {
      const p = await person();
      const other = await askFor(p.traineeId, cast.otherPartner.auth, { keepCertificatesVerifiable: true });
      expect(other.status).toBe(404);
      expect((await askFor(p.traineeId, cast.trainee.auth, { keepCertificatesVerifiable: true })).status).toBe(403);
      expect((await askFor(p.traineeId, cast.instructor.auth, { keepCertificatesVerifiable: true })).status).toBe(403);
      const missing = await askFor(p.traineeId, cast.partner.auth, {});
      expect(missing.status).toBe(400);
      expect(fields(missing.body)).toContain('keepCertificatesVerifiable');

      const own = await askFor(p.traineeId, cast.partner.auth, { keepCertificatesVerifiable: true });
      expect(own.status).toBe(202);
      expect(own.body).toMatchObject({ traineeId: p.traineeId, userId: p.user.id, requestedBy: 'partner' });

      const q = await person();
      const byAdmin = await askFor(q.traineeId, cast.admin.auth, { keepCertificatesVerifiable: false });
      expect(byAdmin.status).toBe(202);
      expect(byAdmin.body.requestedBy).toBe('admin');

      for (const who of [cast.trainee, cast.partner, cast.instructor, p]) {
        expect((await t.http.get(api('/privacy/requests')).set(who.auth)).status).toBe(403);
        expect((await complete(own.body.id, who.auth)).status).toBe(403);
        expect((await refuse(own.body.id, { reason: 'no' }, who.auth)).status).toBe(403);
      }
      expect((await t.http.get(api('/privacy/requests'))).status).toBe(401);

      const list = await t.http.get(api('/privacy/requests?status=pending&limit=200')).set(cast.admin.auth);
      expect(list.status).toBe(200);
      const ids = list.body.items.map((r: PrivacyRequest) => r.id);
      expect(ids).toEqual(expect.arrayContaining([own.body.id, byAdmin.body.id]));
      expect(list.body.items.find((r: PrivacyRequest) => r.id === own.body.id).email).toBe(p.email);
      const dues = list.body.items.map((r: PrivacyRequest) => r.dueAt);
      expect(dues).toEqual([...dues].sort());
      expect((await t.http.get(api('/privacy/requests?status=done')).set(cast.admin.auth)).status).toBe(400);
      const paged = await t.http.get(api('/privacy/requests?limit=1')).set(cast.admin.auth);
      expect(paged.body.items).toHaveLength(1);
      expect(paged.body.nextCursor).toEqual(expect.any(String));
      const next = await t.http
        .get(api(`/privacy/requests?limit=1&cursor=${paged.body.nextCursor}`))
        .set(cast.admin.auth);
      expect(next.body.items[0].id).not.toBe(paged.body.items[0].id);
    });
  });

  describe('refusal', () => {
    it('needs a reason, tells the person why, and leaves them free to ask again', async () => {
      const p = await person();
      const request = (await ask(p.auth, { keepCertificatesVerifiable: true })).body as PrivacyRequest;
      const missing = await refuse(request.id, {});
      expect(missing.status).toBe(400);
      expect(fields(missing.body)).toContain('reason');
      expect(fields((await refuse(request.id, { reason: '   ' })).body)).toEqual(['reason']);
      expect((await refuse('00000000-0000-4000-8000-000000000000', { reason: 'x' })).status).toBe(404);

      const reason = 'The scholarship audit needs these records until March.';
      const res = await refuse(request.id, { reason });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: request.id, status: 'refused', refusalReason: reason, email: p.email });
      expect(res.body.decidedAt).toEqual(expect.any(String));
      const again = await refuse(request.id, { reason });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('PRIVACY_REQUEST_DECIDED');
      expect((await complete(request.id)).body.code).toBe('PRIVACY_REQUEST_DECIDED');

      const mail = await mailTo(t, p.email, 'erasure-request-refused');
      // E-mail words keep what people typed unlinkable (zero-width joiners around dots): read past them.
      expect(mail.text.replace(/[\u200b-\u200d]/g, '')).toContain(reason);
      const [audit] = (await t.dataSource.query(
        `SELECT actor_id, entity_type FROM audit_events WHERE action = 'privacy.erasure_refuse' AND entity_id = $1`,
        [request.id],
      )) as { actor_id: string; entity_type: string }[];
      expect(audit).toEqual({ actor_id: cast.admin.user.id, entity_type: 'privacy_request' });
      // Nothing was erased, and a new request may be made.
      expect((await t.http.get(api('/auth/me')).set(p.auth)).status).toBe(200);
      expect((await ask(p.auth, { keepCertificatesVerifiable: false })).status).toBe(202);
    });
  });

  describe('completion', () => {
    it('erases the person everywhere but the certificate they chose to keep verifiable', async () => {
      const p = await person();
      const { certificate } = await history(p);
      // The search finds what it looks for: before, the address is in many places.
      const before = await whereFound(t, p.email);
      expect(before).toEqual(
        expect.arrayContaining([
          'users.email',
          'trainees.email',
          'notifications.email',
          'mailbox_messages.to',
          'audit_events.subject',
        ]),
      );
      expect(await whereFound(t, p.name)).toEqual(
        expect.arrayContaining([
          'trainees.full_name',
          'certificates.holder_name',
          'enrolments.remarks',
          'enrolments.reason',
          'enrolment_logistics.emergency_name',
          'notifications.params',
          'mailbox_messages.text',
        ]),
      );

      const request = (await ask(p.auth, { keepCertificatesVerifiable: true })).body as PrivacyRequest;
      const oldToken = p.auth;
      const done = await complete(request.id);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ id: request.id, status: 'completed', email: null, userId: p.user.id });
      expect((await complete(request.id)).body.code).toBe('PRIVACY_REQUEST_DECIDED');

      // The address is found nowhere; the name only in the kept certificate's frozen fields. (Searched before the
      // sign-in attempts below: a failed sign-in records the address typed, whoever's it was, as it always does.)
      expect(await whereFound(t, p.email)).toEqual([]);
      expect(await whereFound(t, p.name)).toEqual(['certificates.holder_name']);
      expect(await whereFound(t, 'AA9876543')).toEqual([]);

      // Signed out everywhere, and never again.
      expect((await t.http.get(api('/auth/me')).set(oldToken)).status).toBe(401);
      const login = await t.http.post(api('/auth/login')).send({ email: p.email, password: PASSWORD });
      expect(login.status).toBe(401);
      expect(login.body.code).toBe('INVALID_CREDENTIALS');
      // Nor with the placeholder address (not even an address the sign-in form takes: `.invalid`).
      const placeholder = await t.http
        .post(api('/auth/login'))
        .send({ email: erasedEmail(p.user.id), password: PASSWORD });
      expect([400, 401]).toContain(placeholder.status);

      // The certificate still verifies, with the name as issued.
      const verified = await t.http.get(api(`/verify/${certificate.verification_code}`));
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ status: 'issued', holderName: p.name });

      const [trainee] = await t.dataSource.query(`SELECT * FROM trainees WHERE id = $1`, [p.traineeId]);
      expect(trainee.email).toBe(erasedEmail(p.traineeId));
      expect(trainee.anonymized_at).not.toBeNull();
      const [user] = await t.dataSource.query(`SELECT * FROM users WHERE id = $1`, [p.user.id]);
      expect(user).toMatchObject({ email: erasedEmail(p.user.id), disabled: true, totp_secret: null });
      expect(user.anonymized_at).not.toBeNull();
      for (const table of ['sign_ins', 'refresh_tokens', 'account_tokens', 'calendar_feeds', 'data_exports']) {
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [
          p.user.id,
        ]);
        expect(`${table}: ${n}`).toBe(`${table}: 0`);
      }
      // The events stay (the sign-ins, the decisions), and one more says that an erasure happened, when and by whom.
      const [{ n: logins }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1::uuid OR entity_id = $1::text`,
        [p.user.id],
      );
      expect(logins).toBeGreaterThan(0);
      const [audit] = (await t.dataSource.query(
        `SELECT actor_id, entity_type, details FROM audit_events
          WHERE action = 'privacy.erasure_complete' AND entity_id = $1`,
        [request.id],
      )) as { actor_id: string; entity_type: string; details: Record<string, unknown> }[];
      expect(audit).toMatchObject({
        actor_id: cast.admin.user.id,
        entity_type: 'privacy_request',
        details: { keepCertificatesVerifiable: true, certificatesRevoked: 0 },
      });
    });

    it('revokes and blanks the certificates the person did not keep, asked for by their partner', async () => {
      const p = await person();
      const { certificate } = await history(p);
      const request = await askFor(p.traineeId, cast.partner.auth, { keepCertificatesVerifiable: false });
      expect(request.status).toBe(202);
      // The access token still works until the erasure: this one must stop working at once (the cache is 2 s).
      expect((await t.http.get(api('/auth/me')).set(p.auth)).status).toBe(200);
      const done = await complete(request.body.id);
      expect(done.status).toBe(200);
      expect((await t.http.get(api('/auth/me')).set(p.auth)).status).toBe(401);
      await sleep(10);

      const verified = await t.http.get(api(`/verify/${certificate.verification_code}`));
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ status: 'revoked', revokedReason: 'erasure' });
      expect(verified.body.holderName).not.toContain('Erasetest');
      const [{ n: documents }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM certificate_documents WHERE certificate_id = $1`,
        [certificate.id],
      );
      expect(documents).toBe(0);

      expect(await whereFound(t, p.email)).toEqual([]);
      expect(await whereFound(t, p.name)).toEqual([]);
      expect(await whereFound(t, p.name.split(' ')[1])).toEqual([]);
      const [audit] = (await t.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'privacy.erasure_complete' AND entity_id = $1`,
        [request.body.id],
      )) as { details: Record<string, unknown> }[];
      expect(audit.details).toMatchObject({ requestedBy: 'partner', certificatesRevoked: 1 });
      const [revocation] = (await t.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'certificate.revoke' AND entity_id = $1`,
        [certificate.id],
      )) as { details: Record<string, unknown> }[];
      expect(revocation.details).toMatchObject({ reason: 'erasure' });

      // An erased person cannot be asked for again.
      const again = await askFor(p.traineeId, cast.admin.auth, { keepCertificatesVerifiable: true });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('PERSON_ERASED');
      // Nor given a name or an address again.
      const renamed = await t.http
        .patch(api(`/trainees/${p.traineeId}`))
        .set(cast.admin.auth)
        .send({ fullName: p.name });
      expect(renamed.status).toBe(409);
      expect(renamed.body.code).toBe('PERSON_ERASED');
      // Nor enrolled anew.
      const next = await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true });
      const enrolled = await t.http
        .post(api(`/programs/${next.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId: p.traineeId });
      expect(enrolled.status).toBe(409);
      expect(enrolled.body.code).toBe('PERSON_ERASED');
      expect(await whereFound(t, p.name)).toEqual([]);
      // The sign-in of someone else is untouched.
      expect((await signIn(t, cast.trainee.user.email)).user.id).toBe(cast.trainee.user.id);
    });
  });
});
