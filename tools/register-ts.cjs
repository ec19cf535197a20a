// Lets plain `node` run the API's TypeScript tools (migrations, env docs):
// ts-node for the code, tsconfig-paths for the `@skillbridge/*` aliases.
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

const root = path.resolve(__dirname, '..');
register({ baseUrl: root, paths: compilerOptions.paths });
require('ts-node').register({
  project: path.join(root, 'apps/api/tsconfig.app.json'),
  transpileOnly: true,
});
