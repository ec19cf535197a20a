import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../auth/account.api';
import { problemOf } from '../http/problem';

type ResendState = 'idle' | 'sending' | 'sent' | 'wait' | 'failed';

/** "Send the link again" for an unconfirmed e-mail address, with what happened next to it. */
@Component({
  selector: 'sb-resend-verification',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="btn btn-secondary"
      data-testid="resend-verification"
      [disabled]="state() === 'sending'"
      (click)="resend()"
    >
      {{ 'account.verify.resend' | translate }}
    </button>
    <p class="status" role="status" data-testid="resend-status">
      @switch (state()) {
        @case ('sent') {
          {{ 'account.verify.sent' | translate }}
        }
        @case ('wait') {
          {{ 'account.verify.wait' | translate }}
        }
        @case ('failed') {
          {{ 'errors.' + failure() | translate }}
        }
      }
    </p>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .status:empty {
      display: none;
    }
    .status {
      margin: 0;
      font-weight: 600;
    }
  `,
})
export class ResendVerificationComponent {
  private readonly api = inject(AccountApi);
  protected readonly state = signal<ResendState>('idle');
  protected readonly failure = signal('');

  protected async resend(): Promise<void> {
    this.state.set('sending');
    try {
      await firstValueFrom(this.api.resendVerification());
      this.state.set('sent');
    } catch (error) {
      const problem = problemOf(error);
      // Links are rationed per account: a 429 means one went out a moment ago.
      if (problem.status === 429) {
        this.state.set('wait');
      } else {
        this.failure.set(problem.code);
        this.state.set('failed');
      }
    }
  }
}
