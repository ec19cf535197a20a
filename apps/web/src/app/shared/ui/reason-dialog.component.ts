import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { ENROLMENT_REASON_MAX_LENGTH } from '@skillbridge/contracts';
import { FieldErrorComponent } from '../forms/field-error.component';

/**
 * A modal that asks for a reason before an action (reject, withdraw), on the
 * native <dialog> like ConfirmDialogComponent. The reason is required unless
 * `optional`; `confirmed` carries it trimmed.
 */
@Component({
  selector: 'sb-reason-dialog',
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="dialog" [attr.aria-labelledby]="id() + '-title'" (close)="closed.emit()">
      <form class="form" [formGroup]="form" (ngSubmit)="confirm()" novalidate>
        <h2 [id]="id() + '-title'">{{ title() }}</h2>
        <p>{{ message() }}</p>
        <div class="field">
          <label [for]="id() + '-reason'">{{
            (optional() ? 'enrolments.reason.optionalLabel' : 'enrolments.reason.label') | translate
          }}</label>
          <textarea
            [id]="id() + '-reason'"
            rows="3"
            formControlName="reason"
            [attr.aria-describedby]="id() + '-reason-error'"
            data-testid="reason-input"
          ></textarea>
          <sb-field-error [id]="id() + '-reason-error'" [control]="reason" />
        </div>
        <div class="actions">
          <button
            type="submit"
            class="btn"
            [class.btn-danger]="danger()"
            [class.btn-primary]="!danger()"
            data-testid="reason-confirm"
          >
            {{ confirmLabel() }}
          </button>
          <button type="button" class="btn btn-secondary" data-testid="reason-cancel" (click)="dialog.close()">
            {{ 'forms.cancel' | translate }}
          </button>
        </div>
      </form>
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
export class ReasonDialogComponent {
  readonly id = input.required<string>();
  readonly title = input.required<string>();
  readonly message = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly optional = input(false);
  readonly danger = input(true);
  readonly confirmed = output<string>();
  readonly closed = output<void>();

  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(ENROLMENT_REASON_MAX_LENGTH)],
  });
  protected readonly form = new FormGroup({ reason: this.reason });
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  open(): void {
    this.reason.reset('');
    this.reason.setValidators(
      this.optional()
        ? [Validators.maxLength(ENROLMENT_REASON_MAX_LENGTH)]
        : [Validators.required, Validators.maxLength(ENROLMENT_REASON_MAX_LENGTH)],
    );
    this.reason.updateValueAndValidity();
    this.dialog().nativeElement.showModal();
  }

  protected confirm(): void {
    this.reason.setValue(this.reason.value.trim());
    this.reason.markAsTouched();
    if (this.reason.invalid) return;
    // Emit before closing: hosts often forget what the dialog was about on `closed`.
    this.confirmed.emit(this.reason.value);
    this.dialog().nativeElement.close();
  }
}
