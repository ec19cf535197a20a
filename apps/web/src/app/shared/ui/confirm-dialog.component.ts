import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * A modal question with confirm and cancel, on the native <dialog> (focus
 * trapping and Escape come with it). Open it with `open()`. Content put
 * inside the element shows under the message (what the person should know
 * before confirming).
 */
@Component({
  selector: 'sb-confirm-dialog',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="dialog" [attr.aria-labelledby]="id() + '-title'" (close)="closed.emit()">
      <h2 [id]="id() + '-title'">{{ title() }}</h2>
      <p>{{ message() }}</p>
      <ng-content />
      <div class="actions">
        <button
          type="button"
          class="btn"
          [class.btn-danger]="danger()"
          [class.btn-primary]="!danger()"
          data-testid="confirm-yes"
          (click)="confirm()"
        >
          {{ confirmLabel() }}
        </button>
        <button type="button" class="btn btn-secondary" data-testid="confirm-no" (click)="dialog.close()">
          {{ 'forms.cancel' | translate }}
        </button>
      </div>
    </dialog>
  `,
  styles: `
    .dialog {
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius);
      padding: 1.5rem;
      max-width: min(32rem, 90vw);
    }
    .dialog::backdrop {
      background: rgb(0 0 0 / 0.35);
    }
    h2 {
      margin-top: 0;
      font-size: 1.2rem;
    }
  `,
})
export class ConfirmDialogComponent {
  readonly id = input.required<string>();
  readonly title = input.required<string>();
  readonly message = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly danger = input(false);
  readonly confirmed = output<void>();
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  open(): void {
    this.dialog().nativeElement.showModal();
  }

  protected confirm(): void {
    this.dialog().nativeElement.close();
    this.confirmed.emit();
  }
}
