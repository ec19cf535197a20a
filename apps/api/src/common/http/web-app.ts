import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemException } from '../problem/problem.exception';

/** Angular names bundles and fonts with a content hash: `main-ABCD1234.js`. */
const HASHED_ASSET = /-[A-Z0-9]{8,}\.(js|css|woff2?|ttf)$/i;
/**
 * The service worker and its manifest keep their names from build to build: always revalidated, or phones would
 * keep an old app (and the old worker) for as long as a cache said.
 */
const SERVICE_WORKER_FILE = /(^|[\\/])(ngsw-worker\.js|ngsw\.json|safety-worker\.js|worker-basic\.min\.js)$/;

/** The Cache-Control of a file of the built app. */
export function cacheControlOf(filePath: string): string {
  if (SERVICE_WORKER_FILE.test(filePath)) return 'no-cache';
  return HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Renders a page's head into index.html before it is sent (the open catalog's `/p/:code`, issue 22): chat apps
 * read Open Graph tags without running JavaScript. `null` → index.html as it is, with a 404.
 */
export type PageHeadRenderer = (index: string, request: FastifyRequest) => Promise<string | null>;

/**
 * Serves the built Angular app at `/`: files as they are (hashed ones cached
 * for a year), and index.html for every other GET outside `/api`, so deep
 * links and reloads land in the SPA's router.
 */
export async function serveWebApp(
  fastify: FastifyInstance,
  webRoot: string,
  pages: { program?: PageHeadRenderer } = {},
): Promise<boolean> {
  const root = path.resolve(webRoot);
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) return false;

  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.header('cache-control', cacheControlOf(filePath));
    },
  });

  const { program } = pages;
  if (program) {
    // Read once: the built app does not change under a running process.
    const html = readFileSync(index, 'utf8');
    fastify.get('/p/:code', async (request, reply) => {
      const page = await program(html, request);
      return reply
        .status(page === null ? 404 : 200)
        .header('cache-control', 'no-cache')
        .header('vary', 'Accept-Language')
        .type('text/html; charset=utf-8')
        .send(page ?? html);
    });
  }

  fastify.get('/*', (request, reply) => {
    if (request.url === '/api' || request.url.startsWith('/api/')) throw ProblemException.notFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return true;
}
