import type { FastifyInstance } from 'fastify';
import pino, { Logger as PinoLogger, LoggerOptions } from 'pino';
import type { AppConfig } from '../../config';

/** The process-wide pino logger: JSON lines in production, readable lines for people. */
export function createRootLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>): PinoLogger {
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { service: 'skillbridge-api' },
    // Credentials never reach a log line, wherever they appear.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.accessToken'],
      censor: '[redacted]',
    },
  };
  if (config.LOG_FORMAT === 'pretty') {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: {
          singleLine: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,service,context,req,res,responseTime',
        },
      },
    });
  }
  return pino(options);
}

/**
 * A request URL as logs may keep it: the secret of a personal calendar
 * address (`/calendar/<token>.ics`) replaced, since whoever holds it reads
 * that person's calendar. Every line that names a URL goes through this.
 */
export function loggableUrl(url: string): string {
  return url.replace(/\/calendar\/[^/?#]+\.ics/g, '/calendar/[redacted].ics');
}

/**
 * Request logging: one line per request with the request id Fastify assigned
 * (echoed as `X-Request-Id`), method, path (loggableUrl), status and time —
 * never bodies or headers. A Fastify hook on the root logger: pino-http (through nestjs-pino's
 * middleware) made a child logger and request context for every request even
 * when its lines were below the level, a sixth of a light request's CPU.
 * Health probes arrive every few seconds from load balancers; they are not news.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: PinoLogger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (logger.isLevelEnabled(level) && request.url !== '/api/v1/health') {
      const ms = Math.round(reply.elapsedTime);
      const url = loggableUrl(request.url);
      logger[level](
        {
          req: { id: request.id, method: request.method, url },
          res: { statusCode: status },
          responseTime: ms,
        },
        `${request.method} ${url} ${status} ${ms}ms`,
      );
    }
    done();
  });
}
