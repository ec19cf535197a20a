import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Institution, Program } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ProgramFormPage } from './program-form.page';

const HOST = { id: 'h1', code: 'TRPC', kind: 'host', name: { en: 'Tongren Polytechnic College' } } as Institution;
const PROGRAM = {
  id: 'p1',
  code: 'TRPC-TH-2026-03',
  kind: 'camp',
  title: { en: 'Smart agriculture camp' },
  deliveryMode: 'onsite',
  timezone: 'Asia/Shanghai',
  startDate: '2026-03-02',
  endDate: '2026-03-06',
  capacity: 30,
  hostInstitutionId: 'h1',
  partnerInstitutionIds: [],
  completionRule: { minAttendanceRate: 0.8, certificateValidityMonths: 24 },
  status: 'published',
} as unknown as Program;

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render() {
  TestBed.configureTestingModule({
    imports: [ProgramFormPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ProgramFormPage);
  fixture.componentRef.setInput('id', 'p1');
  fixture.detectChanges();
  backend.expectOne((r) => r.url === '/api/v1/institutions').flush({ items: [HOST], nextCursor: null });
  backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const validity = element.querySelector('[data-testid="program-certificate-validity"]') as HTMLInputElement;
  const type = async (value: string) => {
    validity.value = value;
    validity.dispatchEvent(new Event('input'));
    await settle(fixture);
  };
  const save = async () => {
    (element.querySelector('[data-testid="program-save"]') as HTMLButtonElement).click();
    await settle(fixture);
  };
  const errorOf = () =>
    element.querySelector('#p-validity-error [data-testid="field-error"]')?.textContent?.trim() ?? null;
  return { fixture, backend, element, validity, type, save, errorOf };
}

describe('ProgramFormPage: certificate validity', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the program’s validity period in the completion section and saves a change', async () => {
    const { backend, element, validity, type, save } = await render();
    expect(validity.value).toBe('24');
    expect(validity.closest('fieldset')?.querySelector('legend')?.textContent?.trim()).toBe(
      'Completion and certificates',
    );
    expect(element.querySelector('label[for="p-validity"]')?.textContent?.trim()).toBe(
      'Certificates valid for (months)',
    );
    await type('36');
    await save();
    const request = backend.expectOne('/api/v1/programs/p1');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body.completionRule).toEqual({ minAttendanceRate: 0.8, certificateValidityMonths: 36 });
    request.flush(PROGRAM);
  });

  it('removes the validity period when the field is emptied', async () => {
    const { backend, type, save } = await render();
    await type('');
    await save();
    const request = backend.expectOne('/api/v1/programs/p1');
    expect(request.request.body.completionRule).toEqual({ minAttendanceRate: 0.8 });
    request.flush(PROGRAM);
  });

  it('takes whole months from 1 to 240 only', async () => {
    const { backend, type, save, errorOf } = await render();
    await type('1.5');
    await save();
    expect(errorOf()).toBe('Use a whole number.');
    await type('0');
    expect(errorOf()).toBe('Must be at least 1.');
    await type('241');
    expect(errorOf()).toBe('Must be at most 240.');
    backend.expectNone('/api/v1/programs/p1');
  });

  it('puts the API’s complaint about the field under it', async () => {
    const { fixture, backend, type, save, errorOf } = await render();
    await type('12');
    await save();
    backend.expectOne('/api/v1/programs/p1').flush(
      {
        type: '',
        title: '',
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'completionRule.certificateValidityMonths', code: 'max', message: 'Too long a validity.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(errorOf()).toBe('Too long a validity.');
  });
});
