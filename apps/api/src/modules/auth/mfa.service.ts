import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type RecoveryCodes, type TotpSetup } from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { Secrets } from '../../common/crypto/secrets';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { AuditService } from '../audit/audit.service';
import { Notifier } from '../notifications/notifier';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { changedRows, readCredentials, type Credentials } from './credentials';
import { MfaReauthDto, TotpConfirmDto, TotpSetupDto } from './dto/mfa.dto';
import { LOGIN_FAILED, LoginThrottleService, MFA_FAILED } from './login-throttle.service';
import { PasswordService } from './password.service';
import { RecoveryCode } from './recovery-code.entity';
import { ViewerLoader } from './viewer-loader.service';
import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpStep, totpUri } from './totp';

const TOTP_PURPOSE = 'totp-secret';

/** A second factor as a request gives it: one of the two. */
export interface SecondFactor {
  code?: string;
  recoveryCode?: string;
}

/** Names of the request's fields, for the errors of a re-authentication. */
interface ReauthFields {
  password: string;
  code: string;
}

/**
 * Two-factor sign-in with TOTP (RFC 6238) and single-use recovery codes, and
 * the re-authentication that every security change asks for (the password,
 * and a code when two-factor is on). Secrets are sealed with a key derived
 * from DATA_ENCRYPTION_KEY. A code is accepted once: its time step must be
 * later than the last step accepted, which one conditional UPDATE checks and
 * records, so two requests with the same code cannot both pass. Failed
 * passwords and codes are recorded and throttled like failed sign-ins.
 */
@Injectable()
export class MfaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: Secrets,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
    private readonly users: UsersService,
    private readonly viewers: ViewerLoader,
    private readonly config: AppConfig,
  ) {}

  /** Checks a second factor and spends it (a code's time step, or the recovery code); false when it does not hold. */
  async spendSecondFactor(manager: EntityManager, user: Credentials, factor: SecondFactor): Promise<boolean> {
    if (!user.totpSecret || !user.totpEnabledAt) return false;
    if (factor.code !== undefined) {
      const step = totpStep(this.secrets.open(user.totpSecret, TOTP_PURPOSE), factor.code);
      if (step === null) return false;
      const result = await manager.query(
        `UPDATE users SET totp_last_step = $2
          WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
        [user.id, step],
      );
      return changedRows(result) === 1;
    }
    if (factor.recoveryCode !== undefined) {
      const result = await manager.query(
        `UPDATE recovery_codes SET used_at = now()
          WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
        [user.id, recoveryCodeHash(factor.recoveryCode)],
      );
      return changedRows(result) === 1;
    }
    return false;
  }

  /** Exactly one of `code` and `recoveryCode`; else a 400 naming `code`. */
  assertOneFactor(factor: SecondFactor, field = 'code'): void {
    if ((factor.code === undefined) === (factor.recoveryCode === undefined)) {
      throw ProblemException.invalidField(field, 'CODE_OR_RECOVERY_CODE', 'validation.codeOrRecoveryCode');
    }
  }

  /**
   * Re-authentication before a security change: the password and, with
   * two-factor on, a code or a recovery code. Failures are recorded (so they
   * count toward the sign-in throttle) and answered 400 naming the field.
   */
  async reauthenticate(
    ctx: RequestContext,
    input: { password: string } & SecondFactor,
    fields: ReauthFields = { password: 'password', code: 'code' },
  ): Promise<Credentials> {
    const viewer = signedIn(ctx);
    const user = await readCredentials(this.dataSource.manager, { id: viewer.userId });
    if (!user) throw ProblemException.notFound();
    const verdict = await this.throttle.check(user.email, ctx.ip);
    if (verdict === 'locked') throw this.throttle.locked();
    if (!(await this.passwords.verify(user.passwordHash, input.password))) {
      await this.recordFailure(ctx, user, LOGIN_FAILED);
      throw ProblemException.invalidField(fields.password, 'CURRENT_PASSWORD', 'validation.currentPassword');
    }
    if (user.totpEnabledAt) {
      this.assertOneFactor(input, fields.code);
      if (!(await this.spendSecondFactor(this.dataSource.manager, user, input))) {
        await this.recordFailure(ctx, user, MFA_FAILED);
        const recovery = input.recoveryCode !== undefined;
        throw ProblemException.invalidField(
          recovery ? 'recoveryCode' : fields.code,
          recovery ? 'RECOVERY_CODE' : 'MFA_CODE',
          recovery ? 'validation.recoveryCode' : 'validation.mfaCode',
        );
      }
    }
    return user;
  }

  async recordFailure(ctx: RequestContext, user: Pick<User, 'id' | 'email'>, action: string): Promise<void> {
    await this.audit.record(this.dataSource.manager, ctx, {
      action,
      entityType: 'user',
      entityId: user.id,
      subject: user.email,
      details: { reason: action === MFA_FAILED ? 'wrong-code' : 'wrong-password' },
    });
  }

  /** Starts the set-up: a new secret, kept sealed and inactive until a code of it is confirmed. */
  async startTotp(dto: TotpSetupDto, ctx: RequestContext): Promise<TotpSetup> {
    const current = await readCredentials(this.dataSource.manager, { id: signedIn(ctx).userId });
    if (current?.totpEnabledAt) throw ProblemException.conflict(ErrorCode.MfaAlreadyEnabled);
    const user = await this.reauthenticate(ctx, { password: dto.password });
    const secret = newTotpSecret();
    await this.dataSource.manager.update(
      User,
      { id: user.id },
      { totpPendingSecret: this.secrets.seal(secret, TOTP_PURPOSE) },
    );
    return { secret, otpauthUri: totpUri(secret, user.email) };
  }

  /** Turns two-factor on with a code of the new secret, and hands out ten recovery codes (shown this once). */
  async confirmTotp(dto: TotpConfirmDto, ctx: RequestContext): Promise<RecoveryCodes> {
    const viewer = signedIn(ctx);
    const codes = newRecoveryCodes();
    const user = await this.dataSource.transaction(async (manager) => {
      const user = await readCredentials(manager, { id: viewer.userId }, true);
      if (!user) throw ProblemException.notFound();
      if (user.totpEnabledAt) throw ProblemException.conflict(ErrorCode.MfaAlreadyEnabled);
      if (!user.totpPendingSecret) {
        throw ProblemException.invalidField('code', 'NO_SETUP_STARTED', 'validation.noSetupStarted');
      }
      const step = totpStep(this.secrets.open(user.totpPendingSecret, TOTP_PURPOSE), dto.code);
      if (step === null) return null;
      await manager.update(
        User,
        { id: user.id },
        {
          totpSecret: user.totpPendingSecret,
          totpPendingSecret: null,
          totpEnabledAt: new Date(),
          totpLastStep: step,
        },
      );
      await this.replaceRecoveryCodes(manager, user.id, codes);
      await this.audit.record(manager, ctx, { action: 'user.mfa_enable', entityType: 'user', entityId: user.id });
      await this.tellOwner(manager, user.id, 'mfa-enabled');
      return user;
    });
    if (!user) {
      const failed = await readCredentials(this.dataSource.manager, { id: viewer.userId });
      if (failed) await this.recordFailure(ctx, failed, MFA_FAILED);
      throw ProblemException.invalidField('code', 'MFA_CODE', 'validation.mfaCode');
    }
    this.viewers.forget(user.id);
    return { recoveryCodes: codes };
  }

  /** Turns two-factor off (password and a code again) — refused where the role requires it. */
  async disableTotp(dto: MfaReauthDto, ctx: RequestContext): Promise<void> {
    const viewer = signedIn(ctx);
    if (this.config.mfaRequiredRoles.includes(viewer.role)) {
      throw ProblemException.conflict(ErrorCode.MfaRequiredForRole);
    }
    const current = await readCredentials(this.dataSource.manager, { id: viewer.userId });
    if (!current?.totpEnabledAt) throw ProblemException.conflict(ErrorCode.MfaNotEnabled);
    const user = await this.reauthenticate(ctx, dto);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        User,
        { id: user.id },
        { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
      );
      await manager.delete(RecoveryCode, { userId: user.id });
      await this.audit.record(manager, ctx, { action: 'user.mfa_disable', entityType: 'user', entityId: user.id });
      await this.tellOwner(manager, user.id, 'mfa-disabled');
    });
    this.viewers.forget(user.id);
  }

  /** Ten new recovery codes in place of the old ones (password and a code again). */
  async regenerateRecoveryCodes(dto: MfaReauthDto, ctx: RequestContext): Promise<RecoveryCodes> {
    const current = await readCredentials(this.dataSource.manager, { id: signedIn(ctx).userId });
    if (!current?.totpEnabledAt) throw ProblemException.conflict(ErrorCode.MfaNotEnabled);
    const user = await this.reauthenticate(ctx, dto);
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      await this.replaceRecoveryCodes(manager, user.id, codes);
      await this.audit.record(manager, ctx, {
        action: 'user.recovery_codes_replace',
        entityType: 'user',
        entityId: user.id,
      });
    });
    return { recoveryCodes: codes };
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: string, codes: string[]): Promise<void> {
    await manager.delete(RecoveryCode, { userId });
    await manager.insert(
      RecoveryCode,
      codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })),
    );
  }

  private async tellOwner(manager: EntityManager, userId: string, kind: 'mfa-enabled' | 'mfa-disabled') {
    const owner = await this.users.get(userId, manager);
    await this.notifier.accountMail(manager, {
      kind,
      email: owner.email,
      locale: owner.preferredLocale,
      timeZone: owner.timeZone,
      name: owner.fullName,
      params: { link: '/profile' },
    });
  }
}
