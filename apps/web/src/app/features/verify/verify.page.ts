import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { VerifyApi } from './verify.api';
import { stateOf, stateOfError, type VerificationState } from './verification-state';
import { VerifyFormComponent } from './verify-form.component';

/**
 * The public verification page the certificate's QR code opens: anyone,
 * signed in or not, sees at once whether the certificate is valid, revoked
 * or unknown, with who holds it, for what, from whom and since when.
 */
@Component({
  selector: 'sb-verify-page',
  imports: [TranslatePipe, LocalizedPipe, InstantDatePipe, VerifyFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './verify.page.html',
  styleUrl: './verify.page.css',
})
export class VerifyPage {
  private readonly api = inject(VerifyApi);

  /** From the route `/verify/:code`; absent on `/verify`, which shows the form alone. */
  readonly code = input<string>();

  protected readonly state = signal<VerificationState | null>(null);
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
