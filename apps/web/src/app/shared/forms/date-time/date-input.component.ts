import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ViewEncapsulation,
  effect,
  forwardRef,
  inject,
  input,
  model,
  signal,
  untracked,
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
import { MatDatepicker, MatDatepickerInput, MatDatepickerToggle } from '@angular/material/datepicker';
import { isoDate, parseIsoDate } from './date-text';
import { LocaleDateAdapter, provideLocaleDateInputs } from './locale-date-adapter';
import { PICKER_STYLES } from './picker-styles';

/** Phones get the calendar as a centred dialog rather than a pop-up under the field. */
const narrowScreen = () => globalThis.matchMedia?.('(max-width: 599px)').matches ?? false;

/**
 * The one date input of the app: text in the viewer's language (`3 Jan 2027`,
 * `3 ม.ค. 2570`, `2027年1月3日`) with Material's calendar beside it, while
 * the form keeps the `YYYY-MM-DD` it always had. Use it with a form control
 * (`formControlName`) or with `[value]`/`(valueChange)` (said once the day is
 * committed — picked, or typed and left — not at each keystroke). Typed text that is no
 * day leaves the value empty and sets the `date` error.
 *
 * `inputId`, `testId` and `describedBy` go to the text field itself, so a
 * `<label for>` and the error's `aria-describedby` keep working.
 */
@Component({
  selector: 'sb-date-input',
  imports: [ReactiveFormsModule, MatDatepicker, MatDatepickerInput, MatDatepickerToggle],
  providers: [
    provideLocaleDateInputs(),
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => DateInputComponent), multi: true },
    { provide: NG_VALIDATORS, useExisting: forwardRef(() => DateInputComponent), multi: true },
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The Material tokens must reach the calendar, which opens at the end of <body>.
  encapsulation: ViewEncapsulation.None,
  styles: PICKER_STYLES,
  template: `
    <input
      type="text"
      autocomplete="off"
      [id]="inputId()"
      [formControl]="picked"
      [matDatepicker]="picker"
      [attr.data-testid]="testId()"
      [attr.aria-describedby]="describedBy()"
      [attr.aria-invalid]="invalid() || null"
      (blur)="touched()"
      (dateChange)="committed()"
    />
    <mat-datepicker-toggle [for]="picker" />
    <mat-datepicker #picker [touchUi]="touchUi" (closed)="touched()" />
  `,
  host: { class: 'sb-picker-field' },
})
export class DateInputComponent implements ControlValueAccessor, Validator {
  private readonly adapter = inject(DateAdapter) as LocaleDateAdapter;

  readonly inputId = input<string>();
  readonly testId = input<string>();
  readonly describedBy = input<string>();
  /** The day as `YYYY-MM-DD`, or '' — for use without a form control. */
  readonly value = model<string>('');

  protected readonly touchUi = narrowScreen();
  protected readonly invalid = signal(false);
  /** What Material's input holds: a local-midnight Date, null, or null with its parse error. */
  protected readonly picked = new FormControl<Date | null>(null);

  private onChange: (value: string) => void = () => undefined;
  private onTouched: () => void = () => undefined;
  private onValidatorChange: () => void = () => undefined;

  constructor() {
    const destroyed = inject(DestroyRef);
    this.picked.valueChanges.pipe(takeUntilDestroyed(destroyed)).subscribe((date) => {
      this.invalid.set(this.picked.invalid);
      this.onChange(this.toIso(date));
    });
    this.picked.statusChanges.pipe(takeUntilDestroyed(destroyed)).subscribe(() => {
      this.invalid.set(this.picked.invalid);
      this.onValidatorChange();
    });
    // `[value]` from the page: shown unless it is what the field already says.
    effect(() => {
      const value = this.value();
      untracked(() => {
        if (value !== this.toIso(this.picked.value)) this.show(value);
      });
    });
  }

  writeValue(value: string | null): void {
    this.show(value ?? '');
    this.value.set(value ?? '');
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

  /** `date` while the text is no day; the page's own validators say the rest (`required`). */
  validate(_control: AbstractControl): ValidationErrors | null {
    return this.picked.errors ? { date: true } : null;
  }

  protected committed(): void {
    this.value.set(this.toIso(this.picked.value));
  }

  protected touched(): void {
    this.onTouched();
  }

  private show(value: string): void {
    this.picked.setValue(this.toDate(value), { emitEvent: false });
    this.invalid.set(false);
  }

  private toDate(value: string | null | undefined): Date | null {
    const day = parseIsoDate(value);
    return day ? this.adapter.fromDay(day) : null;
  }

  private toIso(date: Date | null): string {
    return date && this.adapter.isValid(date) ? isoDate(this.adapter.toDay(date)) : '';
  }
}
