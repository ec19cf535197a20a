// Starts the built app for the browser tests: production bundle, a fresh
// embedded PostgreSQL under dist/web-e2e/data (wiped at each start).
import { rmSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve('dist/web-e2e/data');
rmSync(dataDir, { recursive: true, force: true });

Object.assign(process.env, {
  NODE_ENV: 'production',
  PORT: process.env.E2E_PORT ?? '4310',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  WEB_ROOT: path.resolve('dist/apps/web/browser'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // Every test client is 127.0.0.1, and the phone project runs the trainees' flows a
  // second time: more self-registrations in an hour than the production limit of 20.
  REGISTER_MAX_PER_IP_PER_HOUR: '200',
});
delete process.env.DATABASE_URL;

await import(path.resolve('dist/apps/api/main.js'));
