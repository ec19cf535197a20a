import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

// Calendar dates stay `YYYY-MM-DD` text in raw queries too: pg's default turns
// them into Date objects at local midnight, which shifts days across zones.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export interface DatabaseSettings {
  url: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
  /** Read replicas; none: no `replication` option at all (one pool, as before). */
  replicaUrls?: readonly string[];
}

/**
 * TypeORM options shared by the API, the TypeORM CLI data source, the
 * migration tool and the tests. `synchronize` is never on: the schema changes
 * only through the migrations listed in ./migrations.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const replicas = settings.replicaUrls ?? [];
  return {
    type: 'postgres',
    ...(replicas.length > 0
      ? {
          // Which reads may use a replica is decided in replicas/replica-routing.ts, not by TypeORM's default.
          replication: { master: { url: settings.url }, slaves: replicas.map((url) => ({ url })) },
        }
      : { url: settings.url }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    applicationName: settings.applicationName ?? 'skillbridge-api',
    extra: {
      max: settings.poolMax ?? 20,
      // Fail fast instead of queueing forever when the database is gone.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: settings.statementTimeoutMs ?? 15_000,
      query_timeout: (settings.statementTimeoutMs ?? 15_000) + 5_000,
    },
  };
}
