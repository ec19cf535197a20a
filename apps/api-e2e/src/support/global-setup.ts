import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@skillbridge/api/database/data-source-options';
import { startEmbeddedPostgres } from '@skillbridge/api/database/embedded';
import { runMigrations } from '@skillbridge/api/database/migrate';
import { ADMIN_URL_ENV, TEMPLATE_DATABASE, databaseUrl, withClient } from './database';

/**
 * Once per test run: a real PostgreSQL on a throw-away folder and a free port,
 * and a template database with every migration applied, which each spec file
 * clones. The server is stopped and the folder removed in global-teardown.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'skillbridge-e2e-'));
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  await withClient(server.url, (client) => client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`));
  const dataSource = new DataSource(dataSourceOptions({ url: databaseUrl(server.url, TEMPLATE_DATABASE) }));
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  process.env[ADMIN_URL_ENV] = server.url;
  (globalThis as Record<string, unknown>)['__SB_E2E__'] = { server, dataDir };
}
