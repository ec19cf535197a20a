import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { TranslateService } from '@ngx-translate/core';
import { LanguageService } from '../../core/i18n/language.service';
import type { ServerFieldError } from './server-errors';

interface ShownError {
  /** Words that exist in one language only: the API's text for a key the web catalog lacks. */
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
  date: () => ({ key: 'dateInput.errors.date' }),
  time: () => ({ key: 'dateInput.errors.time' }),
};

/** A control's `server` error: as applyServerErrors() puts it, or plain text from older callers. */
function serverError(value: unknown): ShownError {
  if (value && typeof value === 'object' && 'text' in value) {
    const error = value as ServerFieldError;
    return { text: error.text, key: error.key, params: error.params };
  }
  return { text: String(value) };
}
/** Said before the others: text typed into a date or time input that is no date also leaves it "empty". */
const FIRST = ['date', 'time'];

/**
 * The message under a form field: the client's own check, or the API's field
 * error put on the control by applyServerErrors(). Shown once the field was
 * touched (unless `onLeave` is false) or the form submitted (`force`).
 */
@Component({
  selector: 'sb-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (words(); as words) {
      <p class="field-error" data-testid="field-error">{{ words }}</p>
    }
  `,
})
export class FieldErrorComponent {
  /** Give the element an `id` and point the input's aria-describedby at it. */
  readonly control = input.required<AbstractControl>();
  /** Show errors of untouched fields too (after a submit). */
  readonly force = input(false);
  /**
   * Show the error as soon as the field is left (touched). False: only with `force`, after a submit — for a
   * one-field step whose other buttons sit under the field: an error appearing as the field loses focus to such a
   * button moves the button from under the pointer between press and release, and the click is lost.
   */
  readonly onLeave = input(true);

  private readonly changes = signal(0);
  private readonly translate = inject(TranslateService);
  private readonly languages = inject(LanguageService);

  constructor() {
    effect((onCleanup) => {
      const subscription = this.control().events.subscribe(() => this.changes.update((n) => n + 1));
      onCleanup(() => subscription.unsubscribe());
    });
  }

  protected readonly error = computed<ShownError | null>(() => {
    this.changes();
    const control = this.control();
    if (!control.errors || !((this.onLeave() && control.touched) || this.force())) return null;
    const errors = Object.entries(control.errors);
    const [name, value] = errors.find(([key]) => FIRST.includes(key)) ?? errors[0];
    if (name === 'server') return serverError(value);
    // A validator of one form may name its own message: `{ name: { key, params? } }`.
    const own = value as { key?: unknown; params?: Record<string, unknown> } | null;
    if (!CLIENT_ERRORS[name] && own && typeof own === 'object' && typeof own.key === 'string') {
      return { key: own.key, params: own.params };
    }
    return CLIENT_ERRORS[name]?.(value as Record<string, unknown>) ?? { key: 'forms.errors.invalid' };
  });

  /**
   * Said at render time in the current language (never kept as text): a language switch re-says every
   * message, the client's and the API's, without the field being checked again.
   */
  protected readonly words = computed(() => {
    this.languages.current();
    const error = this.error();
    if (!error) return null;
    if (!error.key) return error.text ?? '';
    const words: unknown = this.translate.instant(error.key, error.params);
    // A key the catalog lacks comes back as itself: the API's own text is better than a key.
    return typeof words === 'string' && words !== error.key ? words : (error.text ?? error.key);
  });
}
