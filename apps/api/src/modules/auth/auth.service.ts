import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, Role, type AuthUser, type SessionResponse } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { LOGIN_FAILED, LOGIN_SUCCEEDED, LoginThrottleService } from './login-throttle.service';
import { passwordProblem, passwordRuleBroken } from './password-policy';
import { PasswordService } from './password.service';
import { IssuedRefreshToken, TokenService } from './token.service';

/** A session for the SPA: the access token in the body, the refresh token for the cookie. */
export interface Session {
  response: SessionResponse;
  refresh: IssuedRefreshToken;
}

function invalidCredentials(): ProblemException {
  return new ProblemException(401, ErrorCode.InvalidCredentials);
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  private respond(user: AuthUser, tokenVersion: number, refresh: IssuedRefreshToken): Session {
    return {
      response: {
        accessToken: this.tokens.signAccess({ sub: user.id, role: user.role, ver: tokenVersion }),
        expiresIn: this.tokens.accessTtlSeconds,
        user,
      },
      refresh,
    };
  }

  async login(dto: LoginDto, ctx: RequestContext): Promise<Session> {
    await this.throttle.assertAllowed(dto.email, ctx.ip);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: dto.email })
      .getOne();
    // Unknown e-mail or not: the same work (a decoy hash) and the same answer.
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, dto.password);
    if (!user || !passwordOk || user.disabled) {
      await this.audit.record(this.dataSource.manager, ctx, {
        action: LOGIN_FAILED,
        entityType: 'user',
        entityId: user?.id ?? null,
        subject: dto.email,
        details: { reason: !user ? 'unknown-email' : !passwordOk ? 'wrong-password' : 'disabled' },
      });
      throw invalidCredentials();
    }
    return this.dataSource.transaction(async (manager) => {
      const changes: Partial<User> = { lastLoginAt: new Date() };
      if (this.passwords.needsRehash(user.passwordHash)) changes.passwordHash = await this.passwords.hash(dto.password);
      await manager.update(User, { id: user.id }, changes);
      const acting = {
        ...ctx,
        viewer: {
          userId: user.id,
          role: user.role,
          institutionId: user.institutionId,
          traineeId: null,
          instructorId: null,
        },
      };
      await this.audit.record(manager, acting, {
        action: LOGIN_SUCCEEDED,
        entityType: 'user',
        entityId: user.id,
        subject: dto.email,
      });
      const refresh = await this.tokens.issueRefresh(manager, user.id);
      return this.respond(await this.users.get(user.id, manager), user.tokenVersion, refresh);
    });
  }

  async register(dto: RegisterDto, ctx: RequestContext): Promise<Session> {
    const passwordHash = await this.passwords.hash(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.createAccount(
        manager,
        {
          email: dto.email,
          passwordHash,
          fullName: dto.fullName,
          fullNameLatin: dto.fullNameLatin ?? null,
          role: Role.Trainee,
          institutionId: dto.institutionId ?? null,
          nationality: dto.nationality,
          preferredLocale: dto.preferredLocale,
          timeZone: dto.timeZone,
        },
        ctx,
      );
      const refresh = await this.tokens.issueRefresh(manager, user.id);
      return this.respond(user, 0, refresh);
    });
  }

  /** A new access token and a rotated refresh token, or null when the cookie is not a live session. */
  async refresh(cookie: string | undefined): Promise<Session | null> {
    if (!cookie) return null;
    const rotated = await this.tokens.rotateRefresh(cookie);
    if (!rotated) return null;
    const user = await this.dataSource.getRepository(User).findOneBy({ id: rotated.userId });
    if (!user || user.disabled) return null;
    return this.respond(await this.users.get(user.id), user.tokenVersion, rotated.next);
  }

  async logout(cookie: string | undefined): Promise<void> {
    if (cookie) await this.tokens.revokeFamilyOf(cookie);
  }

  me(ctx: RequestContext): Promise<AuthUser> {
    return this.users.get(signedIn(ctx).userId);
  }

  async updateProfile(dto: UpdateProfileDto, ctx: RequestContext): Promise<AuthUser> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: viewer.userId }, dto);
      await this.audit.record(manager, ctx, {
        action: 'user.update',
        entityType: 'user',
        entityId: viewer.userId,
        details: { ...dto, self: true },
      });
      return this.users.get(viewer.userId, manager);
    });
  }

  /** Changes the password, signs out every other session, and returns a fresh one for this device. */
  async changePassword(dto: ChangePasswordDto, ctx: RequestContext): Promise<Session> {
    const viewer = signedIn(ctx);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: viewer.userId })
      .getOneOrFail();
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      throw ProblemException.invalidField('currentPassword', 'CURRENT_PASSWORD', 'validation.currentPassword');
    }
    const broken = passwordRuleBroken(dto.newPassword, user.email);
    if (broken) throw ProblemException.validation([passwordProblem('newPassword', broken)]);
    const passwordHash = await this.passwords.hash(dto.newPassword);
    return this.dataSource.transaction(async (manager) => {
      const tokenVersion = user.tokenVersion + 1;
      await manager.update(User, { id: user.id }, { passwordHash, tokenVersion });
      await this.tokens.revokeAllOf(manager, user.id);
      await this.audit.record(manager, ctx, { action: 'user.password_change', entityType: 'user', entityId: user.id });
      const refresh = await this.tokens.issueRefresh(manager, user.id);
      return this.respond(await this.users.get(user.id, manager), tokenVersion, refresh);
    });
  }
}
