import type { Pool, PoolClient } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { mayReadFromReplica } from './read-scope';
import type { ReplicaSet } from './replica-set';

type Connection = [PoolClient, (error?: unknown) => void];

const REPLICA_CONNECT_TIMEOUT_MS = 1_000;

/** The parts of TypeORM 1.1's PostgresDriver this file replaces or uses (see its PostgresDriver.js). */
interface RoutableDriver {
  postgres: { Pool: new (options: Record<string, unknown>) => Pool };
  slaves: Pool[];
  createPool(options: DataSourceOptions, credentials: { url?: string }): Promise<Pool>;
  obtainMasterConnection(): Promise<Connection>;
  obtainSlaveConnection(): Promise<Connection>;
}

function connect(pool: Pool): Promise<Connection> {
  return new Promise((resolve, reject) =>
    pool.connect((error, client, release) => (error || !client ? reject(error) : resolve([client, release]))),
  );
}

/**
 * Where TypeORM's `replication` option meets our rules. Left alone, TypeORM
 * sends every read outside a transaction (find*, query builders) to a random
 * replica, healthy or not, and cannot start while one is down. Here:
 *
 * - A replica's pool is made without connecting, so the API starts (and stays
 *   up) with its replicas down; the ReplicaSet finds out which are well.
 * - A "slave" query runner gets a replica only inside a request scope that
 *   allows it (read-scope.ts) and only one the ReplicaSet has up; otherwise —
 *   and if connecting to the chosen one fails, which marks it down — the
 *   primary, without an error. Writes, transactions and dataSource.query()
 *   use "master" runners and never come here.
 *
 * Called on the data source before initialize().
 */
export function routeReplicaReads(dataSource: DataSource, replicas: ReplicaSet, replicaUrls: readonly string[]): void {
  const driver = dataSource.driver as unknown as RoutableDriver;
  const createPool = driver.createPool.bind(driver);
  const urls = new Set(replicaUrls);

  driver.createPool = async (options, credentials) => {
    if (!credentials.url || !urls.has(credentials.url)) return createPool(options, credentials);
    const pool = new driver.postgres.Pool({
      connectionString: credentials.url,
      application_name: (options as { applicationName?: string }).applicationName,
      ...((options as { extra?: Record<string, unknown> }).extra ?? {}),
      // A request waits this long at most for an unreachable replica before it falls back to the primary.
      connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
    });
    // An idle connection of a replica that went away: the pool drops it; the ReplicaSet notices the outage.
    pool.on('error', () => undefined);
    return pool;
  };

  driver.obtainSlaveConnection = async () => {
    if (!mayReadFromReplica()) return driver.obtainMasterConnection();
    const chosen = replicas.pick();
    if (!chosen) return driver.obtainMasterConnection();
    try {
      return await connect(chosen.pool);
    } catch (error) {
      replicas.markDown(chosen.index, error);
      return driver.obtainMasterConnection();
    }
  };
}

/** The replicas' pools, in the order of DATABASE_REPLICA_URLS, once the data source is connected. */
export function replicaPools(dataSource: DataSource): Pool[] {
  return (dataSource.driver as unknown as RoutableDriver).slaves;
}
