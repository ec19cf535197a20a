import { ErrorCode, Role } from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';
import { routeTable } from '@skillbridge/api/common/auth/route-table';
import { Cast, createAccount, createCast, createSignedIn, PASSWORD, SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createGuestInstructor, createProgram, createSession, programBody, uniqueCode } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { createPartnerAProgram, newApplication, newNomination } from './factories/enrolments';
import { letterFixture } from './support/invitation-letters';
import { api, startTestApp, TestApp } from './support/test-app';

/**
 * The eight callers of issue 10. The records the rules point at belong to
 * partner A: its partner (`partner`) and one of its trainees (`trainee`) own
 * them, and `instructor` teaches a session of the fixture program.
 * - `otherPartner`: staff of partner B, which takes no part in the program.
 * - `otherTrainee`: another trainee of partner A itself, not of another
 *   institution. That reveals more: a rule that checked only the institution
 *   (as the partner rules rightly do) would let them reach the owner's trainee
 *   record, certificate, enrolment and notifications, and this caller alone
 *   catches it. Partner A's program is open to them, as the design says, so
 *   program routes answer them as they answer the owner; a trainee of another
 *   institution asking for it is checked separately below.
 * - `otherInstructor`: an instructor who teaches no session of the program.
 */
const ACTORS = [
  'anonymous',
  'admin',
  'trainee',
  'otherTrainee',
  'partner',
  'otherPartner',
  'instructor',
  'otherInstructor',
] as const;
type Actor = (typeof ACTORS)[number];
type Callers = Record<Exclude<Actor, 'anonymous'>, SignedIn>;

interface Call {
  path: string;
  body?: object | unknown[];
}

/** The records the rules point at: a program of partner A that the cast's instructor teaches in. */
interface Fixtures {
  programId: string;
  sessionId: string;
  guestInstructorId: string;
  /** A certificate of the cast's trainee (partner A). */
  certificateId: string;
  verificationCode: string;
}

interface Rule {
  /** A request this actor may make, built fresh for each call (records it changes are its own). */
  call: (t: TestApp, cast: Cast, fx: Fixtures) => Promise<Call> | Call;
  expect: Record<Actor, number>;
}

const everyone = (status: number): Record<Actor, number> =>
  Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<Actor, number>;
const signedIn = (status: number): Record<Actor, number> => ({ ...everyone(status), anonymous: 401 });
const adminOnly = (status: number): Record<Actor, number> => ({ ...everyone(403), anonymous: 401, admin: status });
const unique = () => randomBytes(3).toString('hex').toUpperCase();
/** Partner A's program: its own partner and trainees see it, the other institution's get 404, as do instructors who do not teach it. */
const programOfPartnerA = (status: number): Record<Actor, number> => ({
  ...signedIn(status),
  otherPartner: 404,
  otherInstructor: 404,
});
const newDraft = async (t: TestApp, cast: Cast) => (await createProgram(t, cast.admin.auth, cast.host)).id;
/** Completes a fresh program the cast's trainee is enrolled in: their certificate. */
const issueCertificate = async (t: TestApp, cast: Cast) => {
  const program = await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true });
  await t.http
    .post(api(`/programs/${program.id}/enrolments`))
    .set(cast.admin.auth)
    .send({ traineeId: cast.trainee.user.traineeId });
  await t.http.post(api(`/programs/${program.id}/complete`)).set(cast.admin.auth);
  const [row] = await t.dataSource.query(
    'SELECT id, verification_code AS "verificationCode" FROM certificates WHERE program_id = $1',
    [program.id],
  );
  return row as { id: string; verificationCode: string };
};
/** One of the user's notifications (the fixtures give the cast's trainee a certificate, and so one). */
const notificationOf = async (t: TestApp, userId: string) => {
  const [row] = await t.dataSource.query('SELECT id FROM notifications WHERE user_id = $1 LIMIT 1', [userId]);
  if (!row) throw new Error('the user has no notification');
  return row.id as string;
};
/**
 * Renders every certificate PDF of every trainee account in its holder's language, so `GET /me/data`
 * answers with the ZIP itself (200) for everyone, whichever rules issued certificates before it.
 */
const renderAllCertificates = async (t: TestApp, cast: Cast) => {
  const rows = (await t.dataSource.query(
    `SELECT c.id, coalesce(u.preferred_locale, t.preferred_locale) AS lang
       FROM certificates c JOIN trainees t ON t.id = c.trainee_id JOIN users u ON u.id = t.user_id`,
  )) as { id: string; lang: string }[];
  for (const row of rows) {
    await t.http
      .get(api(`/certificates/${row.id}/pdf?lang=${row.lang}`))
      .set(cast.admin.auth)
      .expect(200);
  }
};
/** A ready copy of the cast's trainee's data (an empty ZIP), as the data-export worker leaves one. */
const readyExportOf = async (t: TestApp, cast: Cast) => {
  const emptyZip = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
  const [row] = await t.dataSource.query(
    `INSERT INTO data_exports (user_id, status, ready_at, expires_at, size_bytes, content)
     VALUES ($1, 'ready', now(), now() + interval '1 day', $2, $3) RETURNING id`,
    [cast.trainee.user.id, emptyZip.length, emptyZip],
  );
  return row.id as string;
};
/** A message of the development mailbox, once the outbox worker has put one there. */
const mailboxMessage = async (t: TestApp) => {
  for (let tries = 0; tries < 200; tries += 1) {
    const [row] = await t.dataSource.query('SELECT id FROM mailbox_messages LIMIT 1');
    if (row) return row.id as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no message reached the development mailbox');
};
/** A fresh room of the program (a bed for each test that moves someone in). */
const newRoom = async (t: TestApp, cast: Cast, programId: string) =>
  (
    await t.http
      .post(api(`/programs/${programId}/rooms`))
      .set(cast.admin.auth)
      .send({ name: `Room ${unique()}`, capacity: 2 })
  ).body.id as string;
/** A fresh erasure request, made by partner A for a fresh trainee of its own: its id. */
const erasureRequest = async (t: TestApp, cast: Cast) => {
  const [traineeId] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
  const res = await t.http
    .post(api(`/trainees/${traineeId}/erasure-request`))
    .set(cast.partner.auth)
    .send({ keepCertificatesVerifiable: true });
  return res.body.id as string;
};
/** A published program open to anyone (the open catalog's), made once: its code. */
let openProgram: Promise<string> | undefined;
const openProgramCode = (t: TestApp, cast: Cast) =>
  (openProgram ??= createProgram(t, cast.admin.auth, cast.host, {}, { publish: true }).then((p) => p.code));
const traineeRecord = (status: number): Record<Actor, number> => ({
  ...signedIn(404),
  admin: status,
  partner: status,
  trainee: status,
});
const staffOfPartners = (status: number): Record<Actor, number> => ({
  ...adminOnly(status),
  partner: status,
  otherPartner: status,
});
/** A fresh confirmed enrolment of the cast's trainee (partner A) in a fresh program of partner A. */
const traineeEnrolment = async (t: TestApp, cast: Cast) => {
  const program = await createPartnerAProgram(t, cast);
  const res = await t.http
    .post(api(`/programs/${program.id}/enrolments`))
    .set(cast.admin.auth)
    .send({ traineeId: cast.trainee.user.traineeId });
  return res.body.id as string;
};
/** A session of a fresh program of partner A on now, check-in open, the cast's trainee confirmed: its id. */
const checkInNow = async (t: TestApp, cast: Cast) => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const program = await createPartnerAProgram(t, cast, { startDate: day(-2), endDate: day(2) });
  await t.http
    .post(api(`/programs/${program.id}/enrolments`))
    .set(cast.admin.auth)
    .send({ traineeId: cast.trainee.user.traineeId });
  const session = await createSession(t, cast.admin.auth, program.id, {
    startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 60 * 60_000).toISOString(),
  });
  await t.http
    .post(api(`/sessions/${session.id}/check-in/open`))
    .set(cast.admin.auth)
    .send({ minutes: 15 });
  return session.id;
};
/** The trainee's own record (another trainee, another institution's partner: 404), never an instructor's (403). */
const traineeLogistics = (status: number): Record<Actor, number> => ({
  ...traineeRecord(status),
  instructor: 403,
  otherInstructor: 403,
});

/**
 * Every route of the API with the exact status each kind of caller gets.
 * The completeness test below fails when a route exists that this table (or
 * an access declaration) does not cover — so a new route cannot slip past.
 */
const MATRIX: Record<string, Rule> = {
  'GET /health': { call: () => ({ path: '/health' }), expect: everyone(200) },
  'POST /auth/login': {
    // A different unknown e-mail each time, so sign-in throttling does not turn the answer into 429.
    call: () => ({ path: '/auth/login', body: { email: `nobody-${unique()}@e2e.test`, password: 'wrong-password-1' } }),
    expect: everyone(401),
  },
  'POST /auth/register': { call: () => ({ path: '/auth/register', body: {} }), expect: everyone(400) },
  'POST /auth/refresh': { call: () => ({ path: '/auth/refresh' }), expect: everyone(401) },
  'POST /auth/logout': { call: () => ({ path: '/auth/logout' }), expect: everyone(204) },
  'POST /auth/login/mfa': { call: () => ({ path: '/auth/login/mfa', body: {} }), expect: everyone(400) },
  'POST /auth/verify-email': { call: () => ({ path: '/auth/verify-email', body: {} }), expect: everyone(400) },
  // The cast's accounts are verified: nothing to send, the same answer.
  'POST /auth/verify-email/resend': { call: () => ({ path: '/auth/verify-email/resend' }), expect: signedIn(202) },
  'POST /auth/password-reset': {
    call: () => ({ path: '/auth/password-reset', body: { email: `nobody-${unique()}@e2e.test` } }),
    expect: everyone(202),
  },
  'POST /auth/password-reset/confirm': {
    call: () => ({ path: '/auth/password-reset/confirm', body: {} }),
    expect: everyone(400),
  },
  'POST /auth/unlock': { call: () => ({ path: '/auth/unlock', body: {} }), expect: everyone(400) },
  'POST /auth/email': {
    call: () => ({
      path: '/auth/email',
      body: { newEmail: `moving-${unique()}@e2e.test`, password: 'not-the-password-1' },
    }),
    expect: signedIn(400),
  },
  'POST /auth/mfa/totp': {
    call: () => ({ path: '/auth/mfa/totp', body: { password: 'not-the-password-1' } }),
    expect: signedIn(400),
  },
  'POST /auth/mfa/totp/confirm': {
    call: () => ({ path: '/auth/mfa/totp/confirm', body: { code: '000000' } }),
    expect: signedIn(400),
  },
  // Nobody in the cast has two-factor on: there is nothing to turn off or renew.
  'DELETE /auth/mfa/totp': {
    call: () => ({ path: '/auth/mfa/totp', body: { password: 'not-the-password-1', code: '000000' } }),
    expect: signedIn(409),
  },
  'POST /auth/mfa/recovery-codes': {
    call: () => ({ path: '/auth/mfa/recovery-codes', body: { password: 'not-the-password-1', code: '000000' } }),
    expect: signedIn(409),
  },
  'GET /auth/sessions': { call: () => ({ path: '/auth/sessions' }), expect: signedIn(200) },
  'DELETE /auth/sessions': { call: () => ({ path: '/auth/sessions' }), expect: signedIn(204) },
  // Someone else's sign-in, or none: 404 alike.
  'DELETE /auth/sessions/:id': {
    call: async (t, cast) => {
      // A second sign-in of partner B's staff, made for the call: ending it leaves their own token working.
      const res = await t.http
        .post(api('/auth/login'))
        .send({ email: cast.otherPartner.user.email, password: PASSWORD });
      const { sid } = JSON.parse(Buffer.from(String(res.body.accessToken).split('.')[1], 'base64url').toString());
      return { path: `/auth/sessions/${sid}` };
    },
    expect: { ...signedIn(404), otherPartner: 204 },
  },
  'GET /auth/me': { call: () => ({ path: '/auth/me' }), expect: signedIn(200) },
  'PATCH /auth/me': { call: () => ({ path: '/auth/me', body: {} }), expect: signedIn(200) },
  'POST /auth/password': {
    call: () => ({
      path: '/auth/password',
      body: { currentPassword: 'not-the-current-1', newPassword: 'irrawaddy-delta-77' },
    }),
    expect: signedIn(400),
  },
  'GET /users': { call: () => ({ path: '/users' }), expect: adminOnly(200) },
  'POST /users': {
    call: (_t, cast) => ({
      path: '/users',
      body: {
        email: `new-${unique().toLowerCase()}@e2e.test`,
        password: 'a-long-enough-password-1',
        fullName: 'Aung Kyaw',
        role: 'partner',
        institutionId: cast.partnerA.id,
      },
    }),
    expect: adminOnly(201),
  },
  'GET /users/:id': { call: (_t, cast) => ({ path: `/users/${cast.trainee.user.id}` }), expect: adminOnly(200) },
  'PATCH /users/:id': {
    call: (_t, cast) => ({ path: `/users/${cast.partner.user.id}`, body: { fullName: 'สิริพร ชัยสิทธิ์' } }),
    expect: adminOnly(200),
  },
  'DELETE /users/:id': {
    call: async (t, cast) => ({
      path: `/users/${(await createAccount(t, { role: Role.Partner, institutionId: cast.partnerA.id })).id}`,
    }),
    expect: adminOnly(204),
  },
  'GET /institutions': { call: () => ({ path: '/institutions' }), expect: everyone(200) },
  'GET /institutions/:id': {
    call: (_t, cast) => ({ path: `/institutions/${cast.partnerB.id}` }),
    expect: everyone(200),
  },
  'POST /institutions': {
    call: () => ({
      path: '/institutions',
      body: { code: `NEW-${unique()}`, name: { en: 'New College' }, kind: 'partner', country: 'LA' },
    }),
    expect: adminOnly(201),
  },
  'PATCH /institutions/:id': {
    // The partner's own institution: partners may read it but not change it.
    call: (_t, cast) => ({
      path: `/institutions/${cast.partnerA.id}`,
      body: { name: { en: 'Renamed', th: 'เปลี่ยนชื่อ' } },
    }),
    expect: adminOnly(200),
  },
  // The host's certificate design: admins only. Image uploads that are not multipart are refused for the
  // media type, after the role check (as trainee imports are).
  'GET /institutions/:id/certificate-design': {
    call: (_t, cast) => ({ path: `/institutions/${cast.host.id}/certificate-design` }),
    expect: adminOnly(200),
  },
  'PUT /institutions/:id/certificate-design': {
    call: (_t, cast) => ({
      path: `/institutions/${cast.host.id}/certificate-design`,
      body: { accentColor: '#7A1F2B', signatories: [{ name: { zh: '王建国' }, title: { zh: '校长' } }] },
    }),
    expect: adminOnly(200),
  },
  'PUT /institutions/:id/certificate-design/logo': {
    call: (_t, cast) => ({ path: `/institutions/${cast.host.id}/certificate-design/logo`, body: {} }),
    expect: adminOnly(415),
  },
  'DELETE /institutions/:id/certificate-design/logo': {
    call: (_t, cast) => ({ path: `/institutions/${cast.host.id}/certificate-design/logo` }),
    expect: adminOnly(200),
  },
  'PUT /institutions/:id/certificate-design/seal': {
    call: (_t, cast) => ({ path: `/institutions/${cast.host.id}/certificate-design/seal`, body: {} }),
    expect: adminOnly(415),
  },
  'DELETE /institutions/:id/certificate-design/seal': {
    call: (_t, cast) => ({ path: `/institutions/${cast.host.id}/certificate-design/seal` }),
    expect: adminOnly(200),
  },
  'PUT /institutions/:id/certificate-design/signatures/:index': {
    call: (_t, cast) => ({ path: `/institutions/${cast.host.id}/certificate-design/signatures/0`, body: {} }),
    expect: adminOnly(415),
  },
  'DELETE /institutions/:id/certificate-design/signatures/:index': {
    call: async (t, cast) => {
      // A design with one signatory, so that there is a place 0 whose signature may be removed.
      await t.http
        .put(api(`/institutions/${cast.host.id}/certificate-design`))
        .set(cast.admin.auth)
        .send({ signatories: [{ name: { zh: '王建国' }, title: { zh: '校长' } }] });
      return { path: `/institutions/${cast.host.id}/certificate-design/signatures/0` };
    },
    expect: adminOnly(200),
  },
  'GET /programs/:id/certificate-preview.pdf': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/certificate-preview.pdf?lang=th` }),
    expect: adminOnly(200),
  },
  'GET /audit-events': { call: () => ({ path: '/audit-events' }), expect: adminOnly(200) },
  'GET /audit-events/actions': { call: () => ({ path: '/audit-events/actions' }), expect: adminOnly(200) },
  'GET /programs': { call: () => ({ path: '/programs' }), expect: signedIn(200) },
  'POST /programs': {
    call: (_t, cast) => ({ path: '/programs', body: programBody(cast.host, { code: uniqueCode() }) }),
    expect: adminOnly(201),
  },
  'GET /programs/:id': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}` }),
    expect: programOfPartnerA(200),
  },
  'PATCH /programs/:id': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}`, body: { capacity: 300 } }),
    expect: adminOnly(200),
  },
  'POST /programs/:id/publish': {
    call: async (t, cast) => ({ path: `/programs/${await newDraft(t, cast)}/publish` }),
    expect: adminOnly(200),
  },
  'POST /programs/:id/cancel': {
    call: async (t, cast) => ({ path: `/programs/${await newDraft(t, cast)}/cancel` }),
    expect: adminOnly(200),
  },
  'POST /programs/:id/duplicate': {
    call: (_t, _c, fx) => ({
      path: `/programs/${fx.programId}/duplicate`,
      body: { code: uniqueCode('DUP'), startDate: '2031-09-02' },
    }),
    expect: adminOnly(201),
  },
  'GET /programs/:id/sessions': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/sessions` }),
    expect: programOfPartnerA(200),
  },
  'POST /programs/:id/sessions': {
    call: (_t, _c, fx) => ({
      path: `/programs/${fx.programId}/sessions`,
      body: {
        title: { en: 'Case study' },
        type: 'case-study',
        startsAt: '2024-09-04T14:00:00+08:00',
        endsAt: '2024-09-04T15:00:00+08:00',
      },
    }),
    expect: adminOnly(201),
  },
  'GET /programs/:id/schedule.ics': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/schedule.ics` }),
    expect: programOfPartnerA(200),
  },
  'GET /sessions/:id': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}` }),
    expect: programOfPartnerA(200),
  },
  'PATCH /sessions/:id': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}`, body: { venue: 'Online' } }),
    expect: adminOnly(200),
  },
  'DELETE /sessions/:id': {
    call: async (t, cast, fx) => ({
      path: `/sessions/${(await createSession(t, cast.admin.auth, fx.programId, { startsAt: '2024-09-05T16:00:00+08:00', endsAt: '2024-09-05T17:00:00+08:00' })).id}`,
    }),
    expect: adminOnly(204),
  },
  'POST /sessions/:id/cancel': {
    call: async (t, cast, fx) => ({
      path: `/sessions/${(await createSession(t, cast.admin.auth, fx.programId, { startsAt: '2024-09-05T18:00:00+08:00', endsAt: '2024-09-05T19:00:00+08:00' })).id}/cancel`,
      body: { reason: 'The lecturer is ill' },
    }),
    expect: adminOnly(200),
  },
  'GET /me/calendar-feed': { call: () => ({ path: '/me/calendar-feed' }), expect: signedIn(200) },
  // A copy of my data (issue 23): anyone's own; an export is its owner's alone (the cast's trainee's here).
  'GET /me/data': {
    call: async (t, cast) => {
      await renderAllCertificates(t, cast);
      return { path: '/me/data' };
    },
    expect: signedIn(200),
  },
  'POST /me/data-exports': { call: () => ({ path: '/me/data-exports' }), expect: signedIn(202) },
  'GET /me/data-exports': { call: () => ({ path: '/me/data-exports' }), expect: signedIn(200) },
  'GET /me/data-exports/:id': {
    call: async (t, cast) => ({ path: `/me/data-exports/${await readyExportOf(t, cast)}` }),
    expect: { ...everyone(404), anonymous: 401, trainee: 200 },
  },
  'GET /me/data-exports/:id/download': {
    call: async (t, cast) => ({ path: `/me/data-exports/${await readyExportOf(t, cast)}/download` }),
    expect: { ...everyone(404), anonymous: 401, trainee: 200 },
  },
  'POST /me/calendar-feed/rotate': { call: () => ({ path: '/me/calendar-feed/rotate' }), expect: signedIn(200) },
  // The privacy notice is public; only admins list and publish versions (issue 23).
  'GET /privacy-notice': { call: () => ({ path: '/privacy-notice' }), expect: everyone(200) },
  'GET /privacy-notices/:version': { call: () => ({ path: '/privacy-notices/2026-12' }), expect: everyone(200) },
  'GET /privacy-notices': { call: () => ({ path: '/privacy-notices' }), expect: adminOnly(200) },
  'POST /privacy-notices': {
    call: () => ({
      path: '/privacy-notices',
      body: {
        version: `M${unique()}`,
        text: { en: 'A notice.' },
        controller: { en: 'Host' },
        contact: 'dpo@host.example',
      },
    }),
    expect: adminOnly(201),
  },
  'GET /me/consents': { call: () => ({ path: '/me/consents' }), expect: signedIn(200) },
  'POST /me/consents': {
    call: () => ({ path: '/me/consents', body: { purpose: 'program-news', noticeVersion: '2026-12' } }),
    expect: signedIn(201),
  },
  'POST /me/consents/:purpose/withdraw': {
    call: () => ({ path: '/me/consents/program-news/withdraw' }),
    expect: signedIn(204),
  },
  // Only the trainee's own enrolment's consent is there for them: an unknown one is 404 for everyone signed in.
  'POST /me/logistics-consents/:id/withdraw': {
    call: () => ({ path: '/me/logistics-consents/00000000-0000-4000-8000-000000000000/withdraw' }),
    expect: signedIn(404),
  },
  // Public: calendar apps send no sign-in; the secret address is the key (here the cast's trainee's).
  'GET /calendar/:token.ics': {
    call: async (t, cast) => {
      const { body } = await t.http.get(api('/me/calendar-feed')).set(cast.trainee.auth);
      return { path: new URL(body.url).pathname.replace(/^\/api\/v1/, '') };
    },
    expect: everyone(200),
  },
  'GET /instructors': { call: () => ({ path: '/instructors' }), expect: signedIn(200) },
  'POST /instructors': {
    call: (_t, cast) => ({ path: '/instructors', body: { fullName: 'Guest Expert', institutionId: cast.host.id } }),
    expect: adminOnly(201),
  },
  'GET /instructors/:id': {
    call: (_t, _c, fx) => ({ path: `/instructors/${fx.guestInstructorId}` }),
    expect: signedIn(200),
  },
  'PATCH /instructors/:id': {
    call: (_t, _c, fx) => ({ path: `/instructors/${fx.guestInstructorId}`, body: { languages: ['zh'] } }),
    expect: adminOnly(200),
  },
  // The cast's own instructor: admins and that instructor may read the timetable.
  'GET /instructors/:id/sessions': {
    call: (_t, cast) => ({ path: `/instructors/${cast.instructor.user.instructorId}/sessions` }),
    expect: { ...adminOnly(200), instructor: 200, otherInstructor: 404 },
  },
  'GET /instructors/:id/schedule.ics': {
    call: (_t, cast) => ({ path: `/instructors/${cast.instructor.user.instructorId}/schedule.ics` }),
    expect: { ...adminOnly(200), instructor: 200, otherInstructor: 404 },
  },
  'GET /trainees': { call: () => ({ path: '/trainees' }), expect: staffOfPartners(200) },
  'POST /trainees': { call: () => ({ path: '/trainees', body: {} }), expect: staffOfPartners(400) },
  // Not multipart: refused for the media type, after the role check.
  'POST /trainees/import': { call: () => ({ path: '/trainees/import', body: {} }), expect: staffOfPartners(415) },
  // The cast's trainee (partner A): admins, their partner and themself; the other partner and instructors get 404.
  'GET /trainees/:id': {
    call: (_t, cast) => ({ path: `/trainees/${cast.trainee.user.traineeId}` }),
    expect: traineeRecord(200),
  },
  'PATCH /trainees/:id': {
    call: (_t, cast) => ({ path: `/trainees/${cast.trainee.user.traineeId}`, body: {} }),
    expect: traineeRecord(200),
  },
  // Erasure (issue 23). Asking for oneself: the body is checked first (nobody in the cast is erased by the matrix).
  'POST /me/erasure-request': { call: () => ({ path: '/me/erasure-request', body: {} }), expect: signedIn(400) },
  'GET /me/erasure-request': { call: () => ({ path: '/me/erasure-request' }), expect: signedIn(404) },
  // A fresh trainee of partner A each time: partner B's staff may not see them (404).
  'POST /trainees/:id/erasure-request': {
    call: async (t, cast) => ({
      path: `/trainees/${(await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id }))[0]}/erasure-request`,
      body: { keepCertificatesVerifiable: true },
    }),
    expect: { ...everyone(403), anonymous: 401, admin: 202, partner: 202, otherPartner: 404 },
  },
  'GET /privacy/requests': { call: () => ({ path: '/privacy/requests' }), expect: adminOnly(200) },
  'POST /privacy/requests/:id/complete': {
    call: async (t, cast) => ({ path: `/privacy/requests/${await erasureRequest(t, cast)}/complete` }),
    expect: adminOnly(200),
  },
  'POST /privacy/requests/:id/refuse': {
    call: async (t, cast) => ({
      path: `/privacy/requests/${await erasureRequest(t, cast)}/refuse`,
      body: { reason: 'Records kept for the scholarship audit' },
    }),
    expect: adminOnly(200),
  },
  // An empty body: admins and partners must name the trainee (400); the trainee applies (201).
  'POST /programs/:id/enrolments': {
    call: async (t, cast) => {
      const program = await createPartnerAProgram(t, cast);
      return { path: `/programs/${program.id}/enrolments`, body: {} };
    },
    expect: { ...programOfPartnerA(400), instructor: 403, otherInstructor: 403, trainee: 201, otherTrainee: 201 },
  },
  'GET /programs/:id/enrolments': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/enrolments` }),
    expect: { ...programOfPartnerA(200), trainee: 403, otherTrainee: 403 },
  },
  'GET /programs/:id/roster.csv': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/roster.csv` }),
    expect: { ...programOfPartnerA(200), trainee: 403, otherTrainee: 403 },
  },
  'GET /programs/:id/roster.xlsx': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/roster.xlsx` }),
    expect: { ...programOfPartnerA(200), trainee: 403, otherTrainee: 403 },
  },
  'GET /enrolments': { call: () => ({ path: '/enrolments' }), expect: staffOfPartners(200) },
  'POST /enrolments/decisions': {
    call: () => ({ path: '/enrolments/decisions', body: {} }),
    expect: staffOfPartners(400),
  },
  'POST /enrolments/:id/approve': {
    call: async (t, cast) => ({ path: `/enrolments/${await newApplication(t, cast)}/approve` }),
    expect: { ...staffOfPartners(200), otherPartner: 404 },
  },
  // Accepting a nomination is the host's word: admins only (partners, even the nominee's own, 403).
  'POST /enrolments/:id/accept': {
    call: async (t, cast) => ({ path: `/enrolments/${await newNomination(t, cast)}/accept` }),
    expect: adminOnly(200),
  },
  'POST /enrolments/:id/reject': {
    call: async (t, cast) => ({
      path: `/enrolments/${await newApplication(t, cast)}/reject`,
      body: { reason: 'Not a student this term' },
    }),
    expect: { ...staffOfPartners(200), otherPartner: 404 },
  },
  'POST /enrolments/:id/withdraw': {
    call: async (t, cast) => ({ path: `/enrolments/${await newApplication(t, cast)}/withdraw`, body: {} }),
    expect: { ...adminOnly(200), trainee: 200, otherTrainee: 404 },
  },
  'GET /sessions/:id/attendance': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}/attendance` }),
    expect: { ...adminOnly(200), instructor: 200, otherInstructor: 404 },
  },
  'PUT /sessions/:id/attendance': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}/attendance`, body: [] }),
    expect: { ...adminOnly(200), instructor: 200, otherInstructor: 404 },
  },
  'PATCH /sessions/:id/attendance/:traineeId': {
    call: async (t, cast, fx) => {
      // A fresh confirmed trainee of the session's program: its register has a line for them.
      const [traineeId] = await insertTrainees(t.dataSource, 1);
      await t.http
        .post(api(`/programs/${fx.programId}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      return { path: `/sessions/${fx.sessionId}/attendance/${traineeId}`, body: { status: 'present' } };
    },
    expect: { ...adminOnly(200), instructor: 200, otherInstructor: 404 },
  },
  // QR check-in (issue 21). The fixture session is long over: opening it → 409 SESSION_ENDED, no code → 400.
  'POST /sessions/:id/check-in/open': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}/check-in/open`, body: { minutes: 15 } }),
    expect: { ...adminOnly(409), instructor: 409, otherInstructor: 404 },
  },
  'POST /sessions/:id/check-in/close': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}/check-in/close` }),
    expect: { ...adminOnly(204), instructor: 204, otherInstructor: 404 },
  },
  'GET /sessions/:id/check-in/code': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}/check-in/code` }),
    expect: { ...adminOnly(400), instructor: 400, otherInstructor: 404 },
  },
  'GET /sessions/:id/check-in': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}/check-in` }),
    expect: { ...adminOnly(200), instructor: 200, otherInstructor: 404 },
  },
  // A session on now with check-in open, the cast's trainee confirmed in its program: she checks in, a trainee
  // not enrolled gets 404.
  'POST /sessions/:id/check-in': {
    call: async (t, cast) => {
      const sessionId = await checkInNow(t, cast);
      const { body } = await t.http.get(api(`/sessions/${sessionId}/check-in/code`)).set(cast.admin.auth);
      return { path: `/sessions/${sessionId}/check-in`, body: { code: body.code } };
    },
    expect: { ...everyone(403), anonymous: 401, trainee: 201, otherTrainee: 404 },
  },
  // Not multipart: refused for the media type, after the role and the session's check.
  'POST /sessions/:id/attendance/import': {
    call: (_t, _c, fx) => ({ path: `/sessions/${fx.sessionId}/attendance/import?dryRun=true`, body: {} }),
    expect: { ...adminOnly(415), instructor: 415, otherInstructor: 404 },
  },
  'PUT /enrolments/:id/assessment': {
    call: async (t, cast, fx) => {
      const [traineeId] = await insertTrainees(t.dataSource, 1);
      const res = await t.http
        .post(api(`/programs/${fx.programId}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      return { path: `/enrolments/${res.body.id}/assessment`, body: { score: 80 } };
    },
    expect: { ...adminOnly(200), instructor: 200, otherInstructor: 404 },
  },
  'PUT /programs/:id/assessments': {
    call: async (t, cast, fx) => {
      const [traineeId] = await insertTrainees(t.dataSource, 1);
      const res = await t.http
        .post(api(`/programs/${fx.programId}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      return {
        path: `/programs/${fx.programId}/assessments`,
        body: { assessments: [{ enrolmentId: res.body.id, score: 80 }] },
      };
    },
    expect: { ...adminOnly(200), instructor: 200, otherInstructor: 404 },
  },
  'GET /programs/:id/completion': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/completion` }),
    expect: adminOnly(200),
  },
  'POST /programs/:id/complete': {
    call: async (t, cast) => ({
      path: `/programs/${(await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true })).id}/complete`,
    }),
    expect: adminOnly(200),
  },
  'POST /programs/:id/selections': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/selections`, body: {} }),
    expect: adminOnly(400),
  },
  'GET /certificates': { call: () => ({ path: '/certificates' }), expect: staffOfPartners(200) },
  'GET /me/certificates': {
    call: () => ({ path: '/me/certificates' }),
    expect: { ...everyone(403), anonymous: 401, trainee: 200, otherTrainee: 200 },
  },
  'GET /certificates/:id': {
    call: (_t, _c, fx) => ({ path: `/certificates/${fx.certificateId}` }),
    expect: { ...traineeRecord(200), instructor: 403, otherInstructor: 403 },
  },
  'POST /certificates/:id/reissue': {
    call: async (t, cast) => ({
      path: `/certificates/${(await issueCertificate(t, cast)).id}/reissue`,
      body: { reason: 'Name corrected' },
    }),
    expect: adminOnly(201),
  },
  'GET /certificates/:id/pdf': {
    call: (_t, _c, fx) => ({ path: `/certificates/${fx.certificateId}/pdf` }),
    expect: { ...traineeRecord(200), instructor: 403, otherInstructor: 403 },
  },
  'POST /certificates/:id/revoke': {
    call: async (t, cast) => ({
      path: `/certificates/${(await issueCertificate(t, cast)).id}/revoke`,
      body: { reason: 'Issued in error' },
    }),
    expect: adminOnly(200),
  },
  // The holder, their partner, admins; partner B's staff and the holder's classmate: 404 (as the PDF).
  'GET /certificates/:id/credential': {
    call: (_t, _c, fx) => ({ path: `/certificates/${fx.certificateId}/credential` }),
    expect: { ...traineeRecord(200), instructor: 403, otherInstructor: 403 },
  },
  // Public: what a verifier fetches. The cast's host has signed a certificate (the fixtures').
  'GET /credentials/issuers/:institutionId': {
    call: (_t, cast) => ({ path: `/credentials/issuers/${cast.host.id}` }),
    expect: everyone(200),
  },
  'GET /credentials/status/:listId': {
    call: async (t, _c, fx) => {
      const [row] = await t.dataSource.query(
        'SELECT status_list_id AS id FROM certificate_credentials WHERE certificate_id = $1',
        [fx.certificateId],
      );
      return { path: `/credentials/status/${row.id}` };
    },
    expect: everyone(200),
  },
  'POST /credentials/issuers/:institutionId/keys/rotate': {
    call: (_t, cast) => ({ path: `/credentials/issuers/${cast.host.id}/keys/rotate` }),
    expect: adminOnly(200),
  },
  'GET /verify/:code': { call: (_t, _c, fx) => ({ path: `/verify/${fx.verificationCode}` }), expect: everyone(200) },
  'GET /notifications': { call: () => ({ path: '/notifications' }), expect: signedIn(200) },
  'GET /notifications/unread-count': { call: () => ({ path: '/notifications/unread-count' }), expect: signedIn(200) },
  'POST /notifications/read-all': { call: () => ({ path: '/notifications/read-all' }), expect: signedIn(200) },
  'POST /notifications/:id/read': {
    // The cast's trainee's own notification (of their certificate): theirs to mark, nobody else's to see.
    call: async (t, cast) => ({ path: `/notifications/${await notificationOf(t, cast.trainee.user.id)}/read` }),
    expect: { ...signedIn(404), trainee: 200 },
  },
  'GET /mailbox': { call: () => ({ path: '/mailbox' }), expect: adminOnly(200) },
  'GET /mailbox/:id': {
    call: async (t) => ({ path: `/mailbox/${await mailboxMessage(t)}` }),
    expect: adminOnly(200),
  },
  'GET /reports/overview': { call: () => ({ path: '/reports/overview' }), expect: adminOnly(200) },
  'GET /reports/overview.xlsx': { call: () => ({ path: '/reports/overview.xlsx' }), expect: adminOnly(200) },
  'GET /reports/programs/:id': {
    call: (_t, _c, fx) => ({ path: `/reports/programs/${fx.programId}` }),
    expect: { ...adminOnly(200), partner: 200, otherPartner: 404 },
  },
  'GET /reports/programs/:id/report.xlsx': {
    call: (_t, _c, fx) => ({ path: `/reports/programs/${fx.programId}/report.xlsx` }),
    expect: { ...adminOnly(200), partner: 200, otherPartner: 404 },
  },
  // Visa invitation letters (issue 20): the trainee's own, in a program of partner A the fixtures make once.
  'GET /enrolments/:id/invitation-letter.pdf': {
    call: async (t, cast) => ({
      path: `/enrolments/${(await letterFixture(t, cast)).enrolmentId}/invitation-letter.pdf`,
    }),
    expect: { ...traineeRecord(200), instructor: 403, otherInstructor: 403 },
  },
  'GET /programs/:id/invitation-letters.zip': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/invitation-letters.zip` }),
    expect: adminOnly(200),
  },
  'GET /verify/letters/:reference': {
    call: async (t, cast) => ({ path: `/verify/letters/${(await letterFixture(t, cast)).reference}` }),
    expect: everyone(200),
  },
  'GET /me/enrolments': {
    call: () => ({ path: '/me/enrolments' }),
    expect: { ...everyone(403), anonymous: 401, trainee: 200, otherTrainee: 200 },
  },
  // Camp logistics (issue 20): rooms and their sheets are the admin's alone.
  'POST /programs/:id/rooms': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/rooms`, body: { name: `R-${unique()}`, capacity: 2 } }),
    expect: adminOnly(201),
  },
  'GET /programs/:id/rooms': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/rooms` }),
    expect: adminOnly(200),
  },
  'PATCH /rooms/:id': {
    call: async (t, cast, fx) => ({ path: `/rooms/${await newRoom(t, cast, fx.programId)}`, body: { capacity: 3 } }),
    expect: adminOnly(200),
  },
  'DELETE /rooms/:id': {
    call: async (t, cast, fx) => ({ path: `/rooms/${await newRoom(t, cast, fx.programId)}` }),
    expect: adminOnly(204),
  },
  'PUT /enrolments/:id/room': {
    call: async (t, cast, fx) => {
      const [traineeId] = await insertTrainees(t.dataSource, 1);
      const enrolment = await t.http
        .post(api(`/programs/${fx.programId}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      return {
        path: `/enrolments/${enrolment.body.id}/room`,
        body: { roomId: await newRoom(t, cast, fx.programId) },
      };
    },
    expect: adminOnly(200),
  },
  'GET /programs/:id/rooming-list.xlsx': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/rooming-list.xlsx` }),
    expect: adminOnly(200),
  },
  'GET /programs/:id/arrivals.xlsx': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/arrivals.xlsx` }),
    expect: adminOnly(200),
  },
  'GET /programs/:id/logistics-settings': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/logistics-settings` }),
    expect: adminOnly(200),
  },
  'PUT /programs/:id/logistics-settings': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/logistics-settings`, body: { collect: [] } }),
    expect: adminOnly(200),
  },
  'GET /programs/:id/logistics': {
    call: (_t, _c, fx) => ({ path: `/programs/${fx.programId}/logistics` }),
    expect: { ...adminOnly(200), partner: 200, otherPartner: 404 },
  },
  'GET /enrolments/:id/logistics': {
    call: async (t, cast) => ({ path: `/enrolments/${await traineeEnrolment(t, cast)}/logistics` }),
    expect: traineeLogistics(200),
  },
  'PUT /enrolments/:id/logistics': {
    call: async (t, cast) => ({ path: `/enrolments/${await traineeEnrolment(t, cast)}/logistics`, body: {} }),
    expect: traineeLogistics(200),
  },
  'GET /me/logistics': {
    call: () => ({ path: '/me/logistics' }),
    expect: { ...everyone(403), anonymous: 401, trainee: 200, otherTrainee: 200 },
  },
  // The open catalog (issue 22): anyone, signed in or not; partner A's program is not in it.
  'GET /public/programs': { call: () => ({ path: '/public/programs' }), expect: everyone(200) },
  'GET /public/programs/:code': {
    call: async (t, cast) => ({ path: `/public/programs/${await openProgramCode(t, cast)}` }),
    expect: everyone(200),
  },
  'GET /public/programs/:code/share.png': {
    call: async (t, cast) => ({ path: `/public/programs/${await openProgramCode(t, cast)}/share.png` }),
    expect: everyone(200),
  },
  'GET /public/programs/:code/poster.pdf': {
    call: async (t, cast) => ({ path: `/public/programs/${await openProgramCode(t, cast)}/poster.pdf` }),
    expect: everyone(200),
  },
};

describe('authorization matrix: every route × every kind of caller', () => {
  let t: TestApp;
  let cast: Cast;
  let callers: Callers;
  let fixtures: Fixtures;

  beforeAll(async () => {
    // Several routes refuse a wrong password, which counts as a failed sign-in from this one client address.
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_IP: '1000' });
    cast = await createCast(t);
    const program = await createPartnerAProgram(t, cast);
    const session = await createSession(t, cast.admin.auth, program.id, {
      instructorIds: [cast.instructor.user.instructorId as string],
    });
    const guest = await createGuestInstructor(t, cast.admin.auth, cast.host.id);
    const [otherTrainee, otherInstructor] = await Promise.all([
      createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id }),
      createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id }),
    ]);
    // Not the cast's `otherTrainee` (partner B's): see ACTORS.
    const { admin, trainee, partner, otherPartner, instructor } = cast;
    callers = { admin, trainee, otherTrainee, partner, otherPartner, instructor, otherInstructor };
    const certificate = await issueCertificate(t, cast);
    fixtures = {
      programId: program.id,
      sessionId: session.id,
      guestInstructorId: guest.id,
      certificateId: certificate.id,
      verificationCode: certificate.verificationCode,
    };
  });
  afterAll(() => t.close());

  it('covers every route, and every route declares who may call it', () => {
    const routes = routeTable(t.app);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.controller}.${r.handler}`);
    expect(undeclared).toEqual([]);
    const listed = routes.map((r) => `${r.method} ${r.path.replace(/^\/api\/v1/, '')}`).sort();
    expect(listed).toEqual(Object.keys(MATRIX).sort());
  });

  describe.each(Object.entries(MATRIX))('%s', (route, rule) => {
    const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';

    it.each(ACTORS)('as %s', async (actor) => {
      const { path, body } = await rule.call(t, cast, fixtures);
      let request = t.http[method](api(path));
      if (actor !== 'anonymous') request = request.set(callers[actor].auth);
      const res = body ? await request.send(body) : await request;
      expect({ route, actor, status: res.status }).toEqual({ route, actor, status: rule.expect[actor] });
      if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });

  /*
   * The matrix's `otherTrainee` shares the owner's institution; a trainee of
   * partner B (the cast's `otherTrainee`) must be kept out as well: wherever
   * the owner succeeds and partner B's staff or the owner's classmate are
   * refused the record, so are they.
   */
  describe('a trainee of another institution', () => {
    const outsiderRoutes = Object.entries(MATRIX).filter(
      ([route, rule]) =>
        route.includes('/:') &&
        rule.expect.trainee < 300 &&
        (rule.expect.otherPartner === 404 || rule.expect.otherTrainee === 404),
    );

    it('is a route list worth checking', () => {
      expect(outsiderRoutes.length).toBeGreaterThanOrEqual(10);
    });

    it.each(outsiderRoutes)('%s: 404', async (route, rule) => {
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const { path, body } = await rule.call(t, cast, fixtures);
      const request = t.http[method](api(path)).set(cast.otherTrainee.auth);
      const res = body ? await request.send(body) : await request;
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      expect(res.body.code).toBe(ErrorCode.NotFound);
    });
  });

  it('a partner cannot reach another institution’s accounts by any id', async () => {
    const other = await createAccount(t, { role: Role.Partner, institutionId: cast.partnerB.id });
    for (const request of [
      t.http.get(api(`/users/${other.id}`)),
      t.http.patch(api(`/users/${other.id}`)).send({ disabled: true }),
      t.http.delete(api(`/users/${other.id}`)),
      t.http.patch(api(`/institutions/${cast.partnerB.id}`)).send({ kind: 'host' }),
    ]) {
      const res = await request.set(cast.partner.auth);
      expect(res.status).toBe(403);
    }
    const [row] = await t.dataSource.query('SELECT disabled FROM users WHERE id = $1', [other.id]);
    expect(row.disabled).toBe(false);
    const [institution] = await t.dataSource.query('SELECT kind FROM institutions WHERE id = $1', [cast.partnerB.id]);
    expect(institution.kind).toBe('partner');
  });

  it('keeps institution reads public but writes for admins, even for the institution’s own partner', async () => {
    const institution = await createInstitution(t.dataSource);
    const res = await t.http
      .patch(api(`/institutions/${institution.id}`))
      .set(cast.partner.auth)
      .send({ country: 'MM' });
    expect(res.status).toBe(403);
  });
});
