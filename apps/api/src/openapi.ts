import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { routeTable } from './common/auth/route-table';
import { createRootLogger } from './common/logging/logger';
import { loadConfig } from './config';
import { API_PREFIX } from './create-app.constants';
import { APP_VERSION } from './version';

/** The name of the bearer security scheme (`Authorization: Bearer <accessToken>` from POST /auth/login). */
export const BEARER_SCHEME = 'bearer';

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** The OpenAPI document, generated from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Skillbridge API')
    .setDescription(
      'Cross-border vocational training: institutions, programs, sessions, enrolments, rosters and certificates. ' +
        'Errors are RFC 9457 problem documents (`application/problem+json`) with a stable `code`, localized by `Accept-Language` (en, zh, th, ms). ' +
        'Sign in with `POST /api/v1/auth/login` and send its `accessToken` as `Authorization: Bearer <accessToken>`.',
    )
    .setVersion(APP_VERSION)
    .addServer('/')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The accessToken of POST /api/v1/auth/login',
      },
      BEARER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  applyAccessRules(document, app);
  return document;
}

/**
 * Each operation's `security` comes from its access declaration (@Public, @Roles, @Authenticated) — the rule
 * the guard enforces — so the document cannot say otherwise: a bearer token for role-gated routes, none
 * (`security: []`) for public ones. An operation without a declaration is refused by the guard; here it stops
 * the document from being built.
 */
function applyAccessRules(document: OpenAPIObject, app: INestApplication): void {
  const rules = new Map(
    routeTable(app).map((route) => [
      `${route.method.toLowerCase()} /${API_PREFIX}${route.path.replace(/:(\w+)/g, '{$1}')}`,
      route,
    ]),
  );
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of OPERATION_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = rules.get(`${method} ${path}`);
      if (!route?.access) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} declares no access rule`);
      operation.security = route.access.kind === 'public' ? [] : [{ [BEARER_SCHEME]: [] }];
    }
  }
}

/** Serves the UI at /api/docs and the JSON at /api/docs-json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    useGlobalPrefix: false,
    customSiteTitle: 'Skillbridge API',
  });
}

/**
 * The same document as /api/docs-json, without a database or a port: the application's modules are built in
 * Nest's preview mode (controllers and their metadata, no provider instantiated, so nothing connects).
 * Used by `npm run openapi:json` / `openapi:lint` and the generated-client test.
 */
export async function createOpenApiDocumentOffline(): Promise<OpenAPIObject> {
  // Any valid configuration: in preview mode nothing reads it (no database is opened, no secret used).
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_ROOT: 'none' });
  @Module({
    imports: [
      AppModule.forRoot({ config, databaseUrl: 'postgres://preview.invalid/none', logger: createRootLogger(config) }),
    ],
  })
  class RootModule {}
  const app = await NestFactory.create(RootModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    app.setGlobalPrefix(API_PREFIX);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
