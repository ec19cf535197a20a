import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/auth/account.api';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { ResendVerificationComponent } from '../../core/layout/resend-verification.component';
import { PendingEnrolment } from '../programs/pending-enrolment';

type VerifyState = 'working' | 'done' | 'invalid' | 'failed';

/**
 * The page a verification e-mail links to (public: the link may open in a
 * browser that is not signed in). Confirms the address; when this browser is
 * signed in to the account, reads it again so the notice goes and the trainee
 * profile appears.
 */
@Component({
  selector: 'sb-verify-email-page',
  imports: [RouterLink, TranslatePipe, ResendVerificationComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="narrow" data-testid="verify-email-page" [attr.data-state]="state()">
      <h1>{{ 'auth.verifyEmail.title' | translate }}</h1>
      @switch (state()) {
        @case ('working') {
          <p class="loading" role="status">{{ 'auth.verifyEmail.working' | translate }}</p>
        }
        @case ('done') {
          <div class="alert alert-success" role="status" data-testid="verify-email-done">
            {{ 'auth.verifyEmail.done' | translate }}
          </div>
          @if (auth.signedIn()) {
            <a class="btn btn-primary" [routerLink]="auth.landing()" data-testid="verify-email-continue">{{
              'auth.verifyEmail.continue' | translate
            }}</a>
          } @else {
            <a
              class="btn btn-primary"
              routerLink="/sign-in"
              [queryParams]="pendingPath ? { returnUrl: pendingPath } : {}"
              data-testid="verify-email-sign-in"
              >{{ 'auth.verifyEmail.signIn' | translate }}</a
            >
          }
        }
        @case ('invalid') {
          <div class="alert alert-error" role="alert" data-testid="verify-email-invalid">
            {{ 'auth.links.invalid' | translate }}
          </div>
          @if (auth.emailUnverified()) {
            <p>{{ 'auth.verifyEmail.askAgain' | translate: { email: auth.user()?.email } }}</p>
            <sb-resend-verification />
          } @else if (auth.signedIn()) {
            <p>{{ 'auth.verifyEmail.alreadyConfirmed' | translate }}</p>
            <a class="btn btn-secondary" [routerLink]="auth.landing()">{{ 'auth.verifyEmail.continue' | translate }}</a>
          } @else {
            <p>{{ 'auth.verifyEmail.signInToAsk' | translate }}</p>
            <a class="btn btn-secondary" routerLink="/sign-in">{{ 'auth.verifyEmail.signIn' | translate }}</a>
          }
        }
        @case ('failed') {
          <div class="alert alert-error" role="alert">{{ 'errors.' + failure() | translate }}</div>
          @if (retryable()) {
            <button type="button" class="btn btn-secondary" (click)="confirm()">
              {{ 'auth.links.retry' | translate }}
            </button>
          }
        }
      }
    </section>
  `,
})
export class VerifyEmailPage implements OnInit {
  private readonly api = inject(AccountApi);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthService);
  /** The program page a visitor came from to register ("Register and enrol"): where signing in leads next. */
  protected readonly pendingPath = inject(PendingEnrolment).path();

  /** From the e-mailed link (`?token=`). */
  readonly token = input<string>();

  protected readonly state = signal<VerifyState>('working');
  protected readonly failure = signal('');
  /** Only a failure on the way (network, server) may go away by trying again. */
  protected readonly retryable = signal(false);

  ngOnInit(): void {
    void this.confirm();
  }

  protected async confirm(): Promise<void> {
    const token = this.token();
    if (!token) return this.state.set('invalid');
    this.state.set('working');
    try {
      await firstValueFrom(this.api.verifyEmail(token));
      if (this.auth.signedIn()) await this.auth.reloadUser().catch(() => undefined);
      this.state.set('done');
      // Signed in here and registered from a program page: straight back to it, where the enrolment is made.
      if (this.auth.signedIn() && this.pendingPath) await this.router.navigateByUrl(this.pendingPath);
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === ErrorCode.TokenInvalid || problem.status === 400) {
        this.state.set('invalid');
      } else {
        this.failure.set(problem.code);
        this.retryable.set(problem.status === 0 || problem.status >= 500);
        this.state.set('failed');
      }
    }
  }
}
