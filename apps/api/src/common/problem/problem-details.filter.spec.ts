import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { loggable, ProblemDetailsFilter } from './problem-details.filter';

describe('what a failed request logs', () => {
  it('keeps a failed query’s statement start and code, never its parameters', () => {
    const driverError = Object.assign(new Error('bind message has 90009 parameter formats'), { code: '08P01' });
    const query = `INSERT INTO trainees (email) VALUES ${Array.from({ length: 200 }, (_, i) => `($${i + 1})`).join(', ')}`;
    const error = new QueryFailedError(query, ['somchai@example.ac.th', 'malee@example.ac.th'], driverError);
    const logged = loggable(error) as Record<string, unknown>;
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '08P01' });
    expect(String(logged['query']).length).toBeLessThanOrEqual(301);
    expect(JSON.stringify(logged)).not.toContain('somchai@example.ac.th');
  });

  it('passes any other error through as it is', () => {
    const error = new Error('boom');
    expect(loggable(error)).toBe(error);
  });
});

describe('what a failed request answers', () => {
  function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
    const sent = { status: 0, body: {} as Record<string, unknown> };
    const reply = {
      sent: false,
      status(code: number) {
        sent.status = code;
        return reply;
      },
      headers: () => reply,
      type: () => reply,
      send(text: string) {
        sent.body = JSON.parse(text);
        return reply;
      },
    };
    const request = { id: 'r-1', method: 'POST', url: '/api/v1/institutions', headers: {} };
    const host = {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
    } as unknown as ArgumentsHost;
    new ProblemDetailsFilter().catch(exception, host);
    return sent;
  }

  it('calls a transaction whose connection was lost before its COMMIT a 503, not a 500', () => {
    // What TypeORM throws (commit, or a manager query) when the database cut the connection between two statements of a transaction.
    for (const lost of [
      answer(new QueryRunnerAlreadyReleasedError()),
      answer(new QueryRunnerProviderAlreadyReleasedError()),
    ]) {
      expect([lost.status, lost.body['code']]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    }
    expect(answer(new Error('boom')).status).toBe(500);
  });
});
