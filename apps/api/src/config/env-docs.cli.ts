// npm run docs:env — rewrites the README's environment table from EnvSchema.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { withEnvTable } from './env-docs';

const readme = path.resolve(__dirname, '../../../../README.md');

fs.readFile(readme, 'utf8')
  .then((text) => fs.writeFile(readme, withEnvTable(text)))
  .then(() => {
    // Keep the README as Prettier formats it (aligned columns).
    execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', readme], {
      stdio: 'inherit',
    });
    console.log('README environment table updated.');
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
