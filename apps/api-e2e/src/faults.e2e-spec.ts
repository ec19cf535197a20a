import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@skillbridge/api/database/embedded';
import { largeRoster } from './factories/trainees';
import { ApiProcess } from './support/api-process';
import { databaseUrl, statementRunning, withClient } from './support/database';
import { type Reply } from './support/http-call';
import { PostgresProcess } from './support/postgres-process';
import { eventually } from './support/eventually';

/*
 * Faults from outside the API: its database going away, and the process being
 * stopped or killed. Each needs things the shared test server cannot give, so
 * this file runs a PostgreSQL of its own (stopped and started again on the same
 * port and data) and the built API as child processes — the same
 * dist/apps/api/main.js that production runs, with its own signal handling.
 *
 * notifications.e2e-spec.ts already covers an orderly restart with mail waiting
 * ("delivers what was waiting after the API restarts…") and connections cut by
 * pg_terminate_backend; here the process is killed outright instead.
 */

// Random, as NODE_ENV=production requires.
const JWT_SECRET = '9zNZRzbpSj9NpZtg5nANNU8kuLxsN1RTcENyiqJ4KzpN';
const ADMIN = { email: 'admin@faults.e2e.test', password: 'Mekong-delta-faults-2024!' };
const PROBLEM = 'application/problem+json';
/** No request may take longer: the pool gives up on a connection after 5 s, statements after 15 s. */
const REQUEST_BOUND_MS = 10_000;

const sleep = (ms: number, { unref = false } = {}) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });

describe('faults', () => {
  let dataDir: string;
  let pgPort: number;
  let pg: PostgresProcess | null = null;
  const started = new Set<ApiProcess>();

  const startPostgres = async () => {
    pg = await PostgresProcess.start(dataDir, pgPort);
    return pg;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'skillbridge-faults-'));
    pgPort = await freePort();
    await startPostgres();
  }, 120_000);

  afterAll(async () => {
    for (const api of started) await api.kill();
    await pg?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function createDatabase(): Promise<string> {
    if (!pg) throw new Error('PostgreSQL is not running');
    const name = `faults_${randomBytes(4).toString('hex')}`;
    await withClient(pg.url, (client) => client.query(`CREATE DATABASE "${name}"`));
    return databaseUrl(pg.url, name);
  }

  /** Starts dist/apps/api/main.js on the database (migrating it), waits until it answers, signs the admin in. */
  async function startApi(url: string, env: Record<string, string> = {}): Promise<ApiProcess> {
    const api = await ApiProcess.start({
      databaseUrl: url,
      suite: 'faults',
      jwtSecret: JWT_SECRET,
      admin: ADMIN,
      env: { MIGRATIONS_RUN: 'true', ...env },
      startWithinMs: 60_000,
      callTimeoutMs: REQUEST_BOUND_MS + 5_000,
    });
    started.add(api);
    try {
      await api.login();
    } catch (error) {
      await api.kill();
      throw error;
    }
    return api;
  }

  const query = <T>(url: string, sql: string, params: unknown[] = []) =>
    withClient(url, async (client) => (await client.query(sql, params)).rows as T[]);

  describe('the database goes away', () => {
    it('answers 503 within bounds while PostgreSQL is down, stays up, and recovers by itself', async () => {
      const url = await createDatabase();
      // The outbox worker runs too: its loop must survive the outage as well.
      const api = await startApi(url, { OUTBOX_WORKER: 'true', OUTBOX_POLL_MS: '100' });

      type Phase = 'up' | 'stopping' | 'down' | 'starting' | 'back';
      let phase: Phase = 'up';
      const samples: (Reply & { kind: string; from: Phase; to: Phase })[] = [];
      let traffic = true;
      const requests = [
        () => ({ kind: 'list', reply: api.call('GET', '/programs', { headers: api.auth }) }),
        () => ({
          kind: 'write',
          reply: api.call('POST', '/institutions', {
            headers: api.auth,
            body: {
              code: `F-${randomBytes(4).toString('hex')}`,
              kind: 'partner',
              country: 'TH',
              name: { en: 'Faults' },
            },
          }),
        }),
        () => ({ kind: 'me', reply: api.call('GET', '/auth/me', { headers: api.auth }) }),
        () => ({ kind: 'health', reply: api.call('GET', '/health') }),
      ];
      const loop = async (offset: number) => {
        for (let i = offset; traffic; i++) {
          const from = phase;
          const { kind, reply } = requests[i % requests.length]();
          samples.push({ ...(await reply), kind, from, to: phase });
          await sleep(10);
        }
      };
      const loops = [0, 1, 2, 3, 4, 5, 6, 7].map(loop);
      let recoveredInMs = Infinity;
      let afterRecovery = Infinity;
      try {
        await sleep(1_500);
        phase = 'stopping';
        await pg?.stop();
        pg = null;
        phase = 'down';
        await sleep(6_000);
        // With the log's last lines if it died, to tell why.
        expect({ alive: api.alive, log: api.alive ? [] : api.logs.slice(-10) }).toEqual({ alive: true, log: [] });
        const health = await api.call('GET', '/health');
        expect([health.status, health.contentType.split(';')[0], health.body.code]).toEqual([
          503,
          PROBLEM,
          'SERVICE_UNAVAILABLE',
        ]);

        phase = 'starting';
        await startPostgres();
        phase = 'back';
        const backAt = Date.now();
        // Recovered by itself: a write succeeds again without restarting the API.
        await eventually(
          async () => samples.some((s) => s.from === 'back' && s.kind === 'write' && s.status === 201),
          'a write to succeed after PostgreSQL came back',
          20_000,
        );
        recoveredInMs = Date.now() - backAt;
        afterRecovery = samples.length;
        await sleep(2_000);
      } finally {
        // However this went, the traffic stops and the database is up for the next test.
        traffic = false;
        await Promise.all(loops);
        if (!pg) await startPostgres();
      }

      const describe = (s: (typeof samples)[number]) =>
        `${s.kind} ${s.from}→${s.to}: ${s.error ?? s.status} ${s.body?.code ?? ''} in ${s.ms} ms`;
      // Every request answered, in bounded time, never a 500.
      expect(
        samples
          .filter((s) => s.error || s.ms > REQUEST_BOUND_MS || (s.status >= 500 && s.status !== 503))
          .map(describe)
          // With the API's own account of each 500, to see why.
          .concat(api.logs.filter((line) => line.includes('failed with 500')).map((line) => line.slice(0, 900))),
      ).toEqual([]);
      // While the database was up, everything worked.
      const ok = (s: (typeof samples)[number]) => s.status >= 200 && s.status < 300;
      expect(samples.filter((s) => s.from === 'up' && s.to === 'up' && !ok(s)).map(describe)).toEqual([]);
      // While it was down, every request got a 503 problem document saying so.
      const down = samples.filter((s) => s.from === 'down' && s.to === 'down');
      expect(down.length).toBeGreaterThanOrEqual(20);
      expect(
        down
          .filter(
            (s) => !(s.status === 503 && s.contentType.startsWith(PROBLEM) && s.body.code === 'SERVICE_UNAVAILABLE'),
          )
          .map(describe),
      ).toEqual([]);
      // In between, either outcome, nothing else.
      expect(samples.filter((s) => !ok(s) && s.status !== 503).map(describe)).toEqual([]);
      // Once one write got through, all did.
      expect(
        samples
          .slice(afterRecovery)
          .filter((s) => !ok(s))
          .map(describe),
      ).toEqual([]);
      expect(recoveredInMs).toBeLessThan(20_000);
      expect((await api.call('GET', '/health')).status).toBe(200);
      expect(api.alive).toBe(true);
      await api.kill('SIGTERM');
      expect(api.exit).toEqual({ code: 0, signal: null });
    }, 120_000);
  });

  describe('the process is stopped or killed during an import', () => {
    const ROWS = 8_000;
    const importFile = (tag: string) => largeRoster(tag, ROWS, 'faults.e2e.test');
    const upload = (api: ApiProcess, file: Buffer) => api.importRoster(file, { timeoutMs: 30_000 });

    const countOf = async (url: string, tag: string) =>
      Number(
        (
          await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM trainees WHERE email LIKE $1', [`${tag}-%`])
        )[0].n,
      );

    /** Waits until the import's INSERT is running in the database; false if the import ended first. */
    const insertRunning = (url: string, reply: Promise<Reply>) =>
      statementRunning(url, 'INSERT INTO trainees', reply, 20_000);

    /**
     * SIGTERM after each delay, and once while the INSERT runs: the API finishes what it
     * took on and exits by itself, and the file is either wholly there (and reported
     * committed) or not at all.
     */
    it('SIGTERM: the import is all there or not at all, and the API exits by itself', async () => {
      const url = await createDatabase();
      const outcomes: string[] = [];
      for (const when of [0, 50, 250, 'insert', 1_000] as const) {
        const api = await startApi(url);
        const tag = `term-${when}-${randomBytes(3).toString('hex')}`;
        const reply = upload(api, importFile(tag));
        const caught = when === 'insert' ? await insertRunning(url, reply) : (await sleep(when), true);
        const signalled = Date.now();
        api.child.kill('SIGTERM');
        const exit = await Promise.race([api.exited, sleep(25_000, { unref: true }).then(() => null)]);
        const exitedInMs = Date.now() - signalled;
        const res = await reply;
        const count = await countOf(url, tag);
        outcomes.push(`${when}: ${count} rows, HTTP ${res.error ?? res.status}, exit ${exitedInMs} ms`);
        // Exits by itself, well before main.ts's forced exit at 20 s (code 1), with the log's last lines if not.
        const log = exit?.code === 0 && exitedInMs < 15_000 ? [] : api.logs.slice(-10);
        expect({ when, exit, caught, fast: exitedInMs < 15_000, log }).toEqual({
          when,
          exit: { code: 0, signal: null },
          caught: true,
          fast: true,
          log: [],
        });
        expect({ when, count: count === 0 || count === ROWS ? 'none or all' : count }).toEqual({
          when,
          count: 'none or all',
        });
        // A graceful stop answers what it took on: a written file was reported committed.
        if (count === ROWS)
          expect({ when, status: res.status, committed: res.body?.committed }).toEqual({
            when,
            status: 200,
            committed: true,
          });
        if (res.status === 200)
          expect({ when, count, committed: res.body.committed }).toEqual({ when, count: ROWS, committed: true });
        expect(res.status === 500 || (res.status === 0 && res.error === 'CLIENT_TIMEOUT')).toBe(false);
        await api.kill();
      }
      process.stdout.write(`SIGTERM during import: ${outcomes.join('; ')}\n`);
    }, 240_000);

    it('SIGKILL: an import cut off mid-way leaves nothing behind', async () => {
      const url = await createDatabase();
      const outcomes: string[] = [];
      // Killed once the import's INSERT runs in the database, then after a little more of it.
      for (const after of [0, 30, 100, 250]) {
        const when = `insert + ${after} ms`;
        const api = await startApi(url);
        const tag = `kill-${randomBytes(3).toString('hex')}`;
        const reply = upload(api, importFile(tag));
        const caught = await insertRunning(url, reply);
        await sleep(after);
        api.child.kill('SIGKILL');
        await api.exited;
        const res = await reply;
        // The server may still be rolling back the cut-off transaction: wait for the database to settle.
        const database = new URL(url).pathname.slice(1);
        await eventually(
          async () =>
            (
              await query(
                url,
                `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'INSERT INTO trainees%' AND state <> 'idle'`,
                [database],
              )
            ).length === 0,
          'the cut-off import to end in the database',
          20_000,
        );
        const count = await countOf(url, tag);
        outcomes.push(`${when}: ${count} rows, HTTP ${res.error ?? res.status}`);
        expect({ when, caught, count: count === 0 || count === ROWS ? 'none or all' : count }).toEqual({
          when,
          caught: true,
          count: 'none or all',
        });
        await api.kill();
      }
      process.stdout.write(`SIGKILL during import: ${outcomes.join('; ')}\n`);
    }, 240_000);
  });

  describe('the process is killed with e-mail waiting', () => {
    it('a new process delivers every waiting e-mail, each exactly once', async () => {
      const url = await createDatabase();
      // No SMTP_URL: e-mail goes to the development mailbox, in the same transaction that marks it sent.
      const outbox = { OUTBOX_WORKER: 'true', OUTBOX_POLL_MS: '50' };
      const first = await startApi(url, { OUTBOX_WORKER: 'false' });
      const [host] = await query<{ id: string }>(
        url,
        `INSERT INTO institutions (code, name, kind, country) VALUES ('HOST-F', '{"en":"Host"}', 'host', 'CN') RETURNING id`,
      );
      const program = await first.call('POST', '/programs', {
        headers: first.auth,
        body: {
          code: 'FAULTS-MAIL',
          kind: 'course',
          title: { en: 'Outbox under fire' },
          deliveryMode: 'online',
          timezone: 'Asia/Shanghai',
          startDate: '2024-09-03',
          endDate: '2024-09-05',
          meetingUrl: 'https://meeting.example.edu.cn/room/1',
          capacity: 2_000,
          hostInstitutionId: host.id,
          partnerInstitutionIds: [],
          completionRule: { minAttendanceRate: 0.75 },
        },
      });
      expect(program.status).toBe(201);
      expect((await first.call('POST', `/programs/${program.body.id}/publish`, { headers: first.auth })).status).toBe(
        200,
      );
      // 1,000 applications, approved through the API 500 at a time: 1,000 e-mails in the outbox.
      const pending = await query<{ id: string }>(
        url,
        `WITH t AS (
           INSERT INTO trainees (full_name, email, nationality, preferred_locale)
           SELECT 'ผู้เข้าอบรม ' || n, 'mail-' || n || '@faults.e2e.test', 'TH', 'th' FROM generate_series(1, 1000) n
           RETURNING id
         ), e AS (
           INSERT INTO enrolments (program_id, trainee_id, status) SELECT $1, id, 'pending' FROM t RETURNING id
         ), c AS (
           UPDATE programs SET pending_count = pending_count + 1000 WHERE id = $1
         )
         SELECT id FROM e`,
        [program.body.id],
      );
      for (let i = 0; i < pending.length; i += 500) {
        const ids = pending.slice(i, i + 500).map((e) => e.id);
        const res = await first.call('POST', '/enrolments/decisions', {
          headers: first.auth,
          body: { action: 'approve', enrolmentIds: ids },
        });
        expect(res.status).toBe(200);
      }
      await first.kill('SIGTERM');
      const waiting = async () =>
        (
          await query<{ pending: number; sent: number; mailbox: number }>(
            url,
            `SELECT count(*) FILTER (WHERE email_status = 'pending')::int AS pending,
                    count(*) FILTER (WHERE email_status = 'sent')::int AS sent,
                    (SELECT count(*)::int FROM mailbox_messages) AS mailbox
               FROM notifications`,
          )
        )[0];
      expect(await waiting()).toEqual({ pending: 1_000, sent: 0, mailbox: 0 });

      // A process starts delivering and is killed outright part-way through.
      const second = await startApi(url, outbox);
      await eventually(async () => (await waiting()).sent >= 50, 'the first deliveries', 30_000);
      second.child.kill('SIGKILL');
      await second.exited;
      const cut = await waiting();
      expect(cut.pending).toBeGreaterThan(0);
      expect(cut.sent).toBe(cut.mailbox);

      // The next one delivers the rest.
      const third = await startApi(url, outbox);
      await eventually(async () => (await waiting()).pending === 0, 'the outbox to drain', 60_000);
      await sleep(300);
      const [delivered] = await query<{
        notifications: number;
        sent: number;
        messages: number;
        distinct: number;
        orphans: number;
      }>(
        url,
        `SELECT (SELECT count(*)::int FROM notifications) AS notifications,
                (SELECT count(*)::int FROM notifications WHERE email_status = 'sent' AND email_attempts = 1) AS sent,
                (SELECT count(*)::int FROM mailbox_messages) AS messages,
                (SELECT count(DISTINCT notification_id)::int FROM mailbox_messages) AS distinct,
                (SELECT count(*)::int FROM mailbox_messages m
                   WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = m.notification_id AND n.email = m."to")) AS orphans`,
      );
      expect(delivered).toEqual({ notifications: 1_000, sent: 1_000, messages: 1_000, distinct: 1_000, orphans: 0 });
      process.stdout.write(
        `outbox: killed after ${cut.sent} of 1000 sent; the next process sent the other ${1000 - cut.sent}\n`,
      );
      await third.kill('SIGTERM');
    }, 180_000);
  });
});
