import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, Role, type AuthUser, type MfaChallenge, type SessionResponse } from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { AuditService } from '../audit/audit.service';
import { Institution } from '../institutions/institution.entity';
import { ConsentsService } from '../privacy/consents/consents.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AccountMailService } from './account-mail.service';
import { readCredentials, type Credentials } from './credentials';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { MfaLoginDto } from './dto/mfa.dto';
import { RegisterDto } from './dto/register.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { LOGIN_FAILED, LOGIN_SUCCEEDED, LoginThrottleService, MFA_FAILED } from './login-throttle.service';
import { MfaService } from './mfa.service';
import { passwordProblem, passwordRuleBroken } from './password-policy';
import { PasswordService } from './password.service';
import { IssuedRefreshToken, TokenService } from './token.service';

export const REGISTERED = 'auth.register';

/** A session for the SPA: the access token in the body, the refresh token for the cookie. */
export interface Session {
  response: SessionResponse;
  refresh: IssuedRefreshToken;
}

/** What a correct password leads to: a session, or the second step of a two-factor sign-in. */
export type LoginOutcome = { session: Session } | { challenge: MfaChallenge };

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
    private readonly mfa: MfaService,
    private readonly mail: AccountMailService,
    private readonly config: AppConfig,
    private readonly consents: ConsentsService,
  ) {}

  private respond(user: AuthUser, tokenVersion: number, refresh: IssuedRefreshToken): Session {
    return {
      response: {
        accessToken: this.tokens.signAccess({
          sub: user.id,
          role: user.role,
          ver: tokenVersion,
          sid: refresh.signInId,
        }),
        expiresIn: this.tokens.accessTtlSeconds,
        user,
        ...(user.mfaSetupRequired ? { mfaSetupRequired: true } : {}),
      },
      refresh,
    };
  }

  /** Opens a sign-in for this device, records it (which also starts the account's failure count afresh). */
  private async openSession(manager: EntityManager, user: User, ctx: RequestContext): Promise<Session> {
    await manager.update(User, { id: user.id }, { lastLoginAt: new Date() });
    const account = await this.users.get(user.id, manager);
    await this.audit.record(manager, this.actingAs(ctx, user, account), {
      action: LOGIN_SUCCEEDED,
      entityType: 'user',
      entityId: user.id,
      subject: user.email,
    });
    const refresh = await this.tokens.startSignIn(manager, user.id, { userAgent: ctx.userAgent ?? null, ip: ctx.ip });
    return this.respond(account, user.tokenVersion, refresh);
  }

  private actingAs(ctx: RequestContext, user: User, account: AuthUser): RequestContext {
    return {
      ...ctx,
      viewer: {
        userId: user.id,
        role: user.role,
        institutionId: account.institutionId,
        traineeId: account.traineeId ?? null,
        instructorId: account.instructorId ?? null,
        emailVerified: account.emailVerified,
        mfaSetupRequired: account.mfaSetupRequired,
        sessionId: null,
      },
    };
  }

  async login(dto: LoginDto, ctx: RequestContext): Promise<LoginOutcome> {
    const verdict = await this.throttle.check(dto.email, ctx.ip);
    if (verdict === 'locked') {
      // Nothing is checked while the account is locked: the owner gets the unlock link (once a window).
      await this.mail.sendUnlockLink(dto.email);
      throw this.throttle.locked();
    }
    const user = await readCredentials(this.dataSource.manager, { email: dto.email });
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
    if (this.passwords.needsRehash(user.passwordHash)) {
      await this.dataSource.manager.update(
        User,
        { id: user.id },
        { passwordHash: await this.passwords.hash(dto.password) },
      );
    }
    if (user.totpEnabledAt) {
      return {
        challenge: { mfaRequired: true, mfaToken: this.tokens.signMfa({ sub: user.id, ver: user.tokenVersion }) },
      };
    }
    return { session: await this.dataSource.transaction((manager) => this.openSession(manager, user, ctx)) };
  }

  /** The second step: a code of the authenticator app or a recovery code, once. */
  async loginMfa(dto: MfaLoginDto, ctx: RequestContext): Promise<Session> {
    const claims = this.tokens.verifyMfa(dto.mfaToken);
    const user = claims ? await readCredentials(this.dataSource.manager, { id: claims.sub }) : null;
    if (!claims || !user || user.disabled || user.tokenVersion !== claims.ver || !user.totpEnabledAt) {
      throw invalidCredentials();
    }
    const verdict = await this.throttle.check(user.email, ctx.ip);
    if (verdict === 'locked') {
      await this.mail.sendUnlockLink(user.email);
      throw this.throttle.locked();
    }
    this.mfa.assertOneFactor(dto);
    const session = await this.dataSource.transaction(async (manager) => {
      if (!(await this.mfa.spendSecondFactor(manager, user, dto))) return null;
      return this.openSession(manager, user, ctx);
    });
    if (!session) {
      await this.mfa.recordFailure(ctx, user, MFA_FAILED);
      throw invalidCredentials();
    }
    return session;
  }

  /**
   * Trainee self-registration. The account starts unverified, without a
   * trainee row: it is not linked to a trainee record with that e-mail until
   * its owner follows the link e-mailed to the address.
   */
  async register(dto: RegisterDto, ctx: RequestContext): Promise<Session> {
    await this.throttle.assertUnder({
      actions: [REGISTERED],
      ip: ctx.ip,
      max: this.config.REGISTER_MAX_PER_IP_PER_HOUR,
      minutes: 60,
    });
    if (dto.institutionId) {
      const institution = await this.dataSource.manager.findOne(Institution, {
        where: { id: dto.institutionId },
        select: { id: true, kind: true },
      });
      if (!institution) {
        throw ProblemException.invalidField('institutionId', 'UNKNOWN_INSTITUTION', 'validation.unknownInstitution');
      }
      if (institution.kind !== 'partner') {
        throw ProblemException.invalidField('institutionId', 'INSTITUTION_KIND', 'validation.institutionKind', {
          kind: 'partner',
        });
      }
    }
    await this.consents.checkGrants(this.dataSource.manager, dto.consents);
    const passwordHash = await this.passwords.hash(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.users.createAccount(
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
          emailVerified: false,
        },
        ctx,
      );
      const user = (await manager.findOneBy(User, { id: account.id })) as User;
      const acting = this.actingAs(ctx, user, account);
      await this.audit.record(manager, acting, {
        action: REGISTERED,
        entityType: 'user',
        entityId: user.id,
        subject: user.email,
      });
      // Each consent its own event (consent.give), as when one is given later on the profile page.
      await this.audit.recordMany(
        manager,
        acting,
        await this.consents.record(manager, { userId: user.id }, dto.consents, 'registration'),
      );
      await this.mail.sendVerification(manager, account, acting);
      return this.openSession(manager, user, ctx);
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
      const user = await manager.findOne(User, { where: { id: viewer.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw ProblemException.notFound();
      const changes = await this.users.changePerson(manager, user, {
        fullName: dto.fullName,
        preferredLocale: dto.preferredLocale,
      });
      if (dto.timeZone !== undefined && dto.timeZone !== user.timeZone) {
        changes['timeZone'] = { from: user.timeZone, to: dto.timeZone };
        await manager.update(User, { id: user.id }, { timeZone: dto.timeZone });
      }
      // A person's own language, zone or name is a profile event, not a change to records, and only when
      // something changed: switching the language back and forth is not a trail of user updates.
      if (Object.keys(changes).length) {
        await this.audit.record(manager, ctx, {
          action: 'user.profile_update',
          entityType: 'user',
          entityId: viewer.userId,
          details: changes,
        });
      }
      return this.users.get(viewer.userId, manager);
    });
  }

  /** Changes the password (asking for the current one, and a code with two-factor on), signs out every other session. */
  async changePassword(dto: ChangePasswordDto, ctx: RequestContext): Promise<Session> {
    const user: Credentials = await this.mfa.reauthenticate(
      ctx,
      { password: dto.currentPassword, code: dto.code },
      { password: 'currentPassword', code: 'code' },
    );
    const broken = passwordRuleBroken(dto.newPassword, user.email);
    if (broken) throw ProblemException.validation([passwordProblem('newPassword', broken)]);
    const passwordHash = await this.passwords.hash(dto.newPassword);
    return this.dataSource.transaction(async (manager) => {
      const tokenVersion = user.tokenVersion + 1;
      await manager.update(User, { id: user.id }, { passwordHash, tokenVersion });
      await this.tokens.revokeAllOf(manager, user.id);
      await this.audit.record(manager, ctx, { action: 'user.password_change', entityType: 'user', entityId: user.id });
      const account = await this.users.get(user.id, manager);
      await this.mail.sendPasswordChanged(manager, account);
      const refresh = await this.tokens.startSignIn(manager, user.id, { userAgent: ctx.userAgent ?? null, ip: ctx.ip });
      return this.respond(account, tokenVersion, refresh);
    });
  }
}
