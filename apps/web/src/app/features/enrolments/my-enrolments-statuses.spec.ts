import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MyEnrolment } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { MyEnrolmentsComponent } from './my-enrolments.component';

const program = (id: string, code: string, status = 'published') => ({
  id,
  code,
  title: { en: `Program ${code}` },
  kind: 'camp',
  deliveryMode: 'onsite',
  startDate: '2027-07-05',
  endDate: '2027-07-11',
  status,
  timezone: 'Asia/Shanghai',
});
const NOMINATED = {
  id: 'e1',
  programId: 'p1',
  traineeId: 't1',
  status: 'nominated',
  createdAt: '2027-05-01T02:00:00Z',
  program: program('p1', 'CAMP'),
} as unknown as MyEnrolment;
const CANCELLED = {
  ...NOMINATED,
  id: 'e2',
  programId: 'p2',
  status: 'cancelled',
  program: program('p2', 'COURSE', 'cancelled'),
} as unknown as MyEnrolment;

async function render(locale: 'en' | 'th') {
  TestBed.configureTestingModule({
    imports: [MyEnrolmentsComponent],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(MyEnrolmentsComponent);
  fixture.detectChanges();
  backend
    .expectOne((r) => r.url === '/api/v1/me/enrolments')
    .flush({ items: [NOMINATED, CANCELLED], nextCursor: null });
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  };
  await settle();
  backend.expectOne('/api/v1/me/logistics').flush([]);
  // The organisers who decide on the nomination are named: the program's host.
  backend.expectOne('/api/v1/programs/p1').flush({ id: 'p1', hostInstitutionId: 'h1' });
  await settle();
  backend.expectOne('/api/v1/institutions/h1').flush({ id: 'h1', code: 'TRPC', name: { en: 'Tongren Polytechnic' } });
  await settle();
  const element = fixture.nativeElement as HTMLElement;
  const card = (code: string) => element.querySelector<HTMLElement>(`[data-program-code="${code}"]`) as HTMLElement;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  return { card, text };
}

describe('My programs: nominated and cancelled', () => {
  // A whole page with its requests: more than jest's 5 s when other builds share the machine.
  jest.setTimeout(30_000);
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says the partner nominated the trainee and the host decides, and that a program was cancelled', async () => {
    const { card, text } = await render('en');
    expect(text(card('CAMP').querySelector('[data-testid="enrolment-status"]'))).toBe('Nominated, awaiting the host');
    expect(text(card('CAMP').querySelector('[data-testid="my-enrolment-explainer"]'))).toBe(
      'Your partner institution nominated you; the organisers at Tongren Polytechnic decide.',
    );
    // A nomination may still be withdrawn; a cancelled program's enrolment may not.
    expect(card('CAMP').querySelector('[data-testid="withdraw"]')).not.toBeNull();
    expect(text(card('COURSE').querySelector('[data-testid="enrolment-status"]'))).toBe('Program cancelled');
    expect(text(card('COURSE').querySelector('[data-testid="my-enrolment-explainer"]'))).toBe(
      'The program was cancelled.',
    );
    expect(card('COURSE').querySelector('[data-testid="withdraw"]')).toBeNull();
  });

  it('speaks Thai', async () => {
    const { card, text } = await render('th');
    expect(text(card('CAMP').querySelector('[data-testid="my-enrolment-explainer"]'))).toBe(
      'สถาบันพันธมิตรของคุณเสนอชื่อคุณแล้ว ผู้จัดที่ Tongren Polytechnic จะเป็นผู้ตัดสิน',
    );
    expect(text(card('COURSE').querySelector('[data-testid="my-enrolment-explainer"]'))).toBe('โครงการถูกยกเลิกแล้ว');
  });
});
