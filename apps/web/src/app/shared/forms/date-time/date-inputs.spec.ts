import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { provideTestTranslations } from '../../../../testing/translations';
import { LanguageService } from '../../../core/i18n/language.service';
import { FieldErrorComponent } from '../field-error.component';
import { DateInputComponent } from './date-input.component';
import { DateTimeInputComponent } from './date-time-input.component';
import { TimeInputComponent } from './time-input.component';

@Component({
  imports: [ReactiveFormsModule, DateInputComponent, TimeInputComponent, DateTimeInputComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form">
      <label for="start">Start</label>
      <sb-date-input inputId="start" testId="start" formControlName="start" describedBy="start-error" />
      <sb-field-error id="start-error" [control]="form.controls.start" [force]="true" />
      <sb-time-input inputId="from" testId="from" formControlName="from" />
      <sb-field-error id="from-error" [control]="form.controls.from" [force]="true" />
      <sb-date-time-input inputId="opens" testId="opens" formControlName="opens" />
      <sb-field-error id="opens-error" [control]="form.controls.opens" [force]="true" />
    </form>
  `,
})
class HostForm {
  readonly form = new FormGroup({
    start: new FormControl('2027-01-03', { nonNullable: true, validators: Validators.required }),
    from: new FormControl('09:00', { nonNullable: true, validators: Validators.required }),
    opens: new FormControl('', { nonNullable: true }),
  });
}

/** The dashboard's way: a value in, the committed day out, no form control. */
@Component({
  imports: [DateInputComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sb-date-input #from testId="from" [value]="day()" (valueChange)="said.push(from.value())" />`,
})
class HostValue {
  readonly day = signal('2027-01-03');
  readonly said: string[] = [];
}

async function render(locale: 'en' | 'zh' | 'th' | 'ms') {
  TestBed.configureTestingModule({ imports: [HostForm], providers: [provideTestTranslations()] });
  const languages = TestBed.inject(LanguageService);
  await languages.use(locale);
  const fixture = TestBed.createComponent(HostForm);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const field = (id: string) => element.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
  const type = async (id: string, text: string) => {
    field(id).value = text;
    field(id).dispatchEvent(new Event('input'));
    field(id).dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  };
  const errorOf = (id: string) =>
    element.querySelector(`#${id}-error [data-testid="field-error"]`)?.textContent?.trim() ?? null;
  return { fixture, form: fixture.componentInstance.form, languages, field, type, errorOf };
}

describe('the date and time inputs in a form', () => {
  it('show the form’s YYYY-MM-DD in Thai in the Buddhist era, and follow a language switch', async () => {
    const { fixture, field, languages } = await render('th');
    expect(field('start').value).toBe('3 ม.ค. 2570');
    expect(field('start').id).toBe('start');
    expect(field('start').getAttribute('aria-describedby')).toBe('start-error');
    await languages.use('ms');
    await fixture.whenStable();
    expect(field('start').value).toBe('3 Jan 2027');
  });

  it('give the form the day typed in Thai, Buddhist era and all', async () => {
    const { form, type, errorOf } = await render('th');
    await type('start', '15/2/2570');
    expect(form.controls.start.value).toBe('2027-02-15');
    expect(form.controls.start.valid).toBe(true);
    expect(errorOf('start')).toBeNull();
  });

  it('leave the value empty and say why when the text is no day', async () => {
    const { form, type, errorOf, field } = await render('en');
    await type('start', '31/2/2027');
    expect(form.controls.start.value).toBe('');
    expect(form.controls.start.hasError('date')).toBe(true);
    expect(form.valid).toBe(false);
    expect(errorOf('start')).toBe('Enter a day such as 3 Jan 2027 or 3/1/2027 (day first).');
    expect(field('start').getAttribute('aria-invalid')).toBe('true');
    await type('start', '');
    expect(form.controls.start.hasError('required')).toBe(true);
    expect(errorOf('start')).toBe('Please fill this in.');
  });

  it('show and take times on the 24-hour clock', async () => {
    const { form, type, errorOf, field } = await render('ms');
    expect(field('from').value).toBe('09:00');
    await type('from', '2.30 pm');
    expect(form.controls.from.value).toBe('14:30');
    await type('from', '25:00');
    expect(form.controls.from.value).toBe('');
    expect(form.controls.from.hasError('time')).toBe(true);
    expect(errorOf('from')).toBe('Masukkan masa dalam format 24 jam, seperti 14:30.');
  });

  it('join a day and a time into the YYYY-MM-DDTHH:mm a datetime-local input held, and want both', async () => {
    const { fixture, form, type, errorOf, field } = await render('zh');
    form.controls.opens.setValue('2027-01-03T09:30');
    await fixture.whenStable();
    expect(field('opens').value).toBe('2027年1月3日');
    expect(field('opens-time').value).toBe('09:30');
    expect(field('opens-time').getAttribute('aria-label')).toBe('时间');
    await type('opens', '2027/2/1');
    expect(form.controls.opens.value).toBe('2027-02-01T09:30');
    await type('opens-time', '');
    expect(form.controls.opens.value).toBe('');
    expect(errorOf('opens')).toBe('请按 24 小时制输入时间，例如 14:30。');
  });

  it('without a form control, take the page’s value and say the day once it is committed', async () => {
    TestBed.configureTestingModule({ imports: [HostValue], providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).use('en');
    const fixture = TestBed.createComponent(HostValue);
    await fixture.whenStable();
    const field = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="from"]') as HTMLInputElement;
    expect(field.value).toBe('3 Jan 2027');
    fixture.componentInstance.day.set('2027-02-01');
    await fixture.whenStable();
    expect(field.value).toBe('1 Feb 2027');
    field.value = '4/1/20';
    field.dispatchEvent(new Event('input'));
    field.value = '4/1/2027';
    field.dispatchEvent(new Event('input'));
    expect(fixture.componentInstance.said).toEqual([]);
    field.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(fixture.componentInstance.said).toEqual(['2027-01-04']);
  });
});
