import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { InvitationLetterVerification } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { LogisticsApi } from './logistics.api';

type LetterState =
  | { kind: 'loading' }
  | { kind: 'valid' | 'superseded'; letter: InvitationLetterVerification }
  | { kind: 'not-found' }
  | { kind: 'failed'; code: string };

/**
 * Public: what a visa invitation letter's reference (its QR code) proves — who holds it, for which
 * program and dates, and whether a newer letter superseded it. Never passport data.
 */
@Component({
  selector: 'sb-letter-verification-page',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, CalendarDatePipe, InstantDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="letter-verify">
      <h1>{{ 'logistics.verify.title' | translate }}</h1>
      @switch (state().kind) {
        @case ('loading') {
          <p class="loading" role="status">{{ 'logistics.verify.checking' | translate }}</p>
        }
        @case ('not-found') {
          <section class="verdict verdict-unknown" role="status" data-testid="letter-verdict" data-state="not-found">
            <p class="verdict-title">{{ 'logistics.verify.notFound' | translate }}</p>
            <p>{{ 'logistics.verify.notFoundBody' | translate: { reference: reference() } }}</p>
          </section>
        }
        @case ('failed') {
          <div class="alert alert-error" role="alert">{{ 'errors.' + failureCode() | translate }}</div>
        }
      }
      @if (letter(); as letter) {
        @if (state().kind === 'valid') {
          <section class="verdict verdict-valid" role="status" data-testid="letter-verdict" data-state="valid">
            <p class="verdict-title">{{ 'logistics.verify.valid' | translate }}</p>
            <p>{{ 'logistics.verify.validBody' | translate }}</p>
          </section>
        } @else {
          <section
            class="verdict verdict-superseded"
            role="status"
            data-testid="letter-verdict"
            data-state="superseded"
          >
            <p class="verdict-title">{{ 'logistics.verify.superseded' | translate }}</p>
            <p>
              {{ 'logistics.verify.supersededBody' | translate: { date: (letter.supersededAt | instantDate) } }}
            </p>
          </section>
        }
        <dl class="card facts" data-testid="letter-facts">
          <dt>{{ 'logistics.verify.reference' | translate }}</dt>
          <dd data-testid="letter-reference">{{ letter.reference }}</dd>
          <dt>{{ 'logistics.verify.holder' | translate }}</dt>
          <dd data-testid="letter-holder">{{ letter.holderName }}</dd>
          <dt>{{ 'logistics.verify.program' | translate }}</dt>
          <dd>{{ letter.programTitle | localized }}</dd>
          <dt>{{ 'logistics.verify.dates' | translate }}</dt>
          <dd>{{ letter.startDate | calendarDate }} – {{ letter.endDate | calendarDate }}</dd>
          <dt>{{ 'logistics.verify.host' | translate }}</dt>
          <dd>{{ letter.hostInstitution | localized }}</dd>
          <dt>{{ 'logistics.verify.issued' | translate }}</dt>
          <dd>{{ letter.issuedAt | instantDate }}</dd>
        </dl>
        <p class="hint">{{ 'logistics.verify.noPassport' | translate }}</p>
      }
      <p>
        <a routerLink="/verify">{{ 'logistics.verify.certificates' | translate }}</a>
      </p>
    </div>
  `,
  styles: `
    .letter-verify {
      max-width: 40rem;
      margin: 0 auto;
    }
    .verdict {
      padding: 1.25rem;
      margin: 0 0 1.25rem;
      border: 2px solid;
      border-radius: var(--sb-radius);
    }
    .verdict p {
      margin: 0 0 0.35rem;
    }
    .verdict-title {
      font-size: clamp(1.25rem, 4vw, 1.6rem);
      font-weight: 700;
      line-height: 1.3;
    }
    .verdict-valid {
      color: var(--sb-success-text);
      background: var(--sb-success-bg);
      border-color: var(--sb-success);
    }
    .verdict-superseded {
      color: var(--sb-warning-text);
      background: var(--sb-warning-bg);
      border-color: var(--sb-warning-border);
    }
    .verdict-unknown {
      color: var(--sb-error-text);
      background: var(--sb-error-bg);
      border-color: var(--sb-danger);
    }
    .facts {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.15rem;
    }
    .facts dt {
      font-weight: 600;
      color: var(--sb-text-muted);
      font-size: var(--sb-text-sm);
    }
    .facts dd {
      margin: 0 0 var(--sb-space-2);
      overflow-wrap: anywhere;
    }
  `,
})
export class LetterVerificationPage {
  private readonly api = inject(LogisticsApi);
  /** The letter's reference, from the route. */
  readonly reference = input.required<string>();

  protected readonly state = signal<LetterState>({ kind: 'loading' });
  protected readonly letter = signal<InvitationLetterVerification | null>(null);
  protected readonly failureCode = signal('INTERNAL_ERROR');

  constructor() {
    effect(() => {
      const reference = this.reference();
      untracked(() => void this.check(reference));
    });
  }

  private async check(reference: string): Promise<void> {
    this.state.set({ kind: 'loading' });
    this.letter.set(null);
    try {
      const letter = await firstValueFrom(this.api.verifyLetter(reference.trim()));
      this.letter.set(letter);
      this.state.set({ kind: letter.supersededAt ? 'superseded' : 'valid', letter });
    } catch (error) {
      const problem = problemOf(error);
      if (problem.status === 404) this.state.set({ kind: 'not-found' });
      else {
        this.failureCode.set(problem.code);
        this.state.set({ kind: 'failed', code: problem.code });
      }
    }
  }
}
