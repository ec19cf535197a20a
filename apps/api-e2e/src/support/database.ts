import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by global-setup: the embedded server's `postgres` database URL. */
export const ADMIN_URL_ENV = 'SB_E2E_ADMIN_URL';
export const TEMPLATE_DATABASE = 'skillbridge_template';

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one spec file, cloned from the migrated template in milliseconds. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  if (!adminUrl) throw new Error(`${ADMIN_URL_ENV} is not set: run the e2e tests through jest.config.cts`);
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`));
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () =>
      withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/**
 * Waits until a statement starting with `prefix` runs in the database of `url` (say, an import's
 * `INSERT INTO trainees`): true then; false if `until` settles first (the request answered) or `withinMs` pass.
 */
export async function statementRunning(
  url: string,
  prefix: string,
  until: Promise<unknown>,
  withinMs: number,
): Promise<boolean> {
  let settled = false;
  void until.then(
    () => (settled = true),
    () => (settled = true),
  );
  const database = new URL(url).pathname.slice(1);
  return withClient(url, async (client) => {
    const deadline = Date.now() + withinMs;
    while (!settled && Date.now() < deadline) {
      const { rows } = await client.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND starts_with(query, $2)`,
        [database, prefix],
      );
      if (rows.length > 0) return true;
    }
    return false;
  });
}
