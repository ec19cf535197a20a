import { ErrorCode, Role, ROLES } from '@skillbridge/contracts';
import { randomUUID } from 'node:crypto';
import { routeTable, type RouteInfo } from '@skillbridge/api/common/auth/route-table';
import { Cast, createCast } from './factories/accounts';
import { api, startTestApp, TestApp } from './support/test-app';

/**
 * OWASP API5 (broken function-level authorization): every route that changes
 * something refuses every role its access declaration does not name — 403 for
 * a signed-in caller of another role, 401 for an anonymous one — whatever the
 * ids and body. The cases come from the application's own route table and
 * each route's @Roles/@Public declaration, so a new mutating route is covered
 * the day it is added, with no edit here.
 *
 * The role check is the guard's, and Nest runs guards before pipes: the answer
 * must be the refusal even for an empty body and ids of records that do not
 * exist. A validation error (400) or a not-found (404) here would mean the
 * request got past the role check — the test fails on either.
 */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
type Caller = Role | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

/** The status `caller` must get from `route` if the declaration refuses them; undefined if it lets them in. */
function refusal(route: RouteInfo, caller: Caller): 401 | 403 | undefined {
  const access = route.access;
  if (!access) return 403; // undeclared: the guard refuses everyone (and the first test below fails)
  if (access.kind === 'public') return undefined;
  if (caller === 'anonymous') return 401;
  return access.roles.includes(caller) ? undefined : 403;
}

/** The route's path with each `:param` filled: a well-formed id of no record. */
const concretePath = (path: string) => api(path.replace(/^\/api\/v1/, '').replace(/:[A-Za-z]+/g, () => randomUUID()));

describe('function-level authorization: every mutating route × every role it does not name', () => {
  let t: TestApp;
  let cast: Cast;
  let mutating: RouteInfo[];

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    mutating = routeTable(t.app).filter((r) => MUTATING.has(r.method));
  });
  afterAll(() => t.close());

  const tokenOf = (caller: Exclude<Caller, 'anonymous'>) =>
    ({
      [Role.Admin]: cast.admin,
      [Role.Instructor]: cast.instructor,
      [Role.Partner]: cast.partner,
      [Role.Trainee]: cast.trainee,
    })[caller].auth;

  it('finds the mutating routes, each with an access declaration, and admin-only ones among them', () => {
    expect(mutating.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(mutating.length).toBeGreaterThanOrEqual(30);
    expect(mutating.filter((r) => r.access?.kind === 'roles' && r.access.roles.length === 1).length).toBeGreaterThan(0);
  });

  it.each(CALLERS)(
    'as %s: refused wherever the route does not name the role, and nothing is written',
    async (caller) => {
      const [{ count: eventsBefore }] = await t.dataSource.query('SELECT count(*)::int AS count FROM audit_events');
      const refusedRoutes = mutating.filter((r) => refusal(r, caller) !== undefined);
      const answers: { route: string; status: number; code: unknown }[] = [];
      const expected: typeof answers = [];
      for (const route of refusedRoutes) {
        const name = `${route.method} ${route.path}`;
        const status = refusal(route, caller) as number;
        let request = t.http[route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](
          concretePath(route.path),
        );
        if (caller !== 'anonymous') request = request.set(tokenOf(caller));
        const res = await request.send({});
        answers.push({ route: name, status: res.status, code: res.body?.code });
        expected.push({ route: name, status, code: status === 401 ? ErrorCode.Unauthenticated : ErrorCode.Forbidden });
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(answers).toEqual(expected);
      if (caller === 'anonymous')
        expect(refusedRoutes.length).toBe(mutating.filter((r) => r.access?.kind !== 'public').length);
      if (caller === Role.Trainee || caller === Role.Instructor) expect(refusedRoutes.length).toBeGreaterThan(10);
      const [{ count: eventsAfter }] = await t.dataSource.query('SELECT count(*)::int AS count FROM audit_events');
      expect(eventsAfter).toBe(eventsBefore);
    },
  );
});
