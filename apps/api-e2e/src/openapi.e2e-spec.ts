import { routeTable } from '@skillbridge/api/common/auth/route-table';
import { BEARER_SCHEME, createOpenApiDocumentOffline } from '@skillbridge/api/openapi';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { api, startTestApp, TestApp } from './support/test-app';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operations(document: OpenAPIObject): { key: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      key: `${method.toUpperCase()} ${path}`,
      operation: item[method] as OperationObject,
    })),
  );
}

/** Every schema object of the document, with where it is. */
function schemas(node: unknown, where = '#'): { where: string; schema: Record<string, unknown> }[] {
  if (!node || typeof node !== 'object') return [];
  const children = Object.entries(node).flatMap(([key, child]) => schemas(child, `${where}/${key}`));
  const schema = node as Record<string, unknown>;
  return typeof schema.type === 'string' ? [{ where, schema }, ...children] : children;
}

describe('OpenAPI', () => {
  let t: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/api/docs-json')).body;
  });
  afterAll(() => t.close());

  it('serves the generated document at /api/docs-json', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info.title).toBe('Skillbridge API');
    expect(Object.keys(res.body.paths)).toContain(api('/health'));
  });

  it('serves the UI at /api/docs', async () => {
    const res = await t.http.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('swagger');
  });

  it('is the document npm run openapi:json writes without a database', async () => {
    expect(await createOpenApiDocumentOffline()).toEqual(document);
  });

  it('declares the bearer scheme, and requires it exactly where the access rules do', () => {
    expect(document.components?.securitySchemes?.[BEARER_SCHEME]).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    const routes = routeTable(t.app);
    const documented = operations(document);
    expect(documented.map((o) => o.key).sort()).toEqual(
      routes.map((r) => `${r.method} ${api(r.path.replace(/:(\w+)/g, '{$1}'))}`).sort(),
    );
    for (const route of routes) {
      const key = `${route.method} ${api(route.path.replace(/:(\w+)/g, '{$1}'))}`;
      const { operation } = documented.find((o) => o.key === key) as { operation: OperationObject };
      expect({ key, security: operation.security }).toEqual({
        key,
        security: route.access?.kind === 'public' ? [] : [{ [BEARER_SCHEME]: [] }],
      });
    }
    // Both kinds occur (a document that marked everything one way would pass the loop above only by accident).
    expect(documented.filter((o) => o.operation.security?.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  it('documents a success response with its media type and schema for every operation', () => {
    const missing = operations(document).flatMap(({ key, operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      if (success.length === 0) return [`${key}: no 2xx response`];
      return success
        .filter(([status]) => status !== '202' && status !== '204')
        .flatMap(([status, response]) => {
          const content = response && 'content' in response ? (response.content ?? {}) : {};
          const types = Object.entries(content);
          if (types.length === 0) return [`${key} ${status}: no content`];
          return types.filter(([, media]) => !media.schema).map(([type]) => `${key} ${status} ${type}: no schema`);
        });
    });
    expect(missing).toEqual([]);
  });

  it('documents a copy of my data as application/zip, or 202 with the export made off the request path', () => {
    const data = document.paths[api('/me/data')].get as OperationObject;
    const ok = data.responses['200'] as ResponseObject;
    expect(Object.keys(ok.content ?? {})).toEqual(['application/zip']);
    const accepted = data.responses['202'] as ResponseObject;
    expect(accepted.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/DataExportDto' });
    const download = document.paths[api('/me/data-exports/{id}/download')].get as OperationObject;
    expect(Object.keys((download.responses['200'] as ResponseObject).content ?? {})).toEqual(['application/zip']);
    expect(Object.keys(download.responses)).toEqual(expect.arrayContaining(['401', '404', '409']));
  });

  it('gives every value a type a client can use (no bare objects from type aliases)', () => {
    const bare = schemas(document)
      .filter(
        ({ schema }) =>
          schema.type === 'object' &&
          !['properties', 'additionalProperties', 'allOf', 'oneOf', 'anyOf'].some((key) => key in schema),
      )
      .map(({ where }) => where);
    expect(bare).toEqual([]);
    const country = document.components?.schemas?.['CountryCode'];
    expect(country).toEqual(expect.objectContaining({ type: 'string', enum: expect.arrayContaining(['TH', 'MM']) }));
    expect(document.components?.schemas?.['InstitutionDto']).toEqual(
      expect.objectContaining({
        properties: expect.objectContaining({
          country: expect.objectContaining({ allOf: [{ $ref: '#/components/schemas/CountryCode' }] }),
        }),
      }),
    );
  });
});
