#!/usr/bin/env node
// npm run dev: the API rebuilt on every change and restarted (:3000), and the
// Angular dev server with live reload (:4200, proxying /api to the API).
// Open http://localhost:4200. Ctrl-C stops everything, PostgreSQL included.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageBin } from './bin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiBundle = path.join(root, 'dist', 'apps', 'api', 'main.js');
const env = {
  NODE_ENV: 'development',
  LOG_FORMAT: 'pretty',
  WEB_ROOT: 'none',
  NX_TUI: 'false',
  NX_DAEMON: 'false',
  ...process.env,
};
const children = [];

function run(name, command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[dev] ${name} exited (${signal ?? code}); stopping.`);
      stop();
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGINT');
  setTimeout(() => process.exit(0), 15_000).unref();
  Promise.all(
    children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve() : c.on('exit', resolve)))),
  ).then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// 1. webpack watches the API sources and rewrites dist/apps/api/main.js.
rmSync(apiBundle, { force: true });
run('api build', process.execPath, [
  packageBin('nx'),
  'run',
  'api:build',
  '--watch',
  '--node-env=development',
  '--skip-nx-cache',
  '--output-style=stream',
]);

// 2. Once the first bundle exists, node restarts the API whenever it changes.
const waitForBundle = setInterval(() => {
  if (!existsSync(apiBundle)) return;
  clearInterval(waitForBundle);
  run('api', process.execPath, ['--watch-path', path.dirname(apiBundle), '--watch-preserve-output', apiBundle]);
  // 3. The Angular dev server.
  run('web', process.execPath, [packageBin('nx'), 'run', 'web:serve', '--output-style=stream']);
}, 250);
