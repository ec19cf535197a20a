/*
 * npm run migration:generate -- <what-changed>   write a migration for the entity changes
 * npm run migration:run                          apply pending migrations
 * npm run migration:revert                       undo the last migration
 * npm run migration:check                        exit 1 when entities and migrations disagree
 *
 * Uses DATABASE_URL when set; otherwise `generate` and `check` compare against a
 * throw-away embedded PostgreSQL, and `run`/`revert` act on the one in DATA_DIR.
 */
import 'reflect-metadata';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded';
import { pendingSchemaChanges, runMigrations } from './migrate';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

async function withDatabase<T>(throwAway: boolean, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  let embedded: EmbeddedPostgres | undefined;
  let url = process.env['DATABASE_URL'];
  let scratch: string | undefined;
  if (!url) {
    scratch = throwAway ? await fs.mkdtemp(path.join(tmpdir(), 'skillbridge-migrations-')) : undefined;
    embedded = await startEmbeddedPostgres({
      dataDir: scratch ?? process.env['DATA_DIR'] ?? '.data',
      ephemeral: throwAway,
    });
    url = embedded.url;
  }
  const dataSource = new DataSource(dataSourceOptions({ url, applicationName: 'skillbridge-migrations' }));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
    if (scratch) await fs.rm(scratch, { recursive: true, force: true });
  }
}

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

async function generate(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new Error('Give the migration a kebab-case name: npm run migration:generate -- add-programs');
  }
  const { up, down } = await withDatabase(true, async (dataSource) => {
    await runMigrations(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries, down: sql.downQueries.reverse() };
  });
  if (up.length === 0) {
    console.log('No changes: the entities match the migrations.');
    return;
  }
  const timestamp = Date.now();
  const className = name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()) + timestamp;
  const body = (queries: { query: string; parameters?: unknown[] }[]) =>
    queries
      .map(
        (q) =>
          `    await queryRunner.query(${quote(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
      )
      .join('\n');
  const file = `${timestamp}-${name}.ts`;
  await fs.writeFile(
    path.join(MIGRATIONS_DIR, file),
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${body(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${body(down)}
  }
}
`,
  );
  await registerMigration(className, file);
  console.log(`Wrote ${path.join('apps/api/src/database/migrations', file)} — review it, then commit.`);
}

/** Adds the new migration to the explicit list in migrations/index.ts. */
async function registerMigration(className: string, file: string): Promise<void> {
  const indexFile = path.join(MIGRATIONS_DIR, 'index.ts');
  const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{13}-.*\.ts$/.test(f)).sort();
  const entries = await Promise.all(
    files.map(async (f) => {
      const source =
        f === file ? `export class ${className} ` : await fs.readFile(path.join(MIGRATIONS_DIR, f), 'utf8');
      const match = /export class (\w+)/.exec(source);
      if (!match) throw new Error(`${f} exports no migration class`);
      return { name: match[1], module: `./${f.replace(/\.ts$/, '')}` };
    }),
  );
  const imports = entries.map((e) => `import { ${e.name} } from '${e.module}';`).join('\n');
  const list = entries.map((e) => `  ${e.name},`).join('\n');
  await fs.writeFile(
    indexFile,
    `// Maintained by \`npm run migration:generate\`: every migration, oldest first.\n${imports}\n\nexport const MIGRATIONS = [\n${list}\n];\n`,
  );
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'generate':
      return generate(name);
    case 'run':
      return withDatabase(false, async (dataSource) => {
        const applied = await runMigrations(dataSource);
        console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Nothing to apply.');
      });
    case 'revert':
      return withDatabase(false, async (dataSource) => {
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration.');
      });
    case 'check':
      return withDatabase(true, async (dataSource) => {
        await runMigrations(dataSource);
        const drift = await pendingSchemaChanges(dataSource);
        if (drift.length) {
          console.error(`Entities and migrations disagree; a migration is missing for:\n${drift.join(';\n')}`);
          process.exitCode = 1;
        } else {
          console.log('Entities and migrations agree.');
        }
      });
    default:
      throw new Error('Usage: cli.ts generate <name> | run | revert | check');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
