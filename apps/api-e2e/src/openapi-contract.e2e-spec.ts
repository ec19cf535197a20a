import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { Cast, createCast, SignedIn } from './factories/accounts';
import { createPartnerAProgram, newApplication } from './factories/enrolments';
import { createGuestInstructor, createProgram, createSession } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { OpenApiValidator } from './support/openapi-validator';
import { letterFixture } from './support/invitation-letters';
import { api, binary, startTestApp, TestApp } from './support/test-app';

/*
 * The contract test of issue 18: every GET route of the OpenAPI document — read from the document, so a new
 * route is covered the day it appears — called by each kind of caller with seeded records, and each answer
 * (success or problem) checked against the schema the document gives for that status and media type, with
 * Ajv, strictly (see OpenApiValidator: undocumented fields and statuses are mismatches too).
 */

const CALLERS = ['anonymous', 'admin', 'partner', 'trainee', 'instructor'] as const;
type Caller = (typeof CALLERS)[number];

/**
 * GET routes this test cannot call with a record of its own (a path parameter it has no value for): each
 * must be named here, with the reason, and the list may only shrink. Today there is none.
 */
const UNREACHABLE: string[] = [];

interface Fixtures {
  cast: Cast;
  /** Values for each `{param}`, by the path segment before it: every value is called. */
  params: Record<string, string[]>;
}

interface Answer {
  caller: Caller;
  route: string;
  path: string;
  status: number;
  problems: string[];
  /** The JSON of a 2xx answer carried no list items, or an empty list. */
  empty: boolean;
}

/** Everything the routes show: a program with a session, enrolments of each kind, marks, certificates. */
async function seed(t: TestApp): Promise<Fixtures> {
  const cast = await createCast(t);
  const { admin, partner, trainee, instructor } = cast;
  const ok = (res: { status: number; body: unknown }, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };

  // A program of partner A that the instructor teaches: the cast's trainee confirmed and marked present with a
  // score; a classmate with a Latin name, confirmed but unmarked; partner A's applicant waiting.
  const program = await createPartnerAProgram(t, cast);
  const session = await createSession(t, admin.auth, program.id, {
    instructorIds: [instructor.user.instructorId as string],
    venue: 'Building 3, Room 301',
  });
  const [classmate] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id, nationality: 'MM' });
  const enrolment = ok(
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(admin.auth)
      .send({ traineeId: trainee.user.traineeId }),
    'enrolment',
  );
  ok(
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(admin.auth)
      .send({ traineeId: classmate }),
    'classmate enrolment',
  );
  ok(
    await t.http
      .put(api(`/sessions/${session.id}/attendance`))
      .set(instructor.auth)
      .send([{ traineeId: trainee.user.traineeId, status: 'present' }]),
    'attendance',
  );
  ok(
    await t.http
      .put(api(`/enrolments/${enrolment.id}/assessment`))
      .set(instructor.auth)
      .send({ score: 88.5, remarks: 'Clear presentation' }),
    'assessment',
  );
  // A room of the program with the trainee in it (issue 20): the room list has an occupant to describe.
  const room = ok(
    await t.http
      .post(api(`/programs/${program.id}/rooms`))
      .set(admin.auth)
      .send({ name: 'Guest house 101', capacity: 2 }),
    'room',
  );
  ok(
    await t.http
      .put(api(`/enrolments/${enrolment.id}/room`))
      .set(admin.auth)
      .send({ roomId: room.id }),
    'room assignment',
  );
  await newApplication(t, cast);

  // A finished program: the trainee's certificate, reissued, so there is a revoked one that points to its
  // replacement and a replacement that points back.
  const finished = await createPartnerAProgram(t, cast);
  const finishedSession = await createSession(t, admin.auth, finished.id, {
    instructorIds: [instructor.user.instructorId as string],
    startsAt: '2024-09-04T14:00:00+08:00',
    endsAt: '2024-09-04T16:00:00+08:00',
  });
  ok(
    await t.http
      .post(api(`/programs/${finished.id}/enrolments`))
      .set(admin.auth)
      .send({ traineeId: trainee.user.traineeId }),
    'enrolment in the finished program',
  );
  ok(
    await t.http
      .put(api(`/sessions/${finishedSession.id}/attendance`))
      .set(admin.auth)
      .send([{ traineeId: trainee.user.traineeId, status: 'late' }]),
    'attendance of the finished program',
  );
  ok(await t.http.post(api(`/programs/${finished.id}/complete`)).set(admin.auth), 'completion');
  const [first] = await t.dataSource.query('SELECT id FROM certificates WHERE program_id = $1', [finished.id]);
  const reissued = ok(
    await t.http
      .post(api(`/certificates/${first.id}/reissue`))
      .set(admin.auth)
      .send({ reason: 'Name corrected' }),
    'reissue',
  );
  const certificates = (await t.dataSource.query(
    'SELECT id, verification_code AS code, serial FROM certificates WHERE program_id = $1 ORDER BY issued_at',
    [finished.id],
  )) as { id: string; code: string; serial: string }[];
  const [list] = await t.dataSource.query(
    'SELECT status_list_id AS id FROM certificate_credentials WHERE certificate_id = $1',
    [reissued.id],
  );

  // The credential, signed: the host institution has a key, so its issuer document exists.
  ok(await t.http.get(api(`/certificates/${reissued.id}/credential`)).set(admin.auth), 'credential');

  // A program of the coming weeks, in the instructor's timetable (which starts today).
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const upcoming = await createPartnerAProgram(t, cast, { startDate: day(14), endDate: day(16) });
  await createSession(t, admin.auth, upcoming.id, {
    instructorIds: [instructor.user.instructorId as string],
    startsAt: `${day(14)}T09:00:00+08:00`,
    endsAt: `${day(14)}T11:00:00+08:00`,
  });
  // It collects logistics, and the trainee is in it: "My programs" shows what they still owe.
  ok(
    await t.http
      .put(api(`/programs/${upcoming.id}/logistics-settings`))
      .set(admin.auth)
      .send({ collect: ['travel', 'accommodation'], arrivalPoints: ['Tongren Fenghuang Airport'] }),
    'logistics settings',
  );
  const upcomingEnrolment = ok(
    await t.http
      .post(api(`/programs/${upcoming.id}/enrolments`))
      .set(admin.auth)
      .send({ traineeId: trainee.user.traineeId }),
    'enrolment in the upcoming program',
  );
  ok(
    await t.http
      .put(api(`/enrolments/${upcomingEnrolment.id}/logistics`))
      .set(trainee.auth)
      .send({ gender: 'female', arrival: { at: `${day(14)}T08:00:00+08:00`, point: 'Tongren Fenghuang Airport' } }),
    'logistics',
  );

  // The host's certificate design, a guest instructor, a message in the development mailbox.
  ok(
    await t.http
      .put(api(`/institutions/${cast.host.id}/certificate-design`))
      .set(admin.auth)
      .send({
        accentColor: '#7A1F2B',
        signatories: [{ name: { zh: '王建国' }, title: { zh: '校长', en: 'President' } }],
      }),
    'certificate design',
  );
  const guest = await createGuestInstructor(t, admin.auth, cast.host.id);
  const message = await mailboxMessage(t);
  // The trainee's personal calendar feed: its secret address carries the token.
  const feed = ok(await t.http.get(api('/me/calendar-feed')).set(trainee.auth), 'calendar feed');
  const feedToken = /\/calendar\/([^/]+)\.ics$/.exec(String(feed.url))?.[1] as string;

  // The trainee's visa invitation letter (issue 20), issued once: its enrolment and its reference.
  const letter = await letterFixture(t, cast);

  // A session on now with QR check-in open (issue 21): its code can be shown.
  const running = await createPartnerAProgram(t, cast, { startDate: day(-2), endDate: day(2) });
  const live = await createSession(t, admin.auth, running.id, {
    instructorIds: [instructor.user.instructorId as string],
    startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 60 * 60_000).toISOString(),
  });
  ok(
    await t.http
      .post(api(`/sessions/${live.id}/check-in/open`))
      .set(admin.auth)
      .send({ minutes: 60 }),
    'check-in open',
  );

  // The trainee's erasure request (issue 23), waiting for the admins: their own and the admins' queue show it.
  ok(
    await t.http.post(api('/me/erasure-request')).set(trainee.auth).send({ keepCertificatesVerifiable: true }),
    'erasure request',
  );
  // The trainee's consent given on the profile page (issue 23): GET /me/consents shows a record.
  ok(
    await t.http
      .post(api('/me/consents'))
      .set(trainee.auth)
      .send({ purpose: 'program-news', noticeVersion: '2026-12' }),
    'consent',
  );

  // A program of the open catalog (issue 22): published, open to anyone, with a session.
  const open = await createProgram(t, admin.auth, cast.host, {}, { publish: true });
  await createSession(t, admin.auth, open.id, { venue: 'Building 3, Room 302' });

  // A ready copy of the trainee's data (issue 23), as the data-export worker leaves one: an empty ZIP.
  const emptyZip = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
  const [dataExport] = (await t.dataSource.query(
    `INSERT INTO data_exports (user_id, status, ready_at, expires_at, size_bytes, content)
     VALUES ($1, 'ready', now(), now() + interval '1 day', $2, $3) RETURNING id`,
    [trainee.user.id, emptyZip.length, emptyZip],
  )) as { id: string }[];

  return {
    cast,
    params: {
      'programs/{id}': [program.id, finished.id, upcoming.id],
      'sessions/{id}': [session.id, live.id],
      'instructors/{id}': [instructor.user.instructorId as string, guest.id],
      'trainees/{id}': [trainee.user.traineeId as string],
      'certificates/{id}': certificates.map((c) => c.id),
      'verify/{code}': [...certificates.map((c) => c.code), certificates[0].serial],
      'institutions/{id}': [cast.host.id, cast.partnerA.id],
      'issuers/{institutionId}': [cast.host.id],
      'status/{listId}': [list.id],
      'users/{id}': [trainee.user.id, partner.user.id],
      'mailbox/{id}': [message],
      'calendar/{token}': [feedToken],
      'enrolments/{id}': [enrolment.id as string, upcomingEnrolment.id as string, letter.enrolmentId],
      'letters/{reference}': [letter.reference],
      'programs/{code}': [open.code],
      'data-exports/{id}': [dataExport.id],
      'privacy-notices/{version}': ['2026-12'],
    },
  };
}

/** A message of the development mailbox, once the outbox worker has put one there. */
async function mailboxMessage(t: TestApp): Promise<string> {
  for (let tries = 0; tries < 200; tries += 1) {
    const [row] = await t.dataSource.query('SELECT id FROM mailbox_messages LIMIT 1');
    if (row) return row.id as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no message reached the development mailbox');
}

/** Every way to fill the route's path parameters from the fixtures, or null when one has no value. */
function pathsOf(route: string, params: Fixtures['params']): string[] | null {
  let paths = [route];
  for (const match of route.matchAll(/([^/]+)\/\{(\w+)\}/g)) {
    const values = params[`${match[1]}/{${match[2]}}`];
    if (!values) return null;
    paths = paths.flatMap((path) => values.map((value) => path.replace(`{${match[2]}}`, encodeURIComponent(value))));
  }
  return paths;
}

/** The media type of an answer, without its parameters (`application/json`). */
function mediaTypeOf(res: { headers: Record<string, string | undefined> }): string {
  return String(res.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
}

/** True when an answer shows no record: `[]`, or `{ items: [] }` (a file or another document is not empty). */
function isEmpty(body: Buffer): boolean {
  const text = body.toString('utf8').trim();
  if (!text.startsWith('[') && !text.startsWith('{')) return false;
  const value: unknown = JSON.parse(text);
  const list = Array.isArray(value) ? value : (value as { items?: unknown }).items;
  return Array.isArray(list) && list.length === 0;
}

describe('the OpenAPI document describes every GET answer (contract)', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  let validator: OpenApiValidator;
  let fixtures: Fixtures;
  let routes: { route: string; operation: OperationObject }[];
  const answers: Answer[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/api/docs-json')).body;
    validator = new OpenApiValidator(document);
    routes = Object.entries(document.paths)
      .filter(([, item]) => item.get)
      .map(([route, item]) => ({ route, operation: item.get as OperationObject }));
    fixtures = await seed(t);
  }, 120_000);
  afterAll(() => t.close());

  it('finds the GET routes in the document, and a record for each path parameter', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    const unreachable = routes.filter(({ route }) => pathsOf(route, fixtures.params) === null).map((r) => r.route);
    expect(unreachable).toEqual(UNREACHABLE);
  });

  it.each(CALLERS)(
    'as %s: every answer matches the schema documented for its status and media type',
    async (caller) => {
      const auth = caller === 'anonymous' ? undefined : signedIn(fixtures, caller).auth;
      for (const { route, operation } of routes) {
        const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
        if (caller === 'anonymous' && !isPublic) continue;
        for (const path of pathsOf(route, fixtures.params) ?? []) {
          let request = t.http.get(path).buffer(true).parse(binary);
          if (auth) request = request.set(auth);
          const res = await request;
          const body = res.body as Buffer;
          const problems = validator.check(operation, res.status, mediaTypeOf(res), body);
          answers.push({
            caller,
            route,
            path,
            status: res.status,
            problems,
            empty: problems.length === 0 && isEmpty(body),
          });
        }
      }
      const mismatches = answers
        .filter((a) => a.caller === caller && a.problems.length > 0)
        .map((a) => `${a.status} GET ${a.path}: ${a.problems.join('; ')}`);
      expect(mismatches).toEqual([]);
    },
    120_000,
  );

  it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])(
    'as admin, with %s for every path parameter: a documented problem',
    async (value) => {
      const mismatches: string[] = [];
      for (const { route, operation } of routes.filter((r) => r.route.includes('{'))) {
        const path = route.replace(/\{\w+\}/g, value);
        const res = await t.http.get(path).set(fixtures.cast.admin.auth).buffer(true).parse(binary);
        if (res.status < 400) mismatches.push(`${res.status} GET ${path}: a success for a record that does not exist`);
        const problems = validator.check(operation, res.status, mediaTypeOf(res), res.body as Buffer);
        if (problems.length > 0) mismatches.push(`${res.status} GET ${path}: ${problems.join('; ')}`);
      }
      expect(mismatches).toEqual([]);
    },
    120_000,
  );

  it('reached every GET route with a success, and saw records in every list', () => {
    const succeeded = (route: string) => answers.filter((a) => a.route === route && a.status < 300);
    expect(routes.filter(({ route }) => succeeded(route).length === 0).map((r) => r.route)).toEqual([]);
    expect(routes.filter(({ route }) => succeeded(route).every((a) => a.empty)).map((r) => r.route)).toEqual([]);
    // Every caller was answered, so the per-caller checks above had something to check.
    for (const caller of CALLERS) expect(answers.filter((a) => a.caller === caller).length).toBeGreaterThan(0);
  });
});

function signedIn({ cast }: Fixtures, caller: Exclude<Caller, 'anonymous'>): SignedIn {
  return cast[caller];
}
