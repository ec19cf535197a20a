import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Gives every connection of the data source's pools an 'error' listener of its
 * own, for as long as it lives. pg emits 'error' on a connection the server
 * ends (the database dropped, restarted, `pg_terminate_backend`); while the
 * connection is idle the pool listens, while a query runner holds it TypeORM
 * does — but between the two, or when a second error follows the first, nobody
 * does, and an 'error' event without a listener is thrown: an uncaught
 * exception that ends the process. (The health suite's "database is gone" test
 * saw it once.) The connection is unusable either way; its next use fails and
 * TypeORM releases it with the error, so the pool discards it.
 *
 * Called on the data source before initialize(). `_clients` is pg-pool 3's list
 * of the pool's connections (pg is pinned): the one TypeORM opens to test the
 * pool is made before any 'connect' listener could be added.
 */
export function keepConnectionErrorsHandled(dataSource: DataSource, warn: (message: string) => void): void {
  const driver = dataSource.driver as unknown as { createPool(...args: unknown[]): Promise<Pool> };
  const createPool = driver.createPool.bind(driver);
  const listen = (client: PoolClient) =>
    client.on('error', (error) => warn(`database connection ended: ${error.message}`));
  driver.createPool = async (...args: unknown[]) => {
    const pool = await createPool(...args);
    for (const client of (pool as unknown as { _clients?: PoolClient[] })._clients ?? []) listen(client);
    pool.on('connect', listen);
    return pool;
  };
}
