import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { APP_VERSION } from './version';

/** The OpenAPI document, generated from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Skillbridge API')
    .setDescription(
      'Cross-border vocational training: institutions, programs, sessions, enrolments, rosters and certificates. ' +
        'Errors are RFC 9457 problem documents (`application/problem+json`) with a stable `code`, localized by `Accept-Language` (en, zh, th, ms).',
    )
    .setVersion(APP_VERSION)
    .addServer('/')
    .build();
  return SwaggerModule.createDocument(app, config);
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
