import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@skillbridge/api/database/embedded';
import { largeRoster } from './factories/trainees';
import { ApiProcess } from './support/api-process';
import { Balancer } from './support/balancer';
import { databaseUrl, statementRunning, withClient } from './support/database';
import { httpCall, refreshCookieOf, type CallOptions, type Reply } from './support/http-call';
import { PostgresProcess } from './support/postgres-process';
import { SmtpSink } from './support/smtp-sink';
import { eventually, sleep } from './support/eventually';

/*
 * Several API processes on one database behind a load balancer (issue 24), as
 * docker/compose.yaml runs them behind nginx: three copies of the built API
 * (dist/apps/api/main.js, as production runs it) on a PostgreSQL of this file's
 * own, and a round-robin proxy in front (support/balancer.ts). Whatever one
 * process knows that another must honour lives in PostgreSQL: sign-ins and
 * refresh tokens, the sign-in throttle (counted from the audit trail), the
 * verification limit (counted per process, added up in PostgreSQL every
 * second), the seat counters (row locks) and the outbox (row locks with SKIP
 * LOCKED). Each test shows one of those holding across the processes, with
 * the requests spread over all three — through the proxy, whose `x-upstream`
 * header names the process that answered, or straight to each process.
 *
 * The clients are told apart by their own loopback address (127.0.0.2, …):
 * the proxy appends the address it saw to X-Forwarded-For and the API
 * (TRUST_PROXY=1) reads the client from that last entry, as behind nginx.
 */

const PROCESSES = 3;
// Random, as NODE_ENV=production requires; equal on every process, as a deployment must have it.
const JWT_SECRET = 'Qb7xK2vN9pLm4RtY8wZc3HfJ6sD1gA5eU0iO7kTnBqW';
const ADMIN = { email: 'admin@several.e2e.test', password: 'Irrawaddy-several-2024!' };
const PROBLEM = 'application/problem+json';
const LIMITS = {
  LOGIN_MAX_FAILURES_PER_ACCOUNT: 3,
  LOGIN_MAX_FAILURES_PER_IP: 6,
  VERIFY_RATE_LIMIT_PER_MINUTE: 10,
};

/** The verification windows are fixed minutes: start in a fresh one when too little of this one is left. */
async function freshWindow(needSeconds: number) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needSeconds * 1000) await sleep(left + 50);
}

const upstreamOf = (reply: Reply) => Number(reply.headers['x-upstream']);
const describeReply = (r: Reply) => `${r.error ?? r.status} ${r.body?.code ?? ''}`.trim();

describe('several API processes on one database behind a load balancer', () => {
  let dataDir: string;
  let pg: PostgresProcess;
  let url: string;
  let sink: SmtpSink;
  let apis: ApiProcess[] = [];
  let balancer: Balancer;
  const proxyAgent = new Agent({ keepAlive: true, maxSockets: 64 });
  /** One request through the load balancer. */
  const viaProxy = (method: string, urlPath: string, options: CallOptions = {}) =>
    httpCall(balancer.port, proxyAgent, method, urlPath, options);
  const admin = () => apis[0].auth;

  const query = <T>(sql: string, params: unknown[] = []) =>
    withClient(url, async (client) => (await client.query(sql, params)).rows as T[]);

  const startApi = (index: number) =>
    ApiProcess.start({
      databaseUrl: url,
      suite: 'several',
      jwtSecret: JWT_SECRET,
      admin: ADMIN,
      label: `API process ${index}`,
      env: {
        // Every process migrates and creates the first admin on start, all at once on an empty database.
        MIGRATIONS_RUN: 'true',
        TRUST_PROXY: '1',
        OUTBOX_WORKER: 'true',
        OUTBOX_POLL_MS: '100',
        SMTP_URL: sink.url,
        // The one setting that differs: the sender, so the SMTP sink can tell which process sent what.
        MAIL_FROM: `Skillbridge <process-${index}@several.e2e.test>`,
        ...Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, String(v)])),
      },
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'skillbridge-several-'));
    pg = await PostgresProcess.start(dataDir, await freePort());
    const name = `several_${randomBytes(4).toString('hex')}`;
    await withClient(pg.url, (client) => client.query(`CREATE DATABASE "${name}"`));
    url = databaseUrl(pg.url, name);
    sink = await SmtpSink.start();
    // All three at once on the empty database: each runs the migrations and the first-admin step.
    const starts = await Promise.allSettled(Array.from({ length: PROCESSES }, (_v, i) => startApi(i)));
    apis = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    if (failed.length > 0) throw new Error(`API processes failed to start:\n${failed.join('\n\n')}`);
    for (const api of apis) {
      const res = await api.call('POST', '/auth/login', { body: ADMIN });
      if (res.status !== 200) throw new Error(`admin sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      api.token = res.body.accessToken;
    }
    balancer = await Balancer.start(apis.map((a) => a.port));
  }, 180_000);

  afterAll(async () => {
    await balancer?.close();
    proxyAgent.destroy();
    for (const api of apis) await api.kill();
    await sink?.down();
    await pg?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('started all three at once on an empty database: one schema, one first admin', async () => {
    expect(apis.map((a) => a.alive)).toEqual([true, true, true]);
    const [row] = await query<{ admins: number; migrations: number; distinct: number }>(
      `SELECT (SELECT count(*)::int FROM users WHERE role = 'admin') AS admins,
              (SELECT count(*)::int FROM migrations) AS migrations,
              (SELECT count(DISTINCT name)::int FROM migrations) AS distinct`,
    );
    expect(row.admins).toBe(1);
    expect(row.migrations).toBe(row.distinct);
  });

  it('a sign-in through one process holds on the others: access token, refresh rotation, replay and sign-out', async () => {
    const login = await apis[0].call('POST', '/auth/login', { body: ADMIN });
    expect(login.status).toBe(200);
    const userId = login.body.user.id;
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

    // The access token of process 0, on every process and through the proxy (which spreads them over all three).
    for (const api of apis) {
      const me = await api.call('GET', '/auth/me', { headers: bearer(login.body.accessToken) });
      expect([me.status, me.body.id]).toEqual([200, userId]);
    }
    const proxied = await Promise.all(
      Array.from({ length: PROCESSES }, () => viaProxy('GET', '/auth/me', { headers: bearer(login.body.accessToken) })),
    );
    expect(proxied.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(proxied.map(upstreamOf)).size).toBe(PROCESSES);

    // Its refresh cookie, rotated on process 1; the new access token works on process 2.
    const cookie0 = refreshCookieOf(login) as string;
    expect(cookie0).toBeDefined();
    const refreshed = await apis[1].call('POST', '/auth/refresh', { headers: { Cookie: cookie0 } });
    expect(refreshed.status).toBe(200);
    const cookie1 = refreshCookieOf(refreshed) as string;
    expect(cookie1).not.toBe(cookie0);
    expect((await apis[2].call('GET', '/auth/me', { headers: bearer(refreshed.body.accessToken) })).status).toBe(200);

    // Replaying the spent cookie on process 2 is seen as a replay (process 1 spent it) and ends the session,
    // so its successor is refused on process 0.
    expect((await apis[2].call('POST', '/auth/refresh', { headers: { Cookie: cookie0 } })).status).toBe(401);
    expect((await apis[0].call('POST', '/auth/refresh', { headers: { Cookie: cookie1 } })).status).toBe(401);

    // Through the proxy: sign in, refresh three times (each on the next process), sign out; the cookie is
    // then dead on every process.
    const second = await viaProxy('POST', '/auth/login', { body: ADMIN });
    expect(second.status).toBe(200);
    let cookie = refreshCookieOf(second) as string;
    const refreshedOn: number[] = [];
    for (let i = 0; i < PROCESSES; i++) {
      const res = await viaProxy('POST', '/auth/refresh', { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
      refreshedOn.push(upstreamOf(res));
      cookie = refreshCookieOf(res) as string;
    }
    expect(new Set(refreshedOn).size).toBe(PROCESSES);
    expect((await viaProxy('POST', '/auth/logout', { headers: { Cookie: cookie } })).status).toBeLessThan(300);
    for (const api of apis) {
      expect((await api.call('POST', '/auth/refresh', { headers: { Cookie: cookie } })).status).toBe(401);
    }
  });

  describe('the sign-in throttle counts the failures of all processes together', () => {
    it('per account and client: the fourth try is refused on every process, even with the right password', async () => {
      const email = `throttled-${randomBytes(3).toString('hex')}@several.e2e.test`;
      const password = 'Salween-throttle-2024!';
      const created = await apis[0].call('POST', '/users', {
        headers: admin(),
        body: { email, password, fullName: 'Throttled Account', role: 'admin' },
      });
      expect(created.status).toBe(201);
      const client = { from: '127.0.0.2' };

      // One failure on each process: alone, none of them is at the limit (3).
      const failures: Reply[] = [];
      for (let i = 0; i < LIMITS.LOGIN_MAX_FAILURES_PER_ACCOUNT; i++) {
        failures.push(
          await viaProxy('POST', '/auth/login', { ...client, body: { email, password: `wrong-${i}-xxxx` } }),
        );
      }
      expect(failures.map((r) => r.status)).toEqual([401, 401, 401]);
      expect(new Set(failures.map(upstreamOf)).size).toBe(PROCESSES);

      // Refused on every process now, the right password included.
      const refused: Reply[] = [];
      for (let i = 0; i < PROCESSES; i++) {
        refused.push(await viaProxy('POST', '/auth/login', { ...client, body: { email, password } }));
      }
      expect(refused.map((r) => [r.status, r.body.code])).toEqual(
        Array.from({ length: PROCESSES }, () => [429, 'TOO_MANY_REQUESTS']),
      );
      expect(new Set(refused.map(upstreamOf)).size).toBe(PROCESSES);
      expect(refused.every((r) => Number(r.headers['retry-after']) > 0)).toBe(true);

      // The owner, from another address, is let in.
      const owner = await viaProxy('POST', '/auth/login', { from: '127.0.0.3', body: { email, password } });
      expect(owner.status).toBe(200);
    });

    it('per client IP: a client spraying accounts over all processes is refused on every one, whatever X-Forwarded-For it sends', async () => {
      const client = { from: '127.0.0.4' };
      const spray = (i: number, headers: Record<string, string> = {}) =>
        viaProxy('POST', '/auth/login', {
          ...client,
          headers,
          body: {
            email: `spray-${i}-${randomBytes(3).toString('hex')}@several.e2e.test`,
            password: 'spring-2024-pass',
          },
        });
      const failures: Reply[] = [];
      for (let i = 0; i < LIMITS.LOGIN_MAX_FAILURES_PER_IP; i++) failures.push(await spray(i));
      expect(failures.map((r) => r.status)).toEqual(
        Array.from({ length: LIMITS.LOGIN_MAX_FAILURES_PER_IP }, () => 401),
      );
      // Two on each process: each alone is a third of the way to the limit (6).
      expect(balancerSpread(failures)).toEqual([2, 2, 2]);

      const refused: Reply[] = [];
      for (let i = 0; i < PROCESSES; i++) refused.push(await spray(100 + i, { 'X-Forwarded-For': `203.0.113.${i}` }));
      expect(refused.map((r) => [r.status, r.body.code])).toEqual(
        Array.from({ length: PROCESSES }, () => [429, 'TOO_MANY_REQUESTS']),
      );
      expect(new Set(refused.map(upstreamOf)).size).toBe(PROCESSES);
      // Another client is not held back by that one.
      expect((await viaProxy('POST', '/auth/login', { from: '127.0.0.5', body: ADMIN })).status).toBe(200);
    });
  });

  it('the verification limit holds across processes to within its flush slack', async () => {
    const limit = LIMITS.VERIFY_RATE_LIMIT_PER_MINUTE;
    // Every request inside one fixed minute.
    await freshWindow(40);
    const client = { from: '127.0.0.6' };
    const replies: Reply[] = [];
    // 36 lookups, paced (about 2 a second): counted per process only, each would let 10 of its 12 through.
    for (let i = 0; i < 36; i++) {
      replies.push(await viaProxy('GET', `/verify/guess${String(i).padStart(3, '0')}AAAAAAAAAAAAAAA`, client));
      await sleep(400);
    }
    const letThrough = replies.filter((r) => r.status === 404).length;
    const refused = replies.filter((r) => r.status === 429);
    expect(letThrough + refused.length).toBe(replies.length);
    expect(balancerSpread(replies)).toEqual([12, 12, 12]);
    // At least the limit (the first ten are never refused). At most the limit plus what was sent while a
    // process's view of the others was stale: their hits reach PostgreSQL within a second, and it reads the
    // total back at its own next flush, within another — about 2 s of traffic, 5 requests at this pace; bounded
    // here at twice the limit, well under the 30 that counting in each process alone would let through.
    expect(letThrough).toBeGreaterThanOrEqual(limit);
    expect(letThrough).toBeLessThanOrEqual(2 * limit);
    // Once every process has added its count, all of them refuse.
    expect(replies.slice(-9).map((r) => r.status)).toEqual(Array.from({ length: 9 }, () => 429));
    expect(refused.every((r) => Number(r.headers['retry-after']) > 0 && r.contentType.startsWith(PROBLEM))).toBe(true);
    // Another client still gets its answers.
    expect((await viaProxy('GET', '/verify/other0AAAAAAAAAAAAAAAAA', { from: '127.0.0.7' })).status).toBe(404);
    process.stdout.write(
      `verification limit ${limit}/min across ${PROCESSES} processes: ${letThrough} of 36 let through\n`,
    );
  }, 120_000);

  /** A published online program of the host institution. */
  async function program(code: string, capacity: number): Promise<string> {
    const [host] = await query<{ id: string }>(
      `INSERT INTO institutions (code, name, kind, country) VALUES ($1, '{"en":"Host"}', 'host', 'CN') RETURNING id`,
      [`HOST-${code}`],
    );
    const created = await viaProxy('POST', '/programs', {
      headers: admin(),
      body: {
        code,
        kind: 'course',
        title: { en: `Several processes ${code}` },
        deliveryMode: 'online',
        timezone: 'Asia/Shanghai',
        startDate: '2027-09-03',
        endDate: '2027-09-05',
        meetingUrl: 'https://meeting.example.edu.cn/room/1',
        capacity,
        hostInstitutionId: host.id,
        partnerInstitutionIds: [],
        completionRule: { minAttendanceRate: 0.75 },
      },
    });
    expect(created.status).toBe(201);
    expect((await viaProxy('POST', `/programs/${created.body.id}/publish`, { headers: admin() })).status).toBe(200);
    return created.body.id;
  }

  /** Trainees with e-mail addresses, made in SQL. */
  async function trainees(tag: string, count: number): Promise<{ id: string; email: string }[]> {
    return query<{ id: string; email: string }>(
      `INSERT INTO trainees (full_name, email, nationality, preferred_locale)
       SELECT 'ผู้เข้าอบรม ' || n, $1 || '-' || n || '@several.e2e.test', 'TH', 'th' FROM generate_series(1, $2::int) n
       RETURNING id, email`,
      [tag, count],
    );
  }

  it('the seat rules hold: the last seats, raced for on all three processes at once, are never overbooked', async () => {
    const CAPACITY = 5;
    const programId = await program('SEATS-RACE', CAPACITY);
    const people = await trainees('seats', 38);
    // Two seats taken first; three left.
    for (const t of people.slice(0, 2)) {
      const res = await viaProxy('POST', `/programs/${programId}/enrolments`, {
        headers: admin(),
        body: { traineeId: t.id },
      });
      expect([res.status, res.body.status]).toEqual([201, 'confirmed']);
    }
    // 36 at once, twelve straight to each process.
    const racers = people.slice(2);
    const replies = await Promise.all(
      racers.map((t, i) =>
        apis[i % PROCESSES].call('POST', `/programs/${programId}/enrolments`, {
          headers: admin(),
          body: { traineeId: t.id },
        }),
      ),
    );
    // A request may be turned away when it waited on a slow machine longer than the pool's timeout: then it wrote nothing.
    const ok = replies.filter((r) => r.status === 201);
    const turnedAway = replies.filter((r) => r.status === 503 && r.body?.code === 'SERVICE_UNAVAILABLE');
    expect({ other: replies.filter((r) => r.status !== 201 && !turnedAway.includes(r)).map(describeReply) }).toEqual({
      other: [],
    });
    const left = CAPACITY - 2;
    const seated = Math.min(left, ok.length);
    expect(ok.filter((r) => r.body.status === 'confirmed')).toHaveLength(seated);
    expect(ok.filter((r) => r.body.status === 'waitlisted')).toHaveLength(ok.length - seated);
    const [row] = await query<Record<string, number>>(
      `SELECT p.confirmed_count AS "confirmedCounter", p.waitlisted_count AS "waitlistedCounter",
              count(e.id) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              count(e.id) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted
         FROM programs p LEFT JOIN enrolments e ON e.program_id = p.id WHERE p.id = $1 GROUP BY p.id`,
      [programId],
    );
    expect(row).toEqual({
      confirmedCounter: 2 + seated,
      waitlistedCounter: ok.length - seated,
      confirmed: 2 + seated,
      waitlisted: ok.length - seated,
    });
    expect(row.confirmed).toBeLessThanOrEqual(CAPACITY);
  }, 120_000);

  it('the outbox, with a worker in every process, delivers each e-mail exactly once', async () => {
    const programId = await program('OUTBOX-RACE', 500);
    const people = await trainees('mail', 90);
    // 90 confirmations, each an e-mail, written through the proxy (so by all three processes), 30 at a time.
    const replies: Reply[] = [];
    for (let i = 0; i < people.length; i += 30) {
      replies.push(
        ...(await Promise.all(
          people
            .slice(i, i + 30)
            .map((t) =>
              viaProxy('POST', `/programs/${programId}/enrolments`, { headers: admin(), body: { traineeId: t.id } }),
            ),
        )),
      );
    }
    expect(replies.filter((r) => r.status !== 201).map(describeReply)).toEqual([]);
    expect(balancerSpread(replies)).toEqual([30, 30, 30]);

    const status = async () =>
      (
        await query<{ pending: number; sent: number; failed: number }>(
          `SELECT count(*) FILTER (WHERE email_status = 'pending')::int AS pending,
                  count(*) FILTER (WHERE email_status = 'sent')::int AS sent,
                  count(*) FILTER (WHERE email_status = 'failed')::int AS failed
             FROM notifications`,
        )
      )[0];
    await eventually(async () => (await status()).pending === 0, 'the outbox to be idle', 90_000);
    // Idle for a while more: nothing is sent again once sent.
    await sleep(1_000);
    const final = await status();
    expect(final).toMatchObject({ pending: 0, failed: 0 });

    // Every message the sink received is a different notification, and every sent notification arrived.
    const ids = sink.messages.map((m) => /^<?([0-9a-f-]{36})@/.exec(m.messageId)?.[1]);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sink.messages).toHaveLength(final.sent);

    const ours = await query<{ id: string; email: string; attempts: number }>(
      `SELECT n.id, n.email, n.email_attempts AS attempts FROM notifications n WHERE n.email LIKE 'mail-%@several.e2e.test'`,
    );
    expect(ours).toHaveLength(people.length);
    for (const n of ours) {
      const received = sink.to(n.email);
      expect({ email: n.email, received: received.length, attempts: n.attempts }).toEqual({
        email: n.email,
        received: 1,
        attempts: 1,
      });
      expect(received[0].messageId).toContain(n.id);
    }
    // The workers did race: more than one process sent some of them.
    const senders = new Map<string, number>();
    for (const n of ours) {
      const from = sink.to(n.email)[0].from;
      senders.set(from, (senders.get(from) ?? 0) + 1);
    }
    expect(senders.size).toBeGreaterThanOrEqual(2);
    process.stdout.write(
      `outbox: ${people.length} e-mails, sent by ${[...senders].map(([f, n]) => `${f}: ${n}`).join(', ')}\n`,
    );
  }, 150_000);

  it('a process killed mid-request loses nothing that was committed, and the proxy routes around it', async () => {
    const victimIndex = PROCESSES - 1;
    const victim = apis[victimIndex];
    type Sample = Reply & { code: string; afterKill: boolean; victimMarkedDown: boolean };
    const samples: Sample[] = [];
    let killedAt = 0;
    let traffic = true;
    const loop = async (loopIndex: number) => {
      for (let i = 0; traffic; i++) {
        // Upper case, as the API stores institution codes.
        const code = `K${loopIndex}-${i}-${randomBytes(3).toString('hex').toUpperCase()}`;
        const afterKill = killedAt > 0;
        const victimMarkedDown = balancer.failures[victimIndex] > 0;
        const reply = await viaProxy('POST', '/institutions', {
          headers: admin(),
          body: { code, kind: 'partner', country: 'TH', name: { en: `Kill ${code}` } },
        });
        samples.push({ ...reply, code, afterKill, victimMarkedDown });
        await sleep(5);
      }
    };
    const loops = [0, 1, 2, 3, 4, 5].map(loop);

    // An import in flight on the victim too: killed while its INSERT runs, it must leave nothing or everything.
    const ROWS = 6_000;
    const tag = `kill-${randomBytes(3).toString('hex')}`;
    const file = largeRoster(tag, ROWS, 'several.e2e.test');
    let importCaught = false;
    let importReply: Reply | null = null;
    try {
      await sleep(1_500);
      const reply = victim.importRoster(file, { timeoutMs: 60_000 });
      importCaught = await statementRunning(url, 'INSERT INTO trainees', reply, 30_000);
      victim.child.kill('SIGKILL');
      killedAt = Date.now();
      await victim.exited;
      importReply = await reply;
      // Traffic goes on for a while with the victim gone.
      await sleep(3_000);
    } finally {
      traffic = false;
      await Promise.all(loops);
    }
    // The cut-off import may still be rolling back: wait for the database to settle.
    const database = new URL(url).pathname.slice(1);
    await eventually(
      async () =>
        (
          await query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'INSERT INTO trainees%' AND state <> 'idle'`,
            [database],
          )
        ).length === 0,
      'the cut-off import to end in the database',
      30_000,
    );

    // Every write that was answered 2xx is there.
    const ok = samples.filter((s) => s.status === 201);
    const stored = new Set(
      (
        await query<{ code: string }>('SELECT code FROM institutions WHERE code = ANY($1)', [
          samples.map((s) => s.code),
        ])
      ).map((r) => r.code),
    );
    expect(ok.filter((s) => !stored.has(s.code)).map((s) => s.code)).toEqual([]);
    expect(ok.length).toBeGreaterThan(20);
    // What failed, failed only at the victim: a 502 from the proxy or a connection it cut — never a 500.
    const failed = samples.filter((s) => s.status !== 201);
    expect(
      failed
        .filter(
          (s) =>
            !(upstreamOf(s) === victimIndex && s.status === 502) &&
            // The proxy cuts the client's connection when the victim died mid-answer; our own time limit is no such cut.
            !(s.status === 0 && s.error && s.error !== 'CLIENT_TIMEOUT'),
        )
        .map(describeReply),
    ).toEqual([]);
    // Once the proxy had seen the victim fail, every request went to the others and succeeded.
    const routedAround = samples.filter((s) => s.victimMarkedDown);
    expect(routedAround.length).toBeGreaterThan(10);
    expect(routedAround.filter((s) => s.status !== 201).map(describeReply)).toEqual([]);
    expect(new Set(routedAround.map(upstreamOf))).toEqual(new Set([0, 1, 2].filter((i) => i !== victimIndex)));

    // The import on the victim: all or nothing.
    const [{ n }] = await query<{ n: number }>('SELECT count(*)::int AS n FROM trainees WHERE email LIKE $1', [
      `${tag}-%`,
    ]);
    expect({ caught: importCaught, rows: n === 0 || n === ROWS ? 'none or all' : n }).toEqual({
      caught: true,
      rows: 'none or all',
    });
    // A 200 would have said the rows were committed (the kill came after the commit): then they are all there.
    const importStatus = importReply?.status ?? 0;
    expect({ status: importStatus, rows: importStatus === 200 ? n : 'not answered 200' }).toEqual({
      status: importStatus,
      rows: importStatus === 200 ? ROWS : 'not answered 200',
    });

    // The survivors answer, the victim is gone.
    expect(victim.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(apis.filter((a) => a !== victim).map((a) => a.alive)).toEqual([true, true]);
    const after = await Promise.all(Array.from({ length: 6 }, () => viaProxy('GET', '/health')));
    expect(after.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    process.stdout.write(
      `kill: ${ok.length} writes answered 201 (all stored), ${failed.length} failed at the victim ` +
        `(${failed.map(describeReply).join(', ')}); import on the victim: ${n} of ${ROWS} rows\n`,
    );
  }, 180_000);

  /** How many of `replies` each process answered. */
  function balancerSpread(replies: Reply[]): number[] {
    return apis.map((_a, i) => replies.filter((r) => upstreamOf(r) === i).length);
  }
});
