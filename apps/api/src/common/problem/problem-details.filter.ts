import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import {
  ErrorCode,
  FieldError,
  negotiateLocale,
  PROBLEM_CONTENT_TYPE,
  ProblemDocument,
  problemType,
} from '@skillbridge/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { translate, type TranslationParams } from '../i18n/translator';
import { loggableUrl } from '../logging/logger';
import { ProblemException } from './problem.exception';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

/** PostgreSQL SQLSTATEs and driver errors that mean "the database is not reachable right now". */
const DATABASE_DOWN = /^(08|57P0[1-3]|53300)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND)$/;

/**
 * PostgreSQL ends the session with severity FATAL when a connection cannot be
 * opened or is cut (its database is gone, its credentials were revoked, the
 * server shuts down): whatever the SQLSTATE, the database is unavailable, not
 * the request wrong.
 */
function isFatal(error: unknown): boolean {
  return (error as { severity?: unknown } | null)?.severity === 'FATAL';
}

function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns every error — ours, Nest's, Fastify's, the database's, or a bug — into
 * an RFC 9457 problem document in the caller's language. Stack traces and SQL
 * never leave the process; 5xx are logged with the request id.
 */
/**
 * A failed query as the log should carry it: the statement's start and the
 * database's code and message — never its parameters, which hold people's
 * data (and, for a bulk statement, megabytes of it).
 */
export function loggable(exception: unknown): unknown {
  if (!(exception instanceof Error) || typeof (exception as { query?: unknown }).query !== 'string') return exception;
  const failed = exception as Error & { query: string; driverError?: { code?: string } };
  return {
    type: failed.name,
    message: failed.message,
    code: failed.driverError?.code,
    query: failed.query.length > 300 ? `${failed.query.slice(0, 300)}…` : failed.query,
    stack: failed.stack,
  };
}

/** A field error's values as the client may use them again: plain values only, none when there are none. */
function wireParams(params: TranslationParams | undefined): FieldError['params'] | undefined {
  const entries = Object.entries(params ?? {}).filter(
    (entry): entry is [string, string | number | boolean] =>
      typeof entry[1] === 'string' || typeof entry[1] === 'number' || typeof entry[1] === 'boolean',
  );
  return entries.length ? Object.fromEntries(entries) : undefined;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblemException(exception);
    const locale = negotiateLocale(request.headers['accept-language']);
    const { status, code, options } = problem;

    const url = loggableUrl(request.url);
    if (status >= 500) {
      this.logger.error(
        { err: loggable(exception), requestId: request.id, method: request.method, url },
        `${request.method} ${url} failed with ${status}`,
      );
    }

    const errors: FieldError[] | undefined = options.errors?.map((e) => {
      const params = wireParams(e.params);
      return {
        field: e.field,
        code: e.code,
        message: translate(locale, e.messageKey, e.params),
        messageKey: e.messageKey,
        ...(params ? { params } : {}),
      };
    });
    const body: ProblemDocument = {
      ...options.extensions,
      type: problemType(code),
      title: translate(locale, `errors.${code}.title`, options.params),
      status,
      detail: translate(locale, `errors.${code}.detail`, options.params),
      code,
      instance: url,
      requestId: String(request.id),
      ...(errors ? { errors } : {}),
    };

    if (reply.sent) return;
    reply
      .status(status)
      .headers({ ...options.headers, 'content-language': locale, 'cache-control': 'no-store' })
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(body));
  }

  private toProblemException(exception: unknown): ProblemException {
    if (exception instanceof ProblemException) return exception;

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const fallback = status >= 500 ? ErrorCode.InternalError : ErrorCode.BadRequest;
      return new ProblemException(status, STATUS_CODES[status] ?? fallback);
    }

    const code = errorCodeOf(exception);
    if (exception instanceof QueryFailedError) {
      const driverCode = errorCodeOf(exception.driverError);
      if (driverCode === '23505') return new ProblemException(409, ErrorCode.Conflict);
      if (driverCode === '22P02' || driverCode === '22007' || driverCode === '22008') {
        return new ProblemException(400, ErrorCode.BadRequest);
      }
      if (driverCode === '57014') return new ProblemException(503, ErrorCode.ServiceUnavailable);
      if (driverCode && DATABASE_DOWN.test(driverCode)) return new ProblemException(503, ErrorCode.ServiceUnavailable);
    }
    if (code && DATABASE_DOWN.test(code)) return new ProblemException(503, ErrorCode.ServiceUnavailable);
    if (isFatal(exception) || isFatal((exception as { driverError?: unknown } | null)?.driverError)) {
      return new ProblemException(503, ErrorCode.ServiceUnavailable);
    }
    // TypeORM releases a query runner whose connection failed; the transaction's next statement (often
    // its COMMIT, never sent) then throws one of these. The database rolled the work back: "try again",
    // not a 500.
    if (
      exception instanceof QueryRunnerAlreadyReleasedError ||
      exception instanceof QueryRunnerProviderAlreadyReleasedError
    ) {
      return new ProblemException(503, ErrorCode.ServiceUnavailable);
    }
    if (
      exception instanceof Error &&
      /Connection terminated|timeout exceeded when trying to connect/i.test(exception.message)
    ) {
      return new ProblemException(503, ErrorCode.ServiceUnavailable);
    }

    // Errors Fastify raises itself (routing, content parsing) carry a statusCode.
    const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return new ProblemException(statusCode, STATUS_CODES[statusCode] ?? ErrorCode.BadRequest);
    }
    return new ProblemException(500, ErrorCode.InternalError);
  }
}
