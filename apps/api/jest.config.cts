const { ESM_PACKAGES_PATTERN } = require('../../tools/jest-esm-packages.cjs');

module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // Packages that ship only as ES modules (content-disposition, the credential libraries): see tools/jest-esm-packages.cjs.
  transformIgnorePatterns: [`/node_modules/(?!${ESM_PACKAGES_PATTERN})`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/apps/api',
};
