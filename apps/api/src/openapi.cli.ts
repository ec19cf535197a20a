// npm run openapi:json [-- <file>] — writes the OpenAPI document (the one served at /api/docs-json) without a
// database: to the file given (its folder is created), else to standard output.
import 'reflect-metadata';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createOpenApiDocumentOffline } from './openapi';

async function main(target: string | undefined): Promise<void> {
  const json = `${JSON.stringify(await createOpenApiDocumentOffline(), null, 2)}\n`;
  if (!target) {
    process.stdout.write(json);
    return;
  }
  await fs.mkdir(path.dirname(path.resolve(target)), { recursive: true });
  await fs.writeFile(target, json);
  console.error(`OpenAPI document written to ${target}`);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
