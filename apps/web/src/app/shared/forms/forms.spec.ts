import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { FieldErrorComponent } from './field-error.component';
import { localizedTextForm, localizedTextValue } from './localized-text-input.component';
import { applyServerErrors } from './server-errors';

@Component({
  selector: 'sb-test-host',
  imports: [FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sb-field-error [control]="form.controls.email" [force]="force()" />`,
})
class HostComponent {
  readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  readonly force = signal(false);
}

describe('form helpers', () => {
  it('puts API field errors on the matching controls and returns the rest', () => {
    const form = new FormGroup({ email: new FormControl(''), name: localizedTextForm() });
    const unmatched = applyServerErrors(form, {
      type: '',
      title: '',
      status: 400,
      detail: '',
      code: 'VALIDATION_FAILED',
      errors: [
        { field: 'email', code: 'IS_EMAIL', message: 'ต้องเป็นที่อยู่อีเมลที่ถูกต้อง' },
        { field: 'name', code: 'IS_LOCALIZED_TEXT', message: 'x' },
        { field: 'role', code: 'UNKNOWN_FIELD', message: 'y' },
      ],
    });
    expect(form.controls.email.errors).toEqual({ server: 'ต้องเป็นที่อยู่อีเมลที่ถูกต้อง' });
    expect(form.controls.name.errors).toEqual(expect.objectContaining({ server: 'x' }));
    expect(unmatched.map((e) => e.field)).toEqual(['role']);
  });

  it('requires one language of a localized text and sends only the filled ones', () => {
    const form = localizedTextForm({ th: '  ' });
    expect(form.errors).toEqual({ localizedText: true });
    form.controls.zh.setValue(' 茶文化 ');
    expect(form.valid).toBe(true);
    expect(localizedTextValue(form)).toEqual({ zh: '茶文化' });
  });

  it('shows the client message in the current language, and the server’s own words', async () => {
    TestBed.configureTestingModule({ imports: [HostComponent], providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).use('ms');
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent?.trim()).toBe('');

    fixture.componentInstance.force.set(true);
    await fixture.whenStable();
    expect(element.textContent?.trim()).toBe('Sila isi ruangan ini.');

    fixture.componentInstance.form.controls.email.setErrors({ server: 'Mestilah alamat e-mel yang sah.' });
    await fixture.whenStable();
    expect(element.textContent?.trim()).toBe('Mestilah alamat e-mel yang sah.');
  });
});
