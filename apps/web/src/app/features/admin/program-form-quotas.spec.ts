import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Institution, Program } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ProgramFormPage } from './program-form.page';

const HOST = { id: 'h1', code: 'TRPC', kind: 'host', name: { en: 'Tongren Polytechnic College' } } as Institution;
const RMUTT = { id: 'i-rmutt', code: 'RMUTT', kind: 'partner', name: { en: 'RMUTT', th: 'มทร.ธัญบุรี' } } as Institution;
const SPU = { id: 'i-spu', code: 'SPU', kind: 'partner', name: { en: 'Sripatum University' } } as Institution;
const UTM = { id: 'i-utm', code: 'UTM', kind: 'partner', name: { en: 'Universiti Teknologi Malaysia' } } as Institution;
const PROGRAM = {
  id: 'p1',
  code: 'TRPC-TH-2027-07',
  kind: 'camp',
  title: { en: 'Cross-border e-commerce camp' },
  deliveryMode: 'onsite',
  timezone: 'Asia/Shanghai',
  startDate: '2027-07-05',
  endDate: '2027-07-11',
  capacity: 40,
  hostInstitutionId: 'h1',
  partnerInstitutionIds: ['i-rmutt', 'i-spu'],
  completionRule: { minAttendanceRate: 0.8 },
  status: 'published',
  partnerQuotas: [{ institutionId: 'i-rmutt', seats: 15 }],
  hostReview: true,
} as unknown as Program;

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(program: Program = PROGRAM, language: 'en' | 'th' = 'en') {
  TestBed.configureTestingModule({
    imports: [ProgramFormPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(language);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ProgramFormPage);
  fixture.componentRef.setInput('id', 'p1');
  fixture.detectChanges();
  backend
    .expectOne((r) => r.url === '/api/v1/institutions')
    .flush({ items: [HOST, RMUTT, SPU, UTM], nextCursor: null });
  backend.expectOne('/api/v1/programs/p1').flush(program);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const all = <T extends HTMLElement = HTMLElement>(id: string) => [
    ...element.querySelectorAll<T>(`[data-testid="${id}"]`),
  ];
  const one = <T extends HTMLElement = HTMLElement>(id: string) => all<T>(id)[0];
  const typeInto = async (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle(fixture);
  };
  const choose = async (select: HTMLSelectElement, value: string) => {
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await settle(fixture);
  };
  const click = async (id: string, index = 0) => {
    all(id)[index].click();
    await settle(fixture);
  };
  const save = () => click('program-save');
  const errorUnder = (id: string) =>
    element.querySelector(`#${id} [data-testid="field-error"]`)?.textContent?.trim() ?? null;
  const total = () => one('quota-total').textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, backend, element, all, one, typeInto, choose, click, save, errorUnder, total };
}

describe('ProgramFormPage: partner quotas and host review', () => {
  // A whole page with its requests: more than jest's 5 s when other builds share the machine.
  jest.setTimeout(30_000);
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the program’s quotas and host review, the sum against the capacity and the open seats', async () => {
    const { all, one, total } = await render();
    expect(all('quota-row')).toHaveLength(1);
    expect(one<HTMLSelectElement>('quota-institution').value).toBe('i-rmutt');
    expect(one<HTMLInputElement>('quota-seats').value).toBe('15');
    expect(total()).toBe('Kept for partners: 15 of 40 seats · 25 open to everyone else');
    expect(one<HTMLInputElement>('program-host-review').checked).toBe(true);
    expect(one('program-host-review').getAttribute('role')).toBe('switch');
    expect(one('program-host-review').closest('label')?.textContent).toContain('Host reviews each nomination');
  });

  it('offers only the program’s partner institutions while it names some, and every partner otherwise', async () => {
    const { fixture, one } = await render();
    const names = () => [...one<HTMLSelectElement>('quota-institution').options].map((o) => o.textContent?.trim());
    expect(names()).toEqual(['— Choose —', 'RMUTT', 'Sripatum University']);
    // Unticking every partner opens the quotas to every partner institution.
    for (const code of ['RMUTT', 'SPU']) {
      (fixture.nativeElement as HTMLElement)
        .querySelector<HTMLInputElement>(`[data-testid="partner-${code}"]`)!
        .click();
    }
    await settle(fixture);
    expect(names()).toEqual(['— Choose —', 'RMUTT', 'Sripatum University', 'Universiti Teknologi Malaysia']);
  });

  it('adds and removes rows, keeps the sum in step, and saves the quotas and the switch', async () => {
    const { backend, all, one, click, choose, typeInto, total, save } = await render();
    await click('quota-add');
    expect(all('quota-row')).toHaveLength(2);
    // One quota per institution: the one the first row names cannot be chosen again.
    const second = all<HTMLSelectElement>('quota-institution')[1];
    expect([...second.options].find((o) => o.value === 'i-rmutt')?.disabled).toBe(true);
    await choose(second, 'i-spu');
    await typeInto(all<HTMLInputElement>('quota-seats')[1], '10');
    expect(total()).toBe('Kept for partners: 25 of 40 seats · 15 open to everyone else');
    await typeInto(all<HTMLInputElement>('quota-seats')[1], '30');
    expect(total()).toBe('Kept for partners: 45 of 40 seats · more than the capacity');
    await click('quota-remove', 0);
    expect(all('quota-row')).toHaveLength(1);
    expect(total()).toBe('Kept for partners: 30 of 40 seats · 10 open to everyone else');
    one<HTMLInputElement>('program-host-review').click();
    await save();
    const request = backend.expectOne('/api/v1/programs/p1');
    expect(request.request.body.partnerQuotas).toEqual([{ institutionId: 'i-spu', seats: 30 }]);
    expect(request.request.body.hostReview).toBe(false);
    request.flush({ ...PROGRAM, partnerQuotas: [{ institutionId: 'i-spu', seats: 30 }], hostReview: false });
  });

  it('asks for an institution and a number of seats in a new row before sending', async () => {
    const { backend, click, save, errorUnder } = await render();
    await click('quota-add');
    await save();
    expect(errorUnder('p-quota-1-institution-error')).toBe('Please fill this in.');
    expect(errorUnder('p-quota-1-seats-error')).toBe('Please fill this in.');
    backend.expectNone('/api/v1/programs/p1');
  });

  it('puts the API’s quota problems at their inputs, in the viewer’s language, and sends again once mended', async () => {
    const { fixture, backend, element, all, typeInto, save, errorUnder } = await render(PROGRAM, 'th');
    await save();
    backend.expectOne('/api/v1/programs/p1').flush(
      {
        type: '',
        title: '',
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [
          {
            field: 'partnerQuotas',
            code: 'QUOTA_SUM_EXCEEDS_CAPACITY',
            message: "The partners' quotas add up to 45, more than the capacity of 40.",
            messageKey: 'validation.quotaSumExceedsCapacity',
            params: { sum: 45, capacity: 40 },
          },
          {
            field: 'partnerQuotas[0].institutionId',
            code: 'QUOTA_NOT_PARTNER',
            message: "This institution is not one of the program's partner institutions.",
            messageKey: 'validation.quotaNotPartner',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(element.querySelector('[data-testid="quota-error"]')?.textContent?.trim()).toBe(
      'โควตาของสถาบันพันธมิตรรวมกันได้ 45 ซึ่งมากกว่าจำนวนที่นั่ง 40',
    );
    expect(errorUnder('p-quota-0-institution-error')).toBe('สถาบันนี้ไม่ใช่สถาบันพันธมิตรของโครงการ');

    // The same words follow a language switch.
    await TestBed.inject(LanguageService).use('en');
    await settle(fixture);
    expect(errorUnder('p-quota-0-institution-error')).toBe(
      "This institution is not one of the program's partner institutions.",
    );

    // A quota below the people already confirmed: a 409 naming the row's seats.
    await typeInto(all<HTMLInputElement>('quota-seats')[0], '2');
    await save();
    backend.expectOne('/api/v1/programs/p1').flush(
      {
        type: '',
        title: '',
        status: 409,
        code: 'QUOTA_BELOW_CONFIRMED',
        errors: [
          {
            field: 'partnerQuotas[0].seats',
            code: 'QUOTA_BELOW_CONFIRMED',
            message: '3 people of this institution are already confirmed; its quota cannot be lower.',
            messageKey: 'errors.QUOTA_BELOW_CONFIRMED.detail',
            params: { confirmed: 3 },
          },
        ],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(errorUnder('p-quota-0-seats-error')).toBe(
      'More people of this institution are already confirmed than this quota.',
    );
    expect(element.querySelector('[data-testid="form-error"]')?.textContent?.trim()).toBe(
      'More people of this institution are already confirmed than this quota.',
    );
    await typeInto(all<HTMLInputElement>('quota-seats')[0], '3');
    await save();
    backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
    await settle(fixture);
    expect(errorUnder('p-quota-0-seats-error')).toBeNull();
  });
});
