// An esbuild plugin for the web app's build (apps/web/project.json, "plugins").
//
// esbuild resolves a package through its package.json "exports" and then
// ignores the "browser" field (webpack applies both), so a package that maps
// its entry to a browser version only in "browser" is bundled with its Node
// entry. base64url-universal, which @digitalbazaar/bitstring uses to read
// status lists, is one: its Node entry needs Buffer. For the packages named
// in the options, this resolves the import as esbuild would and then applies
// that package's own "browser" map to the file it found — the library's own
// browser entry, nothing written here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The directory of the package `name` that contains `file`. */
async function packageRoot(file, name) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
      if (manifest.name === name) return { dir, manifest };
    } catch {
      // no package.json here: keep walking up
    }
  }
  return null;
}

/** @param {{ packages?: string[] }} options */
export default function browserEntries(options = {}) {
  const packages = options.packages ?? [];
  return {
    name: 'browser-entries',
    setup(build) {
      if (!packages.length) return;
      const filter = new RegExp(`^(?:${packages.map(escape).join('|')})$`);
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData?.browserEntries) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { browserEntries: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const root = await packageRoot(resolved.path, args.path);
        const browser = root?.manifest.browser;
        if (!root || typeof browser !== 'object' || browser === null) return resolved;
        const entry = `./${path.relative(root.dir, resolved.path).split(path.sep).join('/')}`;
        const mapped = browser[entry];
        return typeof mapped === 'string' ? { ...resolved, path: path.join(root.dir, mapped) } : resolved;
      });
    },
  };
}
