import { createRequire } from 'node:module';

/**
 * Node's own `require`, for finding files inside npm packages at run time.
 * In the API's webpack bundle (where packages are externals) a plain
 * `require.resolve()` would be replaced by a webpack module id; this one is
 * created from the running file, so it resolves in node_modules from the
 * sources (Jest, ts-node) and from dist/apps/api/main.js alike. Callers write
 * the literal `require.resolve('<package>/<file>')` on a parameter named
 * `require`, which webpack leaves alone and Nx still reads as a dependency.
 */
export const nodeRequire: NodeRequire = createRequire(__filename);
