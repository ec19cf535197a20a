import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode, PASSWORD_MIN_LENGTH } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/auth/account.api';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { sameAs } from '../../shared/forms/same-as';
import { signInFailure, type Message } from './sign-in-failure';

/**
 * The page a password reset e-mail links to: a new password, typed twice.
 * Success signs the account out everywhere (this page too), so the person
 * signs in again with the new one.
 */
@Component({
  selector: 'sb-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reset-password.page.html',
})
export class ResetPasswordPage {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthService);
  protected readonly minLength = PASSWORD_MIN_LENGTH;

  /** From the e-mailed link (`?token=`). */
  readonly token = input<string>();

  private readonly password = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
  });
  protected readonly form = new FormGroup({
    password: this.password,
    confirm: new FormControl('', { nonNullable: true, validators: [Validators.required, sameAs(this.password)] }),
  });
  private readonly outcome = signal<'form' | 'done' | 'invalid'>('form');
  /** A link without a token cannot work: it says so at once rather than after a password was typed. */
  protected readonly state = computed(() => (this.token() ? this.outcome() : 'invalid'));
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Message | null>(null);

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    const token = this.token();
    if (!token) return;
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.confirmPasswordReset({ token, password: this.password.value }));
      // The server ended every session of the account, this page's included.
      this.auth.forget();
      this.outcome.set('done');
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === ErrorCode.TokenInvalid) {
        this.outcome.set('invalid');
      } else {
        applyServerErrors(this.form, problem);
        this.failure.set(signInFailure(error));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
