import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const REF = /^#\/components\/schemas\/(.+)$/;
/** OpenAPI 3.0 words that are not JSON Schema (draft-07, which Ajv checks): dropped, or `nullable` rewritten. */
const OPENAPI_ONLY = new Set(['example', 'xml', 'externalDocs', 'discriminator', 'deprecated']);
/** Media types whose bodies are JSON, checked against their schema. */
export const isJsonMediaType = (type: string) => /^application\/([\w.-]+\+)?json$/.test(type);

/**
 * Checks responses against the OpenAPI 3.0 document, strictly: its schemas become JSON Schema
 * (draft-07) for Ajv, with
 * - `nullable: true` as `type: [T, "null"]` (and `null` in an `enum`), or as `anyOf [schema, null]` around a
 *   `$ref`/`allOf`/`oneOf` — in OpenAPI 3.0 `nullable` only widens a schema's own `type`, and a `$ref`'s
 *   siblings are ignored;
 * - every object that lists its properties closed (`additionalProperties: false`) unless the document
 *   says otherwise, so an undocumented field is a mismatch, not a pass (a generated client would not
 *   know it); an `allOf` of object schemas is merged into one object first, so that closing each part
 *   does not refuse the others' properties.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly components: Record<string, Schema>;

  constructor(private readonly document: OpenAPIObject) {
    addFormats(this.ajv);
    // OpenAPI's formats for bytes: nothing to check in a JSON value.
    for (const format of ['binary', 'byte']) if (!this.ajv.formats[format]) this.ajv.addFormat(format, true);
    this.components = (document.components?.schemas ?? {}) as Record<string, Schema>;
    const definitions = Object.fromEntries(
      Object.entries(this.components).map(([name, schema]) => [name, this.convert(schema)]),
    );
    this.ajv.addSchema({ $id: 'openapi', definitions });
  }

  /**
   * What is wrong with an answer of an operation, as messages; none when it matches what the document says
   * for that status and media type.
   */
  check(operation: OperationObject, status: number, mediaType: string, body: Buffer): string[] {
    const response = operation.responses[String(status)] ?? operation.responses['default'];
    if (!response || '$ref' in response) return [`status ${status} is not documented`];
    const content = response.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) return body.length === 0 ? [] : [`a ${mediaType} body where the document has none`];
    const media = content[mediaType];
    if (!media) return [`${mediaType} is not documented for ${status} (${types.join(', ')})`];
    if (!media.schema) return [`${mediaType} for ${status} has no schema`];
    if (!isJsonMediaType(mediaType)) return body.length > 0 ? [] : ['an empty file'];
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      return [`${mediaType} that is not JSON`];
    }
    const key = `${operation.operationId} ${status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(this.convert(media.schema as Schema));
      this.compiled.set(key, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(describe);
  }

  /** The OpenAPI 3.0 schema as JSON Schema (see the class comment). */
  convert(schema: Schema): Schema {
    if (typeof schema.$ref === 'string') return { $ref: `openapi#/definitions/${refName(schema.$ref)}` };
    const { nullable, ...rest } = schema;
    const allOf = rest.allOf as Schema[] | undefined;
    if (allOf && allOf.length > 1) {
      const { allOf: _parts, ...own } = rest;
      return this.convert({ ...own, ...this.merge(allOf), ...(nullable ? { nullable } : {}) });
    }
    const out: Schema = {};
    for (const [key, value] of Object.entries(rest)) {
      if (OPENAPI_ONLY.has(key)) continue;
      if (key === 'properties') {
        out[key] = Object.fromEntries(
          Object.entries(value as Record<string, Schema>).map(([name, property]) => [name, this.convert(property)]),
        );
      } else if (key === 'items' || key === 'not') {
        out[key] = this.convert(value as Schema);
      } else if (key === 'additionalProperties') {
        out[key] = typeof value === 'object' ? this.convert(value as Schema) : value;
      } else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
        out[key] = (value as Schema[]).map((part) => this.convert(part));
      } else {
        out[key] = value;
      }
    }
    if (out.type === 'object' && out.properties && out.additionalProperties === undefined) {
      out.additionalProperties = false;
    }
    if (!nullable) return out;
    if (typeof out.type === 'string' && !out.allOf && !out.oneOf && !out.anyOf) {
      return { ...out, type: [out.type, 'null'], ...(Array.isArray(out.enum) ? { enum: [...out.enum, null] } : {}) };
    }
    return { anyOf: [out, { type: 'null' }] };
  }

  /** The parts of an `allOf` as one object schema: their properties and required names together. */
  private merge(parts: Schema[]): Schema {
    const properties: Record<string, Schema> = {};
    const required = new Set<string>();
    for (const part of parts) {
      const resolved = typeof part.$ref === 'string' ? this.components[refName(part.$ref)] : part;
      const nested = resolved.allOf as Schema[] | undefined;
      const object = nested && nested.length > 1 ? this.merge(nested) : resolved;
      if (!object || !object.properties) throw new Error(`allOf part without properties: ${JSON.stringify(part)}`);
      Object.assign(properties, object.properties);
      for (const name of (object.required as string[] | undefined) ?? []) required.add(name);
    }
    return { type: 'object', properties, ...(required.size ? { required: [...required] } : {}) };
  }
}

function refName(ref: string): string {
  const match = REF.exec(ref);
  if (!match) throw new Error(`unsupported $ref ${ref}`);
  return match[1];
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(body)';
  const extra =
    error.keyword === 'additionalProperties'
      ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'`
      : error.keyword === 'enum'
        ? ` ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues).slice(0, 80)}`
        : '';
  return `${where} ${error.message}${extra}`;
}
