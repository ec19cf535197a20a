import { ErrorCode } from '@skillbridge/contracts';
import type { FastifyInstance } from 'fastify';
import { ProblemException } from '../problem/problem.exception';

/** Deeper than any request of the API nests (`completionRule`, `title`: 2 levels); deeper bodies are refused. */
export const MAX_BODY_DEPTH = 32;

/** How deeply a parsed JSON value nests, counted without recursion (so a hostile depth cannot overflow the stack). */
export function depthOf(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (!current || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > stopAt) break;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Fastify's own JSON parser (with its prototype-poisoning protection), but a
 * body that does not parse becomes a MALFORMED_JSON problem instead of a bare
 * 400, and an empty body counts as no body rather than an error. A body
 * nested deeper than MAX_BODY_DEPTH is a 400 on `body`: validating and
 * transforming it recursively would otherwise overflow the stack (a 500).
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
      else if (depthOf(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
        const max = String(MAX_BODY_DEPTH);
        done(ProblemException.invalidField('body', 'MAX_DEPTH', 'validation.maxDepth', { max }), undefined);
      } else done(null, value);
    });
  });
}
