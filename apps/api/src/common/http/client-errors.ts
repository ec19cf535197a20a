import type { ArgumentsHost } from '@nestjs/common';
import { ErrorCode, PROBLEM_CONTENT_TYPE, problemType } from '@skillbridge/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { translate } from '../i18n/translator';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { securityHeaders } from './security';

const filter = new ProblemDetailsFilter();
const headers = securityHeaders();

/**
 * Errors Fastify raises before routing (a URL that does not decode,
 * `/programs/%ZZ`; a path parameter over maxParamLength) skip every hook and
 * filter: rendered here by the problem-details filter like any other, with the
 * security headers and the request id, instead of Fastify's own JSON echoing
 * the URL.
 */
export function frameworkErrors(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  reply.headers({ ...headers, 'x-request-id': String(request.id) });
  const http = { getRequest: () => request, getResponse: () => reply };
  filter.catch(error, { switchToHttp: () => http } as unknown as ArgumentsHost);
}

/**
 * Requests Node's HTTP parser refuses (headers over its limit, malformed
 * request lines) never reach Fastify's routing: answer them with a problem
 * document too, in English, as the headers could not be read.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const code = ErrorCode.BadRequest;
  const body = JSON.stringify({
    type: problemType(code),
    title: translate('en', `errors.${code}.title`),
    status,
    detail: translate('en', `errors.${code}.detail`),
    code,
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Language: en\r\nConnection: close\r\n\r\n${body}`,
  );
}
