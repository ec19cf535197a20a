/* API end-to-end tests: the real API on a real PostgreSQL (embedded, on a
   throw-away data folder and a free port), called over HTTP with supertest. */
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { ESM_PACKAGES_PATTERN } = require('../../tools/jest-esm-packages.cjs');

const root = path.resolve(__dirname, '../..');
const { compilerOptions } = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));

// globalSetup runs in this process, outside Jest's module map: resolve the
// workspace aliases (@skillbridge/*) for it the way TypeScript does.
register({ baseUrl: root, paths: compilerOptions.paths });

module.exports = {
  displayName: 'api-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // Packages that ship only as ES modules (content-disposition, the credential libraries): see tools/jest-esm-packages.cjs.
  transformIgnorePatterns: [`/node_modules/(?!${ESM_PACKAGES_PATTERN})`],
  moduleNameMapper: {
    '^@skillbridge/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^@skillbridge/credentials$': '<rootDir>/../../libs/credentials/src/index.ts',
    '^@skillbridge/api/(.*)$': '<rootDir>/../api/src/$1',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30_000,
  // Each spec file gets its own database cloned from a migrated template, so files run in parallel.
  maxWorkers: process.env.CI ? 2 : '50%',
};
