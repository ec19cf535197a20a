import { ErrorCode } from '@skillbridge/contracts';
import type { FastifyInstance } from 'fastify';
import { ProblemException } from '../problem/problem.exception';

/**
 * Fastify's own JSON parser (with its prototype-poisoning protection), but a
 * body that does not parse becomes a MALFORMED_JSON problem instead of a bare
 * 400, and an empty body counts as no body rather than an error.
 */
export function registerJsonParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') {
      done(null, undefined);
      return;
    }
    parse(request, String(body), (error, value) => {
      if (error) done(new ProblemException(400, ErrorCode.MalformedJson), undefined);
      else done(null, value);
    });
  });
}
