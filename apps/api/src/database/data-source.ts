import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * The data source for the TypeORM CLI, e.g.
 * `DATABASE_URL=postgres://… npx typeorm-ts-node-commonjs -d apps/api/src/database/data-source.ts migration:show`.
 * Without a DATABASE_URL, use `npm run migration:*`, which starts the embedded server.
 */
const url = process.env['DATABASE_URL'];
if (!url) throw new Error('Set DATABASE_URL to use the TypeORM CLI, or use npm run migration:run');

export default new DataSource(dataSourceOptions({ url, applicationName: 'skillbridge-cli' }));
