import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      // Contracts are shared by browser and server: no runtime dependencies at all.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\.{1,2}/)', message: 'contracts has no runtime dependencies' }] },
      ],
    },
  },
];
