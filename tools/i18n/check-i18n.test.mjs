// node --test tools/ : the i18n check must catch what it claims to catch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkWorkspace, compareCatalogs, errorCodes, keysUsedIn } from './check-i18n.mjs';

const good = { a: { b: 'Hello {{name}}' }, c: 'x' };

test('identical catalogs pass', () => {
  assert.deepEqual(compareCatalogs('t', { en: good, zh: good, th: good, ms: good }), []);
});

test('a missing key, an empty value, a changed placeholder and a missing file are all reported', () => {
  const problems = compareCatalogs('t', {
    en: good,
    zh: { a: { b: '你好 {{name}}' } },
    th: { a: { b: 'สวัสดี {{person}}' }, c: 'x' },
  });
  assert.ok(problems.some((p) => p.includes('zh.json: missing "c"')));
  assert.ok(problems.some((p) => p.includes('th.json: "a.b" has placeholders')));
  assert.ok(problems.some((p) => p.includes('no ms.json')));
  assert.ok(
    compareCatalogs('t', { en: good, zh: { ...good, c: ' ' }, th: good, ms: good }).some((p) =>
      p.includes('"c" is empty'),
    ),
  );
});

test('keys named in templates and code are found', () => {
  const source = `{{ 'home.title' | translate }} t.instant('shell.language') translate(locale, 'errors.X.title') {{ 'not a key' | translate }}`;
  assert.deepEqual(keysUsedIn(source), ['home.title', 'shell.language', 'errors.X.title']);
});

test('error codes are read from the contracts', () => {
  assert.deepEqual(errorCodes("export const ErrorCode = {\n  A: 'NOT_FOUND',\n  B: 'CONFLICT',\n} as const;"), [
    'NOT_FOUND',
    'CONFLICT',
  ]);
});

test('the workspace itself passes', () => {
  assert.deepEqual(checkWorkspace(), []);
});
