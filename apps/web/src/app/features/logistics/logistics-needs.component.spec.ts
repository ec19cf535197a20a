import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MyEnrolment } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { MyEnrolmentsComponent } from '../enrolments/my-enrolments.component';

const ENROLMENT = {
  id: 'e1',
  programId: 'p1',
  traineeId: 't1',
  status: 'confirmed',
  createdAt: '2027-01-05T02:00:00Z',
  program: {
    id: 'p1',
    code: 'TRPC-CAMP-2027',
    title: { en: 'Youth skills camp' },
    kind: 'camp',
    deliveryMode: 'onsite',
    startDate: '2027-03-02',
    endDate: '2027-03-08',
    status: 'published',
    timezone: 'Asia/Shanghai',
  },
} as unknown as MyEnrolment;
const OTHER = {
  ...ENROLMENT,
  id: 'e2',
  program: { ...ENROLMENT.program, id: 'p2', code: 'TRPC-ONLINE' },
} as MyEnrolment;

async function render(locale: 'en' | 'th') {
  TestBed.configureTestingModule({
    imports: [MyEnrolmentsComponent],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(MyEnrolmentsComponent);
  fixture.detectChanges();
  backend.expectOne((r) => r.url === '/api/v1/me/enrolments').flush({ items: [ENROLMENT, OTHER], nextCursor: null });
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  // One request for the whole list, whatever the number of cards.
  backend
    .expectOne('/api/v1/me/logistics')
    .flush([
      { enrolmentId: 'e1', programId: 'p1', missing: ['passport', 'travel'], complete: false, dueDate: '2027-02-15' },
    ]);
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const card = (code: string) => element.querySelector<HTMLElement>(`[data-program-code="${code}"]`) as HTMLElement;
  return { card };
}

describe('What My programs says is still needed', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the missing items of a camp in order, with the due date and the way to the form', async () => {
    const { card } = await render('en');
    const needs = card('TRPC-CAMP-2027').querySelector<HTMLElement>('[data-testid="logistics-needs"]');
    expect(needs?.textContent?.replace(/\s+/g, ' ')).toContain('2 item(s) needed for travel and stay by Feb 15, 2027');
    expect([...(needs?.querySelectorAll('li') ?? [])].map((li) => li.dataset['item'])).toEqual(['travel', 'passport']);
    const link = needs?.querySelector<HTMLAnchorElement>('[data-testid="logistics-needs-link"]');
    expect(link?.getAttribute('href')).toBe('/my/logistics/e1');
    expect(link?.textContent?.trim()).toBe('Fill in travel and stay details');
    // A program that collects nothing shows nothing.
    expect(card('TRPC-ONLINE').querySelector('[data-testid="logistics-needs"]')).toBeNull();
  });

  it('speaks Thai', async () => {
    const { card } = await render('th');
    const needs = card('TRPC-CAMP-2027').querySelector<HTMLElement>('[data-testid="logistics-needs"]');
    expect(needs?.textContent).toContain('ยังขาดข้อมูลการเดินทางและที่พัก 2 รายการ');
    expect(needs?.textContent).toContain('หนังสือเดินทาง');
  });
});
