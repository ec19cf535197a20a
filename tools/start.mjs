#!/usr/bin/env node
// npm start: build the API and the web app (Nx's cache makes a second start
// near-instant), then run the API, which serves the web app at / and — with no
// DATABASE_URL — starts its own PostgreSQL with the data under .data/.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { packageBin } from './bin.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

console.log('Skillbridge: building the API and the web app…');
const nx = packageBin('nx');
const build = spawnSync(
  process.execPath,
  [nx, 'run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=static'],
  {
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  },
);
if (build.status !== 0) {
  console.error('Skillbridge: the build failed; see above.');
  process.exit(build.status ?? 1);
}

process.env.LOG_FORMAT ??= 'pretty';
await import(pathToFileURL(path.join(root, 'dist', 'apps', 'api', 'main.js')).href);
