import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { CredentialCheckComponent } from './credential-check.component';
import { VerifyApi } from './verify.api';
import { isSerial, printedCode, stateOf, stateOfError, type VerificationState } from './verification-state';
import { VerifyFormComponent } from './verify-form.component';

/**
 * The public verification page the certificate's QR code opens (or the
 * serial or code typed in its form leads to): anyone, signed in or not, sees
 * at once whether the certificate is valid, expired, revoked, replaced or
 * unknown, with what it states — who holds it, for which program, when and
 * for how many hours, from whom and since when. Dates are the certificate's
 * own, read in its program's time zone. Below, a credential file (the
 * signed Open Badges JSON a holder hands over) can be checked in the browser.
 */
@Component({
  selector: 'sb-verify-page',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    LocalNumberPipe,
    CalendarDatePipe,
    InstantDatePipe,
    VerifyFormComponent,
    CredentialCheckComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './verify.page.html',
  styleUrl: './verify.page.css',
})
export class VerifyPage {
  private readonly api = inject(VerifyApi);

  /** From the route `/verify/:code`; absent on `/verify`, which shows the form alone. */
  readonly code = input<string>();

  protected readonly state = signal<VerificationState | null>(null);
  /** What the certificate states, in every state that found one. */
  protected readonly verification = computed(() => {
    const state = this.state();
    return state && 'verification' in state ? state.verification : null;
  });
  protected readonly bySerial = computed(() => isSerial(this.code() ?? ''));
  /** The code looked up, as the certificate prints it. */
  protected readonly printed = computed(() => printedCode(this.code() ?? ''));
  private request = 0;

  constructor() {
    effect(() => {
      const code = this.code();
      untracked(() => void this.check(code));
    });
  }

  private async check(code: string | undefined): Promise<void> {
    const request = ++this.request;
    if (!code) {
      this.state.set(null);
      return;
    }
    this.state.set({ kind: 'loading' });
    let next: VerificationState;
    try {
      next = stateOf(await firstValueFrom(this.api.verify(code)));
    } catch (error) {
      next = stateOfError(error);
    }
    // A newer code (typed in the form meanwhile) wins over a slower answer.
    if (request === this.request) this.state.set(next);
  }

  protected retry(): void {
    void this.check(this.code());
  }
}
