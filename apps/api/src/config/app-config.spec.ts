import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readOrCreateSecret } from '../database/local-secret';
import { InvalidConfigError, loadConfig } from './app-config';
import { cells, envTableInReadme, renderEnvTable } from './env-docs';
import { jwtSecretWeakness } from './jwt-secret';

/** A secret as `openssl rand -base64 48` makes one. */
const STRONG_SECRET = 'q3Vh9Zk0rT1mWb7Ex2LpN8sYc4GdA6fJuK5oHiR+MzQ/tBn1XlCe0vUw3aPg9yDj';
const SITE = 'https://skillbridge.example.edu.cn';
const STRONG_KEY = 'Wb8nPq2Lx7Rt4Ys0Vc6Hk1Mz9Jd3Fg5Ae_-UoQiZrNtXyBwEsDl';
const STRONG_CREDENTIAL_KEY = 'hT4wQ9zK2mXc7Rb0Lp5Vn8Ej3Gy6Sd1Fa_-IuOkNtZrMxBqWe';

describe('loadConfig', () => {
  it('applies the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MIGRATIONS_RUN).toBe(true);
    expect(config.webRoot).toBe('dist/apps/web/browser');
    expect(config.corsOrigins).toEqual([]);
  });

  it('converts numbers and booleans from their text form', () => {
    const config = loadConfig({
      PORT: '8080',
      MIGRATIONS_RUN: 'false',
      TRUST_PROXY: '1',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.PORT).toBe(8080);
    expect(config.MIGRATIONS_RUN).toBe(false);
    expect(config.TRUST_PROXY).toBe(1);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('names every malformed variable at once', () => {
    expect.assertions(4);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('DATABASE_URL="mysql://x"');
      expect(message).toContain('LOG_LEVEL="loud"');
    }
  });

  it('requires JWT_SECRET with an external database, and ADMIN_EMAIL with ADMIN_PASSWORD', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/skillbridge' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'ops@college.example' })).toThrow(
      /ADMIN_EMAIL and ADMIN_PASSWORD go together/,
    );
    expect(() => loadConfig({ JWT_SECRET: 'too-short' })).toThrow(/JWT_SECRET/);
    const secrets = {
      JWT_SECRET: STRONG_SECRET,
      DATA_ENCRYPTION_KEY: STRONG_KEY,
      CREDENTIAL_KEY_SECRET: STRONG_CREDENTIAL_KEY,
      PUBLIC_URL: SITE,
    };
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db/skillbridge', ...secrets });
    expect(config.demoData).toBe(false);
    expect(loadConfig({}).demoData).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/s', ...secrets, DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('requires a DATA_ENCRYPTION_KEY of its own with an external database, as strong as the JWT secret', () => {
    const db = {
      DATABASE_URL: 'postgres://u@db/skillbridge',
      JWT_SECRET: STRONG_SECRET,
      CREDENTIAL_KEY_SECRET: STRONG_CREDENTIAL_KEY,
      PUBLIC_URL: SITE,
    };
    expect(() => loadConfig(db)).toThrow(/DATA_ENCRYPTION_KEY is required/);
    expect(() => loadConfig({ ...db, DATA_ENCRYPTION_KEY: 'short' })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => loadConfig({ ...db, DATA_ENCRYPTION_KEY: STRONG_SECRET })).toThrow(/must differ from JWT_SECRET/);
    expect(() => loadConfig({ ...db, DATA_ENCRYPTION_KEY: 'change-me-to-a-long-random-data-key' })).toThrow(
      /DATA_ENCRYPTION_KEY is refused in production/,
    );
    expect(loadConfig({ ...db, DATA_ENCRYPTION_KEY: STRONG_KEY }).DATA_ENCRYPTION_KEY).toBe(STRONG_KEY);
  });

  it('requires a CREDENTIAL_KEY_SECRET of its own with an external database, as strong as the JWT secret', () => {
    const db = {
      DATABASE_URL: 'postgres://u@db/skillbridge',
      JWT_SECRET: STRONG_SECRET,
      DATA_ENCRYPTION_KEY: STRONG_KEY,
      PUBLIC_URL: SITE,
    };
    expect(() => loadConfig(db)).toThrow(/CREDENTIAL_KEY_SECRET is required/);
    expect(() => loadConfig({ ...db, CREDENTIAL_KEY_SECRET: 'short' })).toThrow(/CREDENTIAL_KEY_SECRET/);
    expect(() => loadConfig({ ...db, CREDENTIAL_KEY_SECRET: STRONG_SECRET })).toThrow(
      /CREDENTIAL_KEY_SECRET must differ from JWT_SECRET and DATA_ENCRYPTION_KEY/,
    );
    expect(() => loadConfig({ ...db, CREDENTIAL_KEY_SECRET: STRONG_KEY })).toThrow(/must differ/);
    expect(() => loadConfig({ ...db, CREDENTIAL_KEY_SECRET: 'change-me-to-a-long-random-signing-key' })).toThrow(
      /CREDENTIAL_KEY_SECRET is refused in production/,
    );
    expect(loadConfig({ ...db, CREDENTIAL_KEY_SECRET: STRONG_CREDENTIAL_KEY }).CREDENTIAL_KEY_SECRET).toBe(
      STRONG_CREDENTIAL_KEY,
    );
    // The embedded demo generates its own (main.ts); a weak one is refused there only outside production.
    expect(loadConfig({}).CREDENTIAL_KEY_SECRET).toBeUndefined();
  });

  it('requires two-factor of admins and partners in deployments, of nobody in the embedded demo, or as listed', () => {
    const db = {
      DATABASE_URL: 'postgres://u@db/s',
      JWT_SECRET: STRONG_SECRET,
      DATA_ENCRYPTION_KEY: STRONG_KEY,
      CREDENTIAL_KEY_SECRET: STRONG_CREDENTIAL_KEY,
      PUBLIC_URL: SITE,
    };
    expect(loadConfig(db).mfaRequiredRoles).toEqual(['admin', 'partner']);
    expect(loadConfig({}).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ ...db, MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ MFA_REQUIRED_ROLES: ' admin , instructor ' }).mfaRequiredRoles).toEqual([
      'admin',
      'instructor',
    ]);
    expect(() => loadConfig({ MFA_REQUIRED_ROLES: 'admin,root' })).toThrow(/MFA_REQUIRED_ROLES/);
  });

  it('never shows a secret in its messages', () => {
    expect.assertions(4);
    try {
      loadConfig({ JWT_SECRET: 'hunter2-hunter2', ADMIN_EMAIL: 'ops@college.example', ADMIN_PASSWORD: 'abc' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('JWT_SECRET=(15 characters, not shown)');
      expect(message).toContain('ADMIN_PASSWORD=(3 characters, not shown)');
      expect(message).not.toContain('hunter2');
      expect(message).not.toContain('"abc"');
    }
  });

  it('requires PUBLIC_URL in production with an external database (QR codes carry it), not in the embedded demo', () => {
    const db = {
      DATABASE_URL: 'postgres://u@db/s',
      JWT_SECRET: STRONG_SECRET,
      DATA_ENCRYPTION_KEY: STRONG_KEY,
      CREDENTIAL_KEY_SECRET: STRONG_CREDENTIAL_KEY,
    };
    expect(() => loadConfig(db)).toThrow(/PUBLIC_URL is required in production/);
    expect(loadConfig({ ...db, NODE_ENV: 'test' }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ ...db, PUBLIC_URL: `${SITE}/` }).publicUrl).toBe(SITE);
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
  });

  it('reads the replicas as a list, none by default, and never shows their passwords', () => {
    const defaults = loadConfig({});
    expect(defaults.replicaUrls).toEqual([]);
    expect(defaults.REPLICA_READ_AFTER_WRITE_MS).toBe(2000);
    expect(defaults.REPLICA_MAX_LAG_MS).toBe(1000);
    expect(defaults.REPLICA_CHECK_INTERVAL_MS).toBe(1000);
    expect(
      loadConfig({ DATABASE_REPLICA_URLS: ' postgres://u:p@r1/s , postgresql://u:p@r2:5433/s ' }).replicaUrls,
    ).toEqual(['postgres://u:p@r1/s', 'postgresql://u:p@r2:5433/s']);
    expect.assertions(7);
    try {
      loadConfig({ DATABASE_REPLICA_URLS: 'postgres://u:s3cret-pass@r1/s,mysql://x' });
    } catch (error) {
      expect((error as Error).message).toContain('DATABASE_REPLICA_URLS=(');
      expect((error as Error).message).not.toContain('s3cret-pass');
    }
  });

  it('refuses the primary listed as its own replica', () => {
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://u@db/s',
        DATABASE_REPLICA_URLS: 'postgres://u@db/s',
        JWT_SECRET: STRONG_SECRET,
        DATA_ENCRYPTION_KEY: STRONG_KEY,
        CREDENTIAL_KEY_SECRET: STRONG_CREDENTIAL_KEY,
        NODE_ENV: 'test',
      }),
    ).toThrow(/DATABASE_REPLICA_URLS must not list DATABASE_URL/);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default and for the usual words for no', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    for (const off of ['', 'false', 'FALSE', '0', 'no', 'off', ' false ']) {
      expect(loadConfig({ TRUST_PROXY: off }).TRUST_PROXY).toBe(false);
    }
  });

  it('takes a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: ' 2 ' }).TRUST_PROXY).toBe(2);
  });

  it("takes the proxies' addresses and CIDRs, IPv4 and IPv6, and the named ranges", () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({ TRUST_PROXY: ' 172.18.0.0/16 , ::1, fd00::/8 ' }).TRUST_PROXY).toEqual([
      '172.18.0.0/16',
      '::1',
      'fd00::/8',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'loopback,Uniquelocal' }).TRUST_PROXY).toEqual(['loopback', 'uniquelocal']);
  });

  it.each(['true', 'TRUE', 'yes', 'on'])('refuses %s, saying what to set instead', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(InvalidConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
      /TRUST_PROXY=".*": must not be `true`: .*client writes .* Set the number of proxies in front of the API \(`1` .*\) or their addresses \(`127\.0\.0\.1,10\.0\.0\.0\/8`\)/,
    );
  });

  it.each([
    ['a hop count out of range', '11', /hop count from 1 to 10/],
    ['a port by mistake', '8080', /hop count from 1 to 10/],
    ['a host name', 'nginx', /not an address: "nginx"/],
    ['a bad address among good ones', '127.0.0.1,10.0.0.300', /not an address: "10\.0\.0\.300"/],
    ['a prefix too long for IPv4', '10.0.0.0/33', /not an address: "10\.0\.0\.0\/33"/],
    ['a prefix too long for IPv6', 'fd00::/129', /not an address: "fd00::\/129"/],
    ['a netmask instead of a prefix', '10.0.0.0/255.0.0.0', /not an address/],
    ['an empty entry', '127.0.0.1,', /not an address: ""/],
    ['a negative count', '-1', /not an address: "-1"/],
  ])('refuses %s', (_what, value, reason) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(reason);
  });
});

describe('JWT_SECRET in production', () => {
  const production = (JWT_SECRET: string, NODE_ENV = 'production') =>
    loadConfig({
      NODE_ENV,
      DATABASE_URL: 'postgres://u@db/skillbridge',
      JWT_SECRET,
      DATA_ENCRYPTION_KEY: STRONG_KEY,
      CREDENTIAL_KEY_SECRET: STRONG_CREDENTIAL_KEY,
      PUBLIC_URL: SITE,
    });

  it.each([
    ['the old compose default', 'change-me-to-at-least-32-random-characters', /contains "changeme"/],
    ['change me, spelled otherwise', 'Change_Me_Please_0123456789abcdefXYZ', /contains "changeme"/],
    ['a secret that says so', 'my-super-secret-jwt-signing-value-2024', /contains "secret"/],
    ['the secret of the old e2e tests', 'e2e-test-secret-that-is-long-enough-0123456789', /contains "secret"/],
    ['an example', 'example-jwt-value-for-the-docs-0123456789', /contains "example"/],
    ['a placeholder', '<placeholder: 32 random characters here>', /contains "placeholder"/],
    ['a password', 'Password1234567890Password1234567890!', /contains "password"/],
    ['a fill-in', 'your-jwt-signing-key-goes-here-0123456789', /placeholder \("your-…"\)/],
    ['the project name', 'skillbridge-production-2025-04-01-v1', /contains "skillbridge"/],
    ['one character', 'x'.repeat(32), /one character repeated/],
    ['a repeated pattern', 'Tr0ub4dor&3'.repeat(3), /repeats a 11-character pattern/],
    ['a repeated pair', 'ab'.repeat(20), /repeats a 2-character pattern/],
    ['the alphabet', 'abcdefghijklmnopqrstuvwxyz0123456789', /run of consecutive characters/],
    ['a countdown', '9876543210zyxwvutsrqponmlkjihgfedcba', /run of consecutive characters/],
    ['little variety', `${'a'.repeat(40)}1234567890`, /vary too little \(1\.\d bits/],
    ['a few keys pressed', 'aaaabbbbaaaabbbbccccaaaabbbbddddaaab', /vary too little/],
  ])('refuses %s', (_what, secret, reason) => {
    expect.assertions(4);
    try {
      production(secret);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/JWT_SECRET is refused in production: /);
      expect(message).toMatch(reason);
      // The message says what to do instead, and never repeats the secret.
      expect(message.includes(secret)).toBe(false);
    }
  });

  it('still refuses a short one first, in every environment', () => {
    for (const env of ['production', 'development', 'test']) {
      expect(() => production('short-but-random-Q9x', env)).toThrow(/JWT_SECRET=\(20 characters, not shown\)/);
    }
  });

  it('lets random secrets through: openssl base64 and hex, UUIDs, and the one the embedded set-up generates', async () => {
    for (let i = 0; i < 200; i++) {
      for (const secret of [
        randomBytes(48).toString('base64'),
        randomBytes(32).toString('base64url'),
        randomBytes(16).toString('hex'),
        randomBytes(32).toString('hex'),
        randomUUID(),
      ]) {
        expect(jwtSecretWeakness(secret)).toBeNull();
      }
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-secret-'));
    try {
      for (let i = 0; i < 50; i++) {
        const generated = await readOrCreateSecret(dataDir, `jwt-${i}.secret`);
        expect(production(generated).JWT_SECRET).toBe(generated);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(production(STRONG_SECRET).JWT_SECRET).toBe(STRONG_SECRET);
  });

  it('applies only in production: development and test may use a memorable secret', () => {
    for (const env of ['development', 'test']) {
      expect(production('change-me-to-at-least-32-random-characters', env).JWT_SECRET).toBeDefined();
    }
    // NODE_ENV defaults to production, so an unset NODE_ENV is checked too.
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(32) })).toThrow(/JWT_SECRET is refused in production/);
  });
});

describe('README environment table', () => {
  it('is the one generated from the schema (run `npm run docs:env` after changing EnvSchema)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../../README.md'), 'utf8');
    expect(envTableInReadme(readme)).toEqual(cells(renderEnvTable()));
  });
});
