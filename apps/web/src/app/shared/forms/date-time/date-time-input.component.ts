import { ChangeDetectionStrategy, Component, DestroyRef, forwardRef, inject, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  ControlValueAccessor,
  FormControl,
  FormGroup,
  NG_VALIDATORS,
  NG_VALUE_ACCESSOR,
  ReactiveFormsModule,
  ValidationErrors,
  Validator,
} from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { DateInputComponent } from './date-input.component';
import { TimeInputComponent } from './time-input.component';

/**
 * A day and a time of day, for what a `datetime-local` input held: the date
 * input and the time input side by side, the value the same
 * `YYYY-MM-DDTHH:mm` (a wall time; the page says in which zone). Both parts
 * or neither: a day without a time sets `time`, a time without a day `date`.
 * `inputId` names the day's field (its `<label for>`); the time's field is
 * `inputId + '-time'`, labelled "Time".
 */
@Component({
  selector: 'sb-date-time-input',
  imports: [ReactiveFormsModule, TranslatePipe, DateInputComponent, TimeInputComponent],
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => DateTimeInputComponent), multi: true },
    { provide: NG_VALIDATORS, useExisting: forwardRef(() => DateTimeInputComponent), multi: true },
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <sb-date-input
      [formControl]="parts.controls.date"
      [inputId]="inputId()"
      [testId]="testId()"
      [describedBy]="describedBy()"
    />
    <sb-time-input
      [formControl]="parts.controls.time"
      [inputId]="inputId() ? inputId() + '-time' : undefined"
      [testId]="testId() ? testId() + '-time' : undefined"
      [describedBy]="describedBy()"
      [label]="'dateInput.time' | translate"
    />
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: 0.5rem;
    }
  `,
})
export class DateTimeInputComponent implements ControlValueAccessor, Validator {
  readonly inputId = input<string>();
  readonly testId = input<string>();
  readonly describedBy = input<string>();

  protected readonly parts = new FormGroup({
    date: new FormControl('', { nonNullable: true }),
    time: new FormControl('', { nonNullable: true }),
  });

  private onChange: (value: string) => void = () => undefined;
  private onTouched: () => void = () => undefined;
  private onValidatorChange: () => void = () => undefined;

  constructor() {
    const destroyed = inject(DestroyRef);
    this.parts.valueChanges.pipe(takeUntilDestroyed(destroyed)).subscribe(() => {
      const { date, time } = this.parts.getRawValue();
      this.onChange(date && time ? `${date}T${time}` : '');
    });
    this.parts.statusChanges.pipe(takeUntilDestroyed(destroyed)).subscribe(() => this.onValidatorChange());
    this.parts.events.pipe(takeUntilDestroyed(destroyed)).subscribe(() => {
      if (this.parts.touched) this.onTouched();
    });
  }

  writeValue(value: string | null): void {
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value ?? '');
    this.parts.setValue({ date: match?.[1] ?? '', time: match?.[2] ?? '' }, { emitEvent: false });
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
    if (disabled) this.parts.disable({ emitEvent: false });
    else this.parts.enable({ emitEvent: false });
  }

  validate(_control: AbstractControl): ValidationErrors | null {
    const { date, time } = this.parts.controls;
    if (date.errors) return { date: true };
    if (time.errors) return { time: true };
    if (date.value && !time.value) return { time: true };
    if (time.value && !date.value) return { date: true };
    return null;
  }
}
