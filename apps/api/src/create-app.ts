import fastifyCookie from '@fastify/cookie';
import { Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppContext, AppModule } from './app.module';
import fastifyMultipart from '@fastify/multipart';
import { TRAINEE_IMPORT_MAX_BYTES } from '@skillbridge/contracts';
import { clientErrorHandler, frameworkErrors } from './common/http/client-errors';
import { registerJsonParser } from './common/http/json-body';
import { registerRequestLogging } from './common/logging/logger';
import { requestId } from './common/http/request-id';
import { registerSecurityHeaders } from './common/http/security';
import { serveWebApp } from './common/http/web-app';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { serveOpenApi } from './openapi';
import { Secrets } from './common/crypto/secrets';
import { primaryWindowCookie } from './database/replicas/replica-read.interceptor';
import { PublicProgramPages } from './modules/public-catalog/public-program-pages';

import { API_PREFIX } from './create-app.constants';

export { API_PREFIX };

/**
 * Builds the whole HTTP application — the same way for `npm start`, docker and
 * the end-to-end tests — and initialises it without listening.
 */
export async function createApp(
  context: AppContext,
  /** Extra modules mounted beside the application's (test fixtures). */
  extraImports: Type[] = [],
): Promise<NestFastifyApplication> {
  const { config } = context;
  @Module({ imports: [AppModule.forRoot(context), ...extraImports] })
  class RootModule {}

  const adapter = new FastifyAdapter({
    genReqId: requestId,
    // A hop count or the proxies' addresses, never `true` (config refuses it): request.ip is then the
    // address our own proxy saw, not one the client wrote into X-Forwarded-For.
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Requests are logged once, by registerRequestLogging().
    logger: false,
    // Bad URL encodings and long paths are client errors, not crashes.
    routerOptions: { maxParamLength: 200 },
    // …and answered, like every other error, with a problem document.
    frameworkErrors,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(RootModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
    // registerJsonParser() installs the JSON parser; Nest's own would clash with it.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // Graceful shutdown: once close() has begun, every answer tells a keep-alive client to go, so that
  // the connection of a request still in flight ends with its answer. Node's server.close() only ends
  // connections idle at that moment: it waited on the others (Fastify keeps them 72 s), and a SIGTERM
  // during a request ended in main.ts's forced exit after 20 s, with code 1.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  registerRequestLogging(fastify, context.logger);
  registerJsonParser(fastify);
  await fastify.register(fastifyCookie);
  // Uploads (trainee imports): one file, read within TRAINEE_IMPORT_MAX_BYTES; larger is a 413.
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: TRAINEE_IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  });
  registerSecurityHeaders(fastify);
  if (config.replicaUrls.length > 0) fastify.addHook('onSend', primaryWindowCookie(config, app.get(Secrets)));
  if (config.corsOrigins.length > 0) {
    // ETag: a register's version, for the If-Match of a client on another origin.
    app.enableCors({
      origin: config.corsOrigins,
      credentials: false,
      exposedHeaders: ['x-request-id', 'retry-after', 'etag'],
    });
  }

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  serveOpenApi(app);

  if (config.webRoot) {
    const served = await serveWebApp(fastify, config.webRoot, {
      // Resolved per request: the module's providers exist once the app is initialised below.
      program: (html, request) => app.get(PublicProgramPages).render(html, request),
    });
    if (!served) app.get(Logger).warn(`No web app at ${config.webRoot} (run npm run build); serving the API only.`);
  }

  await app.init();
  return app;
}
