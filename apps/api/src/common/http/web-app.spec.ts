import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { cacheControlOf, serveWebApp } from './web-app';

describe('serving the built web app', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sb-web-'));
    for (const name of ['index.html', 'ngsw-worker.js', 'ngsw.json', 'main-ABCD1234.js', 'favicon.svg']) {
      await writeFile(path.join(root, name), name.endsWith('.json') ? '{}' : 'x');
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('has the service worker and its manifest revalidated on every load, hashed bundles cached for a year', async () => {
    const app = Fastify();
    expect(await serveWebApp(app, root)).toBe(true);
    const cacheOf = async (url: string) => (await app.inject({ method: 'GET', url })).headers['cache-control'];
    expect(await cacheOf('/ngsw-worker.js')).toBe('no-cache');
    expect(await cacheOf('/ngsw.json')).toBe('no-cache');
    expect(await cacheOf('/main-ABCD1234.js')).toBe('public, max-age=31536000, immutable');
    expect(await cacheOf('/instructor/sessions/x/attendance')).toBe('no-cache');
    await app.close();
  });

  it('never caches a service worker file for long, whatever its name looks like', () => {
    expect(cacheControlOf('/srv/web/safety-worker.js')).toBe('no-cache');
    expect(cacheControlOf('/srv/web/worker-basic.min.js')).toBe('no-cache');
    expect(cacheControlOf('/srv/web/chunk-ZXCV5678.js')).toBe('public, max-age=31536000, immutable');
  });
});
