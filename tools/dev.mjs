#!/usr/bin/env node
// npm run dev: the API with watch-and-restart on :3000 and the Angular dev
// server with live reload on :4200 (it proxies /api to the API). Open :4200.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageBin } from './bin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nx = packageBin('nx');
const child = spawn(process.execPath, [nx, 'run', 'web:serve', '--output-style=stream'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    NODE_ENV: 'development',
    LOG_FORMAT: 'pretty',
    LOG_LEVEL: 'debug',
    WEB_ROOT: 'none',
    NX_TUI: 'false',
    ...process.env,
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
