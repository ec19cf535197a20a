import { Cast, createCast } from './factories/accounts';
import { programBody } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

const ID = '0b6f3c2e-4f7a-4c1e-9a52-7d3e8f1b2c4d';

/**
 * Inputs the OpenAPI fuzzer (fuzz.e2e-spec.ts) found answered with a 500 or
 * with something other than a problem document, kept as fixed cases.
 */
describe('fuzzing regressions', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const expectFieldProblem = (
    res: { status: number; headers: Record<string, string>; body: unknown },
    field: string,
    code: string,
  ) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field, code })] });
  };

  describe('text PostgreSQL cannot store (NUL, lone surrogates) is a 400 on its field, not a 500', () => {
    it.each([
      ['a NUL in a LocalizedText (jsonb)', { title: { en: 'a\u0000b' } }, 'title.en'],
      ['a NUL in a text column', { venue: 'Room\u00001' }, 'venue'],
      ['a lone surrogate in a LocalizedText (jsonb)', { title: { zh: 'x\ud800' } }, 'title.zh'],
      ['a lone surrogate in a text column', { venue: '\udfff' }, 'venue'],
    ])('%s', async (_name, override, field) => {
      const res = await t.http
        .post(api('/programs'))
        .set(cast.admin.auth)
        .send({ ...programBody(cast.host), ...override });
      expectFieldProblem(res, field, 'IS_STORABLE_TEXT');
    });

    it('in a query parameter', async () => {
      const res = await t.http.get(api('/trainees?q=%00')).set(cast.admin.auth);
      expectFieldProblem(res, 'q', 'IS_STORABLE_TEXT');
    });

    // FUZZ_SEED=1282111621: validator's isEmail throws URIError on a lone surrogate.
    it.each([
      ['/auth/register', {}],
      ['/auth/login', { password: 'x' }],
      ['/auth/password-reset', {}],
    ])('a lone surrogate as the e-mail of POST %s', async (path, rest) => {
      const res = await t.http.post(api(path)).send({ email: '\ud800', ...rest });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'email', code: 'IS_EMAIL' })]),
      );
    });
  });

  describe('a number written in exponent form is checked for its decimals, not a 500', () => {
    it('a completion rule’s passing score of 1e-300', async () => {
      const res = await t.http
        .post(api('/programs'))
        .set(cast.admin.auth)
        .send({ ...programBody(cast.host), completionRule: { minAttendanceRate: 0.5, passingScore: 1e-300 } });
      expectFieldProblem(res, 'completionRule.passingScore', 'MAX_DECIMAL_PLACES');
    });

    it('an assessment score of 1e-7', async () => {
      const res = await t.http
        .put(api('/enrolments/00000000-0000-4000-8000-000000000000/assessment'))
        .set(cast.admin.auth)
        .send({ score: 1e-7 });
      expectFieldProblem(res, 'score', 'MAX_DECIMAL_PLACES');
    });

    it('still accepts decimals within the limit', async () => {
      const res = await t.http
        .post(api('/programs'))
        .set(cast.admin.auth)
        .send({ ...programBody(cast.host), completionRule: { minAttendanceRate: 0.755, passingScore: 59.5 } });
      expect(res.status).toBe(201);
    });
  });

  describe('a deeply nested body is a 400 on body, not a stack overflow (500)', () => {
    it.each([
      ['arrays', '['.repeat(5000) + ']'.repeat(5000)],
      ['objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
    ])('%s, 5000 levels deep', async (_name, text) => {
      const res = await t.http.post(api('/auth/register')).set('Content-Type', 'application/json').send(text);
      expectFieldProblem(res, 'body', 'MAX_DEPTH');
    });

    it('a normal body still nests as deep as it needs', async () => {
      const res = await t.http
        .post(api('/programs'))
        .set(cast.admin.auth)
        .send(programBody(cast.host, { title: { en: 'Nested enough' } }));
      expect(res.status).toBe(201);
    });
  });

  describe('a cursor the list did not give out is a 400 on cursor, not a 500', () => {
    it.each([
      // Found by the fuzzer: ["\u0000",1e999] — a NUL byte reached PostgreSQL (and JSON reads 1e999 as Infinity).
      ['a NUL byte and a number JSON reads as Infinity', 'WyJcdTAwMDAiLDFlOTk5XQ'],
      ['a value PostgreSQL cannot read as a timestamp', Buffer.from(`["not-a-date","${ID}"]`).toString('base64url')],
      [
        'a value PostgreSQL cannot read as a uuid',
        Buffer.from('["2024-09-03T01:02:03.456Z","x"]').toString('base64url'),
      ],
    ])('%s (GET /audit-events)', async (_name, cursor) => {
      const res = await t.http.get(api(`/audit-events?cursor=${cursor}`)).set(cast.admin.auth);
      expectFieldProblem(res, 'cursor', 'INVALID_CURSOR');
    });
  });

  describe('errors raised before routing are problem documents too, not Fastify’s JSON', () => {
    it('a path that does not percent-decode (/programs/%ZZ)', async () => {
      const res = await t.http.get(api('/programs/%ZZ')).set(cast.admin.auth).set('Accept-Language', 'th');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['content-language']).toBe('th');
      expect(res.body).toMatchObject({ status: 400, code: 'BAD_REQUEST', title: expect.any(String) });
    });

    it('request headers over the server’s limit (a 20 kB query string)', async () => {
      const res = await t.http.get(api(`/programs?q=${'x'.repeat(20_000)}`)).set(cast.admin.auth);
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 431, code: 'BAD_REQUEST', title: expect.any(String) });
    });
  });
});
