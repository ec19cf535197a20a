import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      // The API's own end-to-end suite boots the API in-process, so it may import the app (and only it).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: ['@skillbridge/api/**'],
          depConstraints: [{ sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] }],
        },
      ],
    },
  },
];
