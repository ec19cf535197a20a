import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type AuthUser } from '@skillbridge/contracts';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { isUniqueViolation } from '../../database/errors';
import { AuditService } from '../audit/audit.service';
import { Notifier } from '../notifications/notifier';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity';
import { AccountTokensService } from './account-tokens.service';
import { readCredentials } from './credentials';
import { AccountTokenDto, ChangeEmailDto, PasswordResetConfirmDto, PasswordResetDto } from './dto/account-email.dto';
import { ACCOUNT_UNLOCKED, LoginThrottleService } from './login-throttle.service';
import { MfaService } from './mfa.service';
import { passwordProblem, passwordRuleBroken } from './password-policy';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';
import { ViewerLoader } from './viewer-loader.service';

export const VERIFICATION_SENT = 'auth.verification_sent';
export const VERIFICATION_RESENT = 'auth.verification_resent';
export const RESET_REQUESTED = 'auth.password_reset_requested';
export const EMAIL_CHANGE_REQUESTED = 'auth.email_change_requested';

function tokenInvalid(): ProblemException {
  return new ProblemException(400, ErrorCode.TokenInvalid, {
    errors: [{ field: 'token', code: ErrorCode.TokenInvalid, messageKey: 'errors.TOKEN_INVALID.detail' }],
  });
}

/**
 * Everything that proves an address by a link e-mailed to it: verification
 * of a new account, a change of address, password reset, and unlocking a
 * sign-in locked after many failures. Tokens are single-use and expire
 * (AccountTokensService); a wrong, used or expired one gets one answer.
 */
@Injectable()
export class AccountMailService implements OnApplicationShutdown {
  private readonly logger = new Logger(AccountMailService.name);
  /** Reset requests still being handled after their 202 went out. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accountTokens: AccountTokensService,
    private readonly users: UsersService,
    private readonly notifier: Notifier,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly viewers: ViewerLoader,
    private readonly mfa: MfaService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private async mailWithToken(
    manager: EntityManager,
    account: AuthUser,
    purpose: AccountTokenPurpose,
    kind: 'email-verification' | 'email-change' | 'password-reset' | 'account-unlock',
    email = account.email,
  ): Promise<void> {
    const id = await this.accountTokens.issue(manager, { userId: account.id, purpose, email });
    await this.notifier.accountMail(manager, {
      kind,
      email,
      locale: account.preferredLocale,
      timeZone: account.timeZone,
      name: account.fullName,
      token: { id, purpose },
      params: kind === 'email-change' ? { email } : {},
    });
  }

  /** The verification e-mail of a new account (in the registration's transaction). */
  async sendVerification(
    manager: EntityManager,
    account: AuthUser,
    ctx: RequestContext,
    action = VERIFICATION_SENT,
  ): Promise<void> {
    await this.mailWithToken(manager, account, 'verify-email', 'email-verification');
    await this.audit.record(manager, ctx, { action, entityType: 'user', entityId: account.id, subject: account.email });
  }

  /**
   * Another verification e-mail: at most one a minute and ACCOUNT_MAIL_MAX_PER_HOUR
   * an hour per address, and three times that an hour from one client.
   */
  async resendVerification(ctx: RequestContext): Promise<void> {
    const account = await this.users.get(signedIn(ctx).userId);
    if (account.emailVerified) return;
    const sent = [VERIFICATION_SENT, VERIFICATION_RESENT];
    await this.throttle.assertUnder({ actions: sent, subject: account.email, max: 1, minutes: 1 });
    await this.throttle.assertUnder({
      actions: sent,
      subject: account.email,
      max: this.config.ACCOUNT_MAIL_MAX_PER_HOUR,
      minutes: 60,
    });
    await this.assertClientUnderMailLimit(ctx);
    await this.dataSource.transaction((manager) => this.sendVerification(manager, account, ctx, VERIFICATION_RESENT));
  }

  /** Requests for account e-mails one client may make in an hour (registration has its own limit). */
  private assertClientUnderMailLimit(ctx: RequestContext): Promise<void> {
    return this.throttle.assertUnder({
      actions: [VERIFICATION_RESENT, RESET_REQUESTED, EMAIL_CHANGE_REQUESTED],
      ip: ctx.ip,
      max: this.config.ACCOUNT_MAIL_MAX_PER_HOUR * 3,
      minutes: 60,
    });
  }

  /**
   * Follows a link of a verification or an address change. Verification
   * marks the address proven and links (or creates) the trainee row; a change
   * makes the new address the account's (and its trainee row's) and tells the
   * old one.
   */
  async verifyEmail(dto: AccountTokenDto, ctx: RequestContext): Promise<void> {
    let userId: string | null = null;
    try {
      await this.dataSource.transaction(async (manager) => {
        const token =
          (await this.accountTokens.consume(manager, dto.token, 'verify-email')) ??
          (await this.accountTokens.consume(manager, dto.token, 'change-email'));
        if (!token) throw tokenInvalid();
        const user = await manager.findOne(User, { where: { id: token.userId }, lock: { mode: 'pessimistic_write' } });
        if (!user) throw tokenInvalid();
        userId = user.id;
        if (token.purpose === 'verify-email') {
          // A link for an address the account no longer has proves nothing about it.
          if (user.email !== token.email) throw tokenInvalid();
          await this.markVerified(manager, user, ctx);
        } else {
          await this.switchAddress(manager, user, token, ctx);
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken('token');
      throw error;
    }
    if (userId) this.viewers.forget(userId);
  }

  private async markVerified(manager: EntityManager, user: User, ctx: RequestContext): Promise<void> {
    if (!user.emailVerifiedAt) {
      await manager.update(User, { id: user.id }, { emailVerifiedAt: new Date() });
      await this.audit.record(manager, ctx, {
        action: 'user.email_verify',
        entityType: 'user',
        entityId: user.id,
        subject: user.email,
      });
    }
    await this.users.completeTraineeProfile(manager, user.id, ctx);
    // The consents given at registration belong to the trainee record from now on too (the person's data copy,
    // erasure and the partner's view follow the trainee).
    await manager.query(
      `UPDATE consents c SET trainee_id = t.id FROM trainees t
        WHERE t.user_id = $1 AND c.user_id = $1 AND c.trainee_id IS NULL`,
      [user.id],
    );
  }

  private async switchAddress(manager: EntityManager, user: User, token: AccountToken, ctx: RequestContext) {
    const before = await this.users.get(user.id, manager);
    if (await manager.exists(User, { where: { email: token.email } })) throw emailTaken('token');
    const trainee = await manager.findOne(Trainee, { where: { userId: user.id }, lock: { mode: 'pessimistic_write' } });
    if (await manager.exists(Trainee, { where: { email: token.email } })) throw emailTaken('token');
    await manager.update(User, { id: user.id }, { email: token.email, emailVerifiedAt: new Date() });
    if (trainee) await manager.update(Trainee, { id: trainee.id }, { email: token.email });
    await this.audit.record(manager, ctx, {
      action: 'user.email_change',
      entityType: 'user',
      entityId: user.id,
      details: { email: { from: user.email, to: token.email } },
    });
    await this.notifier.accountMail(manager, {
      kind: 'email-changed',
      email: before.email,
      locale: before.preferredLocale,
      timeZone: before.timeZone,
      name: before.fullName,
      params: { email: token.email, link: '/sign-in' },
    });
    if (!user.emailVerifiedAt || user.pendingProfile) await this.users.completeTraineeProfile(manager, user.id, ctx);
  }

  /**
   * A reset request: answered 202 at once, the same for every address (the
   * work that differs runs after the answer, so neither body, status nor time
   * tells whether the account exists). At most ACCOUNT_MAIL_MAX_PER_HOUR
   * links an hour go to one address; further requests send nothing.
   */
  async requestPasswordReset(dto: PasswordResetDto, ctx: RequestContext): Promise<void> {
    await this.assertClientUnderMailLimit(ctx);
    await this.audit.record(this.dataSource.manager, ctx, {
      action: RESET_REQUESTED,
      entityType: 'user',
      subject: dto.email,
    });
    const work = this.sendResetLink(dto.email)
      .catch((error: unknown) => this.logger.error(`password reset mail failed: ${String(error)}`))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  private async sendResetLink(email: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { email }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.disabled) return;
      if (await this.recentTokens(manager, user.id, 'password-reset', 60, this.config.ACCOUNT_MAIL_MAX_PER_HOUR))
        return;
      await this.mailWithToken(manager, await this.users.get(user.id, manager), 'password-reset', 'password-reset');
    });
  }

  /** Whether `max` tokens of this purpose were issued to the account within the last `minutes`. */
  private async recentTokens(
    manager: EntityManager,
    userId: string,
    purpose: AccountTokenPurpose,
    minutes: number,
    max: number,
  ): Promise<boolean> {
    const since = new Date(Date.now() - minutes * 60_000);
    return (await manager.count(AccountToken, { where: { userId, purpose, createdAt: MoreThan(since) } })) >= max;
  }

  /**
   * Sets a new password with a reset link: signs the account out everywhere,
   * voids its other reset and unlock links, restarts its sign-in failure
   * count, tells the owner — and, as the link proved the address, verifies it.
   */
  async confirmPasswordReset(dto: PasswordResetConfirmDto, ctx: RequestContext): Promise<void> {
    const passwordHash = await this.passwords.hash(dto.password);
    const userId = await this.dataSource.transaction(async (manager) => {
      const token = await this.accountTokens.consume(manager, dto.token, 'password-reset');
      if (!token) throw tokenInvalid();
      const user = await readCredentials(manager, { id: token.userId }, true);
      if (!user || user.email !== token.email) throw tokenInvalid();
      const broken = passwordRuleBroken(dto.password, user.email);
      if (broken) throw ProblemException.validation([passwordProblem('password', broken)]);
      await manager.update(User, { id: user.id }, { passwordHash, tokenVersion: user.tokenVersion + 1 });
      await this.tokens.revokeAllOf(manager, user.id);
      await this.accountTokens.revokeAll(manager, user.id, ['password-reset', 'unlock']);
      await this.audit.record(manager, ctx, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
        subject: user.email,
      });
      await this.audit.record(manager, ctx, {
        action: ACCOUNT_UNLOCKED,
        entityType: 'user',
        entityId: user.id,
        subject: user.email,
      });
      await this.markVerified(manager, user, ctx);
      await this.sendPasswordChanged(manager, await this.users.get(user.id, manager));
      return user.id;
    });
    this.viewers.forget(userId);
  }

  async sendPasswordChanged(manager: EntityManager, account: AuthUser): Promise<void> {
    await this.notifier.accountMail(manager, {
      kind: 'password-changed',
      email: account.email,
      locale: account.preferredLocale,
      timeZone: account.timeZone,
      name: account.fullName,
      params: { link: '/forgot-password' },
    });
  }

  /** The unlock link for a locked account, at most once per sign-in window; nothing for unknown or disabled ones. */
  async sendUnlockLink(email: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { email }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.disabled) return;
      const window = this.config.LOGIN_WINDOW_MINUTES;
      const live = await manager.exists(AccountToken, {
        where: {
          userId: user.id,
          purpose: 'unlock',
          usedAt: IsNull(),
          createdAt: MoreThan(new Date(Date.now() - window * 60_000)),
        },
      });
      if (live) return;
      await this.mailWithToken(manager, await this.users.get(user.id, manager), 'unlock', 'account-unlock');
    });
  }

  /** Follows an unlock link: the account's failure count starts afresh, so its owner can sign in at once. */
  async unlock(dto: AccountTokenDto, ctx: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await this.accountTokens.consume(manager, dto.token, 'unlock');
      if (!token) throw tokenInvalid();
      const user = await manager.findOneBy(User, { id: token.userId });
      if (!user || user.email !== token.email) throw tokenInvalid();
      await this.audit.record(manager, ctx, {
        action: ACCOUNT_UNLOCKED,
        entityType: 'user',
        entityId: user.id,
        subject: user.email,
      });
    });
  }

  /** A new address for the account, after the password (and a code): it takes effect when the link sent to it is followed. */
  async changeEmail(dto: ChangeEmailDto, ctx: RequestContext): Promise<void> {
    const user = await this.mfa.reauthenticate(ctx, dto);
    if (await this.dataSource.manager.exists(User, { where: { email: dto.newEmail } })) throw emailTaken('newEmail');
    await this.throttle.assertUnder({
      actions: [EMAIL_CHANGE_REQUESTED],
      subject: user.email,
      max: this.config.ACCOUNT_MAIL_MAX_PER_HOUR,
      minutes: 60,
    });
    await this.assertClientUnderMailLimit(ctx);
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(manager, ctx, {
        action: EMAIL_CHANGE_REQUESTED,
        entityType: 'user',
        entityId: user.id,
        subject: user.email,
        details: { to: dto.newEmail },
      });
      await this.mailWithToken(
        manager,
        await this.users.get(user.id, manager),
        'change-email',
        'email-change',
        dto.newEmail,
      );
    });
  }
}

function emailTaken(field: string): ProblemException {
  return ProblemException.conflict(ErrorCode.EmailAlreadyRegistered, {
    errors: [{ field, code: ErrorCode.EmailAlreadyRegistered, messageKey: 'errors.EMAIL_ALREADY_REGISTERED.detail' }],
  });
}
