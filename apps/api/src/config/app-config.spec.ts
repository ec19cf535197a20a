import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidConfigError, loadConfig } from './app-config';
import { cells, envTableInReadme, renderEnvTable } from './env-docs';

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
    expect(config.TRUST_PROXY).toBe(true);
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
    const secrets = { JWT_SECRET: 'x'.repeat(32), DATA_ENCRYPTION_KEY: 'y'.repeat(32) };
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db/skillbridge', ...secrets });
    expect(config.demoData).toBe(false);
    expect(loadConfig({}).demoData).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/s', ...secrets, DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('requires a DATA_ENCRYPTION_KEY of its own with an external database', () => {
    const db = { DATABASE_URL: 'postgres://u@db/skillbridge', JWT_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig(db)).toThrow(/DATA_ENCRYPTION_KEY is required/);
    expect(() => loadConfig({ ...db, DATA_ENCRYPTION_KEY: 'short' })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => loadConfig({ ...db, DATA_ENCRYPTION_KEY: 'x'.repeat(32) })).toThrow(/must differ from JWT_SECRET/);
    expect(loadConfig({ ...db, DATA_ENCRYPTION_KEY: 'y'.repeat(32) }).DATA_ENCRYPTION_KEY).toBe('y'.repeat(32));
  });

  it('requires two-factor of admins and partners in deployments, of nobody in the embedded demo, or as listed', () => {
    const db = { DATABASE_URL: 'postgres://u@db/s', JWT_SECRET: 'x'.repeat(32), DATA_ENCRYPTION_KEY: 'y'.repeat(32) };
    expect(loadConfig(db).mfaRequiredRoles).toEqual(['admin', 'partner']);
    expect(loadConfig({}).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ ...db, MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ MFA_REQUIRED_ROLES: ' admin , instructor ' }).mfaRequiredRoles).toEqual([
      'admin',
      'instructor',
    ]);
    expect(() => loadConfig({ MFA_REQUIRED_ROLES: 'admin,root' })).toThrow(/MFA_REQUIRED_ROLES/);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});

describe('README environment table', () => {
  it('is the one generated from the schema (run `npm run docs:env` after changing EnvSchema)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../../README.md'), 'utf8');
    expect(envTableInReadme(readme)).toEqual(cells(renderEnvTable()));
  });
});
