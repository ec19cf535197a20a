import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ViewEncapsulation,
  forwardRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  ControlValueAccessor,
  FormControl,
  NG_VALIDATORS,
  NG_VALUE_ACCESSOR,
  ReactiveFormsModule,
  ValidationErrors,
  Validator,
} from '@angular/forms';
import { DateAdapter } from '@angular/material/core';
import { MatTimepicker, MatTimepickerInput, MatTimepickerToggle } from '@angular/material/timepicker';
import { TranslatePipe } from '@ngx-translate/core';
import { isoTime, parseIsoTime } from './date-text';
import { LocaleDateAdapter, provideLocaleDateInputs } from './locale-date-adapter';
import { PICKER_STYLES } from './picker-styles';

/**
 * The one time input of the app: a 24-hour clock (`09:00`, `14:30`) whatever
 * the language or the browser, typed or picked from Material's list of times,
 * while the form keeps the `HH:mm` it always had. Typed text that is no time
 * leaves the value empty and sets the `time` error.
 *
 * `inputId`, `testId`, `describedBy` and `label` (an aria-label, where no
 * `<label for>` names the field) go to the text field itself.
 */
@Component({
  selector: 'sb-time-input',
  imports: [ReactiveFormsModule, TranslatePipe, MatTimepicker, MatTimepickerInput, MatTimepickerToggle],
  providers: [
    provideLocaleDateInputs(),
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => TimeInputComponent), multi: true },
    { provide: NG_VALIDATORS, useExisting: forwardRef(() => TimeInputComponent), multi: true },
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  styles: PICKER_STYLES,
  template: `
    <input
      type="text"
      inputmode="numeric"
      autocomplete="off"
      [id]="inputId()"
      [formControl]="picked"
      [matTimepicker]="picker"
      [matTimepickerOpenOnClick]="false"
      [attr.data-testid]="testId()"
      [attr.aria-label]="label() || null"
      [attr.aria-describedby]="describedBy()"
      [attr.aria-invalid]="invalid() || null"
      (blur)="touched()"
    />
    <mat-timepicker-toggle [for]="picker" [aria-label]="'dateInput.openTimes' | translate" />
    <mat-timepicker #picker [aria-label]="'dateInput.times' | translate" />
  `,
  host: { class: 'sb-picker-field' },
})
export class TimeInputComponent implements ControlValueAccessor, Validator {
  private readonly adapter = inject(DateAdapter) as LocaleDateAdapter;

  readonly inputId = input<string>();
  readonly testId = input<string>();
  readonly describedBy = input<string>();
  readonly label = input<string>();

  protected readonly invalid = signal(false);
  /** What Material's input holds: a Date whose time of day counts, null, or an invalid Date for bad text. */
  protected readonly picked = new FormControl<Date | null>(null);

  private onChange: (value: string) => void = () => undefined;
  private onTouched: () => void = () => undefined;
  private onValidatorChange: () => void = () => undefined;

  constructor() {
    const destroyed = inject(DestroyRef);
    this.picked.valueChanges.pipe(takeUntilDestroyed(destroyed)).subscribe((date) => {
      this.invalid.set(this.hasError());
      this.onChange(this.toIso(date));
    });
    // Material settles a typed value's validity a moment later; the page's form hears of it then.
    this.picked.statusChanges.pipe(takeUntilDestroyed(destroyed)).subscribe(() => {
      this.invalid.set(this.hasError());
      this.onValidatorChange();
    });
  }

  writeValue(value: string | null): void {
    const time = parseIsoTime(value);
    const date = time ? this.adapter.setTime(this.adapter.today(), time[0], time[1], 0) : null;
    this.picked.setValue(date, { emitEvent: false });
    this.invalid.set(false);
    this.onValidatorChange();
  }

  registerOnChange(fn: (value: string) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  registerOnValidatorChange(fn: () => void): void {
    this.onValidatorChange = fn;
  }

  setDisabledState(disabled: boolean): void {
    if (disabled) this.picked.disable({ emitEvent: false });
    else this.picked.enable({ emitEvent: false });
  }

  validate(_control: AbstractControl): ValidationErrors | null {
    return this.hasError() ? { time: true } : null;
  }

  protected touched(): void {
    this.onTouched();
  }

  private hasError(): boolean {
    const value = this.picked.value;
    return Boolean(this.picked.errors) || (value !== null && !this.adapter.isValid(value));
  }

  private toIso(date: Date | null): string {
    return date && this.adapter.isValid(date) ? isoTime(date.getHours(), date.getMinutes()) : '';
  }
}
