import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ACCESS_METADATA, AccessRule } from './access.decorator';

export interface RouteInfo {
  method: string;
  /** Path under the global prefix, with `:params`, e.g. `/institutions/:id`. */
  path: string;
  controller: string;
  handler: string;
  access: AccessRule | undefined;
}

function joinPath(...parts: (string | string[] | undefined)[]): string {
  const segments = parts
    .flatMap((part) => (Array.isArray(part) ? part[0] : part))
    .filter((part): part is string => Boolean(part))
    .map((part) => part.replace(/^\/|\/$/g, ''))
    .filter(Boolean);
  return `/${segments.join('/')}`;
}

/**
 * Every route of the application with its access declaration — the source of the authorization tests and of
 * the OpenAPI document's `security`. Reads only the controllers' metadata, so it works on an application built
 * in preview mode (no providers instantiated, no database: see openapi.ts) as well as on a running one.
 */
export function routeTable(app: INestApplication): RouteInfo[] {
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prototype = metatype.prototype as Record<string, object>;
      const base = Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        // As the guard reads it (Reflector.getAllAndOverride): the handler's declaration, else the controller's.
        const access = (Reflect.getMetadata(ACCESS_METADATA, handler) ??
          Reflect.getMetadata(ACCESS_METADATA, metatype)) as AccessRule | undefined;
        routes.push({ method, path: joinPath(base, path), controller: metatype.name, handler: name, access });
      }
    }
  }
  return routes;
}
