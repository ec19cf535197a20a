import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/auth/account.api';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { compactCode, requireCodeWhen } from '../../shared/forms/one-time-code';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { i18nKey } from '../../shared/i18n/i18n-key';

/**
 * A new e-mail address for the account. It takes effect only when the link
 * sent to the new address is followed, so a typo cannot lock anyone out.
 */
@Component({
  selector: 'sb-email-change-section',
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="form card"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      aria-labelledby="email-change-title"
      data-testid="email-change"
    >
      <h2 id="email-change-title">{{ 'profile.email.title' | translate }}</h2>
      <p class="hint">{{ 'profile.email.current' | translate: { email: auth.user()?.email } }}</p>
      @if (sentTo(); as email) {
        <div class="alert alert-success" role="status" data-testid="email-change-sent">
          {{ 'profile.email.sent' | translate: { email } }}
        </div>
      }
      @if (failure(); as key) {
        <div class="alert alert-error" role="alert" data-testid="email-change-error">{{ key | translate }}</div>
      }
      <div class="field">
        <label for="email-new">{{ 'profile.email.newEmail' | translate }}</label>
        <input
          id="email-new"
          type="email"
          formControlName="newEmail"
          autocomplete="email"
          data-testid="new-email"
          aria-describedby="email-new-error"
        />
        <sb-field-error id="email-new-error" [control]="form.controls.newEmail" />
      </div>
      <div class="field">
        <label for="email-password">{{ 'profile.currentPassword' | translate }}</label>
        <input
          id="email-password"
          type="password"
          formControlName="password"
          autocomplete="current-password"
          data-testid="email-password"
          aria-describedby="email-password-error"
        />
        <sb-field-error id="email-password-error" [control]="form.controls.password" />
      </div>
      @if (mfaEnabled()) {
        <div class="field">
          <label for="email-code">{{ 'profile.appCode' | translate }}</label>
          <input
            id="email-code"
            class="one-time-code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="9"
            formControlName="code"
            data-testid="email-code"
            aria-describedby="email-code-error"
          />
          <sb-field-error id="email-code-error" [control]="form.controls.code" />
        </div>
      }
      <div class="actions">
        <button type="submit" class="btn btn-primary" [disabled]="busy()" data-testid="email-change-submit">
          {{ 'profile.email.submit' | translate }}
        </button>
      </div>
    </form>
  `,
})
export class EmailChangeSectionComponent {
  private readonly api = inject(AccountApi);
  protected readonly auth = inject(AuthService);
  protected readonly mfaEnabled = computed(() => this.auth.user()?.mfaEnabled === true);

  protected readonly form = new FormGroup({
    newEmail: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    code: new FormControl('', { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly sentTo = signal<string | null>(null);

  constructor() {
    effect(() => requireCodeWhen(this.form.controls.code, this.mfaEnabled()));
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    this.failure.set(null);
    if (this.form.invalid) return;
    const { newEmail, password, code } = this.form.getRawValue();
    this.busy.set(true);
    this.sentTo.set(null);
    try {
      await firstValueFrom(
        this.api.changeEmail({
          newEmail: newEmail.trim(),
          password,
          ...(this.mfaEnabled() ? { code: compactCode(code) } : {}),
        }),
      );
      this.sentTo.set(newEmail.trim());
      this.form.reset();
    } catch (error) {
      const problem = problemOf(error);
      const unmatched = applyServerErrors(this.form, problem);
      if (problem.code === ErrorCode.EmailAlreadyRegistered) this.failure.set(i18nKey('profile.email.taken'));
      else if (problem.code === ErrorCode.InvalidCredentials) this.failure.set(i18nKey('twoFactor.reauthRefused'));
      else if (unmatched.length || !problem.errors?.length) this.failure.set(`errors.${problem.code}`);
    } finally {
      this.busy.set(false);
    }
  }
}
