import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@skillbridge/contracts';
import { ACCESS_METADATA, AccessRule, MFA_SETUP_METADATA } from '../../common/auth/access.decorator';
import type { RequestWithViewer } from '../../common/auth/context.decorator';
import { ProblemException } from '../../common/problem/problem.exception';
import { TokenService } from './token.service';
import { ViewerLoader } from './viewer-loader.service';

/**
 * The first authorization layer, applied to every route: deny by default.
 * A route must declare @Public(), @Roles(...) or @Authenticated(); one that
 * declares nothing is refused (and the route-table test fails). Which records
 * a permitted caller may reach is the services' second check.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly viewers: ViewerLoader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<RequestWithViewer>();
    if (!rule) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access rule; refused`);
      throw new ProblemException(403, ErrorCode.Forbidden);
    }

    request.viewer = await this.authenticate(request);
    if (rule.kind === 'public') return true;
    if (!request.viewer) {
      throw new ProblemException(401, ErrorCode.Unauthenticated, { headers: { 'www-authenticate': 'Bearer' } });
    }
    if (!rule.roles.includes(request.viewer.role)) throw new ProblemException(403, ErrorCode.Forbidden);
    if (request.viewer.mfaSetupRequired && !this.reflector.get<boolean>(MFA_SETUP_METADATA, context.getHandler())) {
      throw new ProblemException(403, ErrorCode.MfaSetupRequired);
    }
    return true;
  }

  private async authenticate(request: RequestWithViewer) {
    const header = request.headers.authorization;
    if (!header) return null;
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    const claims = match ? this.tokens.verifyAccess(match[1]) : null;
    return claims ? this.viewers.load(claims) : null;
  }
}
