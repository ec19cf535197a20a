// The workbook pool's worker when the API runs from its TypeScript sources (the API's Jest suites, ts-node tools):
// a worker thread cannot load .ts, so this registers ts-node and loads workbook.worker.ts. The built API never uses
// this file: webpack emits the worker as dist/apps/api/workbook.worker.js.
// The path is built, not written out: the loader is a workspace tool, outside the API's sources and bundle.
const { join } = require('node:path');
require(join(__dirname, '../../../../../tools/register-ts.cjs'));
module.exports = require('./workbook.worker.ts');
