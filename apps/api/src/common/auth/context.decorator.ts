import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { negotiateLocale } from '@skillbridge/contracts';
import type { FastifyRequest } from 'fastify';
import { isIP } from 'node:net';
import type { RequestContext, Viewer } from './viewer';

export type RequestWithViewer = FastifyRequest & { viewer?: Viewer | null };

/**
 * The client's address as far as TRUST_PROXY lets Fastify read X-Forwarded-For — or the TCP peer's
 * (the proxy's) when a trusted proxy wrote something that is no address (`unknown`, a host name),
 * so such requests are still counted and recorded, on the proxy.
 */
function clientIp(request: FastifyRequest): string {
  return isIP(request.ip) ? request.ip : (request.raw.socket?.remoteAddress ?? '');
}

export function requestContext(request: RequestWithViewer): RequestContext {
  return {
    viewer: request.viewer ?? null,
    requestId: String(request.id),
    ip: clientIp(request),
    locale: negotiateLocale(request.headers['accept-language']),
    userAgent: request.headers['user-agent'],
  };
}

/** The request's context (viewer, request id, client IP, language) for the service layer. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext =>
  requestContext(context.switchToHttp().getRequest<RequestWithViewer>()),
);
