import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { codeFromInput } from './verification-state';

/** "Check a certificate": type or paste the code (or the whole link) printed on it. */
@Component({
  selector: 'sb-verify-form',
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="verify-form" role="search" [formGroup]="form" (ngSubmit)="check()" novalidate>
      <div class="field">
        <label [for]="id() + '-code'">{{ 'verify.form.label' | translate }}</label>
        <div class="row">
          <input
            [id]="id() + '-code'"
            type="text"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            formControlName="code"
            [attr.aria-describedby]="id() + '-hint ' + id() + '-error'"
            data-testid="verify-code-input"
          />
          <button type="submit" class="btn btn-primary" data-testid="verify-code-submit">
            {{ 'verify.form.submit' | translate }}
          </button>
        </div>
        <p class="hint" [id]="id() + '-hint'">{{ 'verify.form.hint' | translate }}</p>
        <sb-field-error [id]="id() + '-error'" [control]="code" />
      </div>
    </form>
  `,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .row input {
      flex: 1 1 14rem;
      width: auto;
    }
  `,
})
export class VerifyFormComponent {
  private readonly router = inject(Router);
  /** Prefix of the element ids, so two forms can share a page. */
  readonly id = input('verify');

  protected readonly code = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly form = new FormGroup({ code: this.code });

  protected check(): void {
    const code = codeFromInput(this.code.value);
    this.code.markAsTouched();
    if (!code) {
      this.code.setValue('');
      return;
    }
    this.code.setValue('');
    this.code.markAsUntouched();
    void this.router.navigate(['/verify', code]);
  }
}
