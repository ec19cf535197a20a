import { ChangeDetectionStrategy, Component, ElementRef, inject, output, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { SESSION_CANCEL_REASON_MAX_LENGTH, type Session } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors, clearServerErrors } from '../../shared/forms/server-errors';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { ProgramsApi } from '../programs/programs.api';

/**
 * Calls a session off with a reason (`POST /sessions/:id/cancel`), on the native <dialog> like
 * ReasonDialogComponent; it sends the request itself so the API's field errors show under the reason.
 * Opened for any scheduled session, and after removing one answered 409 SESSION_HAS_ATTENDANCE
 * (`open(session, true)` then says why cancelling is offered instead).
 */
@Component({
  selector: 'sb-cancel-session-dialog',
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      class="dialog"
      aria-labelledby="cancel-session-title"
      data-testid="cancel-session-dialog"
      (close)="session.set(null)"
    >
      @if (session(); as session) {
        <form class="form" [formGroup]="form" (ngSubmit)="confirm()" novalidate>
          <h2 id="cancel-session-title">{{ 'admin.schedule.cancel.title' | translate }}</h2>
          @if (hadAttendance()) {
            <p class="alert alert-info" data-testid="cancel-session-instead">
              {{ 'admin.schedule.cancel.instead' | translate }}
            </p>
          }
          <p>
            <strong>{{ session.title | localized }}</strong>
          </p>
          <p>{{ 'admin.schedule.cancel.message' | translate }}</p>
          @if (failure(); as code) {
            <p class="alert alert-error" role="alert">{{ 'errors.' + code | translate }}</p>
          }
          <div class="field">
            <label for="cancel-session-reason">{{ 'admin.schedule.cancel.reason' | translate }}</label>
            <textarea
              id="cancel-session-reason"
              rows="3"
              formControlName="reason"
              [attr.maxlength]="maxLength"
              aria-describedby="cancel-session-reason-hint cancel-session-reason-error"
              data-testid="cancel-session-reason"
            ></textarea>
            <p class="hint" id="cancel-session-reason-hint">
              {{ 'admin.schedule.cancel.reasonHint' | translate: { max: maxLength } }}
            </p>
            <sb-field-error id="cancel-session-reason-error" [control]="reason" [force]="submitted()" />
          </div>
          <div class="actions">
            <button type="submit" class="btn btn-danger" [disabled]="busy()" data-testid="cancel-session-confirm">
              {{ 'admin.schedule.cancel.confirm' | translate }}
            </button>
            <button type="button" class="btn btn-secondary" data-testid="cancel-session-back" (click)="dialog.close()">
              {{ 'admin.schedule.cancel.back' | translate }}
            </button>
          </div>
        </form>
      }
    </dialog>
  `,
  styles: `
    .dialog {
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius);
      padding: 1.5rem;
      width: min(32rem, 90vw);
    }
    .dialog::backdrop {
      background: rgb(0 0 0 / 0.35);
    }
    h2 {
      margin: 0;
      font-size: 1.2rem;
    }
    p {
      margin: 0;
    }
    textarea {
      resize: vertical;
    }
  `,
})
export class CancelSessionDialogComponent {
  private readonly api = inject(ProgramsApi);
  /** The session as the API answered after cancelling it. */
  readonly cancelled = output<Session>();

  protected readonly maxLength = SESSION_CANCEL_REASON_MAX_LENGTH;
  protected readonly session = signal<Session | null>(null);
  protected readonly hadAttendance = signal(false);
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(SESSION_CANCEL_REASON_MAX_LENGTH)],
  });
  protected readonly form = new FormGroup({ reason: this.reason });
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    // The API's words about the last attempt no longer hold once the reason changes.
    this.reason.valueChanges.subscribe(() => clearServerErrors(this.form));
  }

  open(session: Session, hadAttendance = false): void {
    this.session.set(session);
    this.hadAttendance.set(hadAttendance);
    this.submitted.set(false);
    this.failure.set(null);
    this.reason.reset('');
    this.dialog().nativeElement.showModal();
  }

  protected async confirm(): Promise<void> {
    const session = this.session();
    if (!session) return;
    this.submitted.set(true);
    this.failure.set(null);
    this.reason.setValue(this.reason.value.trim());
    this.reason.markAsTouched();
    if (this.reason.invalid) return;
    this.busy.set(true);
    try {
      const cancelled = await firstValueFrom(this.api.cancelSession(session.id, { reason: this.reason.value }));
      // Emit before closing: closing forgets which session this was.
      this.cancelled.emit(cancelled);
      this.dialog().nativeElement.close();
    } catch (error) {
      const problem = problemOf(error);
      const unmatched = applyServerErrors(this.form, problem);
      if (!problem.errors?.length || unmatched.length) this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
