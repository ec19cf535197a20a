import { TestBed } from '@angular/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { FieldErrorComponent } from './field-error.component';
import { localizedTextForm, localizedTextValue } from './localized-text-input.component';
import { applyServerErrors, serverFieldError } from './server-errors';

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
        {
          field: 'email',
          code: 'IS_EMAIL',
          message: 'ต้องเป็นที่อยู่อีเมลที่ถูกต้อง',
          messageKey: 'validation.isEmail',
        },
        { field: 'name', code: 'IS_LOCALIZED_TEXT', message: 'x' },
        { field: 'role', code: 'UNKNOWN_FIELD', message: 'y' },
      ],
    });
    expect(form.controls.email.errors).toEqual({
      server: { key: 'validation.isEmail', text: 'ต้องเป็นที่อยู่อีเมลที่ถูกต้อง' },
    });
    expect(form.controls.name.errors).toEqual(expect.objectContaining({ server: { text: 'x' } }));
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

  it('says every message again in the new language after a switch, the API’s too, without a new check', async () => {
    TestBed.configureTestingModule({ imports: [HostComponent], providers: [provideTestTranslations()] });
    const languages = TestBed.inject(LanguageService);
    await languages.use('en');
    const fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.force.set(true);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const shown = () => element.textContent?.trim();
    expect(shown()).toBe('Please fill this in.');
    await languages.use('th');
    await fixture.whenStable();
    expect(shown()).toBe('กรุณากรอกข้อมูลนี้');

    // The API answered in Thai; the viewer then switches to Chinese, then Malay.
    fixture.componentInstance.form.controls.email.setValue('somchai@example.com');
    applyServerErrors(fixture.componentInstance.form, {
      type: '',
      title: '',
      status: 400,
      detail: '',
      code: 'VALIDATION_FAILED',
      errors: [
        {
          field: 'email',
          code: 'MAX_LENGTH',
          message: 'ต้องยาวไม่เกิน 254 ตัวอักษร',
          messageKey: 'validation.maxLength',
          params: { max: 254 },
        },
      ],
    });
    await fixture.whenStable();
    expect(shown()).toBe('ต้องยาวไม่เกิน 254 ตัวอักษร');
    await languages.use('zh');
    await fixture.whenStable();
    expect(shown()).toBe('长度不能超过 254 个字符。');
    await languages.use('ms');
    await fixture.whenStable();
    expect(shown()).toBe('Mestilah tidak melebihi 254 aksara.');
  });

  it('keeps the API’s own words for a key the web catalog lacks', async () => {
    TestBed.configureTestingModule({ imports: [HostComponent], providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).use('en');
    const fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.form.controls.email.setErrors({
      server: serverFieldError({
        field: 'email',
        code: 'NEW_RULE',
        message: 'A new rule.',
        messageKey: 'validation.newRule',
      }),
    });
    fixture.componentInstance.form.controls.email.markAsTouched();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toBe('A new rule.');
  });

  it('holds the API’s validation words in all four languages, as the API says them', () => {
    for (const locale of ['en', 'zh', 'th', 'ms']) {
      const api = JSON.parse(readFileSync(join(__dirname, `../../../../../api/src/i18n/${locale}.json`), 'utf8'));
      const web = JSON.parse(readFileSync(join(__dirname, `../../../../public/i18n/${locale}.json`), 'utf8'));
      expect({ locale, validation: web.validation }).toEqual({ locale, validation: api.validation });
    }
  });
});
