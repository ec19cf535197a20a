#!/usr/bin/env node
// npm run openapi:lint — writes the OpenAPI document from the application's code, without a database
// (apps/api/src/openapi.cli.ts, the same document /api/docs-json serves), to dist/openapi/openapi.json,
// and lints it with Redocly's recommended rules (redocly.yaml). Exits non-zero on any error; warnings
// are printed and allowed. Runs offline: Redocly's telemetry and update check are turned off.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageBin } from '../bin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const document = path.join('dist', 'openapi', 'openapi.json');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['-r', './tools/register-ts.cjs', 'apps/api/src/openapi.cli.ts', document]);
run([packageBin('@redocly/cli', 'redocly'), 'lint', document, '--config', 'redocly.yaml', '--format', 'stylish']);
