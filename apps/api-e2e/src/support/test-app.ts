import type { Response } from 'superagent';
import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createRootLogger } from '@skillbridge/api/common/logging/logger';
import { loadConfig } from '@skillbridge/api/config';
import { createApp } from '@skillbridge/api/create-app';
import { OutboxWorker } from '@skillbridge/api/modules/notifications/outbox-worker';
import { DataExportWorker } from '@skillbridge/api/modules/privacy/data-copy/data-export-worker';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: NestFastifyApplication;
  /** Base URL of the listening API, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** supertest bound to the API, keeping no cookies between requests (tests set them explicitly). */
  http: ReturnType<typeof supertest>;
  dataSource: DataSource;
  /** Name of this app's own database on the shared test server. */
  databaseName: string;
  /** The database, to start a second app on it (a restart, another replica). */
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Boots the real API — the same createApp() as production, with its filters,
 * pipes, security headers and OpenAPI — on a fresh database of its own, and
 * listens on a free port.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  extraImports: Type[] = [],
  options: { database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = !options.database;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    WEB_ROOT: 'none',
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    CREDENTIAL_KEY_SECRET: TEST_CREDENTIAL_KEY,
    COOKIE_SECURE: 'false',
    DEMO_DATA: 'false',
    ...env,
  });
  const app = await createApp({ config, databaseUrl: database.url, logger: createRootLogger(config) }, extraImports);
  // As main.ts does once migrations ran (the test database is cloned from a migrated template).
  app.get(OutboxWorker).start();
  app.get(DataExportWorker).start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    http: supertest(baseUrl),
    dataSource: app.get(DataSource),
    databaseName: database.name,
    database,
    close: async () => {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}

export const api = (path: string) => `/api/v1${path}`;

/**
 * The signing secret of test apps, so tests can forge tokens with it (and with others). Random, as
 * production requires (a test may load the config with NODE_ENV=production).
 */
export const TEST_JWT_SECRET = '1H6p6mfemD1UMBxiJC83JSHB00GLVeWpp2shv_-ULERW';

/** The data key of test apps (seals two-factor secrets, signs e-mailed links); random, as production requires. */
export const TEST_DATA_KEY = 'q8Jf3vT0Lr6WnZs1Yk9Gd2Pe5Hx7Ca4Mb_-NtUoVi0R';

/** The key that seals the institutions' credential signing keys in test apps; random, as production requires. */
export const TEST_CREDENTIAL_KEY = 'Zp3Kx8Wq1Lm6Tb9Rv2Nc5Yh0Gd4Jf7Sa_-EuIoHkMtXrBwQnCe';

/** supertest parser for file downloads: the body as the bytes sent (`.buffer(true).parse(binary)`). */
export function binary(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
