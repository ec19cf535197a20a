import { PROBLEM_CONTENT_TYPE, Role } from '@skillbridge/contracts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'superagent';
import { loadConfig } from '@skillbridge/api/config';
import { createAccount, PASSWORD } from './factories/accounts';
import { ADMIN_URL_ENV, withClient } from './support/database';
import { PROBE_SECRETS, ProbeModule } from './support/probe.module';
import { api, startTestApp, TestApp, TEST_JWT_SECRET } from './support/test-app';

/** The headers every response carries — API, problem documents and the SPA alike (OWASP API8, ASVS V14.4). */
function expectSecurityHeaders(res: Response, what: string) {
  const h = res.headers;
  const csp = h['content-security-policy'] ?? '';
  const seen = {
    what,
    defaultSrc: /(^|;)\s*default-src 'self'(;|$)/.test(csp),
    scriptSrcSelfOnly: /(^|;)\s*script-src 'self'(;|$)/.test(csp),
    objectSrcNone: /(^|;)\s*object-src 'none'/.test(csp),
    frameAncestorsNone: /(^|;)\s*frame-ancestors 'none'/.test(csp),
    baseUriSelf: /(^|;)\s*base-uri 'self'/.test(csp),
    nosniff: h['x-content-type-options'],
    frameOptions: ['DENY', 'SAMEORIGIN'].includes(h['x-frame-options']),
    referrerPolicy: ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(
      h['referrer-policy'],
    ),
    hstsYear: Number(/max-age=(\d+)/.exec(h['strict-transport-security'] ?? '')?.[1] ?? 0) >= 31_536_000,
    hstsSubDomains: /includeSubDomains/i.test(h['strict-transport-security'] ?? ''),
    coop: h['cross-origin-opener-policy'],
    corp: h['cross-origin-resource-policy'],
    poweredBy: h['x-powered-by'],
    server: h['server'],
    requestId: /^[\w.:-]{1,128}$/.test(h['x-request-id'] ?? ''),
  };
  expect(seen).toEqual({
    what,
    defaultSrc: true,
    scriptSrcSelfOnly: true,
    objectSrcNone: true,
    frameAncestorsNone: true,
    baseUriSelf: true,
    nosniff: 'nosniff',
    frameOptions: true,
    referrerPolicy: true,
    hstsYear: true,
    hstsSubDomains: true,
    coop: 'same-origin',
    corp: 'same-origin',
    poweredBy: undefined,
    server: undefined,
    requestId: true,
  });
}

/** What must never reach a client: stack frames, source paths, SQL, driver and library names, the data in a driver error. */
const LEAKS = [
  /\bat \S+ \(/,
  /\.(ts|js):\d+/,
  /node_modules/,
  /\/srv\/|\/work\/|\/home\//,
  /\bSELECT\b|\bINSERT\b|\bUPDATE \w+ SET\b|\bORDER BY\b/i,
  /password_hash/,
  /QueryFailedError|TypeError|SyntaxError|FST_\w+/,
  /duplicate key|violates|syntax error|relation "|constraint "/i,
  /ECONN\w+|postgres|\bpg\b|typeorm|fastify|nestjs/i,
  /"stack"/,
  new RegExp(PROBE_SECRETS.email.replace('.', '\\.')),
];

function expectNoLeak(res: Response, what: string) {
  const text = `${JSON.stringify(res.headers)}\n${res.text ?? ''}`;
  expect({ what, leaks: LEAKS.filter((pattern) => pattern.test(text)).map(String) }).toEqual({ what, leaks: [] });
}

function expectProblem(res: Response, what: string, status: number) {
  expect({ what, status: res.status, type: res.headers['content-type'] }).toEqual({
    what,
    status,
    type: expect.stringContaining(PROBLEM_CONTENT_TYPE),
  });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

describe('headers and transport', () => {
  let t: TestApp;
  let webRoot: string;

  beforeAll(async () => {
    // A stand-in for the built SPA: index.html and one hashed bundle.
    webRoot = mkdtempSync(join(tmpdir(), 'sb-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html><body><sb-root></sb-root></body></html>');
    writeFileSync(join(webRoot, 'main-ABCD2345.js'), 'console.log("skillbridge")');
    t = await startTestApp({ WEB_ROOT: webRoot }, [ProbeModule]);
  });
  afterAll(async () => {
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  describe('security headers', () => {
    it.each([
      ['the API', () => t.http.get(api('/health')), 200],
      ['the OpenAPI document', () => t.http.get('/api/docs-json'), 200],
      ['the SPA at /', () => t.http.get('/'), 200],
      ['a deep link into the SPA', () => t.http.get('/trainee/certificates'), 200],
      ['a hashed SPA bundle', () => t.http.get('/main-ABCD2345.js'), 200],
      ['an unknown API route', () => t.http.get(api('/no-such-thing')), 404],
      ['a request without a token', () => t.http.get(api('/auth/me')), 401],
      ['a validation error', () => t.http.post(api('/__probe')).send({}), 400],
      ['an unexpected error', () => t.http.get(api('/__probe/crash')), 500],
    ])('on %s', async (what, request, status) => {
      const res = await request();
      expect({ what, status: res.status }).toEqual({ what, status });
      expectSecurityHeaders(res, what);
    });

    it('echoes a well-formed X-Request-Id on errors too, and never echoes a header injection', async () => {
      const res = await t.http.get(api('/no-such-thing')).set('X-Request-Id', 'edge-7f3a9c');
      expect(res.headers['x-request-id']).toBe('edge-7f3a9c');
      expect(res.body.requestId).toBe('edge-7f3a9c');
      const long = await t.http.get(api('/health')).set('X-Request-Id', 'x'.repeat(500));
      expect(long.headers['x-request-id']).not.toContain('xxxx');
      const script = await t.http.get(api('/health')).set('X-Request-Id', '<script>alert(1)</script>');
      expect(script.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('CORS', () => {
    const preflight = (app: TestApp, origin: string, method = 'GET', headers = 'authorization') =>
      app.http
        .options(api('/programs'))
        .set('Origin', origin)
        .set('Access-Control-Request-Method', method)
        .set('Access-Control-Request-Headers', headers);
    const corsHeaders = (res: Response) =>
      Object.keys(res.headers)
        .filter((name) => name.startsWith('access-control-'))
        .sort();

    it('is closed by default: neither a preflight nor a simple request gets a grant', async () => {
      const pre = await preflight(t, 'https://evil.example');
      expect(corsHeaders(pre)).toEqual([]);
      const simple = await t.http.get(api('/health')).set('Origin', 'https://evil.example');
      expect(simple.status).toBe(200);
      expect(corsHeaders(simple)).toEqual([]);
      const login = await t.http
        .post(api('/auth/login'))
        .set('Origin', 'https://evil.example')
        .send({ email: 'nobody@e2e.test', password: 'not-the-password-1' });
      expect(corsHeaders(login)).toEqual([]);
    });

    describe('with CORS_ORIGINS', () => {
      let open: TestApp;
      beforeAll(async () => {
        open = await startTestApp({ CORS_ORIGINS: 'https://partner.example.ac.th,https://skillbridge.example.edu.cn' });
      });
      afterAll(() => open.close());

      it('grants exactly the listed origins, without credentials', async () => {
        const pre = await preflight(open, 'https://partner.example.ac.th');
        expect(pre.status).toBe(204);
        expect(pre.headers['access-control-allow-origin']).toBe('https://partner.example.ac.th');
        expect(pre.headers['access-control-allow-methods']).toContain('GET');
        expect(pre.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
        expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
        expect(pre.headers['vary']).toMatch(/origin/i);

        const simple = await open.http.get(api('/health')).set('Origin', 'https://skillbridge.example.edu.cn');
        expect(simple.headers['access-control-allow-origin']).toBe('https://skillbridge.example.edu.cn');
        expect(simple.headers['access-control-expose-headers']?.toLowerCase()).toContain('x-request-id');
        // A register's ETag is readable, for the If-Match of its next save; If-Match may be sent.
        expect(simple.headers['access-control-expose-headers']?.toLowerCase()).toContain('etag');
        const put = await preflight(open, 'https://partner.example.ac.th', 'PUT', 'if-match, content-type');
        expect(put.headers['access-control-allow-headers']?.toLowerCase()).toContain('if-match');
      });

      it('grants nothing to an origin that is not listed, nor to look-alikes', async () => {
        for (const origin of [
          'https://evil.example',
          'https://partner.example.ac.th.evil.example',
          'http://partner.example.ac.th',
          'null',
        ]) {
          const pre = await preflight(open, origin);
          expect({ origin, allow: pre.headers['access-control-allow-origin'] }).toEqual({ origin, allow: undefined });
          const simple = await open.http.get(api('/health')).set('Origin', origin);
          expect({ origin, allow: simple.headers['access-control-allow-origin'] }).toEqual({
            origin,
            allow: undefined,
          });
        }
      });
    });
  });

  describe('errors reveal nothing of the implementation', () => {
    it.each([
      ['malformed JSON', () => t.http.post(api('/__probe')).set('Content-Type', 'application/json').send('{"a":'), 400],
      ['an unknown route', () => t.http.get(api('/no-such-thing/../../etc/passwd')), 404],
      ['a method the route does not have', () => t.http.delete(api('/health')), 404],
      ['a malformed id', () => t.http.get(api("/programs/1' OR '1'='1")).set('Authorization', 'Bearer x'), 401],
      ['a garbage token', () => t.http.get(api('/auth/me')).set('Authorization', 'Bearer eyJhbGciOi.x.y'), 401],
      [
        'an unsupported media type',
        () => t.http.post(api('/__probe')).set('Content-Type', 'text/xml').send('<a/>'),
        415,
      ],
      [
        'a body over the limit',
        () =>
          t.http
            .post(api('/__probe'))
            .set('Content-Type', 'application/json')
            .send(`{"pad":"${'x'.repeat(1_100_000)}"}`),
        413,
      ],
      ['an unexpected error whose message holds a path and SQL', () => t.http.get(api('/__probe/crash')), 500],
      ['a statement the database refuses', () => t.http.get(api('/__probe/bad-sql')), 500],
      [
        'a unique violation with the conflicting value in the driver detail',
        () => t.http.post(api('/__probe/unique')),
        409,
      ],
    ])('%s', async (what, request, status) => {
      const res = await request().set('Accept-Language', 'en');
      expectProblem(res, what, status);
      expectNoLeak(res, what);
      expectSecurityHeaders(res, what);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('a malformed id of a signed-in caller: 400, not a database error', async () => {
      const admin = await createAccount(t, { role: Role.Admin });
      const login = await t.http.post(api('/auth/login')).send({ email: admin.email, password: PASSWORD });
      const res = await t.http
        .get(api(`/programs/${encodeURIComponent("1' OR '1'='1")}`))
        .set('Authorization', `Bearer ${login.body.accessToken}`);
      expectProblem(res, 'malformed id', 400);
      expectNoLeak(res, 'malformed id');
    });

    it('when the database is gone: 503, and nothing of the driver', async () => {
      const gone = await startTestApp({}, [ProbeModule]);
      try {
        await withClient(process.env[ADMIN_URL_ENV] as string, (client) =>
          client.query(`DROP DATABASE "${gone.databaseName}" WITH (FORCE)`),
        );
        for (const [what, request] of [
          ['sign-in', () => gone.http.post(api('/auth/login')).send({ email: 'a@e2e.test', password: 'x-long-one-1' })],
          ['a query', () => gone.http.get(api('/__probe/sleep?seconds=0'))],
        ] as const) {
          const res = await request();
          expectProblem(res, what, 503);
          expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
          expectNoLeak(res, what);
        }
      } finally {
        await gone.close();
      }
    });
  });

  describe('the refresh cookie', () => {
    it('is Secure by default — COOKIE_SECURE is on unless turned off', () => {
      const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET });
      expect(config.COOKIE_SECURE).toBe(true);
    });

    describe('with COOKIE_SECURE on', () => {
      let secure: TestApp;
      beforeAll(async () => {
        secure = await startTestApp({ COOKIE_SECURE: 'true', REFRESH_TOKEN_TTL_DAYS: '14' });
      });
      afterAll(() => secure.close());

      const cookiesOf = (res: Response) => {
        const all = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
        const attributes = (name: string) => {
          const raw = all.find((c) => c.startsWith(`${name}=`));
          if (!raw) return undefined;
          const [pair, ...rest] = raw.split(';').map((part) => part.trim());
          const map = Object.fromEntries(
            rest.map((part) => {
              const [key, value = true] = part.split('=');
              return [key.toLowerCase(), value];
            }),
          ) as Record<string, string | true>;
          return { ...map, value: pair.slice(name.length + 1) } as Record<string, string | true>;
        };
        return { refresh: attributes('sb_refresh'), hint: attributes('sb_session') };
      };

      function expectRefreshCookie(cookie: Record<string, string | true> | undefined) {
        expect(cookie).toMatchObject({ httponly: true, secure: true, samesite: 'Strict', path: '/api/v1/auth' });
        expect(cookie?.domain).toBeUndefined();
        const expires = Date.parse(String(cookie?.expires));
        expect(expires - Date.now()).toBeGreaterThan(13 * 86_400_000);
        expect(expires - Date.now()).toBeLessThanOrEqual(14 * 86_400_000 + 60_000);
      }

      it('is HttpOnly, Secure, SameSite=Strict and scoped to /api/v1/auth — on sign-in and on every rotation', async () => {
        const user = await createAccount(secure, { role: Role.Trainee });
        const login = await secure.http.post(api('/auth/login')).send({ email: user.email, password: PASSWORD });
        const first = cookiesOf(login);
        expectRefreshCookie(first.refresh);
        expect(String(first.refresh?.value).length).toBeGreaterThanOrEqual(32);
        // The page-readable hint holds no secret, but is Secure and Strict all the same.
        expect(first.hint).toMatchObject({ value: '1', secure: true, samesite: 'Strict', path: '/' });
        expect(first.hint?.httponly).toBeUndefined();

        const refreshed = await secure.http
          .post(api('/auth/refresh'))
          .set('Cookie', `sb_refresh=${first.refresh?.value}`);
        expect(refreshed.status).toBe(200);
        expectRefreshCookie(cookiesOf(refreshed).refresh);

        const out = await secure.http
          .post(api('/auth/logout'))
          .set('Cookie', `sb_refresh=${cookiesOf(refreshed).refresh?.value}`);
        const cleared = cookiesOf(out).refresh;
        expect(cleared).toMatchObject({
          value: '',
          httponly: true,
          secure: true,
          samesite: 'Strict',
          path: '/api/v1/auth',
        });
      });
    });
  });
});
