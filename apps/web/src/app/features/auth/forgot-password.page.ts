import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/auth/account.api';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { signInFailure, type Message } from './sign-in-failure';

/**
 * "Forgot password?": asks for the address and sends a reset link. The answer
 * is the same whether or not an account has that address, so the page never
 * tells a stranger who has an account.
 */
@Component({
  selector: 'sb-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="narrow">
      <h1>{{ 'auth.forgot.title' | translate }}</h1>
      @if (sentTo(); as email) {
        <div class="alert alert-success" role="status" data-testid="forgot-sent">
          {{ 'auth.forgot.sent' | translate: { email } }}
        </div>
        <p class="hint">{{ 'auth.forgot.spamHint' | translate }}</p>
        <p>
          <a routerLink="/sign-in" data-testid="back-to-sign-in">{{ 'auth.forgot.backToSignIn' | translate }}</a>
        </p>
      } @else {
        <p class="lead">{{ 'auth.forgot.lead' | translate }}</p>
        @if (failure(); as message) {
          <div class="alert alert-error" role="alert" data-testid="forgot-error">
            {{ message.key | translate: message.params }}
          </div>
        }
        <form class="form card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <div class="field">
            <label for="forgot-email">{{ 'auth.fields.email' | translate }}</label>
            <input
              id="forgot-email"
              type="email"
              formControlName="email"
              autocomplete="email"
              data-testid="email"
              aria-describedby="forgot-email-error"
            />
            <sb-field-error id="forgot-email-error" [control]="form.controls.email" [force]="submitted()" />
          </div>
          <div class="actions">
            <button type="submit" class="btn btn-primary" [disabled]="busy()" data-testid="forgot-submit">
              {{ 'auth.forgot.submit' | translate }}
            </button>
          </div>
        </form>
        <p>
          <a routerLink="/sign-in">{{ 'auth.forgot.backToSignIn' | translate }}</a>
        </p>
      }
    </section>
  `,
})
export class ForgotPasswordPage {
  private readonly api = inject(AccountApi);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
  });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Message | null>(null);
  /** The address a link was asked for (whether or not it has an account). */
  protected readonly sentTo = signal<string | null>(null);

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    const email = this.form.controls.email.value.trim();
    try {
      await firstValueFrom(this.api.requestPasswordReset(email));
      this.sentTo.set(email);
    } catch (error) {
      applyServerErrors(this.form, problemOf(error));
      this.failure.set(signInFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
