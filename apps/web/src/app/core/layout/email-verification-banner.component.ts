import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../auth/auth.service';
import { ResendVerificationComponent } from './resend-verification.component';

/**
 * Above every page of an account whose e-mail address is not confirmed yet:
 * until it is, the account cannot enrol (the API answers EMAIL_NOT_VERIFIED).
 */
@Component({
  selector: 'sb-email-verification-banner',
  imports: [TranslatePipe, ResendVerificationComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="alert alert-warning banner" aria-labelledby="verify-banner-title" data-testid="verify-email-banner">
      <h2 id="verify-banner-title">{{ 'account.verify.title' | translate }}</h2>
      <p>{{ 'account.verify.sentTo' | translate: { email: auth.user()?.email } }}</p>
      <sb-resend-verification />
    </section>
  `,
  styles: `
    .banner {
      display: grid;
      gap: 0.5rem;
      margin-bottom: 1.5rem;
    }
    h2 {
      font-size: 1.05rem;
      margin: 0;
    }
    p {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class EmailVerificationBannerComponent {
  protected readonly auth = inject(AuthService);
}
