// The executable of an installed package, as its package.json declares it —
// run with `node` directly, which works the same on every platform.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function packageBin(pkg, name = pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = require(manifestPath);
  const relative = typeof bin === 'string' ? bin : bin[name];
  return path.join(path.dirname(manifestPath), relative);
}
