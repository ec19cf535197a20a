const { ESM_PACKAGES_PATTERN } = require('../../tools/jest-esm-packages.cjs');

module.exports = {
  displayName: 'credentials',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_PACKAGES_PATTERN})`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/libs/credentials',
};
