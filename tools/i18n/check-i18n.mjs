#!/usr/bin/env node
// The translation check run by `npm test` and before every web build: each
// catalog folder has en, zh, th and ms; all four hold the same keys, none
// empty, with the same {{placeholders}}; every key the code names exists; and
// every API error code has words in both the API and the web catalogs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const LOCALES = ['en', 'zh', 'th', 'ms'];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function flatten(node, prefix = '', out = {}) {
  for (const [key, value] of Object.entries(node)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, full, out);
    else out[full] = value;
  }
  return out;
}

export function placeholders(text) {
  return [...String(text).matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
}

/** Problems between the four catalogs of one folder, given as { en: {...}, zh: {...}, ... }. */
export function compareCatalogs(name, catalogs) {
  const problems = [];
  const flat = {};
  for (const locale of LOCALES) {
    if (!catalogs[locale]) problems.push(`${name}: no ${locale}.json`);
    else flat[locale] = flatten(catalogs[locale]);
  }
  const reference = flat.en ?? {};
  const allKeys = new Set(Object.values(flat).flatMap((c) => Object.keys(c)));
  for (const [locale, catalog] of Object.entries(flat)) {
    for (const key of allKeys) {
      if (!(key in catalog)) problems.push(`${name}/${locale}.json: missing "${key}"`);
      else if (typeof catalog[key] !== 'string' || catalog[key].trim() === '') {
        problems.push(`${name}/${locale}.json: "${key}" is empty or not text`);
      } else if (key in reference && placeholders(catalog[key]) !== placeholders(reference[key])) {
        problems.push(
          `${name}/${locale}.json: "${key}" has placeholders {${placeholders(catalog[key])}} but en has {${placeholders(reference[key])}}`,
        );
      }
    }
  }
  return problems;
}

function readCatalogs(dir) {
  const catalogs = {};
  const problems = [];
  for (const locale of LOCALES) {
    const file = path.join(dir, `${locale}.json`);
    if (!existsSync(file)) continue;
    try {
      catalogs[locale] = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${path.relative(ROOT, file)}: not valid JSON (${error.message})`);
    }
  }
  return { catalogs, problems };
}

function sourceFiles(dir, extensions) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full, extensions));
    else if (extensions.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.spec.ts')) out.push(full);
  }
  return out;
}

/** Literal keys the code names: `'a.b' | translate`, `instant('a.b')`, `translate(locale, 'a.b')`, `i18nKey('a.b')`. */
export function keysUsedIn(source) {
  const patterns = [
    /'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'\s*\|\s*translate\b/g,
    /\b(?:instant|stream|get)\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g,
    /\btranslate\(\s*\w+\s*,\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g,
    /\bi18nKey\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]));
}

export function errorCodes(contractsSource) {
  const block = /export const ErrorCode = \{([\s\S]*?)\} as const/.exec(contractsSource);
  return block ? [...block[1].matchAll(/:\s*'([A-Z_]+)'/g)].map((m) => m[1]) : [];
}

export function checkWorkspace(root = ROOT) {
  const problems = [];
  const targets = [
    {
      name: 'apps/web/public/i18n',
      sources: 'apps/web/src',
      extensions: ['.ts', '.html'],
      errorKeys: (c) => [`errors.${c}`],
    },
    {
      name: 'apps/api/src/i18n',
      sources: 'apps/api/src',
      extensions: ['.ts'],
      errorKeys: (c) => [`errors.${c}.title`, `errors.${c}.detail`],
    },
  ];
  const codes = errorCodes(readFileSync(path.join(root, 'libs/contracts/src/lib/errors.ts'), 'utf8'));
  for (const target of targets) {
    const { catalogs, problems: readProblems } = readCatalogs(path.join(root, target.name));
    problems.push(...readProblems, ...compareCatalogs(target.name, catalogs));
    const en = catalogs.en ? flatten(catalogs.en) : {};
    for (const file of sourceFiles(path.join(root, target.sources), target.extensions)) {
      for (const key of keysUsedIn(readFileSync(file, 'utf8'))) {
        if (!(key in en))
          problems.push(`${path.relative(root, file)}: uses "${key}", which ${target.name}/en.json lacks`);
      }
    }
    for (const code of codes) {
      for (const key of target.errorKeys(code)) {
        if (!(key in en)) problems.push(`${target.name}/en.json: error code ${code} has no "${key}"`);
      }
    }
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = checkWorkspace();
  if (problems.length) {
    console.error(`i18n check failed (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('i18n check passed: en, zh, th and ms agree in every catalog.');
}
