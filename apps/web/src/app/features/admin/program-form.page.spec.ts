import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Institution, Program } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { attendanceRuleFields, attendanceRuleOf, ProgramFormPage } from './program-form.page';

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

async function render(program: Program = PROGRAM) {
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
  backend.expectOne('/api/v1/programs/p1').flush(program);
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

describe('ProgramFormPage: attendance rule', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const RULED = { ...PROGRAM, attendanceRule: { minMinutesPresentRate: 0.725, graceMinutes: 15 } } as Program;

  async function renderRule(program: Program = RULED) {
    const rendered = await render(program);
    const { element, fixture } = rendered;
    const rate = element.querySelector('[data-testid="program-present-rate"]') as HTMLInputElement;
    const grace = element.querySelector('[data-testid="program-grace-minutes"]') as HTMLInputElement;
    const typeInto = async (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await settle(fixture);
    };
    const errorUnder = (id: string) =>
      element.querySelector(`#${id} [data-testid="field-error"]`)?.textContent?.trim() ?? null;
    return { ...rendered, rate, grace, typeInto, errorUnder };
  }

  it('shows the program’s rule as a percentage and minutes, beside the completion rule, with its hints', async () => {
    const { element, rate, grace } = await renderRule();
    expect(rate.value).toBe('72.5');
    expect(grace.value).toBe('15');
    expect(element.querySelector('label[for="p-present-rate"]')?.textContent?.trim()).toBe(
      'Present at (% of the session’s minutes)',
    );
    expect(element.querySelector('label[for="p-grace"]')?.textContent?.trim()).toBe('Late after (minutes)');
    expect(element.querySelector('#p-present-rate-hint')?.textContent).toContain('Meeting reports');
    expect(element.querySelector('#p-grace-hint')?.textContent).toContain('QR check-in');
    expect(rate.closest('fieldset')?.querySelector('legend')?.textContent?.trim()).toBe(
      'Attendance from meeting reports and QR check-in',
    );
  });

  it('shows the default rule for a program the API sent without one', async () => {
    const { rate, grace } = await renderRule(PROGRAM);
    expect(rate.value).toBe('80');
    expect(grace.value).toBe('10');
  });

  it('saves a changed rule as a rate from 0 to 1', async () => {
    const { backend, rate, grace, typeInto, save } = await renderRule();
    await typeInto(rate, '90');
    await typeInto(grace, '5');
    await save();
    const request = backend.expectOne('/api/v1/programs/p1');
    expect(request.request.body.attendanceRule).toEqual({ minMinutesPresentRate: 0.9, graceMinutes: 5 });
    request.flush(RULED);
  });

  it('takes 0–100 % with one decimal and 0–120 whole minutes, and says why not', async () => {
    const { backend, rate, grace, typeInto, save, errorUnder } = await renderRule();
    await typeInto(rate, '101');
    await typeInto(grace, '121');
    await save();
    expect(errorUnder('p-present-rate-error')).toBe('Must be at most 100.');
    expect(errorUnder('p-grace-error')).toBe('Must be at most 120.');
    await typeInto(rate, '-1');
    await typeInto(grace, '2.5');
    expect(errorUnder('p-present-rate-error')).toBe('Must be at least 0.');
    expect(errorUnder('p-grace-error')).toBe('Use a whole number.');
    await typeInto(rate, '72.55');
    await typeInto(grace, '');
    expect(errorUnder('p-present-rate-error')).toBe('Use at most 1 decimal places.');
    expect(errorUnder('p-grace-error')).toBe('Please fill this in.');
    await typeInto(rate, '');
    expect(errorUnder('p-present-rate-error')).toBe('Please fill this in.');
    backend.expectNone('/api/v1/programs/p1');
  });

  it('puts the API’s complaints about the rule under its fields', async () => {
    const { fixture, backend, save, errorUnder } = await renderRule();
    await save();
    backend.expectOne('/api/v1/programs/p1').flush(
      {
        type: '',
        title: '',
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'attendanceRule.minMinutesPresentRate', code: 'max', message: 'Rate too high.' },
          { field: 'attendanceRule.graceMinutes', code: 'max', message: 'Too many minutes.' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(errorUnder('p-present-rate-error')).toBe('Rate too high.');
    expect(errorUnder('p-grace-error')).toBe('Too many minutes.');
  });
});

describe('the attendance rule in the form', () => {
  it('turns percentages into rates of at most three decimals and back', () => {
    expect(attendanceRuleOf({ presentPercent: 72.5, graceMinutes: 10 })).toEqual({
      minMinutesPresentRate: 0.725,
      graceMinutes: 10,
    });
    expect(attendanceRuleOf({ presentPercent: '33.3', graceMinutes: '0' })).toEqual({
      minMinutesPresentRate: 0.333,
      graceMinutes: 0,
    });
    expect(attendanceRuleFields({ minMinutesPresentRate: 0.333, graceMinutes: 120 })).toEqual({
      presentPercent: 33.3,
      graceMinutes: 120,
    });
    expect(attendanceRuleFields(undefined)).toEqual({ presentPercent: 80, graceMinutes: 10 });
  });
});
