import fc from 'fast-check';
import type { Response } from 'superagent';
import { routeTable } from '@skillbridge/api/common/auth/route-table';
import { Cast, createCast } from './factories/accounts';
import { createGuestInstructor, createSession } from './factories/programs';
import { createPartnerAProgram } from './factories/enrolments';
import { api, startTestApp, TestApp } from './support/test-app';

/**
 * Property-based fuzzing of every operation in the served OpenAPI document
 * (OWASP API8, security misconfiguration / improper input handling): bodies
 * derived from each request schema and then broken (wrong types, missing and
 * unknown fields, NUL bytes, lone surrogates, huge strings and numbers, deep
 * nesting, malformed JSON), hostile query strings and path parameters, sent
 * as admin, partner, trainee, anonymous and with forged tokens. Whatever comes
 * in, the API answers below 500, and every 4xx is a problem document; a
 * validation problem names its fields.
 *
 * Reproduce a run with FUZZ_SEED=<the seed it logged>; FUZZ_RUNS sets the
 * cases per operation.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 36);

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  example?: unknown;
  nullable?: boolean;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

type Actor = 'admin' | 'partner' | 'trainee' | 'anonymous' | 'forged';
interface FuzzRequest {
  actor: Actor;
  forgedToken: string;
  path: string;
  query: string;
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; type: string; text: string };
  cookie: string | null;
}

/** Strings that have broken parsers, databases and encoders before. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ufeff',
  '\u202e',
  'ท่ี่่่่่่',
  '👩🏽‍🔧',
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '%00',
  '%',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '0x1F',
  '2024-02-30',
  '2024-13-01T25:61:00Z',
  '99999-01-01',
  '-infinity',
  'epoch',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
];
const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }).map((s) => s.repeat(3000)) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), 'ก'.repeat(20_000), '\u0000'.repeat(1000)) },
);
const nastyNumber = fc.oneof(
  fc.constantFrom(-0, -1, 0, 1e9, -1e9, 2 ** 31, 2 ** 53 + 1, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300, 0.1),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
/** `[[[…]]]` and `{"a":{"a":…}}` a few thousand levels deep. */
const deep = fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
});
/** Any JSON value, mostly the wrong one. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2, maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [{}], [null], { en: '\u0000' }, { zh: '\ud800' }) },
  { weight: 1, arbitrary: deep },
);

/** Bodies that are not JSON, or JSON that Fastify must think twice about. */
const RAW_BODIES = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[',
    'null',
    '"\\u0000"',
    '{"email":"a\\u0000b"}',
    '{"fullName":"\\ud800"}',
    '{"__proto__":{"role":"admin"}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"a":1}{"b":2}',
    '\u0000',
    '1e999999',
    '{"capacity":1e999}',
    '\ufeff{}',
  ),
  fc.integer({ min: 1000, max: 60_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

function resolve(doc: OpenApi, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop() as string]);
  if (schema.allOf?.length && !schema.properties) return resolve(doc, schema.allOf[0]);
  return schema;
}

/** A value the schema describes (roughly valid): the seed the mutations start from. */
function validValue(doc: OpenApi, raw: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (!schema || depth > 4) return junk;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'array') return fc.array(validValue(doc, schema.items, ids, depth + 1), { maxLength: 3 });
  if (schema.properties) {
    const properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, child]) => [name, validValue(doc, child, ids, depth + 1)]),
    );
    return fc.record(properties, { requiredKeys: schema.required ?? [] });
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    const min = schema.minimum ?? -1000;
    const max = schema.maximum ?? 1000;
    return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.double({ min, max, noNaN: true }));
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  if (schema.example !== undefined) return fc.oneof(fc.constant(schema.example), fc.string({ maxLength: 30 }));
  return fc.string({ maxLength: 30 });
}

/** The same, with any part of it replaced by junk, left out, or joined by unknown fields. */
function mutatedValue(doc: OpenApi, raw: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (!schema || depth > 4) return junk;
  const valid = validValue(doc, schema, ids, depth);
  if (schema.properties) {
    const properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, child]) => [
        name,
        fc.oneof(
          { weight: 2, arbitrary: validValue(doc, child, ids, depth + 1) },
          { weight: 1, arbitrary: mutatedValue(doc, child, ids, depth + 1) },
        ),
      ]),
    );
    const mutated = fc
      .tuple(
        fc.record(properties, { requiredKeys: [] }),
        fc.option(fc.tuple(fc.string({ maxLength: 12 }), junk), { freq: 4 }),
      )
      .map(([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value));
    return fc.oneof(
      { weight: 4, arbitrary: mutated },
      { weight: 1, arbitrary: junk },
      { weight: 1, arbitrary: valid.map((v) => [v]) },
    );
  }
  if (schema.type === 'array') {
    return fc.oneof(
      fc.array(mutatedValue(doc, schema.items, ids, depth + 1), { maxLength: 4 }),
      fc.array(validValue(doc, schema.items, ids, depth + 1), { minLength: 501, maxLength: 1200 }),
      junk,
    );
  }
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: junk });
}

/** Percent-encodes as UTF-8, lone surrogates included (encodeURIComponent throws on them). */
function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Query-string fragments already encoded (or deliberately mis-encoded). */
const RAW_QUERY = fc.constantFrom(
  'limit=-1',
  'limit=0',
  'limit=1e9',
  'limit=x',
  'limit=1.5',
  'limit=201',
  'limit=99999999999999999999999',
  'limit=1&limit=2',
  'limit[]=1',
  'limit[a]=1',
  'cursor=x',
  'cursor=%00',
  `cursor=${Buffer.from('{"id":"x","at":"not-a-date"}').toString('base64url')}`,
  `cursor=${Buffer.from('["\\u0000",1e999]').toString('base64url')}`,
  `cursor=${Buffer.from('{"v":[1,2,3]}').toString('base64')}`,
  `cursor=${'A'.repeat(5000)}`,
  'q=%00',
  'q=%ZZ',
  'q=%C0%AF',
  'q=%ED%A0%80',
  `q=${'%25'.repeat(2000)}`,
  'from=2024-02-30&to=2024-01-01',
  'from=0001-01-01&to=9999-12-31',
  'from=-infinity',
  'status=confirmed&status=pending',
  'unknown=1',
  'a[b][c][d][e][f]=1',
  '__proto__[role]=admin',
  'dryRun=maybe',
  'lang=xx',
  'lang=%00',
);

function queryArbitrary(doc: OpenApi, parameters: Parameter[], ids: string[]): fc.Arbitrary<string> {
  const documented = parameters.filter((p) => p.in === 'query');
  const pairs = documented.map((p) =>
    fc.option(
      fc
        .oneof(validValue(doc, p.schema, ids), junk)
        .map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')))
        .map((value) => `${encode(p.name)}=${encode(value)}`),
      { freq: 2 },
    ),
  );
  return fc
    .tuple(
      fc.tuple(...pairs),
      fc.array(RAW_QUERY, { maxLength: 2 }),
      fc.option(fc.tuple(fc.string({ maxLength: 10 }), nastyString), { freq: 5 }),
    )
    .map(([documentedPairs, raw, unknown]) =>
      [
        ...documentedPairs.filter((p): p is string => p !== null),
        ...raw,
        ...(unknown ? [`${encode(unknown[0])}=${encode(unknown[1])}`] : []),
      ].join('&'),
    );
}

const PATH_JUNK = fc.oneof(
  fc.constantFrom(
    'x',
    '1',
    '-1',
    '0x10',
    "1' OR '1'='1",
    "'; DROP TABLE users; --",
    '%00',
    'a%00b',
    '%ZZ',
    '%2e%2e',
    '..%2f..%2fetc%2fpasswd',
    'null',
    'undefined',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '{00000000-0000-0000-0000-000000000000}',
    '00000000000000000000000000000000',
    `${'a'.repeat(8)}-${'a'.repeat(4)}-${'a'.repeat(4)}-${'a'.repeat(4)}-${'a'.repeat(13)}`,
    'A'.repeat(4000),
    '%E2%80%AE',
    '%ED%A0%80',
  ),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => `${id}%00`),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encode),
);

interface Route {
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  arbitrary: fc.Arbitrary<FuzzRequest>;
}

function routesOf(doc: OpenApi, idsFor: (path: string) => string[]): Route[] {
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const ids = idsFor(template);
      const segments = template
        .split(/(\{\w+\})/)
        .map((part) =>
          /^\{\w+\}$/.test(part)
            ? fc.oneof(
                { weight: 2, arbitrary: fc.constantFrom(...ids) },
                { weight: 1, arbitrary: fc.uuid() },
                { weight: 3, arbitrary: PATH_JUNK },
              )
            : fc.constant(part),
        );
      const content = operation.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      const bodyArbitrary: fc.Arbitrary<FuzzRequest['body']> = fc.oneof(
        {
          weight: jsonSchema ? 6 : 1,
          arbitrary: (jsonSchema ? mutatedValue(doc, jsonSchema, ids) : junk).map((value) => ({
            kind: 'json' as const,
            value,
          })),
        },
        { weight: 1, arbitrary: RAW_BODIES.map((text) => ({ kind: 'raw' as const, type: 'application/json', text })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.constantFrom(
                'text/plain',
                'application/x-www-form-urlencoded',
                'multipart/form-data; boundary=x',
                'application/xml',
                'text/csv',
                'application/json; charset=latin1',
              ),
              nastyString,
            )
            .map(([type, text]) => ({ kind: 'raw' as const, type, text })),
        },
        { weight: jsonSchema ? 0 : 2, arbitrary: fc.constant({ kind: 'none' as const }) },
      );
      return {
        name: `${method.toUpperCase()} ${template}`,
        method: method as Route['method'],
        arbitrary: fc.record({
          actor: fc.constantFrom<Actor>('admin', 'admin', 'admin', 'anonymous', 'partner', 'trainee', 'forged'),
          forgedToken: fc.oneof(
            fc.constantFrom('x', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Bearer', '\u0000'),
            fc.string({ maxLength: 60 }),
          ),
          path: fc.tuple(...segments).map((parts) => parts.join('')),
          query: queryArbitrary(doc, parameters, ids),
          body: method === 'get' || method === 'delete' ? fc.constant({ kind: 'none' as const }) : bodyArbitrary,
          cookie: fc.option(
            fc.oneof(
              fc.constantFrom('sb_refresh=x', 'sb_refresh=', 'sb_refresh=%00', `sb_refresh=${'a'.repeat(4000)}`),
              nastyString.map((s) => `sb_refresh=${encode(s)}`),
            ),
            { freq: 4 },
          ),
        }),
      };
    }),
  );
}

/** What every answer must be, whatever the request. */
function problemOf(res: Response): string | null {
  if (res.status >= 500) return `status ${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.includes('application/problem+json')) return `status ${res.status} as ${type}: ${res.text.slice(0, 200)}`;
  const body = res.body as {
    status?: unknown;
    title?: unknown;
    code?: unknown;
    errors?: { field?: unknown; message?: unknown }[];
  };
  if (
    body.status !== res.status ||
    typeof body.title !== 'string' ||
    !body.title ||
    typeof body.code !== 'string' ||
    !body.code
  ) {
    return `status ${res.status}: not a complete problem document: ${res.text.slice(0, 300)}`;
  }
  if (body.code === 'VALIDATION_FAILED') {
    const named =
      Array.isArray(body.errors) &&
      body.errors.length > 0 &&
      // An unknown property may be called "" — then "" is its name; every other field is named.
      body.errors.every(
        (e) =>
          typeof e.field === 'string' &&
          (e.field !== '' || (e as { code?: unknown }).code === 'UNKNOWN_FIELD') &&
          typeof e.message === 'string',
      );
    if (!named) return `a validation problem that does not name its fields: ${res.text.slice(0, 300)}`;
  }
  return null;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let cast: Cast;
  let routes: Route[];
  let sent = 0;
  const started = Date.now();

  beforeAll(async () => {
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    t = await startTestApp();
    cast = await createCast(t);
    const program = await createPartnerAProgram(t, cast);
    const session = await createSession(t, cast.admin.auth, program.id);
    const guest = await createGuestInstructor(t, cast.admin.auth, cast.host.id);
    const enrolment = await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(cast.trainee.auth)
      .send({});
    const doc = (await t.http.get('/api/docs-json')).body as OpenApi;
    // Real ids, so that some requests get past the lookups to the checks behind them.
    const common = [
      program.id,
      session.id,
      guest.id,
      enrolment.body.id,
      cast.partnerA.id,
      cast.host.id,
      cast.trainee.user.traineeId as string,
    ];
    const idsFor = (path: string) =>
      path.includes('/users/')
        ? [cast.otherPartner.user.id, cast.trainee.user.id]
        : path.includes('/instructors/')
          ? [guest.id, cast.instructor.user.instructorId as string]
          : common;
    routes = routesOf(doc, idsFor);
  });
  afterAll(async () => {
    console.log(
      `fuzz: ${sent} requests over ${routes?.length ?? 0} operations in ${((Date.now() - started) / 1000).toFixed(1)} s (FUZZ_SEED=${SEED})`,
    );
    await t.close();
  });

  it('fuzzes every route of the application (each is in the document)', () => {
    const application = routeTable(t.app).map(
      (r) => `${r.method} ${api(r.path.replace(/^\/api\/v1/, '')).replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(routes.map((r) => r.name).sort()).toEqual(application.sort());
  });

  const urlOf = (request: FuzzRequest) => `${request.path}${request.query ? `?${request.query}` : ''}`;
  const send = (route: Route, request: FuzzRequest) => {
    let call = t.http[route.method](urlOf(request)).timeout(20_000);
    if (request.actor === 'forged') call = call.set('Authorization', `Bearer ${encode(request.forgedToken)}`);
    else if (request.actor !== 'anonymous') call = call.set(cast[request.actor].auth);
    if (request.cookie) call = call.set('Cookie', request.cookie);
    if (request.body.kind === 'json')
      return call.set('Content-Type', 'application/json').send(JSON.stringify(request.body.value) ?? 'null');
    if (request.body.kind === 'raw') return call.set('Content-Type', request.body.type).send(request.body.text);
    return call;
  };

  // The operations come from the document at run time; every failing one is reported, by name and counterexample.
  it('never answers 5xx, and answers every 4xx with a problem document', async () => {
    const failures: string[] = [];
    for (const [index, route] of routes.entries()) {
      try {
        await fc.assert(
          fc.asyncProperty(route.arbitrary, async (request) => {
            sent += 1;
            const res = await send(route, request);
            const problem = problemOf(res);
            if (problem) throw new Error(`${route.name} ${urlOf(request).slice(0, 300)}: ${problem}`);
          }),
          { seed: SEED + index, numRuns: RUNS },
        );
      } catch (error) {
        // fast-check's report (seed, path, shrunk counterexample) with long values cut, and the broken rule.
        const report = (error as Error).message
          .split('\n')
          .filter((line) => /seed|Counterexample|Got error/.test(line))
          .map((line) => (line.length > 600 ? `${line.slice(0, 600)}…` : line));
        const cause = (error as Error & { cause?: Error }).cause?.message ?? '';
        failures.push([...report, cause.slice(0, 600)].join('\n'));
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
