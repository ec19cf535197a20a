import { DiscoveryService } from '@nestjs/core';
import {
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  PROBLEM_CONTENT_TYPE,
  Role,
  TRAINEE_IMPORT_MAX_BYTES,
  TRAINEE_IMPORT_MAX_ROWS,
} from '@skillbridge/contracts';
import type { Response } from 'superagent';
import { request as httpRequest } from 'node:http';
import { routeTable, type RouteInfo } from '@skillbridge/api/common/auth/route-table';
import { ListQueryDto } from '@skillbridge/api/common/pagination/list-query.dto';
import { Cast, createCast } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createProgram } from './factories/programs';
import { csvFile, HEADER, insertTrainees } from './factories/trainees';
import { createPartnerAProgram } from './factories/enrolments';
import { ProbeModule } from './support/probe.module';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
const fieldErrors = (res: Response) =>
  ((res.body?.errors ?? []) as { field: string; code: string }[]).map((e) => `${e.field}:${e.code}`);

/**
 * The list routes, read from the application itself: every GET whose query
 * is a ListQueryDto. A list added tomorrow is covered without editing this file.
 */
function listRoutes(t: TestApp): RouteInfo[] {
  const controllers = new Map(
    t.app
      .get(DiscoveryService)
      .getControllers()
      .flatMap((wrapper) =>
        wrapper.metatype ? [[wrapper.metatype.name, wrapper.metatype as { prototype: object }]] : [],
      ) as [string, { prototype: object }][],
  );
  return routeTable(t.app).filter((route) => {
    if (route.method !== 'GET') return false;
    const controller = controllers.get(route.controller);
    const types: unknown[] =
      (controller && Reflect.getMetadata('design:paramtypes', controller.prototype, route.handler)) ?? [];
    return types.some((type) => typeof type === 'function' && type.prototype instanceof ListQueryDto);
  });
}

/** Problem document with this status (and, when given, an error naming this field). */
function expectProblem(res: Response, what: string, status: number, field?: string) {
  expect({ what, status: res.status, type: res.headers['content-type'] }).toEqual({
    what,
    status,
    type: expect.stringContaining(PROBLEM_CONTENT_TYPE),
  });
  if (field) expect({ what, fields: fieldErrors(res).map((f) => f.split(':')[0]) }).toEqual({ what, fields: [field] });
}

describe('resource limits (OWASP API4)', () => {
  let t: TestApp;
  let cast: Cast;
  let programId: string;
  let lists: RouteInfo[];

  /** A caller the route admits: an admin where admins may, else the role it names first. */
  function callerOf(route: RouteInfo): Auth | undefined {
    const access = route.access;
    if (!access || access.kind === 'public') return undefined;
    if (access.roles.includes(Role.Admin)) return cast.admin.auth;
    const byRole: Record<string, Auth> = {
      [Role.Instructor]: cast.instructor.auth,
      [Role.Partner]: cast.partner.auth,
      [Role.Trainee]: cast.trainee.auth,
    };
    return byRole[access.roles[0]];
  }

  function pathOf(route: RouteInfo): string {
    const path = route.path.replace(/^\/api\/v1/, '').replace('/programs/:id', `/programs/${programId}`);
    if (path.includes(':')) throw new Error(`no fixture for the parameter of ${route.path}: add one here`);
    return path;
  }

  function call(route: RouteInfo, query: string) {
    const request = t.http.get(api(`${pathOf(route)}?${query}`));
    const auth = callerOf(route);
    return auth ? request.set(auth) : request;
  }

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    const program = await createPartnerAProgram(t, cast);
    programId = program.id;
    lists = listRoutes(t);
  });
  afterAll(() => t.close());

  describe('page size', () => {
    it('finds the list routes in the route table', () => {
      const found = lists.map((route) => `${route.method} ${route.path.replace(/^\/api\/v1/, '')}`);
      expect(found).toEqual(
        expect.arrayContaining([
          'GET /programs',
          'GET /trainees',
          'GET /programs/:id/enrolments',
          'GET /certificates',
          'GET /users',
          'GET /audit-events',
        ]),
      );
      expect(found.length).toBeGreaterThanOrEqual(10);
    });

    it(`refuses a page size above ${PAGE_LIMIT_MAX} on every list, naming limit`, async () => {
      const answers: string[] = [];
      for (const route of lists) {
        const res = await call(route, `limit=${PAGE_LIMIT_MAX + 1}`);
        answers.push(`${route.path} ${res.status} ${fieldErrors(res).join(',')}`);
      }
      expect(answers).toEqual(lists.map((route) => `${route.path} 400 limit:MAX`));
    });

    it('refuses a page size that is not a whole number from 1 up, or given twice', async () => {
      const answers: string[] = [];
      for (const route of lists) {
        for (const limit of ['limit=0', 'limit=-1', 'limit=2.5', 'limit=ten', 'limit=1e9', 'limit=5&limit=6']) {
          const res = await call(route, limit);
          answers.push(
            `${route.path} ${limit} ${res.status} ${[...new Set(fieldErrors(res).map((f) => f.split(':')[0]))]}`,
          );
        }
      }
      expect(answers.filter((a) => !/ 400 limit$/.test(a))).toEqual([]);
    });

    it('serves the largest page size on every list: a page with a cursor, or the whole export as a file', async () => {
      const answers: string[] = [];
      for (const route of lists) {
        const res = await call(route, `limit=${PAGE_LIMIT_MAX}`).buffer(true);
        const type = String(res.headers['content-type']);
        // Roster exports take the list's filters and stream every row to a file.
        const shape = type.startsWith('application/json')
          ? `page ${Array.isArray(res.body.items) && res.body.items.length <= PAGE_LIMIT_MAX && 'nextCursor' in res.body}`
          : `file ${/^(text\/csv|application\/vnd\.openxmlformats)/.test(type) && /attachment/.test(res.headers['content-disposition'] ?? '')}`;
        answers.push(`${route.path} ${res.status} ${shape}`);
      }
      expect(answers).toEqual(
        lists.map((route) => `${route.path} 200 ${/\.(csv|xlsx)$/.test(route.path) ? 'file' : 'page'} true`),
      );
    });

    it('bounds the free-text filter and the cursor on every list', async () => {
      const answers: string[] = [];
      for (const route of lists) {
        for (const [field, value] of [
          ['q', 'ก'.repeat(101)],
          ['cursor', 'A'.repeat(513)],
        ]) {
          const res = await call(route, `${field}=${encodeURIComponent(value)}`);
          // A list without a `q` filter refuses it as an unknown field: bounded all the same.
          answers.push(
            `${route.path} ${field} ${res.status} ${fieldErrors(res).filter((f) => f.startsWith(`${field}:`)).length}`,
          );
        }
      }
      expect(answers).toEqual(lists.flatMap((route) => [`${route.path} q 400 1`, `${route.path} cursor 400 1`]));
    });

    it('refuses every cursor it did not give out on every list, naming cursor', async () => {
      const id = '0b6f3c2e-4f7a-4c1e-9a52-7d3e8f1b2c4d';
      const asCursor = (json: string) => Buffer.from(json).toString('base64url');
      // Every list's keys are a timestamp, a date or text, then an id: these fit none of them.
      const bad: [string, string][] = [
        ['["\\u0000",1e999] (found by the fuzzer)', 'WyJcdTAwMDAiLDFlOTk5XQ'],
        ['not base64url JSON', 'garbage!'],
        ...[
          '{"a":1}',
          '["x"]',
          `["x","${id}","x"]`,
          '[1,2]',
          `[1e999,"${id}"]`,
          `["x",-1e999]`,
          `[null,"${id}"]`,
          `[["x"],"${id}"]`,
          `["a\\u0000b","${id}"]`,
          `["\\ud800","${id}"]`,
          '["2024-09-03T01:02:03.456Z","not-a-uuid"]',
          `["x","${id}x"]`,
        ].map((json): [string, string] => [json, asCursor(json)]),
      ];
      // A first value that is neither a timestamp nor a date: refused, unless the list's first key is text.
      const wrongType: [string, string][] = [
        `["not-a-date","${id}"]`,
        `["2024-02-30T00:00:00.000Z","${id}"]`,
        `["99999-01-01","${id}"]`,
      ].map((json) => [json, asCursor(json)]);
      const answers: string[] = [];
      for (const route of lists) {
        // Roster exports take the list's filters and stream every row: they read no cursor.
        const refused = /\.(csv|xlsx)$/.test(route.path) ? '200 ' : '400 cursor:INVALID_CURSOR';
        for (const [name, cursor] of [...bad, ...wrongType]) {
          const res = await call(route, `cursor=${cursor}`).buffer(true);
          const answer = `${res.status} ${fieldErrors(res).join(',')}`;
          const fine = answer === refused || (wrongType.some(([n]) => n === name) && answer === '200 ');
          answers.push(`${route.path} ${name} ${fine ? 'ok' : answer}`);
        }
      }
      expect(answers).toEqual(
        lists.flatMap((route) => [...bad, ...wrongType].map(([name]) => `${route.path} ${name} ok`)),
      );
    });

    it(`pages ${PAGE_LIMIT_DEFAULT} by default and at most ${PAGE_LIMIT_MAX}, in the database and not only in validation`, async () => {
      const institution = await createInstitution(t.dataSource, { kind: 'partner', country: 'VN' });
      await insertTrainees(t.dataSource, PAGE_LIMIT_MAX + 50, { institutionId: institution.id, nationality: 'VN' });
      const list = (query: string) =>
        t.http.get(api(`/trainees?institutionId=${institution.id}&${query}`)).set(cast.admin.auth);

      const first = await list('');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(PAGE_LIMIT_DEFAULT);
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const max = await list(`limit=${PAGE_LIMIT_MAX}`);
      expect(max.body.items).toHaveLength(PAGE_LIMIT_MAX);
      const rest = await list(`limit=${PAGE_LIMIT_MAX}&cursor=${encodeURIComponent(max.body.nextCursor)}`);
      expect(rest.body.items).toHaveLength(50);
      expect(rest.body.nextCursor).toBeNull();
    });

    it('keeps an instructor’s timetable (a plain array) to a window of at most a year', async () => {
      const res = await t.http
        .get(api(`/instructors/${cast.instructor.user.instructorId}/sessions`))
        .query({ from: '2024-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' })
        .set(cast.admin.auth);
      expectProblem(res, 'timetable over a year', 400, 'to');
    });
  });

  describe('request size and shape', () => {
    it('answers a URL longer than the server reads with 414 or 431, and keeps serving', async () => {
      const res = await t.http.get(api(`/programs?q=${'x'.repeat(20_000)}`)).set(cast.admin.auth);
      expect([414, 431]).toContain(res.status);
      await t.http.get(api('/health')).expect(200);
    });

    it.each([
      ['a path parameter longer than the router takes', `/verify/${'A'.repeat(500)}`, 414],
      ['a path with a broken percent-encoding', '/verify/%E0%A4%A', 400],
    ])('answers %s with a problem document, with the security headers', async (_what, path, status) => {
      const res = await t.http.get(api(path));
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      expect(res.text).not.toMatch(/FST_|fastify/i);
      await t.http.get(api('/health')).expect(200);
    });

    it('refuses a thousand unknown query parameters at once, quickly', async () => {
      const query = Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join('&');
      const started = Date.now();
      const res = await t.http.get(api(`/programs?${query}`)).set(cast.admin.auth);
      expectProblem(res, 'a thousand parameters', 400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it(`reads an import file of exactly ${TRAINEE_IMPORT_MAX_BYTES} bytes (and refuses one byte more with 413)`, async () => {
      const upload = (size: number) =>
        t.http
          .post(api('/trainees/import?dryRun=true'))
          .set(cast.admin.auth)
          .attach('file', Buffer.alloc(size, 0x41), 'roster.csv');
      const atLimit = await upload(TRAINEE_IMPORT_MAX_BYTES);
      // Read to the end, then refused for its content: not for its size.
      expectProblem(atLimit, 'file at the limit', 400);
      expect(atLimit.body.code).toBe('IMPORT_FILE_INVALID');
      const over = await upload(TRAINEE_IMPORT_MAX_BYTES + 1);
      expectProblem(over, 'file over the limit', 413);
    });

    it('reads one file per import: a second file in the request is not imported', async () => {
      const row = (email: string) => csvFile([HEADER, ['สมชาย ใจดี', 'Somchai Jaidee', email, 'TH', '', 'th']]);
      const first = `first-${Date.now()}@e2e.test`;
      const second = `second-${Date.now()}@e2e.test`;
      const res = await t.http
        .post(api('/trainees/import?dryRun=false&noticeVersion=2026-12&informedAttested=true'))
        .set(cast.admin.auth)
        .attach('file', row(first), 'a.csv')
        .attach('file', row(second), 'b.csv');
      expect(res.status).toBeLessThan(500);
      const rows = await t.dataSource.query('SELECT email FROM trainees WHERE email = ANY($1)', [[first, second]]);
      expect(rows.map((r: { email: string }) => r.email)).not.toContain(second);
    });

    it(`refuses an import of more than ${TRAINEE_IMPORT_MAX_ROWS} rows, naming the file`, async () => {
      const tag = Date.now().toString(36);
      const rows = Array.from({ length: TRAINEE_IMPORT_MAX_ROWS + 1 }, (_, i) => [
        `T ${i}`,
        `T ${i}`,
        `r${i}-${tag}@e2e.test`,
        'TH',
        '',
        'th',
      ]);
      const res = await t.http
        .post(api('/trainees/import?dryRun=false&noticeVersion=2026-12&informedAttested=true'))
        .set(cast.admin.auth)
        .attach('file', csvFile([HEADER, ...rows]), 'roster.csv');
      expectProblem(res, 'too many rows', 400, 'file');
      expect(fieldErrors(res)).toEqual(['file:TOO_MANY_ROWS']);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM trainees WHERE email LIKE $1`, [
        `%-${tag}@e2e.test`,
      ]);
      expect(count).toBe(0);
    });
  });

  describe('with tight limits configured', () => {
    const BODY_LIMIT = 2048;
    const VERIFY_LIMIT = 5;
    const STATEMENT_TIMEOUT_MS = 1000;
    let tight: TestApp;
    let tightCast: Cast;
    let code: string;

    beforeAll(async () => {
      tight = await startTestApp(
        {
          BODY_LIMIT_BYTES: String(BODY_LIMIT),
          VERIFY_RATE_LIMIT_PER_MINUTE: String(VERIFY_LIMIT),
          DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
        },
        [ProbeModule],
      );
      tightCast = await createCast(tight);
      // One certificate, for the verification limit.
      const program = await createProgram(tight, tightCast.admin.auth, tightCast.host, {}, { publish: true });
      await tight.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(tightCast.admin.auth)
        .send({ traineeId: tightCast.trainee.user.traineeId })
        .expect(201);
      await tight.http
        .post(api(`/programs/${program.id}/complete`))
        .set(tightCast.admin.auth)
        .expect(200);
      const [row] = await tight.dataSource.query('SELECT verification_code FROM certificates WHERE program_id = $1', [
        program.id,
      ]);
      code = row.verification_code;
    });
    afterAll(() => tight.close());

    describe('BODY_LIMIT_BYTES', () => {
      const login = (pad: number) =>
        JSON.stringify({ email: 'nobody@e2e.test', password: 'not-the-password-1', pad: 'x'.repeat(pad) });

      it('refuses a JSON body over the configured limit with a 413 problem, before any handler', async () => {
        const res = await tight.http
          .post(api('/auth/login'))
          .set('Content-Type', 'application/json')
          .set('Accept-Language', 'ms')
          .send(login(BODY_LIMIT));
        expectProblem(res, 'body over the limit', 413);
        expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
        // Under the limit, the same request reaches validation (which refuses the unknown field).
        const under = await tight.http
          .post(api('/auth/login'))
          .set('Content-Type', 'application/json')
          .send(login(BODY_LIMIT / 2));
        expect(under.status).toBe(400);
      });

      it('counts a streamed (chunked) body too, which announces no length', async () => {
        const { port } = new URL(tight.baseUrl);
        const status = await new Promise<number>((resolve, reject) => {
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port: Number(port),
              method: 'POST',
              path: api('/auth/login'),
              headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          const body = login(BODY_LIMIT * 4);
          for (let i = 0; i < body.length; i += 512) req.write(body.slice(i, i + 512));
          req.end();
        });
        expect(status).toBe(413);
      });
    });

    describe('VERIFY_RATE_LIMIT_PER_MINUTE', () => {
      /** Starts at the top of a minute when too little of this one is left for the test (the windows are fixed). */
      async function freshWindow(needSeconds: number) {
        const left = 60_000 - (Date.now() % 60_000);
        if (left < needSeconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
      }
      const flush = () => new Promise((resolve) => setTimeout(resolve, 1_300));

      it('counts unknown codes too: the limit is reached by guessing, and then even a real code gets 429', async () => {
        await freshWindow(10);
        for (let i = 0; i < VERIFY_LIMIT; i++) {
          await tight.http.get(api(`/verify/guess${i}AAAAAAAAAAAAAAAAA`)).expect(404);
        }
        const res = await tight.http.get(api(`/verify/${code}`)).set('Accept-Language', 'th');
        expectProblem(res, 'over the verification limit', 429);
        expect(res.body.code).toBe('TOO_MANY_REQUESTS');
        const retryAfter = Number(res.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        // Signed-in routes are not behind this limit.
        await tight.http.get(api('/auth/me')).set(tightCast.admin.auth).expect(200);
      });

      it('is one count across replicas: a second API process on the database refuses once the total is reached', async () => {
        // The first test may have spent this window: start in the next one.
        const left = 60_000 - (Date.now() % 60_000);
        await new Promise((resolve) => setTimeout(resolve, left + 50));
        const replica = await startTestApp({ VERIFY_RATE_LIMIT_PER_MINUTE: String(VERIFY_LIMIT) }, [], {
          database: tight.database,
        });
        try {
          for (let i = 0; i < VERIFY_LIMIT - 1; i++) await tight.http.get(api(`/verify/${code}`)).expect(200);
          await flush(); // the first process adds its hits to the shared count
          await replica.http.get(api(`/verify/${code}`)).expect(200); // the limit's last one
          await flush(); // the replica adds its hit and learns the total
          const res = await replica.http.get(api(`/verify/${code}`));
          expect(res.status).toBe(429);
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        } finally {
          await replica.close();
        }
      }, 90_000);
    });

    describe('DB_STATEMENT_TIMEOUT_MS', () => {
      it('is the statement_timeout of every connection of the pool (and 15 s by default)', async () => {
        const [byDefault] = await t.dataSource.query(`SELECT current_setting('statement_timeout') AS timeout`);
        expect(byDefault.timeout).toBe('15s');
        // Several at once, so several pooled connections answer.
        const settings = await Promise.all(
          Array.from({ length: 6 }, () =>
            tight.dataSource.query(
              `SELECT setting AS timeout, pg_backend_pid() AS pid, pg_sleep(0.05)
                 FROM pg_settings WHERE name = 'statement_timeout'`,
            ),
          ),
        );
        const pids = new Set(settings.map(([row]) => row.pid));
        expect(pids.size).toBeGreaterThan(1);
        expect(new Set(settings.map(([row]) => row.timeout))).toEqual(new Set([String(STATEMENT_TIMEOUT_MS)]));
      });

      it('cancels a slow statement (57014) at the configured time', async () => {
        const started = Date.now();
        const failure = await tight.dataSource.query('SELECT pg_sleep(5)').catch((error: unknown) => error);
        expect((failure as { driverError?: { code?: string } }).driverError?.code).toBe('57014');
        expect(Date.now() - started).toBeLessThan(4_000);
      });

      it('answers a request whose statement ran out of time with 503, and serves the next one', async () => {
        const started = Date.now();
        const res = await tight.http.get(api('/__probe/sleep?seconds=5')).set('Accept-Language', 'zh');
        expectProblem(res, 'statement timeout', 503);
        expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
        expect(JSON.stringify(res.body)).not.toMatch(/pg_sleep|statement timeout|canceling/i);
        expect(Date.now() - started).toBeLessThan(4_000);
        await tight.http.get(api('/__probe/sleep?seconds=0')).expect(200);
      });
    });
  });
});
