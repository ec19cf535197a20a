import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LOGISTICS_NOTICE_VERSION, type EnrolmentLogistics, type Locale, type Program } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { EnrolmentLogisticsPage } from './enrolment-logistics.page';
import type { LogisticsArea } from './logistics-form';

const LOGISTICS: EnrolmentLogistics = {
  enrolmentId: 'e1',
  programId: 'p1',
  traineeId: 't1',
  settings: {
    collect: ['travel', 'passport', 'emergencyContact'],
    dueDate: '2027-02-15',
    arrivalPoints: ['Tongren Fenghuang Airport (TEN)', 'Tongren South Station'],
  },
  timeZone: 'Asia/Shanghai',
  consents: [],
  complete: false,
  missing: ['travel', 'passport', 'emergencyContact'],
  warnings: [],
};
const PROGRAM = {
  id: 'p1',
  code: 'TRPC-CAMP-2027',
  title: { en: 'Youth skills camp' },
  timezone: 'Asia/Shanghai',
} as Program;

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(
  logistics: EnrolmentLogistics = LOGISTICS,
  area: LogisticsArea = 'trainee',
  locale: Locale = 'en',
) {
  TestBed.configureTestingModule({
    imports: [EnrolmentLogisticsPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(EnrolmentLogisticsPage);
  fixture.componentRef.setInput('id', 'e1');
  fixture.componentRef.setInput('area', area);
  fixture.detectChanges();
  backend.expectOne('/api/v1/enrolments/e1/logistics').flush(logistics);
  await new Promise((resolve) => setTimeout(resolve));
  backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (id: string) => one(id)?.textContent?.replace(/\s+/g, ' ').trim();
  const type = (id: string, value: string) => {
    const input = one(id) as HTMLInputElement | HTMLSelectElement;
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    input.dispatchEvent(new Event('blur'));
  };
  const click = async (id: string) => {
    one(id)?.click();
    fixture.detectChanges();
    await settle(fixture);
  };
  return { fixture, backend, element, one, text, type, click };
}

describe('EnrolmentLogisticsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows only the sections the program collects, what is missing and by when', async () => {
    const { one, text, element } = await render();
    expect(one('logistics-travel')).not.toBeNull();
    expect(one('logistics-passport')).not.toBeNull();
    expect(one('logistics-contact')).not.toBeNull();
    expect(one('logistics-dietary')).toBeNull();
    expect(one('logistics-gender')).toBeNull();
    expect(
      [...element.querySelectorAll('[data-testid="logistics-missing"] li')].map((li) => li.textContent?.trim()),
    ).toEqual(['Travel', 'Passport', 'Emergency contact']);
    expect(text('logistics-due')).toBe('Please complete by Monday, February 15, 2027.');
    expect(text('logistics-program')).toBe('Youth skills camp');
    // The arrival points of the program are the choices.
    const options = [...(one('logistics-arrival-point') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['', 'Tongren Fenghuang Airport (TEN)', 'Tongren South Station']);
    expect(one('logistics-letter')).toBeNull();
  });

  it('keeps passport fields behind the consent, then sends the passport with the self-given consent only', async () => {
    const { one, type, click, backend, fixture } = await render();
    expect(one('logistics-passport-number')).toBeNull();
    expect(one('logistics-passport-consent')?.textContent).toContain('For your visa invitation letter');

    // Saving without consent asks for it and sends nothing.
    await click('logistics-passport-save');
    expect(one('logistics-passport')?.textContent).toContain('Tick the box to record the consent first.');

    await click('logistics-passport-agree');
    expect(one('logistics-passport-number')).not.toBeNull();
    type('logistics-passport-name', 'SOMSRI MEESUK');
    type('logistics-passport-number', 'AA1234567');
    type('logistics-passport-nationality', 'TH');
    fixture.componentInstance['passport'].patchValue({ dateOfBirth: '2001-02-03', expiresOn: '2031-01-01' });
    await click('logistics-passport-save');

    const request = backend.expectOne('/api/v1/enrolments/e1/logistics');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({
      passport: {
        number: 'AA1234567',
        fullNameAsInPassport: 'SOMSRI MEESUK',
        nationality: 'TH',
        dateOfBirth: '2001-02-03',
        expiresOn: '2031-01-01',
      },
      consents: [{ purpose: 'passport', noticeVersion: LOGISTICS_NOTICE_VERSION, collected: 'self' }],
    });
    request.flush({
      ...LOGISTICS,
      passport: request.request.body.passport,
      consents: [
        {
          purpose: 'passport',
          noticeVersion: LOGISTICS_NOTICE_VERSION,
          collected: 'self',
          givenAt: '',
          recordedBy: 't1',
        },
      ],
      missing: ['travel', 'emergencyContact'],
      warnings: ['PASSPORT_EXPIRES_SOON'],
    });
    await settle(fixture);
    fixture.detectChanges();
    expect(one('logistics-passport-status')?.textContent?.trim()).toBe('Saved.');
    expect(one('logistics-passport-consented')).not.toBeNull();
    expect(one('logistics-warning')?.dataset['warning']).toBe('PASSPORT_EXPIRES_SOON');
    expect(one('logistics-letter')).not.toBeNull();
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
  });

  it('records the consent as given on paper when staff fill the form in', async () => {
    const logistics = { ...LOGISTICS, settings: { ...LOGISTICS.settings, collect: ['dietary' as const] } };
    const { one, click, backend } = await render(logistics, 'partner');
    expect(one('logistics-dietary-consent')?.textContent).toContain('The person signed the consent on paper.');
    await click('logistics-dietary-agree');
    await click('logistics-need-halal');
    await click('logistics-need-other');
    await click('logistics-dietary-save');
    // "Other" needs its words.
    expect(one('logistics-dietary')?.textContent).toContain('Please fill this in.');
    (one('logistics-dietary-other') as HTMLInputElement).value = 'No seafood';
    one('logistics-dietary-other')?.dispatchEvent(new Event('input'));
    await click('logistics-dietary-save');
    const request = backend.expectOne('/api/v1/enrolments/e1/logistics');
    expect(request.request.body).toEqual({
      dietary: { needs: ['halal', 'other'], other: 'No seafood' },
      consents: [{ purpose: 'dietary', noticeVersion: LOGISTICS_NOTICE_VERSION, collected: 'paper' }],
    });
    request.flush({ ...logistics, dietary: request.request.body.dietary });
  });

  it('saves travel alone, the times read in the program zone, and puts API field errors beside the fields', async () => {
    const { one, type, click, backend, fixture } = await render();
    fixture.componentInstance['travel'].controls.arrival.patchValue({ at: '2027-03-01T23:30' });
    type('logistics-arrival-carrier', 'China Eastern');
    type('logistics-arrival-number', 'MU5431');
    type('logistics-arrival-point', 'Tongren Fenghuang Airport (TEN)');
    await click('logistics-travel-save');
    const request = backend.expectOne('/api/v1/enrolments/e1/logistics');
    expect(request.request.body).toEqual({
      arrival: {
        at: '2027-03-01T15:30:00.000Z',
        carrier: 'China Eastern',
        number: 'MU5431',
        point: 'Tongren Fenghuang Airport (TEN)',
      },
      departure: null,
    });
    request.flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: '',
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'arrival.number', message: 'Too long' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    fixture.detectChanges();
    expect(one('logistics-travel')?.textContent).toContain('Too long');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
  });

  it('checks the emergency phone is in international format before sending', async () => {
    const { one, type, click } = await render();
    type('logistics-contact-name', 'Malee Meesuk');
    type('logistics-contact-relationship', 'Mother');
    type('logistics-contact-phone', '081 234 5678');
    await click('logistics-contact-save');
    expect(one('logistics-contact')?.textContent).toContain('Enter the number in international format');
  });

  it('speaks Thai, with the room once assigned', async () => {
    const logistics: EnrolmentLogistics = {
      ...LOGISTICS,
      settings: { ...LOGISTICS.settings, collect: ['accommodation'] },
      room: { id: 'r1', name: 'Guest house 201' },
      complete: true,
      missing: [],
    };
    const { text, one } = await render(logistics, 'trainee', 'th');
    expect(text('logistics-complete')).toBe('ได้รับข้อมูลที่โครงการต้องการครบแล้ว ขอบคุณ!');
    expect(text('logistics-room')).toBe('ห้องพัก: Guest house 201');
    expect(one('logistics-gender')?.textContent).toContain('เพศสำหรับการจัดห้องพัก');
  });
});
