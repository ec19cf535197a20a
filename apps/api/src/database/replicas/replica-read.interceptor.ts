import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { Secrets } from '../../common/crypto/secrets';
import { AppConfig } from '../../config';
import { PRIMARY_WINDOW_COOKIE, PRIMARY_WINDOW_PURPOSE, readPrimaryUntil, signPrimaryUntil } from './primary-window';
import { replicaReadsAllowed, runWithReplicaReads } from './read-scope';
import { READS_FROM_REPLICA } from './reads-from-replica.decorator';
import { ReplicaSet } from './replica-set';

/**
 * Opens the replica-read scope around the handler of a @ReadsFromReplica GET
 * when the caller carries no read-after-write window in force. Guards ran
 * before it (the viewer comes from the primary), pipes and the handler run
 * inside it.
 */
@Injectable()
export class ReplicaReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly replicas: ReplicaSet,
    private readonly config: AppConfig,
    private readonly secrets: Secrets,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.replicas.size === 0 || context.getType() !== 'http') return next.handle();
    const optedIn = this.reflector.getAllAndOverride<boolean>(READS_FROM_REPLICA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!optedIn) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const now = Date.now();
    const allowed = replicaReadsAllowed({
      method: request.method,
      optedIn,
      primaryUntil: readPrimaryUntil(
        request.cookies?.[PRIMARY_WINDOW_COOKIE],
        (message) => this.secrets.mac(message, PRIMARY_WINDOW_PURPOSE),
        now,
        this.config.REPLICA_READ_AFTER_WRITE_MS,
      ),
      now,
    });
    if (!allowed) return next.handle();
    const scope = { allowed: true };
    // Closed with the response, not with the handler: an export streams its later batches after the handler returned.
    // What the request leaves behind (timers, promises) reads from the primary from then on.
    context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .raw.once('close', () => {
        scope.allowed = false;
      });
    // The handler runs when next.handle() is subscribed to: subscribe inside the scope.
    return new Observable((subscriber) => {
      const subscription = runWithReplicaReads(scope, () => next.handle().subscribe(subscriber));
      return () => subscription.unsubscribe();
    });
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * After a request that may have written, the caller's reads stay on the
 * primary for REPLICA_READ_AFTER_WRITE_MS: a signed cookie that any API
 * process checks with the shared key. Registered only with replicas.
 */
export function primaryWindowCookie(config: AppConfig, secrets: Secrets) {
  return (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    if (!SAFE_METHODS.has(request.method)) {
      const until = Date.now() + config.REPLICA_READ_AFTER_WRITE_MS;
      reply.setCookie(
        PRIMARY_WINDOW_COOKIE,
        signPrimaryUntil(until, (message) => secrets.mac(message, PRIMARY_WINDOW_PURPOSE)),
        {
          path: '/api',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.COOKIE_SECURE,
          // The browser forgets it when it stops mattering.
          maxAge: Math.ceil(config.REPLICA_READ_AFTER_WRITE_MS / 1000),
        },
      );
    }
    done(null, payload);
  };
}
