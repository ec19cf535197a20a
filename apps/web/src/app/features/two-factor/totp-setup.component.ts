import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { DomSanitizer, type SafeUrl } from '@angular/platform-browser';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode, TOTP_DIGITS, type TotpSetup } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/auth/account.api';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { compactCode, totpCodeValidator } from '../../shared/forms/one-time-code';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { QrCodeComponent } from '../../shared/ui/qr-code.component';
import { RecoveryCodesComponent } from './recovery-codes.component';

export type TotpSetupStep = 'password' | 'scan' | 'codes';

/** A base32 secret in groups of four, as people copy it into an app by hand. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Setting up two-factor sign-in, in three steps: the password again; the QR
 * code (or the secret as text) for an authenticator app and a first code from
 * it; then the recovery codes, shown once.
 */
@Component({
  selector: 'sb-totp-setup',
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent, QrCodeComponent, RecoveryCodesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totp-setup.component.html',
  styleUrl: './totp-setup.component.css',
})
export class TotpSetupComponent {
  private readonly api = inject(AccountApi);
  protected readonly auth = inject(AuthService);
  protected readonly digits = TOTP_DIGITS;

  /** Offer a way back (the profile page); the required setup has none. */
  readonly cancellable = input(false);
  readonly finished = output<void>();
  readonly cancelled = output<void>();

  protected readonly step = signal<TotpSetupStep>('password');
  protected readonly setup = signal<TotpSetup | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly secretGroups = computed(() => groupSecret(this.setup()?.secret ?? ''));
  private readonly sanitizer = inject(DomSanitizer);
  /**
   * The otpauth:// address as a link, for setting up on the phone that shows
   * this page (it cannot scan its own screen): authenticator apps open it.
   * Angular blocks unknown schemes in links, so only this one is let through.
   */
  protected readonly appLink = computed<SafeUrl | null>(() => {
    const uri = this.setup()?.otpauthUri;
    return uri?.startsWith('otpauth://') ? this.sanitizer.bypassSecurityTrustUrl(uri) : null;
  });
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly copied = signal(false);
  /**
   * Whether this step was submitted: its field's error shows from then on, not when the field is left — "Cancel"
   * sits under the field, and an error appearing as the field loses focus to it moved it from under the pointer.
   */
  protected readonly stepSubmitted = signal(false);

  protected readonly passwordForm = new FormGroup({
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly codeForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, totpCodeValidator] }),
  });

  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');

  protected async start(): Promise<void> {
    this.stepSubmitted.set(true);
    this.passwordForm.markAllAsTouched();
    if (this.passwordForm.invalid) return;
    await this.run(this.passwordForm, async () => {
      this.setup.set(await firstValueFrom(this.api.startTotp(this.passwordForm.controls.password.value)));
      this.passwordForm.reset();
      this.stepSubmitted.set(false);
      this.step.set('scan');
    });
  }

  protected async confirm(): Promise<void> {
    this.stepSubmitted.set(true);
    this.codeForm.markAllAsTouched();
    if (this.codeForm.invalid) return;
    await this.run(this.codeForm, async () => {
      const { recoveryCodes } = await firstValueFrom(
        this.api.confirmTotp(compactCode(this.codeForm.controls.code.value)),
      );
      this.recoveryCodes.set(recoveryCodes);
      this.setup.set(null); // the secret is in the app now; it need not stay on screen
      this.step.set('codes');
      // Two-factor is on: the account changed (and an account that owed it may now go anywhere).
      await this.auth.reloadUser().catch(() => undefined);
    });
    if (this.step() === 'scan') setTimeout(() => this.codeInput()?.nativeElement.focus());
  }

  protected async copySecret(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.setup()?.secret ?? '');
      this.copied.set(true);
    } catch {
      // No clipboard here: the key stays on screen to type.
    }
  }

  private async run(form: FormGroup, work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await work();
    } catch (error) {
      const problem = problemOf(error);
      const unmatched = applyServerErrors(form, problem);
      if (problem.code === ErrorCode.InvalidCredentials) {
        form.reset();
        this.failure.set(
          this.step() === 'password' ? i18nKey('twoFactor.wrongPassword') : i18nKey('twoFactor.codeNotAccepted'),
        );
      } else if (!problem.errors?.length || unmatched.length) {
        this.failure.set(`errors.${problem.code}`);
      }
    } finally {
      this.busy.set(false);
    }
  }
}
