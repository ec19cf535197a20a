import { Role, type HealthStatus } from '@skillbridge/contracts';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@skillbridge/api/database/data-source-options';
import { freePort } from '@skillbridge/api/database/embedded';
import { runMigrations } from '@skillbridge/api/database/migrate';
import { PRIMARY_WINDOW_COOKIE } from '@skillbridge/api/database/replicas/primary-window';
import { startStreamingReplica, type StreamingReplica } from '@skillbridge/api/database/streaming-replica';
import { createSignedIn } from './factories/accounts';
import { createHost, createProgram } from './factories/programs';
import { databaseUrl, withClient, type TestDatabase } from './support/database';
import { PostgresProcess } from './support/postgres-process';
import { api, startTestApp, type TestApp } from './support/test-app';
import { sleep, eventually as waitFor } from './support/eventually';

/*
 * Read replicas on PostgreSQL's own streaming replication: a primary of this
 * file's own and a standby built from it by a base backup (streaming-replica.ts),
 * with the API in front. Which server answered is read from the servers
 * themselves — each counts the scans of its own `programs` table — and from
 * what a paused standby cannot know yet.
 */

const DATABASE = 'replication_e2e';

// Generous: a backend reports its scans only once it has been idle (up to ~10 s), and the machine may be busy.
const eventually = <T>(probe: () => Promise<T | false | undefined>, what: string, withinMs = 45_000) =>
  waitFor(probe, what, withinMs, 100);

/** Scans of a table run on that server (a standby counts its own); a backend reports them within ~1 s of idling. */
const scans = (url: string, table: string) =>
  withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS n FROM pg_stat_user_tables WHERE relname = $1`,
      [table],
    );
    return Number(rows[0].n);
  });
const programScans = (url: string) => scans(url, 'programs');

const titleOn = (url: string, id: string) =>
  withClient(url, async (client) => {
    const { rows } = await client.query(`SELECT title->>'en' AS title FROM programs WHERE id = $1`, [id]);
    return rows[0]?.title as string | undefined;
  });

describe('read replicas (streaming replication)', () => {
  let dir: string;
  let primary: PostgresProcess;
  let replica: StreamingReplica;
  let primaryDb: string;
  let replicaDb: string;
  /** Reads may lag by minutes here: what keeps a caller on the primary is their own window, not the lag. */
  let t: TestApp;
  /** The same, but a replica 300 ms behind is skipped. */
  let strict: TestApp;
  let writer: { Authorization: string };
  let reader: { Authorization: string };
  let programId: string;

  const health = async (app: TestApp) => (await app.http.get(api('/health'))).body as HealthStatus;
  const titleFor = async (app: TestApp, auth: { Authorization: string }, cookie?: string) => {
    const request = app.http.get(api(`/programs/${programId}`)).set(auth);
    if (cookie) request.set('Cookie', cookie);
    const res = await request;
    expect(res.status).toBe(200);
    return res.body.title.en as string;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skillbridge-replication-'));
    // The servers run as the `postgres` user when the tests run as root: it must reach the folders inside.
    await chmod(dir, 0o755);
    primary = await PostgresProcess.start(path.join(dir, 'primary'), await freePort());
    await withClient(primary.url, (client) => client.query(`CREATE DATABASE ${DATABASE}`));
    primaryDb = databaseUrl(primary.url, DATABASE);
    const migrator = new DataSource(dataSourceOptions({ url: primaryDb }));
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();

    replica = await startStreamingReplica({ primaryUrl: primary.url, dataDir: path.join(dir, 'replica') });
    replicaDb = databaseUrl(replica.url, DATABASE);
    // The primary belongs to this file: the apps must not drop it.
    const database: TestDatabase = { name: DATABASE, url: primaryDb, drop: async () => undefined };
    const env = { DATABASE_REPLICA_URLS: replicaDb, REPLICA_CHECK_INTERVAL_MS: '200' };
    t = await startTestApp({ ...env, REPLICA_MAX_LAG_MS: '600000', REPLICA_READ_AFTER_WRITE_MS: '60000' }, [], {
      database,
    });
    strict = await startTestApp({ ...env, REPLICA_MAX_LAG_MS: '300' }, [], { database });

    writer = (await createSignedIn(t, { role: Role.Admin })).auth;
    reader = (await createSignedIn(t, { role: Role.Admin })).auth;
    const host = await createHost(t);
    programId = (await createProgram(t, writer, host, { title: { en: 'Before the change' } })).id;
    await eventually(async () => (await titleOn(replicaDb, programId)) === 'Before the change', 'the replica');
    await eventually(
      async () => (await health(t)).replicas[0]?.status === 'up' && (await health(strict)).replicas[0]?.status === 'up',
      'both apps to find the replica up',
    );
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await strict?.close();
    await replica?.remove();
    await primary?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 90_000);

  it('answers the read-only GETs from the replica, not the primary', async () => {
    const before = { primary: await programScans(primaryDb), replica: await programScans(replicaDb) };
    for (let i = 0; i < 20; i++) {
      expect((await t.http.get(api('/programs')).set(reader)).status).toBe(200);
    }
    // Reads on the primary would never move the replica's own count.
    await eventually(
      async () => (await programScans(replicaDb)) - before.replica >= 20,
      '20 scans of programs on the replica',
    );
    await sleep(1_500);
    expect((await programScans(primaryDb)) - before.primary).toBeLessThan(20);
    expect((await health(t)).replicas).toEqual([{ name: 'replica-1', status: 'up', lagMs: expect.any(Number) }]);
  }, 90_000);

  it('streams an export from the replica', async () => {
    const before = { primary: await scans(primaryDb, 'enrolments'), replica: await scans(replicaDb, 'enrolments') };
    const res = await t.http.get(api(`/programs/${programId}/roster.csv`)).set(reader);
    expect(res.status).toBe(200);
    await eventually(
      async () => (await scans(replicaDb, 'enrolments')) > before.replica,
      'the roster to scan enrolments on the replica',
    );
    await sleep(1_500);
    expect(await scans(primaryDb, 'enrolments')).toBe(before.primary);
  }, 90_000);

  it('sends the raw SQL of a read-only route (the reports) to the replica too', async () => {
    // Nothing else in this file reads certificates.
    const before = { primary: await scans(primaryDb, 'certificates'), replica: await scans(replicaDb, 'certificates') };
    const res = await t.http.get(api('/reports/overview')).set(reader);
    expect(res.status).toBe(200);
    await eventually(
      async () => (await scans(replicaDb, 'certificates')) > before.replica,
      'the overview to scan certificates on the replica',
    );
    await sleep(1_500);
    expect(await scans(primaryDb, 'certificates')).toBe(before.primary);
  }, 90_000);

  it('shows a caller their own write while replay is paused, and the others the replica’s older state', async () => {
    await withClient(replica.url, (client) => client.query('SELECT pg_wal_replay_pause()'));
    try {
      const res = await t.http
        .patch(api(`/programs/${programId}`))
        .set(writer)
        .send({ title: { en: 'After the change' } });
      expect(res.status).toBe(200);
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      const window = setCookie.find((c) => c.startsWith(`${PRIMARY_WINDOW_COOKIE}=`));
      expect(window).toMatch(/HttpOnly/);
      expect(window).toMatch(/Path=\/api/);
      expect(window).toMatch(/SameSite=Lax/);
      const cookie = (window as string).split(';')[0];

      expect(await titleOn(primaryDb, programId)).toBe('After the change');
      expect(await titleOn(replicaDb, programId)).toBe('Before the change');
      // The writer, carrying the window, reads the primary…
      expect(await titleFor(t, writer, cookie)).toBe('After the change');
      // …a caller without it reads the paused replica…
      expect(await titleFor(t, reader)).toBe('Before the change');
      // …and so does one whose window was tampered with (a later end, the same MAC).
      const [name, value] = cookie.split('=');
      const [until, mac] = value.split('.');
      expect(await titleFor(t, writer, `${name}=${Number(until) + 1000}.${mac}`)).toBe('Before the change');

      // With a small REPLICA_MAX_LAG_MS the stalled replica is skipped: everyone reads the primary.
      await eventually(async () => (await health(strict)).replicas[0]?.status === 'lagging', 'lagging in health');
      const lagging = (await health(strict)).replicas[0];
      expect(lagging.lagMs).toBeGreaterThan(300);
      expect(await titleFor(strict, reader)).toBe('After the change');
      // The lenient app still uses it, lag and all.
      expect((await health(t)).replicas[0].status).toBe('up');
      expect(await titleFor(t, reader)).toBe('Before the change');
    } finally {
      await withClient(replica.url, (client) => client.query('SELECT pg_wal_replay_resume()'));
    }
    await eventually(async () => (await titleFor(t, reader)) === 'After the change', 'the replica to catch up');
    await eventually(async () => (await health(strict)).replicas[0]?.status === 'up', 'the strict app to use it again');
  }, 90_000);

  it('reads from the primary while the replica is stopped, and from the replica again once it is back', async () => {
    await replica.stop();
    for (let i = 0; i < 10; i++) {
      expect((await t.http.get(api('/programs')).set(reader)).status).toBe(200);
      expect((await t.http.get(api(`/programs/${programId}`)).set(reader)).status).toBe(200);
    }
    await eventually(async () => (await health(t)).replicas[0]?.status === 'down', 'down in health');
    const res = await t.http.get(api('/health'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: 'up',
      replicas: [{ name: 'replica-1', status: 'down', lagMs: null }],
    });
    expect(JSON.stringify(res.body)).not.toContain(String(replica.port));
    expect((await t.http.get(api('/programs')).set(reader)).status).toBe(200);

    await replica.start();
    await eventually(async () => (await health(t)).replicas[0]?.status === 'up', 'up again in health');
    const before = await programScans(replicaDb);
    for (let i = 0; i < 10; i++) {
      expect((await t.http.get(api('/programs')).set(reader)).status).toBe(200);
    }
    await eventually(async () => (await programScans(replicaDb)) - before >= 10, 'scans on the restarted replica');
  }, 90_000);

  it('sets no read-after-write cookie when no replica is configured', async () => {
    const plain = await startTestApp();
    try {
      const res = await plain.http
        .post(api('/auth/login'))
        .send({ email: 'nobody@e2e.test', password: 'wrong-password-1' });
      expect(res.status).toBe(401);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(cookies.some((c) => c.startsWith(`${PRIMARY_WINDOW_COOKIE}=`))).toBe(false);
      expect((await plain.http.get(api('/health'))).body.replicas).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
