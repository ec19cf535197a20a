import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';
import { TotpSetupComponent } from './totp-setup.component';

/**
 * Where an account whose role requires two-factor sign-in is kept until it
 * has set it up (the guards send it here; the API refuses it anything else).
 */
@Component({
  selector: 'sb-two-factor-setup-page',
  imports: [TranslatePipe, TotpSetupComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="setup">
      <h1 data-testid="mfa-setup-heading">{{ 'twoFactor.required.title' | translate }}</h1>
      <p class="lead">{{ 'twoFactor.required.lead' | translate }}</p>
      <div class="card">
        <sb-totp-setup (finished)="continue()" />
      </div>
      <p class="hint">
        {{ 'twoFactor.required.later' | translate }}
        <button type="button" class="btn btn-link" data-testid="mfa-setup-sign-out" (click)="auth.logout()">
          {{ 'shell.signOut' | translate }}
        </button>
      </p>
    </section>
  `,
  styles: `
    .setup {
      max-width: 44rem;
      margin: 0 auto;
    }
  `,
})
export class TwoFactorSetupPage {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected async continue(): Promise<void> {
    await this.router.navigateByUrl(this.auth.landing());
  }
}
