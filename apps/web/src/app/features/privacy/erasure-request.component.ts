import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import type { PrivacyRequest } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { ErasureApi } from './erasure.api';

/**
 * Asking for erasure (TH PDPA s.33, PIPL art. 47): what happens, the choice to
 * keep certificates verifiable, the warning that it cannot be undone, a
 * confirmation, then the request with its due date. For oneself (the profile
 * page, which also shows the open or refused request) or, with `traineeId`,
 * for a partner's own trainee.
 */
@Component({
  selector: 'sb-erasure-request',
  imports: [ReactiveFormsModule, TranslatePipe, InstantDatePipe, ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (failure(); as code) {
      <div class="alert alert-error" role="alert" data-testid="erasure-error">{{ 'errors.' + code | translate }}</div>
    }
    @if (pending(); as request) {
      <div class="alert alert-info" role="status" data-testid="erasure-pending">
        <p>
          {{
            (forTrainee() ? 'privacy.erasure.traineeSent' : 'privacy.erasure.pending')
              | translate: { date: (request.dueAt | instantDate) }
          }}
        </p>
        @if (!forTrainee()) {
          <p>
            {{
              (request.keepCertificatesVerifiable ? 'privacy.erasure.pendingKept' : 'privacy.erasure.pendingRevoked')
                | translate
            }}
          </p>
        }
      </div>
    } @else if (loaded()) {
      @if (refused(); as request) {
        <div class="alert alert-warning" role="status" data-testid="erasure-refused">
          {{
            'privacy.erasure.refused'
              | translate: { date: (request.decidedAt | instantDate), reason: request.refusalReason }
          }}
        </div>
      }
      <p>{{ (forTrainee() ? 'privacy.erasure.traineeLead' : 'privacy.erasure.lead') | translate }}</p>
      <div class="field">
        <label class="check">
          <input type="checkbox" [formControl]="keep" data-testid="erasure-keep-certificates" />
          {{ (forTrainee() ? 'privacy.erasure.traineeKeep' : 'privacy.erasure.keep') | translate }}
        </label>
        <p class="hint">
          {{ (forTrainee() ? 'privacy.erasure.traineeKeepHint' : 'privacy.erasure.keepHint') | translate }}
        </p>
      </div>
      <p class="alert alert-warning" data-testid="erasure-warning">
        <strong>{{ (forTrainee() ? 'privacy.erasure.traineeWarning' : 'privacy.erasure.warning') | translate }}</strong>
      </p>
      <div class="actions">
        <button type="button" class="btn btn-danger" data-testid="erasure-submit" [disabled]="busy()" (click)="ask()">
          {{ 'privacy.erasure.submit' | translate }}
        </button>
      </div>
    } @else {
      <p class="loading" role="status">{{ 'forms.loading' | translate }}</p>
    }
    <sb-confirm-dialog
      [id]="forTrainee() ? 'trainee-erasure-dialog' : 'erasure-dialog'"
      [title]="(forTrainee() ? 'privacy.erasure.traineeConfirmTitle' : 'privacy.erasure.confirmTitle') | translate"
      [message]="
        (forTrainee() ? 'privacy.erasure.traineeConfirmMessage' : 'privacy.erasure.confirmMessage') | translate
      "
      [confirmLabel]="'privacy.erasure.confirm' | translate"
      [danger]="true"
      (confirmed)="send()"
    />
  `,
})
export class ErasureRequestComponent implements OnInit {
  private readonly api = inject(ErasureApi);
  /** The partner's (or admin's) trainee; absent: the signed-in person themself. */
  readonly traineeId = input<string | null>(null);
  protected readonly forTrainee = computed(() => this.traineeId() !== null);

  protected readonly keep = new FormControl(true, { nonNullable: true });
  protected readonly latest = signal<PrivacyRequest | null>(null);
  protected readonly pending = computed(() => (this.latest()?.status === 'pending' ? this.latest() : null));
  protected readonly refused = computed(() => (this.latest()?.status === 'refused' ? this.latest() : null));
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  private readonly dialog = viewChild.required(ConfirmDialogComponent);

  async ngOnInit(): Promise<void> {
    if (this.forTrainee()) {
      this.loaded.set(true);
      return;
    }
    try {
      this.latest.set(await firstValueFrom(this.api.mine()));
    } catch (error) {
      // None yet: the form is what the person sees.
      if (!(error instanceof HttpErrorResponse && error.status === 404)) this.failure.set(problemOf(error).code);
    } finally {
      this.loaded.set(true);
    }
  }

  protected ask(): void {
    this.failure.set(null);
    this.dialog().open();
  }

  protected async send(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    const body = { keepCertificatesVerifiable: this.keep.value };
    const traineeId = this.traineeId();
    try {
      this.latest.set(
        await firstValueFrom(traineeId ? this.api.requestForTrainee(traineeId, body) : this.api.requestOwn(body)),
      );
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
