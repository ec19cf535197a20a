import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { negotiateLocale } from '@skillbridge/contracts';
import type { FastifyRequest } from 'fastify';
import type { RequestContext, Viewer } from './viewer';

export type RequestWithViewer = FastifyRequest & { viewer?: Viewer | null };

export function requestContext(request: RequestWithViewer): RequestContext {
  return {
    viewer: request.viewer ?? null,
    requestId: String(request.id),
    ip: request.ip,
    locale: negotiateLocale(request.headers['accept-language']),
    userAgent: request.headers['user-agent'],
  };
}

/** The request's context (viewer, request id, client IP, language) for the service layer. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext =>
  requestContext(context.switchToHttp().getRequest<RequestWithViewer>()),
);
