import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@skillbridge/api/database/data-source-options';
import { pendingSchemaChanges, runMigrations } from '@skillbridge/api/database/migrate';
import { MIGRATIONS } from '@skillbridge/api/database/migrations';
import { createTestDatabase } from './support/database';

describe('database schema', () => {
  it('is exactly what the entities describe after all migrations (no drift)', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions({ url: database.url }));
    await dataSource.initialize();
    try {
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('migrates down to empty and up again', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions({ url: database.url }));
    await dataSource.initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(tables).toEqual([]);
      const applied = await runMigrations(dataSource);
      expect(applied).toHaveLength(MIGRATIONS.length);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('never turns synchronize on', () => {
    expect(dataSourceOptions({ url: 'postgres://x@localhost/x' }).synchronize).toBe(false);
  });
});
