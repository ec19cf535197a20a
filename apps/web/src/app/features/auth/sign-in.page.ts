import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode, TOTP_DIGITS, type AuthUser } from '@skillbridge/contracts';
import { AuthService, MFA_SETUP_PATH } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { compactCode, totpCodeValidator } from '../../shared/forms/one-time-code';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { PendingEnrolment } from '../programs/pending-enrolment';
import { signInFailure, type Message } from './sign-in-failure';

/** Which part of signing in is on screen: the password, then (with two-factor on) a code or a recovery code. */
export type SignInStep = 'password' | 'code' | 'recovery';

/**
 * How long the challenge of a correct password lasts (MfaChallenge: 5
 * minutes). The API answers a late code as it answers a wrong one, so the
 * page tells them apart by the clock, a little early rather than late.
 */
export const MFA_CHALLENGE_MS = 5 * 60_000 - 10_000;

@Component({
  selector: 'sb-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in.page.html',
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly pending = inject(PendingEnrolment);
  protected readonly digits = TOTP_DIGITS;

  /** Where to go after signing in (set by the guards). */
  readonly returnUrl = input<string>();

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly codeForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, totpCodeValidator] }),
  });
  protected readonly recoveryForm = new FormGroup({
    recoveryCode: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly step = signal<SignInStep>('password');
  /**
   * Whether the step on screen was submitted: its fields' errors show from then on, not when a field is left —
   * "Forgot password?", "use a recovery code" and "start again" sit under them (see FieldErrorComponent's onLeave).
   */
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  /** Why the last attempt failed (wrong password, code not accepted, locked, throttled, …). */
  protected readonly failure = signal<Message | null>(null);
  /** The challenge of a correct password, for the second step (valid for 5 minutes). */
  private mfaToken: string | null = null;
  private challengedAt = 0;

  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly recoveryInput = viewChild<ElementRef<HTMLInputElement>>('recoveryInput');

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const result = await this.auth.login(this.form.getRawValue());
      if ('mfaToken' in result) {
        this.mfaToken = result.mfaToken;
        this.challengedAt = Date.now();
        this.show('code');
      } else {
        await this.enter(result);
      }
    } catch (error) {
      applyServerErrors(this.form, problemOf(error));
      this.failure.set(signInFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async submitCode(): Promise<void> {
    this.submitted.set(true);
    this.codeForm.markAllAsTouched();
    if (this.codeForm.invalid) return;
    await this.secondStep({ code: compactCode(this.codeForm.controls.code.value) }, this.codeForm);
  }

  protected async submitRecovery(): Promise<void> {
    this.submitted.set(true);
    this.recoveryForm.markAllAsTouched();
    if (this.recoveryForm.invalid) return;
    await this.secondStep({ recoveryCode: this.recoveryForm.controls.recoveryCode.value.trim() }, this.recoveryForm);
  }

  protected show(step: SignInStep, failure: Message | null = null): void {
    this.failure.set(failure);
    this.submitted.set(false);
    this.step.set(step);
    setTimeout(() => (step === 'code' ? this.codeInput() : this.recoveryInput())?.nativeElement.focus());
  }

  /** Back to the password: another account, or a challenge that expired. */
  protected startOver(reason: Message | null = null): void {
    this.mfaToken = null;
    this.codeForm.reset();
    this.recoveryForm.reset();
    this.form.controls.password.reset();
    this.submitted.set(false);
    this.step.set('password');
    this.failure.set(reason);
  }

  private async secondStep(answer: { code: string } | { recoveryCode: string }, form: FormGroup): Promise<void> {
    if (!this.mfaToken) return this.startOver({ key: i18nKey('auth.mfa.expired') });
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.enter(await this.auth.loginWithMfa({ mfaToken: this.mfaToken, ...answer }));
    } catch (error) {
      const problem = problemOf(error);
      const late = Date.now() - this.challengedAt >= MFA_CHALLENGE_MS;
      if (problem.status === 401 && problem.code === ErrorCode.InvalidCredentials && !late) {
        // A wrong or already used code: try again with the current one.
        form.reset();
        this.show(this.step(), {
          key: 'code' in answer ? i18nKey('auth.mfa.notAccepted') : i18nKey('auth.mfa.recoveryNotAccepted'),
        });
      } else if (problem.status === 401 || problem.code === ErrorCode.TokenInvalid) {
        this.startOver({ key: i18nKey('auth.mfa.expired') });
      } else {
        applyServerErrors(form, problem);
        this.failure.set(signInFailure(error));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async enter(user: AuthUser): Promise<void> {
    // A trainee who chose a program before registering goes back to it (where the enrolment is made).
    const returnUrl = this.returnUrl() ?? (user.role === 'trainee' ? this.pending.path() : null) ?? undefined;
    const target = user.mfaSetupRequired
      ? MFA_SETUP_PATH
      : returnUrl?.startsWith('/') && !returnUrl.startsWith('//')
        ? returnUrl
        : this.auth.homeFor(user.role);
    await this.router.navigateByUrl(target);
  }
}
