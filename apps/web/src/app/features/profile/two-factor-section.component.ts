import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/auth/account.api';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { reauthCode } from '../../shared/forms/one-time-code';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { RecoveryCodesComponent } from '../two-factor/recovery-codes.component';
import { TotpSetupComponent } from '../two-factor/totp-setup.component';
import { applyReauthErrors } from './reauth';

type Mode = 'view' | 'setup' | 'disable' | 'regenerate' | 'codes';

/** The profile's "Two-factor sign-in": set it up, turn it off, or make new recovery codes. */
@Component({
  selector: 'sb-two-factor-section',
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent, TotpSetupComponent, RecoveryCodesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './two-factor-section.component.html',
})
export class TwoFactorSectionComponent {
  private readonly api = inject(AccountApi);
  protected readonly auth = inject(AuthService);

  protected readonly enabled = computed(() => this.auth.user()?.mfaEnabled === true);
  protected readonly mode = signal<Mode>('view');
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);

  /** Password and a code of the app (or a recovery code): asked again before turning off or renewing codes. */
  protected readonly reauth = new FormGroup({
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    code: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected open(mode: Mode): void {
    this.failure.set(null);
    this.notice.set(null);
    this.reauth.reset();
    this.mode.set(mode);
  }

  protected setUpFinished(): void {
    this.mode.set('view');
    this.notice.set(i18nKey('twoFactor.enabled'));
  }

  protected async submitReauth(): Promise<void> {
    this.reauth.markAllAsTouched();
    if (this.reauth.invalid) return;
    const { password, code } = this.reauth.getRawValue();
    const body = { password, ...reauthCode(code) };
    this.busy.set(true);
    this.failure.set(null);
    try {
      if (this.mode() === 'disable') {
        await firstValueFrom(this.api.disableTotp(body));
        await this.auth.reloadUser().catch(() => undefined);
        this.mode.set('view');
        this.notice.set(i18nKey('twoFactor.disabled'));
      } else {
        const { recoveryCodes } = await firstValueFrom(this.api.newRecoveryCodes(body));
        this.recoveryCodes.set(recoveryCodes);
        this.mode.set('codes');
      }
      this.reauth.reset();
    } catch (error) {
      const problem = problemOf(error);
      const unplaced = applyReauthErrors(this.reauth, problem);
      // errors.MFA_REQUIRED_FOR_ROLE already explains a refusal to turn it off.
      if (problem.code === ErrorCode.InvalidCredentials) this.failure.set(i18nKey('twoFactor.reauthRefused'));
      else if (unplaced || !problem.errors?.length) this.failure.set(`errors.${problem.code}`);
    } finally {
      this.busy.set(false);
    }
  }
}
