#!/usr/bin/env node
// npm test: every suite that needs no browser — tool self-tests, the i18n
// check, lint and formatting, type checks and builds, unit tests of the API,
// the web app and the contracts, and the API end-to-end tests against a real
// PostgreSQL they start themselves. Runs them all, then exits non-zero if any
// failed. Browser tests: npm run test:browser.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageBin } from './bin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolTests = readdirSync(path.join(root, 'tools'), { recursive: true })
  .filter((file) => String(file).endsWith('.test.mjs'))
  .map((file) => path.join('tools', String(file)));
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

const steps = [
  ['tool self-tests', [process.execPath, '--test', ...toolTests]],
  ['i18n catalogs', [process.execPath, 'tools/i18n/check-i18n.mjs']],
  ['formatting', [process.execPath, packageBin('prettier'), '--check', '--log-level=warn', '.']],
  [
    'lint, type checks, builds, unit and API end-to-end tests',
    [
      process.execPath,
      packageBin('nx'),
      'run-many',
      '-t',
      'lint,typecheck,build,test,e2e',
      '--exclude=web-e2e',
      '--output-style=static',
      '--parallel=2',
      ...process.argv.slice(2),
    ],
  ],
];

const failed = [];
for (const [name, [command, ...args]] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) failed.push(name);
}

if (failed.length) {
  console.error(`\n✖ npm test failed: ${failed.join('; ')}`);
  process.exit(1);
}
console.log('\n✔ npm test passed.');
