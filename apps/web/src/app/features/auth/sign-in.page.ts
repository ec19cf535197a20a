import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';

@Component({
  selector: 'sb-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in.page.html',
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Where to go after signing in (set by the guards). */
  readonly returnUrl = input<string>();

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  /** Error code of a failed attempt (INVALID_CREDENTIALS, TOO_MANY_REQUESTS, …). */
  protected readonly failure = signal<string | null>(null);

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const user = await this.auth.login(this.form.getRawValue());
      const target = this.returnUrl()?.startsWith('/') ? (this.returnUrl() as string) : this.auth.homeFor(user.role);
      await this.router.navigateByUrl(target);
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, problem);
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
