import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
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

/** Every route of the application with its access declaration — the source of the authorization tests. */
export function routeTable(app: INestApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance);
    const base = Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      routes.push({
        method,
        path: joinPath(base, path),
        controller: metatype.name,
        handler: name,
        access: reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [handler, metatype]),
      });
    }
  }
  return routes;
}
