import { Role, type ImportReport } from '@skillbridge/contracts';
import { Agent, request as httpRequest } from 'node:http';
import { bearerFor, Cast, createCast } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createProgram, createSession } from './factories/programs';
import { csvFile, HEADER, insertTrainees } from './factories/trainees';
import { api, startTestApp, TestApp } from './support/test-app';

/*
 * Races the API at the scale the design promises ("confirmed enrolments never
 * exceed capacity, under any concurrency"; "issuing twice never makes a second
 * certificate"; imports "all-or-nothing"). enrolments.e2e-spec.ts checks a few
 * rounds of seat races and mixed decisions, certificates.e2e-spec.ts one
 * five-fold completion; this file repeats them many times with every kind of
 * enroller at once, and adds overlapping imports.
 */

type Auth = { Authorization: string };
interface Reply {
  status: number;
  contentType: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Enough sockets for every request of a round to be in flight at once, kept open between rounds. */
const PROBLEM = 'application/problem+json';

const agent = new Agent({ keepAlive: true, maxSockets: 2048 });

/**
 * Seat races: how many fresh programs, each with 4 × PER_GROUP enrolments fired at once, two programs at a
 * time. The lock on the program row makes each program's enrolments go one after another, so the rate is
 * that of one short transaction after another: 55–135 enrolments a second on the shared 2-core machine,
 * where 50 programs (10,000 requests) took 75–190 s. The issue asks for 50 repetitions, so that is the
 * default; SEAT_RACE_PROGRAMS=<n> runs fewer (or more) while working on this file.
 */
const REPETITIONS = Number(process.env['SEAT_RACE_PROGRAMS'] ?? 50);
const PER_GROUP = 50;
const CAPACITY = 10;
const PROGRAMS_AT_ONCE = 2;

const shuffled = <T>(items: T[]) =>
  items
    .map((item) => [Math.random(), item] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, item]) => item);

describe('concurrency', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  /** One JSON request over the keep-alive agent (supertest opens a connection per request). */
  function call(method: string, path: string, auth: Auth, body?: unknown): Promise<Reply> {
    const url = new URL(api(path), t.baseUrl);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method,
          agent,
          headers: {
            ...auth,
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const contentType = String(res.headers['content-type'] ?? '');
            resolve({
              status: res.statusCode ?? 0,
              contentType,
              body: /json/.test(contentType) && text ? JSON.parse(text) : text,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The program's counters and the real counts of its enrolment rows. */
  async function seats(programId: string) {
    const [row] = await t.dataSource.query(
      `SELECT p.confirmed_count, p.waitlisted_count, p.pending_count,
              count(e.id) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              count(e.id) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
              count(e.id) FILTER (WHERE e.status = 'pending')::int AS pending,
              count(e.id)::int AS total
         FROM programs p LEFT JOIN enrolments e ON e.program_id = p.id
        WHERE p.id = $1 GROUP BY p.id`,
      [programId],
    );
    return {
      counters: { confirmed: row.confirmed_count, waitlisted: row.waitlisted_count, pending: row.pending_count },
      rows: { confirmed: row.confirmed, waitlisted: row.waitlisted, pending: row.pending },
      total: row.total as number,
    };
  }

  /**
   * Trainees with accounts, made set-based (hashing 100 passwords would take
   * longer than the races): a user row, its trainee profile, and a token
   * signed as a login would sign it.
   */
  async function traineeAccounts(count: number, institutionId: string | null): Promise<Auth[]> {
    const ids = await insertTrainees(t.dataSource, count, { institutionId, prefix: 'self' });
    const users = (await t.dataSource.query(
      `WITH made AS (
         INSERT INTO users (email, password_hash, role, email_verified_at)
         SELECT t.email, 'not-a-hash', 'trainee', now()
           FROM trainees t WHERE t.id = ANY($1::uuid[])
         RETURNING id, email
       ), linked AS (
         UPDATE trainees t SET user_id = made.id FROM made WHERE t.email = made.email RETURNING t.user_id
       )
       SELECT user_id AS "userId" FROM linked`,
      [ids],
    )) as { userId: string }[];
    return Promise.all(users.map(({ userId }) => bearerFor(t, userId, Role.Trainee)));
  }

  describe('seats', () => {
    it(`${REPETITIONS} programs × ${4 * PER_GROUP} enrolments at once for ${CAPACITY} seats: exactly ${CAPACITY} confirmed, counters true every time`, async () => {
      // Four ways in, as the contract has them: an admin or the trainee's own partner decides at once, and so
      // does a trainee of no institution registering themself (issue 22: nobody reviews them unless the host
      // reviews everyone); a partner's trainee's own application waits for their partner's review.
      const byAdmin = await insertTrainees(t.dataSource, PER_GROUP);
      const byPartner = await insertTrainees(t.dataSource, PER_GROUP, { institutionId: cast.partnerA.id });
      const independents = await traineeAccounts(PER_GROUP, null);
      const applicants = await traineeAccounts(PER_GROUP, cast.partnerA.id);
      const kinds = [
        ...byAdmin.map((traineeId) => ({ auth: cast.admin.auth, body: { traineeId }, placed: true })),
        ...byPartner.map((traineeId) => ({ auth: cast.partner.auth, body: { traineeId }, placed: true })),
        ...independents.map((auth) => ({ auth, body: {}, placed: true })),
        ...applicants.map((auth) => ({ auth, body: {}, placed: false })),
      ];

      /**
       * Every trainee at once into one fresh program. Returns what came of it
       * beside what the rules say should have, given which requests got through:
       * a request may be turned away with a 503 when it waited longer than the
       * pool's connection timeout (5 s) on a slow machine — that is the API
       * failing fast by design, and it must then have written nothing.
       */
      async function race() {
        const p = await createProgram(t, cast.admin.auth, cast.host, { capacity: CAPACITY }, { publish: true });
        const path = `/programs/${p.id}/enrolments`;
        const replies = new Array<Reply>(kinds.length);
        // Interleaved, so that no kind of enroller gets in first by its place in the list.
        await Promise.all(
          shuffled(kinds.map((_k, i) => i)).map(async (i) => {
            replies[i] = await call('POST', path, kinds[i].auth, kinds[i].body);
          }),
        );
        const ok = replies.map((r) => r.status === 201);
        const turnedAway = replies.filter(
          (r) => r.status === 503 && r.contentType.startsWith(PROBLEM) && r.body.code === 'SERVICE_UNAVAILABLE',
        ).length;
        const statusOf = (wanted: (k: (typeof kinds)[number]) => boolean, status: string) =>
          replies.filter((r, i) => ok[i] && wanted(kinds[i]) && r.body.status === status).length;
        const placedOk = kinds.filter((k, i) => ok[i] && k.placed).length;
        const pendingOk = kinds.filter((k, i) => ok[i] && !k.placed).length;
        const seen = await seats(p.id);
        const wrote = Number(
          (
            await t.dataSource.query(
              'SELECT count(*)::int AS n FROM enrolments WHERE program_id = $1 AND id = ANY($2::uuid[])',
              [p.id, replies.filter((r) => r.status === 201).map((r) => r.body.id as string)],
            )
          )[0].n,
        );
        const seatsTaken = Math.min(CAPACITY, placedOk);
        const actual = {
          answered: ok.filter(Boolean).length + turnedAway,
          confirmed: statusOf((k) => k.placed, 'confirmed'),
          waitlisted: statusOf((k) => k.placed, 'waitlisted'),
          pending: statusOf((k) => !k.placed, 'pending'),
          counters: seen.counters,
          rows: seen.rows,
          total: seen.total,
          wrote,
        };
        const expected = {
          answered: kinds.length,
          confirmed: seatsTaken,
          waitlisted: placedOk - seatsTaken,
          pending: pendingOk,
          counters: { confirmed: seatsTaken, waitlisted: placedOk - seatsTaken, pending: pendingOk },
          rows: { confirmed: seatsTaken, waitlisted: placedOk - seatsTaken, pending: pendingOk },
          total: placedOk + pendingOk,
          wrote: placedOk + pendingOk,
        };
        const odd = replies.find((r) => r.status !== 201);
        return { actual, expected, turnedAway, example: odd?.body };
      }

      const started = Date.now();
      const outcomes: Awaited<ReturnType<typeof race>>[] = [];
      // Programs do not share a lock: racing two at once adds pressure on the pool and the database.
      for (let done = 0; done < REPETITIONS; done += PROGRAMS_AT_ONCE) {
        const batch = Math.min(PROGRAMS_AT_ONCE, REPETITIONS - done);
        outcomes.push(...(await Promise.all(Array.from({ length: batch }, race))));
      }
      const elapsed = Date.now() - started;
      const turnedAway = outcomes.reduce((sum, o) => sum + o.turnedAway, 0);
      // Reported, not asserted: the machine's speed is not the API's correctness.
      process.stdout.write(
        `seat races: ${REPETITIONS} programs × ${kinds.length} requests in ${elapsed} ms ` +
          `(${Math.round((REPETITIONS * kinds.length * 1000) / elapsed)} requests/s, ${turnedAway} turned away with 503)\n`,
      );
      const wrong = outcomes.filter((o) => JSON.stringify(o.actual) !== JSON.stringify(o.expected));
      expect(wrong).toEqual([]);
      // Nearly all got through: a race that turned most away would prove little.
      expect(turnedAway).toBeLessThan((REPETITIONS * kinds.length) / 10);
    }, 420_000);
  });

  describe('completion', () => {
    it('closing a program ten times at once, round after round, issues one certificate per completer', async () => {
      const ROUNDS = 5;
      const AT_ONCE = 10;
      for (let round = 1; round <= ROUNDS; round++) {
        // 20 seats, 25 enrolled: five wait and get nothing; of the 20 seated, 5 missed the only session.
        const p = await createProgram(
          t,
          cast.admin.auth,
          cast.host,
          { capacity: 20, completionRule: { minAttendanceRate: 0.75 } },
          { publish: true },
        );
        const session = await createSession(t, cast.admin.auth, p.id);
        const trainees = await insertTrainees(t.dataSource, 25, { institutionId: cast.partnerA.id });
        for (const traineeId of trainees) {
          const res = await call('POST', `/programs/${p.id}/enrolments`, cast.admin.auth, { traineeId });
          expect(res.status).toBe(201);
        }
        const seated = trainees.slice(0, 20);
        const marks = seated.map((traineeId, i) => ({ traineeId, status: i < 15 ? 'present' : 'absent' }));
        expect((await call('PUT', `/sessions/${session.id}/attendance`, cast.admin.auth, marks)).status).toBe(200);

        const runs = await Promise.all(
          Array.from({ length: AT_ONCE }, () => call('POST', `/programs/${p.id}/complete`, cast.admin.auth)),
        );
        // The contract: each run answers 200 with the program's outcome; one of them issued the certificates.
        expect(runs.map((r) => r.status)).toEqual(runs.map(() => 200));
        expect(runs.map((r) => [r.body.completed, r.body.notCompleted])).toEqual(runs.map(() => [15, 5]));
        expect(runs.map((r) => r.body.certificatesIssued).sort((a, b) => b - a)).toEqual([
          15,
          ...Array(AT_ONCE - 1).fill(0),
        ]);
        const [state] = await t.dataSource.query(
          `SELECT
             (SELECT count(*)::int FROM certificates WHERE program_id = $1) AS certificates,
             (SELECT count(DISTINCT enrolment_id)::int FROM certificates WHERE program_id = $1) AS enrolments,
             (SELECT count(*)::int FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
               WHERE c.program_id = $1 AND e.status = 'completed') AS "ofCompleted",
             (SELECT count(*)::int FROM enrolments WHERE program_id = $1 AND status = 'completed') AS completed,
             (SELECT count(*)::int FROM enrolments WHERE program_id = $1 AND status = 'waitlisted') AS waitlisted,
             (SELECT count(*)::int FROM audit_events WHERE action = 'program.complete' AND entity_id = $1::text) AS closings,
             (SELECT count(*)::int FROM notifications WHERE kind = 'certificate-issued'
                AND params->>'programId' = $1::text) AS "certificateMails"`,
          [p.id],
        );
        expect({ round, ...state }).toEqual({
          round,
          certificates: 15,
          enrolments: 15,
          ofCompleted: 15,
          completed: 15,
          waitlisted: 5,
          closings: 1,
          certificateMails: 15,
        });
      }
    }, 120_000);
  });

  describe('imports', () => {
    /** Latin names take letters only: the row number spelled in letters (0 → a, 1 → b, …). */
    const letters = (i: number) => String(i).replace(/\d/g, (d) => String.fromCharCode(97 + Number(d)));
    const row = (email: string, i: number) => [`ผู้เข้าอบรม ${i}`, `Trainee ${letters(i)}`, email, 'TH', '', ''];
    const upload = (auth: Auth, file: Buffer) =>
      t.http
        .post(api('/trainees/import?dryRun=false&noticeVersion=2026-12&informedAttested=true'))
        .set(auth)
        .attach('file', file, 'roster.csv');
    const countOf = async (emails: string[]) =>
      (
        await t.dataSource.query(
          'SELECT count(*)::int AS n, count(DISTINCT lower(email))::int AS distinct FROM trainees WHERE lower(email) = ANY($1::text[])',
          [emails.map((e) => e.toLowerCase())],
        )
      )[0] as { n: number; distinct: number };

    const imports = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'trainee.import'`))[0]
        .n as number;

    it('overlapping files at once: each trainee once, each file whole or not at all, reports that add up', async () => {
      for (let round = 1; round <= 3; round++) {
        const tag = `r${round}-${Math.random().toString(36).slice(2, 8)}`;
        const pool = Array.from({ length: 400 }, (_v, i) => `imp-${tag}-${i}@e2e.test`);
        // Some already exist: those are updates for every file that names them.
        const existing = pool.slice(0, 40);
        await t.dataSource.query(
          `INSERT INTO trainees (full_name, email, nationality, preferred_locale)
           SELECT 'เดิม', unnest($1::text[]), 'TH', 'th'`,
          [existing],
        );
        // Six files of 200 rows each from the same 400 addresses, some in other letter cases, half of them
        // in the pool's order and half in reverse: the orders in which two writers would meet head-on.
        const files = Array.from({ length: 6 }, (_v, f) => {
          const picked = new Set(shuffled(pool).slice(0, 200));
          const ordered = (f % 2 ? [...pool].reverse() : pool).filter((email) => picked.has(email));
          return ordered.map((email, i) => (i % 7 === f ? email.toUpperCase() : email));
        });
        // A seventh names addresses of its own and of the others, and its last row is wrong: it writes nothing.
        const broken = [
          ...shuffled(pool).slice(0, 60),
          `own-${tag}-1@e2e.test`,
          `own-${tag}-2@e2e.test`,
          'not-an-email',
        ];
        const sent = [...files, broken];
        const auditsBefore = await imports();
        const replies = await Promise.all(
          sent.map((emails) => upload(cast.admin.auth, csvFile([HEADER, ...emails.map(row)]))),
        );
        expect(replies.map((r) => [r.status, r.type])).toEqual(sent.map(() => [200, 'application/json']));
        const reports = replies.map((r) => r.body as ImportReport);

        const [last, ...whole] = [reports[6], ...reports.slice(0, 6)];
        expect(last).toMatchObject({ committed: false, rows: 63 });
        expect(last.errors.map((e) => `${e.row}:${e.field}:${e.code}`)).toEqual(['64:email:IS_EMAIL']);
        expect((await countOf([`own-${tag}-1@e2e.test`, `own-${tag}-2@e2e.test`])).n).toBe(0);

        for (const report of whole) {
          expect(report).toMatchObject({ committed: true, rows: 200, errors: [] });
          expect(report.created + report.updated).toBe(200);
        }
        const named = [...new Set(files.flat().map((e) => e.toLowerCase()))];
        const { n, distinct } = await countOf(named);
        expect({ n, distinct }).toEqual({ n: named.length, distinct: named.length });
        // Every trainee the files brought was created by exactly one of them, and each file says so.
        const created = named.length - existing.filter((e) => named.includes(e)).length;
        expect(whole.reduce((sum, r) => sum + r.created, 0)).toBe(created);
        // One audit event per file written, none for the refused one.
        expect((await imports()) - auditsBefore).toBe(6);
      }
    }, 120_000);

    it('two partners importing the same new people at once: one keeps them, the other writes nothing and says why', async () => {
      const [first, second] = await Promise.all([
        createInstitution(t.dataSource, { kind: 'partner', country: 'TH' }),
        createInstitution(t.dataSource, { kind: 'partner', country: 'LA' }),
      ]);
      const partners = await Promise.all(
        [first, second].map(async (institution) => {
          const ids = await traineeAccountsForPartner(institution.id);
          return ids;
        }),
      );
      for (let round = 1; round <= 5; round++) {
        const tag = `p${round}-${Math.random().toString(36).slice(2, 8)}`;
        const shared = Array.from({ length: 100 }, (_v, i) => `shared-${tag}-${i}@e2e.test`);
        const ownOf = (p: number) => Array.from({ length: 20 }, (_v, i) => `own-${p}-${tag}-${i}@e2e.test`);
        const replies = await Promise.all(
          partners.map((auth, p) => upload(auth, csvFile([HEADER, ...shuffled([...shared, ...ownOf(p)]).map(row)]))),
        );
        expect(replies.map((r) => r.status).filter((s) => s >= 500)).toEqual([]);
        const committed = replies.map((r) => r.status === 200 && (r.body as ImportReport).committed);
        expect(committed.filter(Boolean)).toHaveLength(1);
        const loser = committed.indexOf(false);
        // Refused row by row, as a spreadsheet shows them: each shared address is another institution's.
        const refused = replies[loser].body as ImportReport;
        expect(replies[loser].status).toBe(200);
        expect(refused.errors).toHaveLength(shared.length);
        expect(new Set(refused.errors.map((e) => `${e.field}:${e.code}`))).toEqual(new Set(['email:EMAIL_TAKEN']));
        expect((await countOf(ownOf(loser))).n).toBe(0);
        expect((await countOf(ownOf(1 - loser))).n).toBe(20);
        const owners = await t.dataSource.query(
          'SELECT DISTINCT institution_id AS id FROM trainees WHERE email = ANY($1::text[])',
          [shared],
        );
        expect(owners).toEqual([{ id: [first, second][1 - loser].id }]);
      }
    }, 60_000);

    /** A partner account of the institution, signed in by token. */
    async function traineeAccountsForPartner(institutionId: string): Promise<Auth> {
      const [user] = (await t.dataSource.query(
        `INSERT INTO users (email, password_hash, full_name, role, institution_id, preferred_locale, email_verified_at)
         VALUES ('partner-' || gen_random_uuid() || '@e2e.test', 'not-a-hash', 'Partner', 'partner', $1, 'en', now())
         RETURNING id`,
        [institutionId],
      )) as { id: string }[];
      return bearerFor(t, user.id, Role.Partner);
    }
  });
});
