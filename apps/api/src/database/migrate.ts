import type { DataSource, Migration } from 'typeorm';
import { ADVISORY_LOCK_KEYS } from './advisory-locks';

/** Runs `work` while holding a session-level PostgreSQL advisory lock: one replica at a time. */
async function serialised<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that
 * several API replicas starting at once migrate exactly once.
 */
export function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  return serialised(dataSource, ADVISORY_LOCK_KEYS.migrations, () => dataSource.runMigrations({ transaction: 'each' }));
}

/**
 * Runs the start-up seeding one replica at a time. Each step checks "nothing
 * there yet" before it writes; replicas starting together on an empty
 * database all saw nothing, and every one but the first then failed on the
 * unique e-mail and exited.
 */
export function runSeeding<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  return serialised(dataSource, ADVISORY_LOCK_KEYS.seeding, work);
}

/** The SQL that would bring the database in line with the entities; empty when there is no drift. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
