// node --test tools/ : behind the compose file's nginx, the API's idea of the client IP (rate limits,
// sign-in throttling, audit trail) comes from nginx, never from a header the client wrote. nginx
// overwrites X-Forwarded-For with the address it saw, and the API trusts exactly that one hop.
// (apps/api-e2e/src/client-ip.e2e-spec.ts shows what the API does with such headers.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => readFileSync(path.join(root, file), 'utf8');

/** nginx directives without comments, one per array entry (`name arg…`). */
export function nginxDirectives(conf) {
  return conf
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n')
    .split(/[;{}]/)
    .map((directive) => directive.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** What is wrong with how an nginx config forwards the client's address, one sentence per problem. */
export function nginxForwardingProblems(conf) {
  const directives = nginxDirectives(conf);
  const problems = [];
  if (directives.some((d) => d.includes('$proxy_add_x_forwarded_for'))) {
    problems.push('$proxy_add_x_forwarded_for appends to what the client sent: use X-Forwarded-For $remote_addr');
  }
  const headers = new Map(
    directives
      .filter((d) => d.startsWith('proxy_set_header '))
      .map((d) => d.split(' '))
      .map(([, name, ...value]) => [name.toLowerCase(), value.join(' ')]),
  );
  if (directives.some((d) => d.startsWith('proxy_pass '))) {
    for (const [name, value] of [
      ['x-forwarded-for', '$remote_addr'],
      ['x-real-ip', '$remote_addr'],
      ['x-forwarded-proto', '$scheme'],
    ]) {
      if (headers.get(name) !== value) problems.push(`proxy_set_header ${name} must be ${value}`);
    }
  }
  return problems;
}

/** The value of the api service's TRUST_PROXY in a compose file, as written. */
export function composeTrustProxy(compose) {
  const match = /^\s*(?:-\s*)?TRUST_PROXY\s*(?::\s*|=)\s*(['"]?)([^'"\n#]*)\1\s*(?:#.*)?$/m.exec(compose);
  return match ? match[2].trim() : undefined;
}

test('docker/nginx.conf overwrites X-Forwarded-For with the address it saw, and sets X-Real-IP and the scheme', () => {
  assert.deepEqual(nginxForwardingProblems(read('docker/nginx.conf')), []);
});

test('docker/compose.yaml has the API trust one hop (nginx), never every X-Forwarded-For entry', () => {
  assert.equal(composeTrustProxy(read('docker/compose.yaml')), '1');
});

test('appending, or forgetting a header, is caught', () => {
  const good = `location /api/ {
    proxy_pass http://api;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Real-IP $remote_addr;   # the client
    proxy_set_header X-Forwarded-Proto $scheme;
  }`;
  assert.deepEqual(nginxForwardingProblems(good), []);
  assert.equal(
    nginxForwardingProblems(good.replace('X-Forwarded-For $remote_addr', 'X-Forwarded-For $proxy_add_x_forwarded_for'))
      .length,
    2,
  );
  assert.equal(nginxForwardingProblems(good.replace(/.*X-Real-IP.*\n/, '')).length, 1);
  assert.equal(nginxForwardingProblems(good.replace('$scheme', '$http_x_forwarded_proto')).length, 1);
  // A commented-out directive does not count.
  assert.equal(
    nginxForwardingProblems(
      good.replace('    proxy_set_header X-Forwarded-For', '    # proxy_set_header X-Forwarded-For'),
    ).length,
    1,
  );
});

test('the compose value is read as written', () => {
  assert.equal(composeTrustProxy("      TRUST_PROXY: 'true'\n"), 'true');
  assert.equal(composeTrustProxy('      TRUST_PROXY: "1" # one hop\n'), '1');
  assert.equal(composeTrustProxy('      - TRUST_PROXY=10.0.0.0/8\n'), '10.0.0.0/8');
  assert.equal(composeTrustProxy('      LOG_LEVEL: info\n'), undefined);
});
