import { ChangeDetectionStrategy, Component, computed, effect, input, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';

interface ShownError {
  /** The API's own words for a server-side error, already in the viewer's language. */
  text?: string;
  key?: string;
  params?: Record<string, unknown>;
}

const CLIENT_ERRORS: Record<string, (value: Record<string, unknown>) => ShownError> = {
  required: () => ({ key: 'forms.errors.required' }),
  email: () => ({ key: 'forms.errors.email' }),
  minlength: (e) => ({ key: 'forms.errors.minLength', params: { min: e['requiredLength'] } }),
  maxlength: (e) => ({ key: 'forms.errors.maxLength', params: { max: e['requiredLength'] } }),
  pattern: () => ({ key: 'forms.errors.pattern' }),
  localizedText: () => ({ key: 'forms.errors.localizedText' }),
  min: (e) => ({ key: 'forms.errors.min', params: { min: e['min'] } }),
  max: (e) => ({ key: 'forms.errors.max', params: { max: e['max'] } }),
  timeZone: () => ({ key: 'forms.errors.timeZone' }),
  decimals: (e) => ({ key: 'forms.errors.decimals', params: { max: e['max'] } }),
  integer: () => ({ key: 'forms.errors.integer' }),
  totpCode: () => ({ key: 'forms.errors.totpCode' }),
  mismatch: () => ({ key: 'forms.errors.mismatch' }),
};

/**
 * The message under a form field: the client's own check, or the API's field
 * error put on the control by applyServerErrors(). Shown once the field was
 * touched or the form submitted.
 */
@Component({
  selector: 'sb-field-error',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <p class="field-error" data-testid="field-error">
        {{ e.text ?? (e.key! | translate: e.params) }}
      </p>
    }
  `,
})
export class FieldErrorComponent {
  /** Give the element an `id` and point the input's aria-describedby at it. */
  readonly control = input.required<AbstractControl>();
  /** Show errors of untouched fields too (after a submit). */
  readonly force = input(false);

  private readonly changes = signal(0);

  constructor() {
    effect((onCleanup) => {
      const subscription = this.control().events.subscribe(() => this.changes.update((n) => n + 1));
      onCleanup(() => subscription.unsubscribe());
    });
  }

  protected readonly error = computed<ShownError | null>(() => {
    this.changes();
    const control = this.control();
    if (!control.errors || !(control.touched || this.force())) return null;
    const [name, value] = Object.entries(control.errors)[0];
    if (name === 'server') return { text: String(value) };
    // A validator of one form may name its own message: `{ name: { key, params? } }`.
    const own = value as { key?: unknown; params?: Record<string, unknown> } | null;
    if (!CLIENT_ERRORS[name] && own && typeof own === 'object' && typeof own.key === 'string') {
      return { key: own.key, params: own.params };
    }
    return CLIENT_ERRORS[name]?.(value as Record<string, unknown>) ?? { key: 'forms.errors.invalid' };
  });
}
