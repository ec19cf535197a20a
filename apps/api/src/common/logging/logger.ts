import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { Logger as PinoLogger, LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { AppConfig } from '../../config';

/** Middie (Fastify's middleware engine) strips the mount path from url and keeps it in originalUrl. */
type RawRequest = IncomingMessage & { originalUrl?: string; id?: string };

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
 * Request logging: one line per request with the request id Fastify assigned
 * (echoed as `X-Request-Id`), method, path, status and time — never bodies.
 */
export function httpLoggerOptions(logger: PinoLogger): PinoHttpOptions {
  return {
    logger,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
    quietReqLogger: true,
    // Health probes arrive every few seconds from load balancers; they are not news.
    autoLogging: {
      ignore: (req: IncomingMessage) => ((req as RawRequest).originalUrl ?? req.url) === '/api/v1/health',
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse, responseTime: number) =>
      `${req.method} ${(req as RawRequest).originalUrl ?? req.url} ${res.statusCode} ${Math.round(responseTime)}ms`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${(req as RawRequest).originalUrl ?? req.url} ${res.statusCode}`,
    serializers: {
      req: (req: RawRequest) => ({ id: req.id, method: req.method, url: req.originalUrl ?? req.url }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  };
}
