/*
 * The credential libraries (Digital Bazaar's vc, data-integrity, eddsa-rdfc-2022
 * cryptosuite, ed25519-multikey, bitstring status list, and two of their
 * helpers) ship only as ES modules. Jest runs our specs as CommonJS (ts-jest)
 * and has its own module loader, which does not do Node's require(esm); so the
 * Jest configs that load them (api, api-e2e, credentials) let ts-jest
 * transpile exactly these packages to CommonJS:
 *   transformIgnorePatterns: [`/node_modules/(?!${ESM_PACKAGES_PATTERN})`]
 * (None of them uses top-level await or import.meta, so the transpiled code
 * behaves as the original.) The built API needs none of this: webpack leaves
 * node_modules external, and Node ≥ 20.19 loads these packages with require().
 */
const ESM_PACKAGES = [
  'content-disposition', // @fastify/static's, already transformed before the credentials
  '@digitalbazaar/vc',
  '@digitalbazaar/data-integrity',
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
  '@digitalbazaar/ed25519-multikey',
  '@digitalbazaar/vc-bitstring-status-list',
  '@digitalbazaar/bitstring',
  'base58-universal',
  'base64url-universal',
];

module.exports = {
  ESM_PACKAGES,
  ESM_PACKAGES_PATTERN: `(${ESM_PACKAGES.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})/`,
};
