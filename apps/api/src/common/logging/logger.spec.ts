import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { loggableUrl, registerRequestLogging } from './logger';

describe('registerRequestLogging', () => {
  async function logLines(level: string, path: string, status = 200) {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(JSON.parse(String(chunk)));
        callback();
      },
    });
    const app = Fastify({ genReqId: () => 'req-1' });
    registerRequestLogging(app, pino({ level }, sink));
    app.get('/*', (_request, reply) => reply.status(status).send({ ok: true }));
    await app.inject({ method: 'GET', url: path, headers: { authorization: 'Bearer secret-token' } });
    await app.close();
    return lines;
  }

  it('logs one line per request: id, method, path, status and time, never headers', async () => {
    const [line, ...more] = await logLines('info', '/api/v1/programs?limit=5');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      req: { id: 'req-1', method: 'GET', url: '/api/v1/programs?limit=5' },
      res: { statusCode: 200 },
    });
    expect(line['msg']).toMatch(/^GET \/api\/v1\/programs\?limit=5 200 \d+ms$/);
    expect(JSON.stringify(line)).not.toContain('secret-token');
  });

  it('logs client errors as warnings and server errors as errors, and leaves health probes out', async () => {
    expect((await logLines('info', '/api/v1/x', 404))[0]).toMatchObject({ level: 40 });
    expect((await logLines('info', '/api/v1/x', 503))[0]).toMatchObject({ level: 50 });
    expect(await logLines('info', '/api/v1/health')).toEqual([]);
  });

  it('never writes the secret of a personal calendar address', async () => {
    const token = '0f8e6c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.k3Jq9xYzA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r';
    const [line] = await logLines('info', `/api/v1/calendar/${token}.ics?x=1`, 404);
    expect(JSON.stringify(line)).not.toContain(token.split('.')[1]);
    expect(line).toMatchObject({ req: { url: '/api/v1/calendar/[redacted].ics?x=1' } });
    expect(loggableUrl('/api/v1/programs/calendar/x')).toBe('/api/v1/programs/calendar/x');
  });

  it('writes nothing below the level', async () => {
    expect(await logLines('warn', '/api/v1/programs')).toEqual([]);
    expect(await logLines('warn', '/api/v1/programs', 400)).toHaveLength(1);
  });
});
