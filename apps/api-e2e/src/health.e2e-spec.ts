import { api, startTestApp, TestApp } from './support/test-app';
import { ADMIN_URL_ENV, withClient } from './support/database';

describe('GET /health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is 200 with the database up, without authentication', async () => {
    const res = await t.http.get(api('/health'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      replicas: [],
    });
  });

  it('carries the security headers and no CORS grant by default', async () => {
    const res = await t.http.get(api('/health')).set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('GET /health when the database is gone', () => {
  it('is 503 with a problem document, and the process keeps serving', async () => {
    const t = await startTestApp();
    try {
      // Take the database away under the running API: drop it, killing its connections.
      await withClient(process.env[ADMIN_URL_ENV] as string, (client) =>
        client.query(`DROP DATABASE "${t.databaseName}" WITH (FORCE)`),
      );
      const res = await t.http.get(api('/health')).set('Accept-Language', 'th');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', title: 'บริการไม่พร้อมใช้งาน' });
      const again = await t.http.get(api('/nowhere'));
      expect(again.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
