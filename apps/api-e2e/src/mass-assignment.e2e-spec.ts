import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService } from '@nestjs/core';
import { Role } from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';
import { routeTable } from '@skillbridge/api/common/auth/route-table';
import {
  Cast,
  createAccount,
  createCast,
  PASSWORD,
  REGISTRATION_CONSENTS,
  SignedIn,
  signIn,
} from './factories/accounts';
import { createGuestInstructor, createProgram, createSession, programBody } from './factories/programs';
import { csvFile, HEADER, insertTrainees, uniqueEmail } from './factories/trainees';
import { createPartnerAProgram, newApplication } from './factories/enrolments';
import { DataExportWorker } from '@skillbridge/api/modules/privacy/data-copy/data-export-worker';
import { OutboxWorker } from '@skillbridge/api/modules/notifications/outbox-worker';
import { AccountTokensService } from '@skillbridge/api/modules/auth/account-tokens.service';
import type { AccountTokenPurpose } from '@skillbridge/api/modules/auth/account-token.entity';
import { TOTP } from 'otpauth';
import { letterFixture } from './support/invitation-letters';
import { api, startTestApp, TestApp } from './support/test-app';

/**
 * OWASP API3 (broken object property level authorization), the write side:
 * every route that reads a JSON body refuses a property it does not declare —
 * `role`, `status`, `id`, `passwordHash`… at the top level and inside nested
 * objects — with a 400 naming it, and writes nothing. Each route's body is a
 * valid one (the last test of each route sends it and expects success), so
 * the 400 can only come from the extra property.
 */

type Method = 'post' | 'put' | 'patch' | 'delete';
type Actor = 'anonymous' | 'admin' | 'trainee';
type Json = Record<string, unknown> | Record<string, unknown>[];

interface BodyCall {
  actor: Actor;
  path: string;
  body: Json;
  /** Who sends it, when the route needs an account of its own (its state changes with the call). */
  auth?: Record<string, string>;
}

interface Fixtures {
  programId: string;
  sessionId: string;
  guestInstructorId: string;
  /** The cast trainee's confirmed enrolment in `programId`. */
  enrolmentId: string;
  /** A completed program the cast trainee completed, with their certificate. */
  doneProgramId: string;
  certificateId: string;
  /** The revocation list that certificate has its place in. */
  statusListId: string;
  verificationCode: string;
  /** A message in the development mailbox. */
  mailboxMessageId: string;
  /** An account only the password route uses. */
  passwordOwner: SignedIn;
  /** The cast trainee's personal calendar, under /api/v1. */
  calendarFeedPath: string;
  /** The cast trainee's visa invitation letter (issue 20): its enrolment and reference. */
  letter: { enrolmentId: string; reference: string };
  /** A published program open to anyone (the open catalog's, issue 22): its code. */
  openProgramCode: string;
  /** A ready copy of the cast trainee's data (issue 23), made by the data-export worker. */
  dataExportId: string;
}

/** Properties an attacker would try to set; each route is tried with those its schema does not declare. */
const EXTRAS: Record<string, unknown> = {
  id: '00000000-0000-4000-8000-000000000001',
  role: 'admin',
  status: 'completed',
  institutionId: '00000000-0000-4000-8000-000000000002',
  seats: { capacity: 100000, confirmed: 0 },
  capacity: 100000,
  createdAt: '2000-01-01T00:00:00Z',
  updatedAt: '2000-01-01T00:00:00Z',
  passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaA',
  tokenVersion: 99,
  userId: '00000000-0000-4000-8000-000000000003',
  disabled: false,
  verificationCode: 'FORGED',
};
/** Tried inside each nested object of a body (`completionRule`, `title`, attendance marks…). */
const NESTED_EXTRAS: Record<string, unknown> = { id: EXTRAS.id, role: 'admin', passwordHash: EXTRAS.passwordHash };

const unique = () => randomBytes(3).toString('hex').toUpperCase();

/** The code an authenticator app shows for `secret`, `offsetSteps` periods from now. */
const codeOf = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** A throw-away signed-in account of partner A. */
async function throwAway(t: TestApp, cast: Cast): Promise<SignedIn> {
  return signIn(t, (await createAccount(t, { role: Role.Partner, institutionId: cast.partnerA.id })).email);
}

/** A throw-away account with two-factor on: its sign-in, secret and recovery codes. */
async function withTotp(t: TestApp, cast: Cast) {
  const who = await throwAway(t, cast);
  const setup = await t.http.post(api('/auth/mfa/totp')).set(who.auth).send({ password: PASSWORD });
  const confirm = await t.http
    .post(api('/auth/mfa/totp/confirm'))
    .set(who.auth)
    .send({ code: codeOf(setup.body.secret) });
  return { who, secret: setup.body.secret as string, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

/** A live e-mailed-link token of a throw-away account, made by the API's own service. */
async function accountToken(t: TestApp, cast: Cast, purpose: AccountTokenPurpose): Promise<string> {
  const who = await throwAway(t, cast);
  const tokens = t.app.get(AccountTokensService);
  const id = await t.dataSource.transaction((manager) =>
    tokens.issue(manager, { userId: who.user.id, purpose, email: who.user.email }),
  );
  return tokens.tokenFor(id, purpose);
}

/** A session on now (started 5 minutes ago) of a fresh program of partner A the cast's trainee is confirmed in. */
async function sessionOnNow(t: TestApp, cast: Cast): Promise<string> {
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
  return session.id;
}

/** A valid body for every route that takes one, and who sends it. Keyed as the route table names routes. */
const BODIES: Record<string, (t: TestApp, cast: Cast, fx: Fixtures) => Promise<BodyCall> | BodyCall> = {
  'POST /auth/login': (_t, cast) => ({
    actor: 'anonymous',
    path: '/auth/login',
    body: { email: cast.otherTrainee.user.email, password: PASSWORD },
  }),
  'POST /auth/register': () => ({
    actor: 'anonymous',
    path: '/auth/register',
    body: {
      email: uniqueEmail('register'),
      password: 'salween-river-2024!',
      fullName: 'Nguyen Van An',
      nationality: 'VN',
      consents: REGISTRATION_CONSENTS,
    },
  }),
  'POST /auth/login/mfa': async (t, cast) => {
    const { who, secret } = await withTotp(t, cast);
    const challenge = await t.http.post(api('/auth/login')).send({ email: who.user.email, password: PASSWORD });
    return {
      actor: 'anonymous',
      path: '/auth/login/mfa',
      body: { mfaToken: challenge.body.mfaToken, code: codeOf(secret, 1) },
    };
  },
  'POST /auth/verify-email': async (t, cast) => ({
    actor: 'anonymous',
    path: '/auth/verify-email',
    body: { token: await accountToken(t, cast, 'verify-email') },
  }),
  'POST /auth/password-reset': () => ({
    actor: 'anonymous',
    path: '/auth/password-reset',
    body: { email: uniqueEmail('forgot') },
  }),
  'POST /auth/password-reset/confirm': async (t, cast) => ({
    actor: 'anonymous',
    path: '/auth/password-reset/confirm',
    body: { token: await accountToken(t, cast, 'password-reset'), password: 'chao-phraya-ferry-8' },
  }),
  'POST /auth/unlock': async (t, cast) => ({
    actor: 'anonymous',
    path: '/auth/unlock',
    body: { token: await accountToken(t, cast, 'unlock') },
  }),
  'POST /auth/email': async (t, cast) => ({
    actor: 'trainee',
    path: '/auth/email',
    body: { newEmail: uniqueEmail('moving'), password: PASSWORD },
    auth: (await throwAway(t, cast)).auth,
  }),
  'POST /auth/mfa/totp': async (t, cast) => ({
    actor: 'trainee',
    path: '/auth/mfa/totp',
    body: { password: PASSWORD },
    auth: (await throwAway(t, cast)).auth,
  }),
  'POST /auth/mfa/totp/confirm': async (t, cast) => {
    const who = await throwAway(t, cast);
    const setup = await t.http.post(api('/auth/mfa/totp')).set(who.auth).send({ password: PASSWORD });
    return {
      actor: 'trainee',
      path: '/auth/mfa/totp/confirm',
      body: { code: codeOf(setup.body.secret) },
      auth: who.auth,
    };
  },
  'POST /auth/mfa/recovery-codes': async (t, cast) => {
    const { who, secret } = await withTotp(t, cast);
    return {
      actor: 'trainee',
      path: '/auth/mfa/recovery-codes',
      body: { password: PASSWORD, code: codeOf(secret, 1) },
      auth: who.auth,
    };
  },
  'DELETE /auth/mfa/totp': async (t, cast) => {
    const { who, recoveryCodes } = await withTotp(t, cast);
    return {
      actor: 'trainee',
      path: '/auth/mfa/totp',
      body: { password: PASSWORD, recoveryCode: recoveryCodes[0] },
      auth: who.auth,
    };
  },
  'PATCH /auth/me': () => ({ actor: 'trainee', path: '/auth/me', body: { fullName: 'Somchai J.' } }),
  'POST /auth/password': () => ({
    actor: 'admin',
    path: '/auth/password',
    body: { currentPassword: PASSWORD, newPassword: 'irrawaddy-delta-77' },
  }),
  'POST /users': (_t, cast) => ({
    actor: 'admin',
    path: '/users',
    body: {
      email: uniqueEmail('user'),
      password: 'a-long-enough-password-1',
      fullName: 'Aung Kyaw',
      role: 'partner',
      institutionId: cast.partnerA.id,
    },
  }),
  'PATCH /users/:id': (_t, cast) => ({
    actor: 'admin',
    path: `/users/${cast.partner.user.id}`,
    body: { fullName: 'สิริพร ชัยสิทธิ์' },
  }),
  'POST /institutions': () => ({
    actor: 'admin',
    path: '/institutions',
    body: { code: `NEW-${unique()}`, name: { en: 'New College' }, kind: 'partner', country: 'LA' },
  }),
  'PATCH /institutions/:id': (_t, cast) => ({
    actor: 'admin',
    path: `/institutions/${cast.partnerB.id}`,
    body: { name: { en: 'Suranaree University of Technology' } },
  }),
  'PUT /institutions/:id/certificate-design': (_t, cast) => ({
    actor: 'admin',
    path: `/institutions/${cast.host.id}/certificate-design`,
    body: {
      accentColor: '#7A1F2B',
      signatories: [{ name: { zh: '王建国', en: 'Wang Jianguo' }, title: { zh: '校长', en: 'President' } }],
    },
  }),
  'POST /programs': (_t, cast) => ({ actor: 'admin', path: '/programs', body: { ...programBody(cast.host) } }),
  'PATCH /programs/:id': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/programs/${fx.programId}`,
    body: { title: { en: 'Renamed course' }, capacity: 250, completionRule: { minAttendanceRate: 0.5 } },
  }),
  'POST /privacy-notices': () => ({
    actor: 'admin',
    path: '/privacy-notices',
    body: {
      version: `MA-${unique()}`,
      text: { en: 'A notice.' },
      controller: { en: 'Host college' },
      contact: 'dpo@host.example',
      recipients: [{ institutionId: null, name: { en: 'A partner' }, country: 'TH' }],
    },
  }),
  'POST /me/consents': () => ({
    actor: 'trainee',
    path: '/me/consents',
    body: { purpose: 'program-news', noticeVersion: '2026-12' },
  }),
  'POST /programs/:id/duplicate': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/programs/${fx.programId}/duplicate`,
    body: { code: `DUP-${unique()}`, startDate: '2031-09-02' },
  }),
  'POST /programs/:id/sessions': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/programs/${fx.programId}/sessions`,
    body: {
      title: { en: 'Case study' },
      type: 'case-study',
      startsAt: '2024-09-04T14:00:00+08:00',
      endsAt: '2024-09-04T15:00:00+08:00',
    },
  }),
  'PATCH /sessions/:id': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/sessions/${fx.sessionId}`,
    body: { title: { en: 'Tea culture' }, venue: 'Online' },
  }),
  'POST /sessions/:id/cancel': async (t, cast, fx) => ({
    actor: 'admin',
    path: `/sessions/${(await createSession(t, cast.admin.auth, fx.programId, { startsAt: '2024-09-05T18:00:00+08:00', endsAt: '2024-09-05T19:00:00+08:00' })).id}/cancel`,
    body: { reason: 'The lecturer is ill' },
  }),
  'POST /instructors': (_t, cast) => ({
    actor: 'admin',
    path: '/instructors',
    body: { fullName: 'Guest Expert', institutionId: cast.host.id, languages: ['en'] },
  }),
  'PATCH /instructors/:id': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/instructors/${fx.guestInstructorId}`,
    body: { languages: ['zh'] },
  }),
  'POST /trainees': (_t, cast) => ({
    actor: 'admin',
    path: '/trainees',
    body: { fullName: 'Siti Aminah', email: uniqueEmail(), nationality: 'MY', institutionId: cast.partnerA.id },
  }),
  'PATCH /trainees/:id': (_t, cast) => ({
    actor: 'admin',
    path: `/trainees/${cast.otherTrainee.user.traineeId}`,
    body: { fullNameLatin: 'Other Trainee' },
  }),
  'POST /programs/:id/enrolments': async (t, cast) => {
    const program = await createPartnerAProgram(t, cast);
    return { actor: 'trainee', path: `/programs/${program.id}/enrolments`, body: {} };
  },
  'POST /enrolments/decisions': async (t, cast) => ({
    actor: 'admin',
    path: '/enrolments/decisions',
    body: { action: 'approve', enrolmentIds: [await newApplication(t, cast)] },
  }),
  'POST /enrolments/:id/reject': async (t, cast) => ({
    actor: 'admin',
    path: `/enrolments/${await newApplication(t, cast)}/reject`,
    body: { reason: 'Not a student this term' },
  }),
  'POST /enrolments/:id/withdraw': async (t, cast) => ({
    actor: 'trainee',
    path: `/enrolments/${await newApplication(t, cast)}/withdraw`,
    body: { reason: 'Exams that week' },
  }),
  'PUT /sessions/:id/attendance': (_t, cast, fx) => ({
    actor: 'admin',
    path: `/sessions/${fx.sessionId}/attendance`,
    body: [{ traineeId: cast.trainee.user.traineeId, status: 'present' }],
  }),
  'PATCH /sessions/:id/attendance/:traineeId': (_t, cast, fx) => ({
    actor: 'admin',
    path: `/sessions/${fx.sessionId}/attendance/${cast.trainee.user.traineeId}`,
    body: { status: 'late' },
  }),
  // QR check-in (issue 21): a session on now, in a fresh program the cast's trainee is confirmed in.
  'POST /sessions/:id/check-in/open': async (t, cast) => ({
    actor: 'admin',
    path: `/sessions/${await sessionOnNow(t, cast)}/check-in/open`,
    body: { minutes: 15 },
  }),
  'POST /sessions/:id/check-in': async (t, cast) => {
    const sessionId = await sessionOnNow(t, cast);
    await t.http
      .post(api(`/sessions/${sessionId}/check-in/open`))
      .set(cast.admin.auth)
      .send({ minutes: 15 });
    const { body } = await t.http.get(api(`/sessions/${sessionId}/check-in/code`)).set(cast.admin.auth);
    return { actor: 'trainee', path: `/sessions/${sessionId}/check-in`, body: { code: body.code } };
  },
  'PUT /enrolments/:id/assessment': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/enrolments/${fx.enrolmentId}/assessment`,
    body: { score: 80, remarks: 'Good' },
  }),
  'PUT /enrolments/:id/logistics': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/enrolments/${fx.enrolmentId}/logistics`,
    body: { gender: null },
  }),
  'PUT /programs/:id/logistics-settings': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/programs/${fx.programId}/logistics-settings`,
    body: { collect: ['travel'], dueDate: '2030-06-20', arrivalPoints: ['Tongren Fenghuang Airport'] },
  }),
  'PUT /programs/:id/assessments': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/programs/${fx.programId}/assessments`,
    body: { assessments: [{ enrolmentId: fx.enrolmentId, score: 80, remarks: 'Good' }] },
  }),
  'POST /programs/:id/selections': async (t, cast, fx) => ({
    actor: 'admin',
    path: `/programs/${(await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true })).id}/selections`,
    body: { fromProgramId: fx.doneProgramId, traineeIds: [cast.trainee.user.traineeId] },
  }),
  // Erasure (issue 23): a throw-away account asks for itself; an admin for a fresh trainee.
  'POST /me/erasure-request': async (t, cast) => ({
    actor: 'trainee',
    auth: (await throwAway(t, cast)).auth,
    path: '/me/erasure-request',
    body: { keepCertificatesVerifiable: true },
  }),
  'POST /trainees/:id/erasure-request': async (t, cast) => ({
    actor: 'admin',
    path: `/trainees/${(await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id }))[0]}/erasure-request`,
    body: { keepCertificatesVerifiable: false },
  }),
  'POST /privacy/requests/:id/refuse': async (t, cast) => {
    const [traineeId] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
    const res = await t.http
      .post(api(`/trainees/${traineeId}/erasure-request`))
      .set(cast.partner.auth)
      .send({ keepCertificatesVerifiable: true });
    return { actor: 'admin', path: `/privacy/requests/${res.body.id}/refuse`, body: { reason: 'Audit hold' } };
  },
  'POST /certificates/:id/revoke': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/certificates/${fx.certificateId}/revoke`,
    body: { reason: 'Issued in error' },
  }),
  'POST /certificates/:id/reissue': async (t, _c, fx) => {
    // Another completer's certificate than the one revoked above.
    const [row] = await t.dataSource.query('SELECT id FROM certificates WHERE program_id = $1 AND id <> $2 LIMIT 1', [
      fx.doneProgramId,
      fx.certificateId,
    ]);
    return { actor: 'admin', path: `/certificates/${row.id}/reissue`, body: { reason: 'Name corrected' } };
  },
  'POST /programs/:id/rooms': (_t, _c, fx) => ({
    actor: 'admin',
    path: `/programs/${fx.programId}/rooms`,
    body: { name: 'Guest house 101', capacity: 2, gender: 'any' },
  }),
  'PATCH /rooms/:id': async (t, cast, fx) => {
    const room = await t.http
      .post(api(`/programs/${fx.programId}/rooms`))
      .set(cast.admin.auth)
      .send({ name: 'Guest house 102', capacity: 2 });
    return { actor: 'admin', path: `/rooms/${room.body.id}`, body: { capacity: 3 } };
  },
  'PUT /enrolments/:id/room': async (t, cast, fx) => {
    const room = await t.http
      .post(api(`/programs/${fx.programId}/rooms`))
      .set(cast.admin.auth)
      .send({ name: 'Guest house 103', capacity: 2 });
    return { actor: 'admin', path: `/enrolments/${fx.enrolmentId}/room`, body: { roomId: room.body.id } };
  },
};

/** `METHOD /path` of every handler that has a @Body() parameter — the routes a body can reach. */
function bodyReadingRoutes(t: TestApp): Set<string> {
  const discovery = t.app.get(DiscoveryService);
  const withBody = new Set<string>();
  for (const { metatype } of discovery.getControllers()) {
    if (!metatype) continue;
    for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<string, unknown>;
      if (Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`))) {
        withBody.add(`${metatype.name}.${name}`);
      }
    }
  }
  return new Set(
    routeTable(t.app)
      .filter((r) => withBody.has(`${r.controller}.${r.handler}`))
      .map((r) => `${r.method} ${r.path.replace(/^\/api\/v1/, '')}`),
  );
}

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  type?: string;
};
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(doc: OpenApi, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop() as string]);
  if (schema.allOf?.length === 1 && !schema.properties) return resolve(doc, schema.allOf[0]);
  return schema;
}

/** The JSON request schema of a route, from the served OpenAPI document. */
function requestSchema(doc: OpenApi, route: string): Schema | undefined {
  const [method, path] = route.split(' ');
  const openApiPath = `/api/v1${path.replace(/:(\w+)/g, '{$1}')}`;
  const operation = doc.paths[openApiPath]?.[method.toLowerCase()];
  return resolve(doc, operation?.requestBody?.content['application/json']?.schema);
}

interface Case {
  name: string;
  /** The body with the extra property put in. */
  mutate: (body: Json) => Json;
  /** Fields a 400 may name for it: the extra's own path, or (for LocalizedText, checked as one value) its parent. */
  fields: string[];
}

/** Every case for one route: each undeclared extra at the top level, and in each nested object of the body. */
function casesFor(doc: OpenApi, route: string, body: Json): Case[] {
  const schema = requestSchema(doc, route);
  if (!schema) throw new Error(`${route}: no JSON request schema in the OpenAPI document`);
  const cases: Case[] = [];
  if (Array.isArray(body)) {
    const item = resolve(doc, schema.items);
    for (const [extra, value] of Object.entries(NESTED_EXTRAS)) {
      if (item?.properties?.[extra]) continue;
      cases.push({
        name: `[0].${extra}`,
        mutate: (b) => (b as Record<string, unknown>[]).map((m, i) => (i === 0 ? { ...m, [extra]: value } : m)),
        fields: [`[0].${extra}`],
      });
    }
    return cases;
  }
  const declared = schema.properties ?? {};
  for (const [extra, value] of Object.entries(EXTRAS)) {
    if (declared[extra]) continue;
    cases.push({ name: extra, mutate: (b) => ({ ...b, [extra]: value }), fields: [extra] });
  }
  for (const [parent, nested] of Object.entries(body)) {
    if (!nested || typeof nested !== 'object' || Array.isArray(nested)) continue;
    const nestedSchema = resolve(doc, declared[parent]);
    for (const [extra, value] of Object.entries(NESTED_EXTRAS)) {
      if (nestedSchema?.properties?.[extra]) continue;
      cases.push({
        name: `${parent}.${extra}`,
        mutate: (b) => ({ ...b, [parent]: { ...(nested as object), [extra]: value } }),
        fields: [`${parent}.${extra}`, parent],
      });
    }
  }
  return cases;
}

/** A fingerprint of every table: rows hashed in a stable order, one column per table. */
async function snapshot(t: TestApp, tables: string[]): Promise<Record<string, string>> {
  const columns = tables.map(
    (table) =>
      `(SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') FROM "${table}" r) AS "${table}"`,
  );
  const [row] = await t.dataSource.query(`SELECT ${columns.join(', ')}`);
  return row;
}

let t: TestApp;
let cast: Cast;
let classmate: SignedIn;
let fx: Fixtures;
let doc: OpenApi;
let tables: string[];

beforeAll(async () => {
  // No background e-mail delivery: the database changes only through the requests under test.
  t = await startTestApp({ OUTBOX_WORKER: 'false' });
  cast = await createCast(t);
  // A classmate: a second trainee of partner A, in the same programs as the cast's trainee.
  classmate = await signIn(t, (await createAccount(t, { role: Role.Trainee, institutionId: cast.partnerA.id })).email);
  const people = [cast.trainee, classmate, cast.otherTrainee].map((p) => p.user.traineeId as string);
  const enrol = async (programId: string, traineeId: string) => {
    const res = await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId });
    if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  // Both partners take part; the cast's instructor teaches its session.
  const both = { partnerInstitutionIds: [cast.partnerA.id, cast.partnerB.id] };
  const program = await createProgram(t, cast.admin.auth, cast.host, both, { publish: true });
  const session = await createSession(t, cast.admin.auth, program.id, {
    instructorIds: [cast.instructor.user.instructorId as string],
  });
  const guest = await createGuestInstructor(t, cast.admin.auth, cast.host.id);
  const enrolmentId = await enrol(program.id, people[0]);
  for (const id of people.slice(1)) await enrol(program.id, id);
  const done = await createProgram(t, cast.admin.auth, cast.host, both, { publish: true });
  for (const id of people) await enrol(done.id, id);
  await t.http.post(api(`/programs/${done.id}/complete`)).set(cast.admin.auth);
  const [certificate] = await t.dataSource.query(
    'SELECT id, verification_code AS code FROM certificates WHERE program_id = $1 AND trainee_id = $2',
    [done.id, people[0]],
  );
  // The e-mails those steps queued, delivered once to the development mailbox (the worker itself stays off).
  await t.app.get(OutboxWorker).deliverDue();
  const [message] = await t.dataSource.query('SELECT id FROM mailbox_messages LIMIT 1');
  const owner = await createAccount(t, { role: Role.Partner, institutionId: cast.partnerA.id });
  fx = {
    programId: program.id,
    sessionId: session.id,
    guestInstructorId: guest.id,
    enrolmentId,
    doneProgramId: done.id,
    certificateId: certificate.id,
    statusListId: (
      await t.dataSource.query('SELECT status_list_id AS id FROM certificate_credentials WHERE certificate_id = $1', [
        certificate.id,
      ])
    )[0].id,
    verificationCode: certificate.code,
    mailboxMessageId: message.id,
    passwordOwner: await signIn(t, owner.email),
    calendarFeedPath: new URL(
      (await t.http.get(api('/me/calendar-feed')).set(cast.trainee.auth)).body.url,
    ).pathname.replace(/^\/api\/v1/, ''),
    letter: await letterFixture(t, cast),
    openProgramCode: (await createProgram(t, cast.admin.auth, cast.host, {}, { publish: true })).code,
    dataExportId: await readyDataExport(t, cast.trainee.auth),
  };
  doc = (await t.http.get('/api/docs-json')).body;
  // Every table but the rate limiter's counters: a counted request's hits reach them a second later (the limiter
  // flushes in batches), so a case that counts (a QR check-in) may land its hits during the next case's snapshot.
  tables = (
    await t.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'rate_limit_hits'
        ORDER BY table_name`,
    )
  ).map((r: { name: string }) => r.name);
});
afterAll(() => t.close());

describe('mass assignment: undeclared body properties are refused and change nothing', () => {
  const authOf = (actor: Actor, route: string, call?: BodyCall): Record<string, string> => {
    if (call?.auth) return call.auth;
    if (actor === 'anonymous') return {};
    // The password route changes its caller's password: a throw-away account of its own.
    if (route === 'POST /auth/password') return fx.passwordOwner.auth;
    return cast[actor].auth;
  };

  it('covers every route whose handler reads a body, and every JSON body in the OpenAPI document', () => {
    expect([...bodyReadingRoutes(t)].sort()).toEqual(Object.keys(BODIES).sort());
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody?.content['application/json'])
        .map(([method]) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(Object.keys(BODIES).sort());
  });

  describe.each(Object.keys(BODIES))('%s', (route) => {
    const method = route.split(' ')[0].toLowerCase() as Method;
    let call: BodyCall;

    beforeAll(async () => {
      call = await BODIES[route](t, cast, fx);
    });

    it('refuses each undeclared property, naming it, and writes nothing', async () => {
      const cases = casesFor(doc, route, call.body);
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const before = await snapshot(t, tables);
        const res = await t.http[method](api(call.path))
          .set(authOf(call.actor, route, call))
          .send(c.mutate(structuredClone(call.body)));
        const fields = ((res.body.errors ?? []) as { field: string }[]).map((e) => e.field);
        expect({ case: c.name, status: res.status, type: res.headers['content-type'] }).toEqual({
          case: c.name,
          status: 400,
          type: expect.stringContaining('application/problem+json'),
        });
        expect({ case: c.name, code: res.body.code }).toEqual({ case: c.name, code: 'VALIDATION_FAILED' });
        // Named, and the only thing wrong with the body.
        expect({ case: c.name, named: fields.length > 0 && fields.every((f) => c.fields.includes(f)) }).toEqual({
          case: c.name,
          named: true,
        });
        expect(await snapshot(t, tables)).toEqual(before);
      }
    });

    it('accepts the same body without the extras (so the 400s above are theirs)', async () => {
      const res = await t.http[method](api(call.path))
        .set(authOf(call.actor, route, call))
        .send(call.body);
      expect({ route, status: res.status, body: res.status < 300 ? 'ok' : res.body }).toEqual({
        route,
        status: expect.any(Number),
        body: 'ok',
      });
    });
  });

  it('refuses __proto__ and constructor.prototype in a body, writing nothing', async () => {
    const before = await snapshot(t, tables);
    for (const raw of [
      '{"fullName":"x","__proto__":{"role":"admin"}}',
      '{"fullName":"x","constructor":{"prototype":{"role":"admin"}}}',
    ]) {
      const res = await t.http
        .patch(api('/auth/me'))
        .set(cast.trainee.auth)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await snapshot(t, tables)).toEqual(before);
    const me = await t.http.get(api('/auth/me')).set(cast.trainee.auth);
    expect(me.body.role).toBe('trainee');
  });

  describe('property-level rules by role', () => {
    it('a partner cannot move a trainee to another institution, nor a trainee themself', async () => {
      const id = cast.trainee.user.traineeId as string;
      const [before] = await t.dataSource.query('SELECT * FROM trainees WHERE id = $1', [id]);
      for (const auth of [cast.partner.auth, cast.trainee.auth]) {
        const res = await t.http
          .patch(api(`/trainees/${id}`))
          .set(auth)
          .send({ institutionId: cast.partnerB.id });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'institutionId' })]);
      }
      const [after] = await t.dataSource.query('SELECT * FROM trainees WHERE id = $1', [id]);
      expect(after).toEqual(before);
    });

    it('a partner’s new trainee joins the partner’s institution, whatever the body says', async () => {
      const res = await t.http
        .post(api('/trainees'))
        .set(cast.partner.auth)
        .send({ fullName: 'Nattapong K.', email: uniqueEmail(), nationality: 'TH', institutionId: cast.partnerB.id });
      // Either refused, or created in the partner's own institution — never in partner B.
      if (res.status === 201) expect(res.body.institutionId).toBe(cast.partnerA.id);
      else expect(res.status).toBe(400);
      const rows = await t.dataSource.query('SELECT 1 FROM trainees WHERE institution_id = $1 AND full_name = $2', [
        cast.partnerB.id,
        'Nattapong K.',
      ]);
      expect(rows).toEqual([]);
    });

    it('an import by a partner ignores extra columns: no id, account, role or other institution gets in', async () => {
      const email = uniqueEmail('import');
      const forgedId = '00000000-0000-4000-8000-0000000000aa';
      const file = csvFile([
        [...HEADER, 'id', 'institutionId', 'userId', 'role'],
        ['ณัฐพงศ์ ก.', 'Nattapong K.', email, 'TH', '', 'th', forgedId, cast.partnerB.id, cast.admin.user.id, 'admin'],
      ]);
      const res = await t.http
        .post(api('/trainees/import?dryRun=false&noticeVersion=2026-12&informedAttested=true'))
        .set(cast.partner.auth)
        .attach('file', file, { filename: 'trainees.csv', contentType: 'text/csv' });
      // (Multipart, so not in the table above: the columns it reads are fixed, the rest are ignored.)
      expect(res.status).toBe(200);
      const [row] = await t.dataSource.query(
        'SELECT id, institution_id AS "institutionId", user_id AS "userId" FROM trainees WHERE email = $1',
        [email],
      );
      expect(row).toEqual({ id: expect.any(String), institutionId: cast.partnerA.id, userId: null });
      expect(row.id).not.toBe(forgedId);
      const [admin] = await t.dataSource.query('SELECT role FROM users WHERE id = $1', [cast.admin.user.id]);
      expect(admin.role).toBe('admin');
    });

    it('a meeting report’s assignments take only a row and a trainee: no source, status or recorder gets in', async () => {
      const report = csvFile([
        ['Name (Original Name)', 'User Email', 'Join Time', 'Leave Time', 'Duration (Minutes)', 'Guest'],
        ['Visitor', '', '09/03/2024 09:00:00 AM', '09/03/2024 11:00:00 AM', '120', 'Yes'],
      ]);
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM attendance WHERE session_id = $1', [
        fx.sessionId,
      ]);
      const res = await t.http
        .post(api(`/sessions/${fx.sessionId}/attendance/import?dryRun=false`))
        .set(cast.admin.auth)
        .field(
          'assignments',
          JSON.stringify([
            { row: 2, traineeId: null, status: 'excused', source: 'register', recordedBy: cast.instructor.user.id },
          ]),
        )
        .attach('file', report, { filename: 'participants.csv', contentType: 'text/csv' });
      // (Multipart, so not in the table above: the file's columns are fixed, the assignments' members checked.)
      expect(res.status).toBe(400);
      expect(((res.body.errors ?? []) as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'assignments[0].recordedBy',
        'assignments[0].source',
        'assignments[0].status',
      ]);
      const after = await t.dataSource.query('SELECT count(*)::int AS n FROM attendance WHERE session_id = $1', [
        fx.sessionId,
      ]);
      expect(after).toEqual(before);
    });
  });
});

type Viewer =
  'anonymous' | 'admin' | 'instructor' | 'partner' | 'otherPartner' | 'trainee' | 'classmate' | 'otherTrainee';
const VIEWERS: Viewer[] = [
  'anonymous',
  'admin',
  'instructor',
  'partner',
  'otherPartner',
  'trainee',
  'classmate',
  'otherTrainee',
];

/** Property names no response may carry (any casing): secrets, and the hashes that stand in for them. */
const SECRET_PROPERTY =
  /^(password|passwordHash|hash|secret|secretHash|tokenVersion|refreshToken|token|accessToken|jwt|verificationSecret)$/i;
/** The one response that hands out a token: the session a sign-in, registration or refresh opens. */
const TOKEN_RESPONSES = new Set(['SessionResponseDto']);
/**
 * A secret handed to its owner on purpose, once: the new TOTP secret of a
 * two-factor set-up, for the authenticator app.
 */
const OWN_SECRETS = new Set(['TotpSetupResponseDto.secret']);
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/;

/** Every property of a schema, nested ones too, as `Schema.path`, following $ref, allOf/oneOf/anyOf and items. */
function propertiesOf(doc: OpenApi, schema: Schema | undefined, where: string, seen = new Set<string>()): string[] {
  if (!schema) return [];
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() as string;
    if (seen.has(name)) return [];
    return propertiesOf(doc, doc.components.schemas[name], name, new Set([...seen, name]));
  }
  const s = schema as Schema & { oneOf?: Schema[]; anyOf?: Schema[]; additionalProperties?: Schema | boolean };
  const parts = [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])];
  return [
    ...parts.flatMap((part) => propertiesOf(doc, part, where, seen)),
    ...propertiesOf(doc, s.items, where, seen),
    ...(typeof s.additionalProperties === 'object' ? propertiesOf(doc, s.additionalProperties, where, seen) : []),
    ...Object.entries(s.properties ?? {}).flatMap(([name, child]) => [
      `${where}.${name}`,
      ...propertiesOf(doc, child, `${where}.${name}`, seen),
    ]),
  ];
}

/** The caller's copy of their data, requested and made by the worker as in production (the loop itself stays off). */
async function readyDataExport(t: TestApp, auth: { Authorization: string }): Promise<string> {
  const requested = await t.http.post(api('/me/data-exports')).set(auth).send();
  expect(requested.status).toBe(202);
  let status = 'pending';
  for (let tries = 0; status === 'pending' && tries < 200; tries += 1) {
    // A background loop of the test app may hold the row (SKIP LOCKED): then wait for it.
    if ((await t.app.get(DataExportWorker).runDue()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    status = (await t.http.get(api(`/me/data-exports/${requested.body.id}`)).set(auth)).body.status;
  }
  expect(status).toBe('ready');
  return requested.body.id as string;
}

/** One request per (GET route, record): the path with its parameters filled from the fixtures. */
function readPaths(route: string): string[] {
  const path = route.replace(/^GET /, '');
  const byResource: Record<string, string[]> = {
    '/users/:id': [cast.trainee.user.id, cast.otherPartner.user.id],
    '/institutions/:id': [cast.partnerB.id],
    '/programs/:id': [fx.programId, fx.doneProgramId],
    '/reports/programs/:id': [fx.programId],
    '/sessions/:id': [fx.sessionId],
    '/instructors/:id': [cast.instructor.user.instructorId as string],
    '/trainees/:id': [cast.trainee, classmate, cast.otherTrainee].map((p) => p.user.traineeId as string),
    '/certificates/:id': [fx.certificateId],
    '/verify/:code': [fx.verificationCode],
    '/mailbox/:id': [fx.mailboxMessageId],
    '/credentials/issuers/:institutionId': [cast.host.id],
    '/credentials/status/:listId': [fx.statusListId],
    '/enrolments/:id': [fx.enrolmentId, fx.letter.enrolmentId],
    '/verify/letters/:reference': [fx.letter.reference],
    '/public/programs/:code': [fx.openProgramCode],
    '/privacy-notices/:version': ['2026-12'],
    '/me/data-exports/:id': [fx.dataExportId],
  };
  if (!path.includes(':')) return [path];
  if (path === '/calendar/:token.ics') return [fx.calendarFeedPath];
  const prefix = Object.keys(byResource).find((p) => path.startsWith(p));
  if (!prefix) return [];
  return byResource[prefix].map((value) => path.replace(/:(id|code|institutionId|listId|reference|version)/, value));
}

describe('responses carry no secrets and no one else’s e-mail', () => {
  let people: { email: string; institutionId: string | null }[];
  /** The trainees of the program the cast's instructor teaches: on the roster they may read. */
  let taught: string[];
  let secrets: string[];

  beforeAll(async () => {
    // A trainee account's institution is its trainee row's.
    people = await t.dataSource.query(
      `SELECT u.email, CASE WHEN u.role = 'trainee' THEN t.institution_id ELSE u.institution_id END AS "institutionId"
         FROM users u LEFT JOIN trainees t ON t.user_id = u.id
        UNION SELECT email, institution_id FROM trainees`,
    );
    taught = (
      await t.dataSource.query(
        'SELECT t.email FROM enrolments e JOIN trainees t ON t.id = e.trainee_id WHERE e.program_id = $1',
        [fx.programId],
      )
    ).map((r: { email: string }) => r.email);
    secrets = [
      ...(await t.dataSource.query('SELECT password_hash AS s FROM users')),
      ...(await t.dataSource.query(
        `SELECT encode(secret_hash, 'hex') AS s FROM refresh_tokens
          UNION ALL SELECT encode(secret_hash, 'base64') FROM refresh_tokens`,
      )),
    ].map((r: { s: string }) => r.s);
    expect(secrets.length).toBeGreaterThan(VIEWERS.length);
  });

  const signedInAs = (viewer: Viewer): SignedIn | null =>
    viewer === 'anonymous' ? null : viewer === 'classmate' ? classmate : cast[viewer];

  /**
   * Addresses this viewer must never be shown: everyone's but their own —
   * except that a partner sees its own institution's people, and an
   * instructor the trainees of the program they teach (its roster).
   */
  const forbiddenEmails = (viewer: Viewer): string[] => {
    if (viewer === 'admin') return [];
    const me = signedInAs(viewer);
    const institution = viewer === 'partner' ? cast.partnerA.id : viewer === 'otherPartner' ? cast.partnerB.id : null;
    return people
      .filter((p) => p.email !== me?.user.email)
      .filter((p) => !institution || p.institutionId !== institution)
      .filter((p) => viewer !== 'instructor' || !taught.includes(p.email))
      .map((p) => p.email);
  };

  it('no response schema in the OpenAPI document has a secret-bearing property', () => {
    const responses = Object.values(doc.paths).flatMap((operations) =>
      Object.values(operations).flatMap((operation) =>
        Object.values(
          (operation as { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> }).responses ??
            {},
        ).flatMap((response) => Object.values(response.content ?? {}).map((c) => c.schema)),
      ),
    );
    const properties = [...new Set(responses.flatMap((schema) => propertiesOf(doc, schema, 'response')))];
    expect(properties.length).toBeGreaterThan(50);
    const leaking = properties.filter((p) => {
      const [owner, ...rest] = p.split('.');
      const name = rest[rest.length - 1];
      if (OWN_SECRETS.has(p)) return false;
      return SECRET_PROPERTY.test(name) && !(TOKEN_RESPONSES.has(owner) && p === `${owner}.accessToken`);
    });
    expect(leaking).toEqual([]);
  });

  it('every GET route has records to read', () => {
    const unresolved = routeTable(t.app)
      .filter((r) => r.method === 'GET')
      .map((r) => `GET ${r.path.replace(/^\/api\/v1/, '')}`)
      .filter((route) => readPaths(route).length === 0);
    expect(unresolved).toEqual([]);
  });

  describe.each(VIEWERS)('as %s', (viewer) => {
    it('no GET response holds a password hash, a token secret, a JWT, or an e-mail the viewer may not see', async () => {
      const me = signedInAs(viewer);
      const forbidden = forbiddenEmails(viewer);
      const routes = routeTable(t.app)
        .filter((r) => r.method === 'GET')
        .map((r) => `GET ${r.path.replace(/^\/api\/v1/, '')}`);
      const findings: string[] = [];
      let read = 0;
      for (const path of routes.flatMap(readPaths)) {
        let request = t.http.get(api(path));
        if (me) request = request.set(me.auth);
        const res = await request.buffer(true);
        const type = String(res.headers['content-type'] ?? '');
        // Zipped (xlsx) and compressed (pdf) files cannot be searched as text; their rows come from the same reads.
        if (/spreadsheetml|application\/pdf/.test(type)) continue;
        const text = res.text ?? '';
        if (res.status === 200) read += 1;
        if (text.includes('$argon2')) findings.push(`${path}: an argon2 hash`);
        if (secrets.some((s) => text.includes(s))) findings.push(`${path}: a stored secret`);
        if (JWT.test(text)) findings.push(`${path}: a JWT`);
        const lower = text.toLowerCase();
        for (const email of forbidden) if (lower.includes(email.toLowerCase())) findings.push(`${path}: ${email}`);
      }
      expect(findings).toEqual([]);
      // The viewer actually read something (an anonymous caller: the public routes).
      expect(read).toBeGreaterThan(viewer === 'anonymous' ? 1 : 5);
    });
  });
});
